package space.tokenta.chain.escrow;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Typed calls to one deployed {@code TokentaEscrow}, sent by one account. Transactions return their
 * receipt (decode its logs with {@link EscrowEventDecoder}); a revert throws
 * {@link ContractCallException} naming the contract's custom error, before any gas is spent.
 */
public final class TokentaEscrowContract {
    public static final ContractArtifact ARTIFACT = ContractArtifact.load("TokentaEscrow");

    private static final String VERDICT_TUPLE = "(bytes32,bytes32,uint8,uint8,uint16,uint64,uint64)";
    private static final String TERMS_TUPLE = "(bytes32,address,address,address,uint256,uint64,uint64,uint64)";

    private final EvmSender sender;
    private final String address;

    /** Binds to an escrow already deployed at {@code address}. */
    public TokentaEscrowContract(EvmSender sender, String address) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.address = EvmHex.address(address);
    }

    /** Constructor arguments of a deployment. */
    public record Deployment(
            List<String> owners,
            int ownerThreshold,
            String operator,
            String feeRecipient,
            int feeBps,
            List<String> attestors,
            int quorum) {

        public Deployment {
            owners = List.copyOf(owners);
            attestors = List.copyOf(attestors);
        }
    }

    /** Deploys a new escrow from {@code sender}'s account. */
    public static TokentaEscrowContract deploy(EvmSender sender, Deployment d) {
        String args = FunctionEncoder.encodeConstructor(List.of(
                addresses(d.owners()),
                new Uint256(d.ownerThreshold()),
                new Address(d.operator()),
                new Address(d.feeRecipient()),
                new Uint16(d.feeBps()),
                addresses(d.attestors()),
                new Uint256(d.quorum())));
        TransactionReceipt receipt = sender.send(null, ARTIFACT.bytecode() + args);
        return new TokentaEscrowContract(sender, receipt.getContractAddress());
    }

    private static DynamicArray<Address> addresses(List<String> list) {
        List<Address> converted = new ArrayList<>(list.size());
        for (String a : list) {
            converted.add(new Address(EvmHex.address(a)));
        }
        return new DynamicArray<>(Address.class, converted);
    }

    /** The same escrow, called by another account. */
    public TokentaEscrowContract as(EvmSender other) {
        return new TokentaEscrowContract(other, address);
    }

    public String address() {
        return address;
    }

    // ------------------------------------------------------------------ transactions

    public TransactionReceipt deposit(String token, BigInteger amount) {
        return send("deposit(address,uint256)", new Address(token), new Uint256(amount));
    }

    public TransactionReceipt withdraw(String token, BigInteger amount) {
        return send("withdraw(address,uint256)", new Address(token), new Uint256(amount));
    }

    /** Operator only: opens {@code terms} with the buyer's 65-byte EIP-712 signature of them. */
    public TransactionReceipt open(DealTerms terms, byte[] buyerSignature) {
        List<Type> params = new ArrayList<>(termsWords(terms));
        params.add(new DynamicBytes(buyerSignature));
        return sendFlat("open(" + TERMS_TUPLE + ",bytes)", params);
    }

    /** Releases on a PASS verdict; {@code signatures} as {@link QuorumSignatures#signSorted} packs them. */
    public TransactionReceipt release(DeliveryVerdict verdict, byte[] signatures) {
        return sendFlat("release(" + VERDICT_TUPLE + ",bytes)", verdictWithSignatures(verdict, signatures));
    }

    /** Refunds on a FAIL verdict signed by a quorum. */
    public TransactionReceipt refund(DeliveryVerdict verdict, byte[] signatures) {
        return sendFlat("refund(" + VERDICT_TUPLE + ",bytes)", verdictWithSignatures(verdict, signatures));
    }

    public TransactionReceipt refundExpired(byte[] dealId) {
        return send("refundExpired(bytes32)", new Bytes32(dealId));
    }

    public TransactionReceipt dispute(byte[] dealId) {
        return send("dispute(bytes32)", new Bytes32(dealId));
    }

    public TransactionReceipt pause() {
        return send("pause()");
    }

    public TransactionReceipt propose(GovernanceAction action, String target, BigInteger value) {
        return send("propose(uint8,address,uint256)", new Uint8(action.ordinal()), new Address(target),
                new Uint256(value));
    }

    public TransactionReceipt confirm(BigInteger proposalId) {
        return send("confirm(uint256)", new Uint256(proposalId));
    }

    public TransactionReceipt revoke(BigInteger proposalId) {
        return send("revoke(uint256)", new Uint256(proposalId));
    }

    public TransactionReceipt execute(BigInteger proposalId) {
        return send("execute(uint256)", new Uint256(proposalId));
    }

    // ------------------------------------------------------------------ views

    public BigInteger balanceOf(String token, String account) {
        return word("balanceOf(address,address)", new Address(token), new Address(account)).uint(0);
    }

    public BigInteger lockedOf(String token) {
        return word("lockedOf(address)", new Address(token)).uint(0);
    }

    public DealView getDeal(byte[] dealId) {
        return DealView.decode(call("getDeal(bytes32)", List.of(new Bytes32(dealId))));
    }

    /** The contract's EIP-712 digest of {@code verdict} (compare with {@link EscrowTypedData}). */
    public byte[] hashVerdict(DeliveryVerdict verdict) {
        return new AbiWords(call("hashVerdict(" + VERDICT_TUPLE + ")", verdictWords(verdict))).bytes32(0);
    }

    public byte[] hashDealAuthorization(DealTerms terms) {
        return new AbiWords(call("hashDealAuthorization(" + TERMS_TUPLE + ")", termsWords(terms))).bytes32(0);
    }

    public byte[] domainSeparator() {
        return word("domainSeparator()").bytes32(0);
    }

    public int quorum() {
        return word("quorum()").small(0);
    }

    public int attestorCount() {
        return word("attestorCount()").small(0);
    }

    public boolean isAttestor(String account) {
        return word("isAttestor(address)", new Address(account)).bool(0);
    }

    public String operator() {
        return word("operator()").address(0);
    }

    public int feeBps() {
        return word("feeBps()").small(0);
    }

    public boolean paused() {
        return word("paused()").bool(0);
    }

    public BigInteger proposalCount() {
        return word("proposalCount()").uint(0);
    }

    // ------------------------------------------------------------------ encoding

    private static List<Type> verdictWords(DeliveryVerdict v) {
        return List.of(new Bytes32(v.dealId()), new Bytes32(v.evidenceDigest()), new Uint8(v.stageMask()),
                new Uint8(v.verdict()), new Uint16(v.scoreBps()), new Uint64(v.issuedAtSec()),
                new Uint64(v.expiresAtSec()));
    }

    private static List<Type> verdictWithSignatures(DeliveryVerdict verdict, byte[] signatures) {
        if (signatures.length % QuorumSignatures.SIGNATURE_LENGTH != 0) {
            throw new IllegalArgumentException("signatures must be whole 65-byte signatures");
        }
        List<Type> params = new ArrayList<>(verdictWords(verdict));
        params.add(new DynamicBytes(signatures));
        return params;
    }

    private static List<Type> termsWords(DealTerms t) {
        return List.of(new Bytes32(t.dealId()), new Address(t.buyer()), new Address(t.seller()),
                new Address(t.token()), new Uint256(t.amount()), new Uint64(t.releaseAfterSec()),
                new Uint64(t.expiresAtSec()), new Uint64(t.authDeadlineSec()));
    }

    /**
     * ABI data for {@code signature}: a static tuple argument encodes exactly as its fields in
     * place, so tuple fields are passed flat.
     */
    static String encode(String signature, List<Type> flatParams) {
        byte[] hash = Hash.sha3(signature.getBytes(StandardCharsets.UTF_8));
        return EvmHex.of(Arrays.copyOf(hash, 4)) + FunctionEncoder.encodeConstructor(flatParams);
    }

    private TransactionReceipt send(String signature, Type... params) {
        return sendFlat(signature, List.of(params));
    }

    private TransactionReceipt sendFlat(String signature, List<Type> params) {
        return sender.send(address, encode(signature, params));
    }

    private String call(String signature, List<Type> params) {
        return sender.call(address, encode(signature, params));
    }

    private AbiWords word(String signature, Type... params) {
        return new AbiWords(call(signature, List.of(params)));
    }
}
