package space.tokenta.settlement.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import space.tokenta.engine.instrument.Instrument;

/**
 * The schedule against a reference model of both sides: the engine's fee arithmetic
 * ({@link Instrument#fee}, by maker/taker role) and the contract's release (fee = amount × feeBps / 10,000
 * of the deal, seller gets the rest).
 */
class EscrowFeeScheduleProperties {

    /** The seller rested, the buyer took: chain and ledger agree on fees, seller and buyer to the unit. */
    @Property(tries = 2_000)
    void sellerRestingFillsAgreeExactly(@ForAll @IntRange(min = 0, max = 1_000) final int feeBps,
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) final long notional) {
        final EscrowFeeSchedule fees = new EscrowFeeSchedule(feeBps);
        final long buyerFee = Instrument.fee(notional, fees.takerFeeBps());
        final long sellerFee = Instrument.fee(notional, fees.makerFeeBps());
        final long deal = notional + buyerFee;
        assertEquals(deal, fees.dealAmount(notional, false));
        final long chainFee = deal * feeBps / 10_000;
        assertEquals(chainFee, fees.contractFee(deal));
        assertEquals(buyerFee + sellerFee, fees.engineFees(notional, false));
        assertEquals(chainFee, buyerFee + sellerFee, "fee recipient vs fee account");
        assertEquals(deal - chainFee, notional - sellerFee, "seller on chain vs seller in the ledger");
    }

    /** The buyer rested: the contract cannot charge the buyer's maker fee; the gap is bounded by notional × feeBps² / 10⁸ + 1. */
    @Property(tries = 2_000)
    void buyerRestingFillsDifferOnlyBySecondOrder(@ForAll @IntRange(min = 0, max = 1_000) final int feeBps,
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) final long notional) {
        final EscrowFeeSchedule fees = new EscrowFeeSchedule(feeBps);
        final long deal = fees.dealAmount(notional, true);
        final long gap = Math.abs(fees.contractFee(deal) - fees.engineFees(notional, true));
        assertTrue(gap <= notional * (long) feeBps / 10_000 * feeBps / 10_000 + 1, "gap " + gap);
    }
}
