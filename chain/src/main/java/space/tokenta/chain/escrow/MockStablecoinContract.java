package space.tokenta.chain.escrow;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Typed calls to a {@code MockStablecoin} (6 decimals; its deployer mints) on a local chain. */
public final class MockStablecoinContract {
    public static final ContractArtifact ARTIFACT = ContractArtifact.load("MockStablecoin");
    public static final int DECIMALS = 6;

    private final EvmSender sender;
    private final String address;

    public MockStablecoinContract(EvmSender sender, String address) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.address = EvmHex.address(address);
    }

    public static MockStablecoinContract deploy(EvmSender sender, String name, String symbol) {
        String args = FunctionEncoder.encodeConstructor(List.of(new Utf8String(name), new Utf8String(symbol)));
        TransactionReceipt receipt = sender.send(null, ARTIFACT.bytecode() + args);
        return new MockStablecoinContract(sender, receipt.getContractAddress());
    }

    public MockStablecoinContract as(EvmSender other) {
        return new MockStablecoinContract(other, address);
    }

    public String address() {
        return address;
    }

    public TransactionReceipt mint(String to, BigInteger amount) {
        return send("mint(address,uint256)", new Address(to), new Uint256(amount));
    }

    public TransactionReceipt approve(String spender, BigInteger amount) {
        return send("approve(address,uint256)", new Address(spender), new Uint256(amount));
    }

    public TransactionReceipt transfer(String to, BigInteger amount) {
        return send("transfer(address,uint256)", new Address(to), new Uint256(amount));
    }

    public BigInteger balanceOf(String account) {
        String result = sender.call(address,
                TokentaEscrowContract.encode("balanceOf(address)", List.of(new Address(account))));
        return new AbiWords(result).uint(0);
    }

    private TransactionReceipt send(String signature, Type... params) {
        return sender.send(address, TokentaEscrowContract.encode(signature, List.of(params)));
    }
}
