package space.tokenta.chain.escrow;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import space.tokenta.chain.escrow.EscrowEvent.LogRef;

/**
 * Decodes {@code TokentaEscrow} logs into {@link EscrowEvent}s by topic 0. Logs of other contracts
 * or events give empty; a log with a known topic but the wrong shape is an error (a different
 * contract under a known signature), never silently skipped.
 */
public final class EscrowEventDecoder {

    /** Event signature (as hashed for topic 0) → decoder of (topics, data). */
    static final Map<String, BiFunction<LogRef, Fields, EscrowEvent>> EVENTS = Map.ofEntries(
            Map.entry("Deposited(address,address,uint256)",
                    (r, f) -> new EscrowEvent.Deposited(r, f.topicAddress(1), f.topicAddress(2), f.data.uint(0))),
            Map.entry("Withdrawn(address,address,uint256)",
                    (r, f) -> new EscrowEvent.Withdrawn(r, f.topicAddress(1), f.topicAddress(2), f.data.uint(0))),
            Map.entry("DealOpened(bytes32,address,address,address,uint256,uint64,uint64,uint16)",
                    (r, f) -> new EscrowEvent.DealOpened(r, f.topicBytes(1), f.topicAddress(2), f.topicAddress(3),
                            f.data.address(0), f.data.uint(1), f.data.uint64(2), f.data.uint64(3), f.data.small(4))),
            Map.entry("DealReleased(bytes32,address,bytes32,address,uint256,address,uint256)",
                    (r, f) -> new EscrowEvent.DealReleased(r, f.topicBytes(1), f.topicAddress(2), f.topicBytes(3),
                            f.data.address(0), f.data.uint(1), f.data.address(2), f.data.uint(3))),
            Map.entry("DealRefunded(bytes32,address,bytes32,address,uint256,uint8)",
                    (r, f) -> new EscrowEvent.DealRefunded(r, f.topicBytes(1), f.topicAddress(2), f.topicBytes(3),
                            f.data.address(0), f.data.uint(1), refundReason(f.data.small(2)))),
            Map.entry("DisputeOpened(bytes32,address,uint64)",
                    (r, f) -> new EscrowEvent.DisputeOpened(r, f.topicBytes(1), f.topicAddress(2), f.data.uint64(0))),
            Map.entry("DisputeResolved(bytes32,bytes32,uint8)",
                    (r, f) -> new EscrowEvent.DisputeResolved(r, f.topicBytes(1), f.topicBytes(2), f.data.small(0))),
            Map.entry("AttestorAdded(address)", (r, f) -> new EscrowEvent.AttestorAdded(r, f.topicAddress(1))),
            Map.entry("AttestorRemoved(address)", (r, f) -> new EscrowEvent.AttestorRemoved(r, f.topicAddress(1))),
            Map.entry("QuorumChanged(uint256,uint256)",
                    (r, f) -> new EscrowEvent.QuorumChanged(r, f.data.small(0), f.data.small(1))),
            Map.entry("OperatorChanged(address,address)",
                    (r, f) -> new EscrowEvent.OperatorChanged(r, f.topicAddress(1), f.topicAddress(2))),
            Map.entry("FeeRecipientChanged(address,address)",
                    (r, f) -> new EscrowEvent.FeeRecipientChanged(r, f.topicAddress(1), f.topicAddress(2))),
            Map.entry("FeeChanged(uint16,uint16)",
                    (r, f) -> new EscrowEvent.FeeChanged(r, f.data.small(0), f.data.small(1))),
            Map.entry("Paused(address)", (r, f) -> new EscrowEvent.Paused(r, f.topicAddress(1))),
            Map.entry("Unpaused(address)", (r, f) -> new EscrowEvent.Unpaused(r, f.topicAddress(1))),
            Map.entry("ProposalCreated(uint256,address,uint8,address,uint256)",
                    (r, f) -> new EscrowEvent.ProposalCreated(r, f.topicUint(1), f.topicAddress(2),
                            GovernanceAction.of(f.data.small(0)), f.data.address(1), f.data.uint(2))),
            Map.entry("ProposalConfirmed(uint256,address,uint256)",
                    (r, f) -> new EscrowEvent.ProposalConfirmed(r, f.topicUint(1), f.topicAddress(2), f.data.small(0))),
            Map.entry("ProposalRevoked(uint256,address,uint256)",
                    (r, f) -> new EscrowEvent.ProposalRevoked(r, f.topicUint(1), f.topicAddress(2), f.data.small(0))),
            Map.entry("ProposalExecuted(uint256,address)",
                    (r, f) -> new EscrowEvent.ProposalExecuted(r, f.topicUint(1), f.topicAddress(2))));

    private static final Map<String, String> SIGNATURE_BY_TOPIC;

    static {
        Map<String, String> byTopic = new HashMap<>();
        for (String signature : EVENTS.keySet()) {
            byTopic.put(topic0(signature), signature);
        }
        SIGNATURE_BY_TOPIC = Map.copyOf(byTopic);
    }

    private final String escrowAddress;

    /** Decodes logs emitted by the escrow at {@code escrowAddress} only. */
    public EscrowEventDecoder(String escrowAddress) {
        this.escrowAddress = EvmHex.address(escrowAddress);
    }

    /** topic 0 of an event signature such as {@code Paused(address)}. */
    public static String topic0(String signature) {
        return EvmHex.of(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8)));
    }

    /** The event in {@code log}, or empty when the log is another contract's or not an escrow event. */
    public Optional<EscrowEvent> decode(Log log) {
        if (log.getAddress() == null || !escrowAddress.equals(EvmHex.address(log.getAddress()))) {
            return Optional.empty();
        }
        List<String> topics = log.getTopics();
        if (topics == null || topics.isEmpty()) {
            return Optional.empty();
        }
        String signature = SIGNATURE_BY_TOPIC.get(topics.get(0).toLowerCase(Locale.ROOT));
        if (signature == null) {
            return Optional.empty();
        }
        LogRef ref = new LogRef(escrowAddress, log.getBlockNumber(), log.getBlockHash(), log.getTransactionHash(),
                log.getLogIndex());
        try {
            return Optional.of(EVENTS.get(signature).apply(ref, new Fields(topics, new AbiWords(log.getData()))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + signature + " log in tx " + log.getTransactionHash(), e);
        }
    }

    /** Every escrow event in a receipt, in log order. */
    public List<EscrowEvent> decodeAll(TransactionReceipt receipt) {
        List<EscrowEvent> events = new ArrayList<>();
        for (Log log : receipt.getLogs()) {
            decode(log).ifPresent(events::add);
        }
        return events;
    }

    private static EscrowEvent.RefundReason refundReason(int ordinal) {
        EscrowEvent.RefundReason[] all = EscrowEvent.RefundReason.values();
        if (ordinal < 0 || ordinal >= all.length) {
            throw new IllegalArgumentException("unknown refund reason " + ordinal);
        }
        return all[ordinal];
    }

    /** A log's topics and data words. */
    static final class Fields {
        private final List<String> topics;
        final AbiWords data;

        Fields(List<String> topics, AbiWords data) {
            this.topics = topics;
            this.data = data;
        }

        private AbiWords topic(int index) {
            if (index >= topics.size()) {
                throw new IllegalArgumentException("missing topic " + index);
            }
            return new AbiWords(topics.get(index));
        }

        String topicAddress(int index) {
            return topic(index).address(0);
        }

        byte[] topicBytes(int index) {
            return topic(index).bytes32(0);
        }

        BigInteger topicUint(int index) {
            return topic(index).uint(0);
        }
    }
}
