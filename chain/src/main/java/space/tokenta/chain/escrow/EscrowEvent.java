package space.tokenta.chain.escrow;

import java.math.BigInteger;

/**
 * Every event {@code TokentaEscrow} emits, decoded; the indexer's input. Each carries the
 * {@link LogRef} that makes it unique on its chain ({@code chainId:blockHash:logIndex}).
 * Byte-array components are 32-byte ids or digests.
 */
public sealed interface EscrowEvent {

    LogRef ref();

    /** Where a log sits: block, transaction and position in the block. */
    record LogRef(String contract, BigInteger blockNumber, String blockHash, String transactionHash,
            BigInteger logIndex) {
    }

    /** The contract's {@code RefundReason}. */
    enum RefundReason { NONE, FAIL_VERDICT, EXPIRED }

    record Deposited(LogRef ref, String account, String token, BigInteger amount) implements EscrowEvent {
    }

    record Withdrawn(LogRef ref, String account, String token, BigInteger amount) implements EscrowEvent {
    }

    record DealOpened(LogRef ref, byte[] dealId, String buyer, String seller, String token, BigInteger amount,
            long releaseAfterSec, long expiresAtSec, int feeBps) implements EscrowEvent {
    }

    record DealReleased(LogRef ref, byte[] dealId, String seller, byte[] evidenceDigest, String token,
            BigInteger sellerAmount, String feeRecipient, BigInteger fee) implements EscrowEvent {
    }

    record DealRefunded(LogRef ref, byte[] dealId, String buyer, byte[] evidenceDigest, String token,
            BigInteger amount, RefundReason reason) implements EscrowEvent {
    }

    record DisputeOpened(LogRef ref, byte[] dealId, String buyer, long disputedAtSec) implements EscrowEvent {
    }

    record DisputeResolved(LogRef ref, byte[] dealId, byte[] evidenceDigest, int verdict) implements EscrowEvent {
    }

    record AttestorAdded(LogRef ref, String attestor) implements EscrowEvent {
    }

    record AttestorRemoved(LogRef ref, String attestor) implements EscrowEvent {
    }

    record QuorumChanged(LogRef ref, int oldQuorum, int newQuorum) implements EscrowEvent {
    }

    record OperatorChanged(LogRef ref, String oldOperator, String newOperator) implements EscrowEvent {
    }

    record FeeRecipientChanged(LogRef ref, String oldRecipient, String newRecipient) implements EscrowEvent {
    }

    record FeeChanged(LogRef ref, int oldFeeBps, int newFeeBps) implements EscrowEvent {
    }

    record Paused(LogRef ref, String account) implements EscrowEvent {
    }

    record Unpaused(LogRef ref, String account) implements EscrowEvent {
    }

    record ProposalCreated(LogRef ref, BigInteger proposalId, String proposer, GovernanceAction action,
            String target, BigInteger value) implements EscrowEvent {
    }

    record ProposalConfirmed(LogRef ref, BigInteger proposalId, String owner, int confirmations)
            implements EscrowEvent {
    }

    record ProposalRevoked(LogRef ref, BigInteger proposalId, String owner, int confirmations)
            implements EscrowEvent {
    }

    record ProposalExecuted(LogRef ref, BigInteger proposalId, String executor) implements EscrowEvent {
    }
}
