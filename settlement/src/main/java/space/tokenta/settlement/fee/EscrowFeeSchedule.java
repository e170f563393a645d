package space.tokenta.settlement.fee;

import java.util.Collection;
import space.tokenta.chain.devchain.DevDeployment;
import space.tokenta.engine.Limits;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.Instrument;

/**
 * The one fee schedule of a market whose fills settle through escrow: the escrow contract's
 * {@code feeBps}, read from the deployed contract(s), is the source; the engine's instrument fees are
 * derived from it here and nowhere else.
 *
 * <p>Why derived and not chosen freely: on {@code release} the contract pays the fee recipient
 * {@code amount * feeBps / 10_000} of the deal (rounded down) and the seller the rest, while the engine
 * books {@code buyerFee + sellerFee} on the notional and the deal's amount is {@code notional + buyerFee}.
 * Both sides agree to the unit when the buyer pays nothing and the seller pays {@code feeBps} on the
 * notional with the same rounding, whoever rested: the engine's {@link FeeModel#SELLER_PAYS} with maker
 * and taker rate both {@code feeBps} is exactly that (deal amount = notional, engine fee =
 * {@link Instrument#fee}{@code (notional, feeBps)} = the contract's fee).
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

    /** Who pays: the seller, as the contract charges it (out of the deal amount). */
    public FeeModel feeModel() {
        return FeeModel.SELLER_PAYS;
    }

    /** The engine's maker rate for an escrow-settled instrument: a resting seller pays the escrow's fee. */
    public int makerFeeBps() {
        return escrowFeeBps;
    }

    /** The engine's taker rate: a taking seller pays the escrow's fee too (the buyer pays none either way). */
    public int takerFeeBps() {
        return escrowFeeBps;
    }

    /** Sets the fee fields of an {@code ADD_INSTRUMENT} command to this schedule. */
    public Command applyTo(final Command addInstrument) {
        if (addInstrument.type != CommandType.ADD_INSTRUMENT) {
            throw new IllegalArgumentException("fees belong on ADD_INSTRUMENT, not " + addInstrument.type);
        }
        addInstrument.makerFeeBps = makerFeeBps();
        addInstrument.takerFeeBps = takerFeeBps();
        addInstrument.feeModel = feeModel();
        return addInstrument;
    }

    /** What the contract pays the fee recipient on releasing a deal of {@code dealAmount}. */
    public long contractFee(final long dealAmount) {
        return Math.multiplyExact(dealAmount, escrowFeeBps) / BPS;
    }

    /** What the engine books as fees for one fill of {@code notional} under this schedule, whoever rested. */
    public long engineFees(final long notional) {
        return Instrument.fee(notional, escrowFeeBps);
    }

    /** The deal amount settlement locks for a fill: the buyer's whole debit, the notional (the buyer pays no fee). */
    public long dealAmount(final long notional) {
        return notional;
    }
}
