package space.tokenta.chain.tron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.tron.trident.abi.FunctionEncoder;
import org.tron.trident.core.key.KeyPair;

class TronAddressTest {
    // Vectors computed independently (base58 of 0x41-prefixed body + double-SHA-256 checksum).
    static final String USDT_BASE58 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    static final String USDT_HEX41 = "41a614f803b6fd780986a42c78ec9c7f77e6ded13c";
    static final String USDT_EVM = "0xa614f803b6fd780986a42c78ec9c7f77e6ded13c";

    @Test
    void usdtContractInAllThreeSpellings() {
        final TronAddress a = TronAddress.parse(USDT_BASE58);
        assertEquals(USDT_HEX41, a.toHex41());
        assertEquals(USDT_EVM, a.toEvmHex());
        assertEquals(USDT_BASE58, TronAddress.parse(USDT_HEX41).toBase58());
        assertEquals(USDT_BASE58, TronAddress.parse(USDT_EVM).toBase58());
    }

    @Test
    void zeroAndAllOnesVectors() {
        assertEquals("T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb", TronAddress.fromHex41("41" + "00".repeat(20)).toBase58());
        assertEquals("TZJozAg1ruapycCicgz31GxvYJ1FraLjZa", TronAddress.fromHex41("41" + "ff".repeat(20)).toBase58());
    }

    @Test
    void badInputIsRejectedWithATypedError() {
        // one character changed: checksum must fail
        assertThrows(IllegalArgumentException.class, () -> TronAddress.parse("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u"));
        assertThrows(IllegalArgumentException.class, () -> TronAddress.parse("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj0t"));
        assertThrows(IllegalArgumentException.class, () -> TronAddress.parse("42a614f803b6fd780986a42c78ec9c7f77e6ded13c"));
        assertThrows(IllegalArgumentException.class, () -> TronAddress.parse("0x1234"));
        // a valid base58check payload that is not a 0x41 address (Bitcoin genesis address)
        assertThrows(IllegalArgumentException.class, () -> TronAddress.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
    }

    @Test
    void agreesWithTridentKeyDerivedAddresses() {
        for (int i = 0; i < 20; i++) {
            final KeyPair key = KeyPair.generate();
            final TronAddress fromBase58 = TronAddress.parse(key.toBase58CheckAddress());
            assertEquals(key.toHexAddress().toLowerCase(), fromBase58.toHex41());
        }
    }

    @Property(tries = 300)
    void threeSpellingsRoundTrip(@ForAll @Size(20) byte[] body) {
        final TronAddress a = TronAddress.fromBytes20(body);
        assertEquals(a, TronAddress.parse(a.toBase58()));
        assertEquals(a, TronAddress.parse(a.toHex41()));
        assertEquals(a, TronAddress.parse(a.toEvmHex()));
        assertArrayEquals(body, a.bytes20());
        assertEquals('T', a.toBase58().charAt(0));
        assertEquals(34, a.toBase58().length());
    }

    @Test
    void trc20TransferCalldataMatchesTridentEncoder() {
        final TronAddress to = TronAddress.parse("TZJozAg1ruapycCicgz31GxvYJ1FraLjZa");
        final BigInteger amount = new BigInteger("1000000");
        final String ours = Trc20Calls.transfer(to, amount);
        assertEquals("a9059cbb"
                + "000000000000000000000000ffffffffffffffffffffffffffffffffffffffff"
                + "00000000000000000000000000000000000000000000000000000000000f4240", ours);
        assertEquals(ours, FunctionEncoder.encode(TronSender.transferFunction(to, amount)));
    }

    @Test
    void transferTopicAddressDecodes() {
        final TronAddress usdt = TronAddress.parse(USDT_BASE58);
        assertEquals(usdt, Trc20Calls.topicAddress("0x000000000000000000000000a614f803b6fd780986a42c78ec9c7f77e6ded13c"));
        assertEquals("0x" + org.web3j.crypto.Hash.sha3String("Transfer(address,address,uint256)").substring(2), Trc20Calls.TRANSFER_TOPIC);
        assertEquals("a9059cbb", org.web3j.crypto.Hash.sha3String("transfer(address,uint256)").substring(2, 10));
        assertEquals("70a08231", org.web3j.crypto.Hash.sha3String("balanceOf(address)").substring(2, 10));
    }

    @Test
    void logFilterUsesEvmAddresses() {
        final var filter = TronLogFilter.of(java.util.List.of(TronAddress.parse(USDT_BASE58)), 10, 20, java.util.List.of(Trc20Calls.TRANSFER_TOPIC));
        assertEquals(USDT_EVM, filter.path("address").path(0).asString());
        assertEquals("0xa", filter.path("fromBlock").asString());
        assertEquals("0x14", filter.path("toBlock").asString());
        assertThrows(IllegalArgumentException.class, () -> TronLogFilter.of(java.util.List.of(), 1, 2, java.util.List.of()));
    }

    @Test
    void sendToAnUnreachableNodeFailsTyped() {
        final String key = KeyPair.generate().toPrivateKey();
        try (TronSender sender = new TronSender("127.0.0.1:1", "127.0.0.1:1", key)) {
            final TronAddress a = TronAddress.parse(USDT_BASE58);
            final var e = assertThrows(space.tokenta.chain.rpc.RpcException.class,
                    () -> sender.transferTrc20(a, a, a, BigInteger.ONE, 10_000_000));
            assertEquals(space.tokenta.chain.rpc.RpcErrorKind.TRANSPORT, e.kind());
        }
    }
}
