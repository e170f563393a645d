package space.tokenta.settlement.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.settlement.escrow.DisputeAnswer.Outcome;

/**
 * The dispute rules before anything is sent, against the contract's {@code dispute}: only the buyer, only
 * an open deal, once, strictly before {@code releaseAfter} ({@code block.timestamp >= releaseAfter}
 * reverts).
 */
class DisputeAnswerProperties {
    static final long BUYER = 1;
    static final long RELEASE_AFTER = 1_700_000_020L;

    static EscrowRow row(final EscrowPhase phase, final String dealId, final boolean disputed) {
        return new EscrowRow("ESC-7", 0, 8, 7, 1, 1, BUYER, 2, 1_000_000, 0, dealId == null ? null : 31337L,
                "0xb", "0xs", "0xt", dealId, dealId == null ? null : RELEASE_AFTER, null, null, null, phase, disputed,
                null, null, null, null, null, null, null, 0, null);
    }

    static DealView deal(final DealView.State state, final boolean disputed) {
        return new DealView("0xb", RELEASE_AFTER, state, disputed, 50, "0xs", RELEASE_AFTER + 3_600, "0xt",
                disputed ? RELEASE_AFTER - 5 : 0, BigInteger.valueOf(1_000_000), new byte[32]);
    }

    @Example
    void decidedFromTheRowAlone() {
        assertEquals(Outcome.UNKNOWN_ESCROW, DisputeAnswer.fromRow("ESC-9", null, BUYER).orElseThrow().outcome());
        final EscrowRow open = row(EscrowPhase.DELIVERING, "0x" + "ab".repeat(32), false);
        assertEquals(Outcome.NOT_BUYER, DisputeAnswer.fromRow("ESC-7", open, 2).orElseThrow().outcome());
        assertEquals(Optional.empty(), DisputeAnswer.fromRow("ESC-7", open, BUYER), "the chain decides the rest");
        final DisputeAnswer unrouted = DisputeAnswer.fromRow("ESC-7", row(EscrowPhase.NEW, null, false), BUYER).orElseThrow();
        assertEquals(Outcome.NOT_OPEN, unrouted.outcome());
        assertEquals("OPENING", unrouted.state());
        final DisputeAnswer settled = DisputeAnswer.fromRow("ESC-7", row(EscrowPhase.REFUNDED, "0x01", true), BUYER)
                .orElseThrow();
        assertEquals(Outcome.NOT_OPEN, settled.outcome());
        assertEquals("REFUNDED", settled.state());
    }

    @Property(tries = 300)
    void decidedFromTheDeal(@ForAll @LongRange(min = RELEASE_AFTER - 100, max = RELEASE_AFTER + 100) final long chainTimeSec) {
        final EscrowRow row = row(EscrowPhase.VERIFIED, "0x" + "ab".repeat(32), false);
        final Optional<DisputeAnswer> fresh = DisputeAnswer.fromDeal(row, deal(DealView.State.OPEN, false), chainTimeSec);
        if (chainTimeSec < RELEASE_AFTER) {
            assertEquals(Optional.empty(), fresh, "open, not disputed, before the timelock's end: send it");
        } else {
            assertEquals(Outcome.WINDOW_CLOSED, fresh.orElseThrow().outcome());
            assertEquals(RELEASE_AFTER, fresh.get().releaseAfterSec());
        }
        // already disputed: the same answer at any time, with the chain's dispute time
        final DisputeAnswer again = DisputeAnswer.fromDeal(row, deal(DealView.State.OPEN, true), chainTimeSec).orElseThrow();
        assertEquals(new DisputeAnswer(Outcome.DISPUTED, "ESC-7", "DISPUTED", 31337L, "0x" + "ab".repeat(32),
                RELEASE_AFTER, RELEASE_AFTER - 5), again);
        assertTrue(again.disputed());
        for (final DealView.State state : new DealView.State[] {DealView.State.NONE, DealView.State.RELEASED,
                DealView.State.REFUNDED}) {
            final DisputeAnswer a = DisputeAnswer.fromDeal(row, deal(state, false), chainTimeSec).orElseThrow();
            assertEquals(Outcome.NOT_OPEN, a.outcome(), state.name());
            assertEquals(state == DealView.State.NONE ? "DELIVERED" : state.name(), a.state());
        }
    }
}
