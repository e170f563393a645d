package space.tokenta.chain.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.core.methods.response.Log;

import tools.jackson.databind.JsonNode;

/** The decoder covers exactly the events in the exported ABI and rejects foreign or malformed logs. */
class EscrowEventDecoderTest {
    private static final String ESCROW = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    @Test
    void decoderCoversEveryEventOfTheAbi() throws Exception {
        Set<String> abiEvents = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream("/space/tokenta/chain/contracts/TokentaEscrow.json")) {
            JsonNode root = ObjectMapperFactory.getObjectMapper()
                    .readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (JsonNode item : root.get("abi")) {
                if ("event".equals(item.get("type").asString())) {
                    List<String> types = new ArrayList<>();
                    for (JsonNode input : item.get("inputs")) {
                        types.add(input.get("type").asString());
                    }
                    abiEvents.add(item.get("name").asString() + "(" + String.join(",", types) + ")");
                }
            }
        }
        assertEquals(abiEvents, new TreeSet<>(EscrowEventDecoder.EVENTS.keySet()));
    }

    @Test
    void decodesADealOpenedLog() {
        String dealId = "0x" + "11".repeat(32);
        String buyer = "0x" + "22".repeat(20);
        String seller = "0x" + "33".repeat(20);
        String token = "0x" + "44".repeat(20);
        Log log = log(ESCROW, List.of(
                        EscrowEventDecoder.topic0("DealOpened(bytes32,address,address,address,uint256,uint64,uint64,uint16)"),
                        dealId, pad(buyer), pad(seller)),
                pad(token) + word(5_000_000) + word(100) + word(200) + word(100));
        EscrowEvent.DealOpened opened = assertInstanceOf(EscrowEvent.DealOpened.class,
                new EscrowEventDecoder(ESCROW).decode(log).orElseThrow());
        assertEquals(buyer, opened.buyer());
        assertEquals(seller, opened.seller());
        assertEquals(token, opened.token());
        assertEquals(BigInteger.valueOf(5_000_000), opened.amount());
        assertEquals(100, opened.releaseAfterSec());
        assertEquals(200, opened.expiresAtSec());
        assertEquals(100, opened.feeBps());
        assertEquals(BigInteger.valueOf(7), opened.ref().logIndex());
    }

    @Test
    void ignoresOtherContractsAndUnknownTopicsButRejectsMalformedLogs() {
        EscrowEventDecoder decoder = new EscrowEventDecoder(ESCROW);
        String paused = EscrowEventDecoder.topic0("Paused(address)");
        String account = pad("0x" + "55".repeat(20));
        assertTrue(decoder.decode(log("0x" + "66".repeat(20), List.of(paused, account), "0x")).isEmpty());
        assertTrue(decoder.decode(log(ESCROW, List.of(EscrowEventDecoder.topic0("Other()")), "0x")).isEmpty());
        assertTrue(decoder.decode(log(ESCROW, List.of(paused, account), "0x")).isPresent());
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(log(ESCROW, List.of(paused), "0x")));
        String deposited = EscrowEventDecoder.topic0("Deposited(address,address,uint256)");
        assertThrows(IllegalArgumentException.class,
                () -> decoder.decode(log(ESCROW, List.of(deposited, account, account), "0x1234")));
    }

    private static Log log(String address, List<String> topics, String data) {
        return new Log(false, "0x7", "0x0", "0x" + "ab".repeat(32), "0x" + "cd".repeat(32), "0x10", address, data,
                null, topics);
    }

    private static String pad(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }

    private static String word(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(64 - hex.length()) + hex;
    }
}
