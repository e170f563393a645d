package space.tokenta.settlement.indexer;

import space.tokenta.chain.escrow.EscrowEvent;
import space.tokenta.chain.escrow.EvmHex;

/** The derived row of one decoded escrow event (shared by the indexer and the fold). */
public record EventRow(String chainEventId, long chainId, long blockNumber, String blockHash, int logIndex,
                       String txHash, String kind, String dealId, String detail) {

    public static String chainEventId(final long chainId, final String blockHash, final long logIndex) {
        return chainId + ":" + blockHash.toLowerCase(java.util.Locale.ROOT) + ":" + logIndex;
    }

    public static EventRow of(final long chainId, final EscrowEvent event) {
        final EscrowEvent.LogRef ref = event.ref();
        final String blockHash = ref.blockHash().toLowerCase(java.util.Locale.ROOT);
        final int logIndex = ref.logIndex().intValueExact();
        final String kind = event.getClass().getSimpleName();
        final String dealId;
        final String detail;
        switch (event) {
            case EscrowEvent.Deposited e -> {
                dealId = null;
                detail = e.account() + " " + e.token() + " " + e.amount();
            }
            case EscrowEvent.Withdrawn e -> {
                dealId = null;
                detail = e.account() + " " + e.token() + " " + e.amount();
            }
            case EscrowEvent.DealOpened e -> {
                dealId = EvmHex.of(e.dealId());
                detail = e.buyer() + " " + e.seller() + " " + e.token() + " " + e.amount() + " " + e.feeBps();
            }
            case EscrowEvent.DealReleased e -> {
                dealId = EvmHex.of(e.dealId());
                detail = e.seller() + " " + e.sellerAmount() + " " + e.feeRecipient() + " " + e.fee();
            }
            case EscrowEvent.DealRefunded e -> {
                dealId = EvmHex.of(e.dealId());
                detail = e.buyer() + " " + e.amount() + " " + e.reason();
            }
            case EscrowEvent.DisputeOpened e -> {
                dealId = EvmHex.of(e.dealId());
                detail = e.buyer() + " " + e.disputedAtSec();
            }
            case EscrowEvent.DisputeResolved e -> {
                dealId = EvmHex.of(e.dealId());
                detail = EvmHex.of(e.evidenceDigest()) + " " + e.verdict();
            }
            default -> {
                dealId = null;
                detail = event.toString().replace(ref.toString(), "");
            }
        }
        return new EventRow(chainEventId(chainId, blockHash, logIndex), chainId, ref.blockNumber().longValueExact(),
                blockHash, logIndex, ref.transactionHash(), kind, dealId, detail);
    }

    /** A deal's state after an event of {@code kind}, from its state before (null when unknown). */
    public static String nextDealState(final String before, final String kind) {
        return switch (kind) {
            case "DealOpened" -> "OPEN";
            case "DisputeOpened" -> requireKnown(before, kind, "DISPUTED");
            case "DisputeResolved" -> requireKnown(before, kind, before);
            case "DealReleased" -> requireKnown(before, kind, "RELEASED");
            case "DealRefunded" -> requireKnown(before, kind, "REFUNDED");
            default -> before;
        };
    }

    private static String requireKnown(final String before, final String kind, final String next) {
        if (before == null) {
            throw new UnknownDealException(kind + " for a deal never opened");
        }
        return next;
    }

    /** An event about a deal the indexer has not seen opened: it goes to the dead letters. */
    public static final class UnknownDealException extends RuntimeException {
        public UnknownDealException(final String message) {
            super(message);
        }
    }
}
