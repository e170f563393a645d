package space.tokenta.engine.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import space.tokenta.engine.Limits;

/**
 * PendingTransfers finds exactly the live records by id, and reads back every field written, while
 * records are added and removed and slots are reused, through growth of the pool and of the engine-id
 * cells: engine ids (a sequence, with gaps, some far apart so their cells collide) mixed with external
 * ids.
 */
class PendingTransfersProperties {

    private record Written(long hi, long lo, TransferKind kind, int debit, int credit, long amount, long sequence,
            long timeoutAt, int feeCredit, long fee, int seller, long gross) {
    }

    @Property(tries = 40)
    void behavesLikeAMapOfLiveRecords(@ForAll final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final PendingTransfers pending = new PendingTransfers(1 + random.nextInt(64));
        final Map<List<Long>, Integer> slotById = new HashMap<>();
        final Map<Integer, Written> bySlot = new HashMap<>();
        final List<List<Long>> live = new ArrayList<>();
        long engineLo = random.nextInt(1_000);
        long sequence = 0;
        final int operations = 2_000 + random.nextInt(6_000);
        for (int i = 0; i < operations; i++) {
            final int roll = random.nextInt(10);
            if (roll < 6 || live.isEmpty()) {
                final boolean engine = random.nextInt(4) != 0;
                engineLo += engine && random.nextInt(10) == 0 ? 4_096 * (1 + random.nextInt(4)) : 1 + random.nextInt(3);
                final long hi = engine ? Limits.ENGINE_TRANSFER_ID_HI : 1 + random.nextInt(3);
                final long lo = engine ? engineLo : random.nextLong();
                if (slotById.containsKey(List.of(hi, lo))) {
                    continue;
                }
                final Written w = new Written(hi, lo, engine ? TransferKind.SETTLEMENT : TransferKind.WITHDRAWAL,
                        random.nextInt(1 << 20), random.nextInt(1 << 20), random.nextLong(1L << 56), ++sequence,
                        random.nextBoolean() ? 0 : random.nextLong(1L << 62), engine ? random.nextInt(1 << 20) : -1,
                        random.nextLong(1L << 46), engine ? random.nextInt(1 << 20) : -1, random.nextLong(1L << 46));
                final int slot = pending.add(w.hi, w.lo, w.kind, w.debit, w.credit, w.amount, w.sequence, w.timeoutAt,
                        w.feeCredit, w.fee, w.seller, w.gross);
                assertFalse(bySlot.containsKey(slot), "a live slot handed out again");
                slotById.put(List.of(hi, lo), slot);
                bySlot.put(slot, w);
                live.add(List.of(hi, lo));
            } else if (roll < 9) {
                final List<Long> id = live.remove(random.nextInt(live.size()));
                final int slot = slotById.remove(id);
                bySlot.remove(slot);
                pending.remove(slot);
                assertFalse(pending.live(slot));
                assertEquals(-1, pending.find(id.get(0), id.get(1)));
            } else {
                assertEquals(-1, pending.find(Limits.ENGINE_TRANSFER_ID_HI, engineLo + 1 + random.nextInt(100)));
            }
            assertEquals(live.size(), pending.liveCount());
        }
        for (final Map.Entry<List<Long>, Integer> e : slotById.entrySet()) {
            final int slot = e.getValue();
            assertEquals(slot, pending.find(e.getKey().get(0), e.getKey().get(1)));
            final Written w = bySlot.get(slot);
            assertTrue(pending.live(slot));
            assertEquals(w.hi, pending.idHi(slot));
            assertEquals(w.lo, pending.idLo(slot));
            assertEquals(w.kind, pending.kindOf(slot));
            assertEquals(w.debit, pending.debitSlot(slot));
            assertEquals(w.credit, pending.creditSlot(slot));
            assertEquals(w.amount, pending.amount(slot));
            assertEquals(w.sequence, pending.sequence(slot));
            assertEquals(w.timeoutAt, pending.timeoutAtNs(slot));
            assertEquals(w.feeCredit, pending.feeCreditSlot(slot));
            assertEquals(w.fee, pending.feeAmount(slot));
            assertEquals(w.seller, pending.sellerTraderSlot(slot));
            assertEquals(w.gross, pending.grossNotional(slot));
        }
    }
}
