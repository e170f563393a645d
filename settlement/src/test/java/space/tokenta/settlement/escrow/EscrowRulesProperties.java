package space.tokenta.settlement.escrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import space.tokenta.chain.escrow.DeliveryVerdict;
import space.tokenta.store.escrow.EscrowState;

/** The escrow worker's pure rules: deal ids, stored verdicts, and the read-model mirror's paths. */
class EscrowRulesProperties {

    @Property
    void dealIdIsFixedBySettlementIdAndChain(@ForAll @LongRange(min = 1, max = Integer.MAX_VALUE) long chain,
            @ForAll long hi, @ForAll long lo, @ForAll long otherLo) {
        assertArrayEquals(EscrowSettler.dealId(chain, hi, lo), EscrowSettler.dealId(chain, hi, lo), "a retry opens the same deal");
        if (otherLo != lo) {
            assertFalse(java.util.Arrays.equals(EscrowSettler.dealId(chain, hi, lo), EscrowSettler.dealId(chain, hi, otherLo)));
        }
        assertFalse(java.util.Arrays.equals(EscrowSettler.dealId(chain, hi, lo), EscrowSettler.dealId(chain + 1, hi, lo)),
                "another chain, another deal id");
    }

    @Property
    void storedVerdictRoundTrips(@ForAll("words") byte[] deal, @ForAll("words") byte[] evidence,
            @ForAll @IntRange(min = 0, max = 255) int mask, @ForAll @IntRange(min = 1, max = 2) int code,
            @ForAll @IntRange(min = 0, max = 10_000) int score, @ForAll @LongRange(min = 0, max = 1L << 40) long issued,
            @ForAll @LongRange(min = 0, max = 1L << 40) long ttl) {
        final DeliveryVerdict v = new DeliveryVerdict(deal, evidence, mask, code, score, issued, issued + ttl);
        assertEquals(v, EscrowSettler.decode(EscrowSettler.encode(v)));
    }

    @Provide
    Arbitrary<byte[]> words() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    /** Any lifecycle order of phases (as a worker that crashed may skip several) mirrors through legal moves only. */
    @Property
    void readModelFollowsEveryPhaseSequenceLegally(@ForAll("lifecycles") List<EscrowPhase> phases,
            @ForAll boolean disputedLate) {
        EscrowState at = EscrowState.OPENING;
        for (int i = 0; i < phases.size(); i++) {
            final EscrowPhase p = phases.get(i);
            final boolean disputed = disputedLate && i >= phases.size() / 2 && p.ordinal() >= EscrowPhase.OPEN.ordinal();
            final EscrowState target = p.storeState(disputed);
            for (final EscrowState next : StoreMirror.path(at, target)) {
                assertTrue(at.next().contains(next), at + " -> " + next);
                at = next;
            }
            assertEquals(target, at);
        }
    }

    @Provide
    Arbitrary<List<EscrowPhase>> lifecycles() {
        final List<EscrowPhase> forward = List.of(EscrowPhase.NEW, EscrowPhase.OPENING, EscrowPhase.OPEN,
                EscrowPhase.DELIVERING, EscrowPhase.VERIFIED, EscrowPhase.RELEASING, EscrowPhase.AWAITING_FINAL);
        return Arbitraries.integers().between(0, (1 << forward.size()) - 1).flatMap(mask ->
                Arbitraries.of(EscrowPhase.RELEASED, EscrowPhase.REFUNDED).map(end -> {
                    final List<EscrowPhase> out = new ArrayList<>();
                    for (int i = 0; i < forward.size(); i++) {
                        if ((mask & (1 << i)) != 0) {
                            out.add(forward.get(i));
                        }
                    }
                    out.add(end);
                    return out;
                }));
    }

    @Property
    void finalPhasesAreFinal(@ForAll EscrowPhase phase) {
        assertEquals(phase == EscrowPhase.RELEASED || phase == EscrowPhase.REFUNDED, phase.isFinal());
        assertNotEquals(null, phase.storeState(false));
    }
}
