package space.tokenta.settlement.fee;

import java.util.Collection;
import space.tokenta.chain.devchain.DevDeployment;
import space.tokenta.engine.Limits;

/**
 * The one fee schedule of a market whose fills settle through escrow: the escrow contract's
 * {@code feeBps}, read from the deployed contract(s), is the source; the engine's instrument fees are
 * derived from it here and nowhere else.
 *
 * <p>Why derived and not chosen freely: on {@code release} the contract pays the fee recipient
 * {@code amount * feeBps / 10_000} of the deal and the seller the rest, while the engine books
 * {@code buyerFee + sellerFee} (by maker/taker role, on the notional) and the deal's amount is
 * {@code notional + buyerFee}. Both sides agree exactly when the buyer pays nothing and the seller
 * pays {@code feeBps} on the notional: maker fee = {@code feeBps}, taker fee = 0 does that for every
 * fill whose seller rested (the buyer took). A fill whose buyer rested would pay the maker fee as
 * buyer, which the contract cannot express (it charges one side, on the deal amount); such a fill is
 * off by about {@code notional * feeBps² / 10⁸} and reconciliation reports it. Exact agreement for
 * that case needs the engine to charge by side (seller pays, buyer none) or the contract to take the
 * fee amount per deal.
 */
public record EscrowFeeSchedule(int escrowFeeBps) {
    public static final int BPS = 10_000;

    public EscrowFeeSchedule {
        if (escrowFeeBps < 0 || escrowFeeBps > Limits.MAX_FEE_BPS) {
            throw new IllegalArgumentException("escrow fee " + escrowFeeBps + " bps outside [0, " + Limits.MAX_FEE_BPS + "]");
        }
    }

    /** The schedule of deployed escrow contracts; they must all charge the same fee (one schedule per market). */
    public static EscrowFeeSchedule of(final Collection<DevDeployment.Chain> chains) {
        Integer fee = null;
        for (final DevDeployment.Chain c : chains) {
            if (fee != null && fee != c.feeBps()) {
                throw new IllegalArgumentException("escrow contracts charge different fees: " + fee + " and " + c.feeBps()
                        + " bps (chain " + c.name() + ")");
            }
            fee = c.feeBps();
        }
        if (fee == null) {
            throw new IllegalArgumentException("no escrow contract to take the fee from");
        }
        return new EscrowFeeSchedule(fee);
    }

    /** The engine's maker fee for an escrow-settled instrument (the resting seller pays the escrow's fee). */
    public int makerFeeBps() {
        return escrowFeeBps;
    }

    /** The engine's taker fee for an escrow-settled instrument (the taking buyer pays nothing on top). */
    public int takerFeeBps() {
        return 0;
    }

    /** What the contract pays the fee recipient on releasing a deal of {@code dealAmount}. */
    public long contractFee(final long dealAmount) {
        return Math.multiplyExact(dealAmount, escrowFeeBps) / BPS;
    }

    /**
     * What the engine books as fees for one fill of {@code notional} with this schedule, the same rounding
     * as the engine's (down, per side).
     */
    public long engineFees(final long notional, final boolean buyerRested) {
        final long buyerFee = notional * (buyerRested ? makerFeeBps() : takerFeeBps()) / BPS;
        final long sellerFee = notional * (buyerRested ? takerFeeBps() : makerFeeBps()) / BPS;
        return buyerFee + sellerFee;
    }

    /** The deal amount settlement locks for a fill: the buyer's whole debit. */
    public long dealAmount(final long notional, final boolean buyerRested) {
        return notional + notional * (buyerRested ? makerFeeBps() : takerFeeBps()) / BPS;
    }
}
