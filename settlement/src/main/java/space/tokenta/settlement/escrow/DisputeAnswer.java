package space.tokenta.settlement.escrow;

import java.util.Optional;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.store.escrow.EscrowState;

/**
 * What a buyer's request to dispute an escrow came to, with the escrow's dispute state. A request for
 * an escrow already disputed answers {@link Outcome#DISPUTED} with the same fields as the request that
 * disputed it (the dispute time is the chain's), so a retried request sees the same answer.
 *
 * @param state           the read model's state of the escrow ({@link EscrowState} name)
 * @param chainId         the chain the deal is on (null before it was routed to one)
 * @param dealId          the deal id on that chain, 0x-hex (null before terms were fixed)
 * @param releaseAfterSec the deal's timelock end, chain seconds (0 when unknown): disputes only before it
 * @param disputedAtSec   when the dispute was recorded on chain (0 when not disputed)
 */
public record DisputeAnswer(Outcome outcome, String escrowId, String state, Long chainId, String dealId,
                            long releaseAfterSec, long disputedAtSec) {

    /** The outcomes; everything but {@link #DISPUTED} changed nothing. */
    public enum Outcome {
        /** Disputed on chain, by this request or an earlier one. */
        DISPUTED,
        /** No escrow has this id. */
        UNKNOWN_ESCROW,
        /** The requesting account is not the escrow's buyer. */
        NOT_BUYER,
        /** The deal is not open on chain: not opened yet, or already released or refunded. */
        NOT_OPEN,
        /** The timelock has passed: the contract accepts no dispute any more. */
        WINDOW_CLOSED,
        /** This service holds no key of the buyer on the deal's chain: the buyer disputes from its own wallet. */
        NO_BUYER_KEY
    }

    public boolean disputed() {
        return outcome == Outcome.DISPUTED;
    }

    /** The answers that need no chain read: unknown escrow, another account, a deal not fixed on a chain yet. */
    public static Optional<DisputeAnswer> fromRow(final String escrowId, final EscrowRow row, final long accountId) {
        if (row == null) {
            return Optional.of(new DisputeAnswer(Outcome.UNKNOWN_ESCROW, escrowId, null, null, null, 0, 0));
        }
        if (row.buyerAccountId() != accountId) {
            return Optional.of(of(Outcome.NOT_BUYER, row, null));
        }
        if (row.dealId() == null || row.chainId() == null || row.phase().isFinal()) {
            return Optional.of(of(Outcome.NOT_OPEN, row, null));
        }
        return Optional.empty();
    }

    /**
     * The answer the deal as the chain holds it gives at chain time {@code chainTimeSec}; empty when the
     * dispute can be sent (open, not disputed, before the timelock's end).
     */
    public static Optional<DisputeAnswer> fromDeal(final EscrowRow row, final DealView deal, final long chainTimeSec) {
        if (deal.state() != DealView.State.OPEN) {
            return Optional.of(of(Outcome.NOT_OPEN, row, deal));
        }
        if (deal.disputed()) {
            return Optional.of(of(Outcome.DISPUTED, row, deal));
        }
        if (chainTimeSec >= deal.releaseAfterSec()) {
            return Optional.of(of(Outcome.WINDOW_CLOSED, row, deal));
        }
        return Optional.empty();
    }

    public static DisputeAnswer of(final Outcome outcome, final EscrowRow row, final DealView deal) {
        final String state;
        if (outcome == Outcome.DISPUTED) {
            state = EscrowState.DISPUTED.name();
        } else if (deal != null && deal.state() == DealView.State.RELEASED) {
            state = EscrowState.RELEASED.name();
        } else if (deal != null && deal.state() == DealView.State.REFUNDED) {
            state = EscrowState.REFUNDED.name();
        } else {
            state = row.phase().storeState(row.disputed()).name();
        }
        return new DisputeAnswer(outcome, row.escrowId(), state, row.chainId(), row.dealId(),
                deal == null ? (row.releaseAfter() == null ? 0 : row.releaseAfter()) : deal.releaseAfterSec(),
                deal == null || !deal.disputed() ? 0 : deal.disputedAtSec());
    }
}
