package space.tokenta.engine.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** LongPairIndex behaves like a HashMap under random puts, removes and gets (collisions forced by a small key space). */
class LongPairIndexProperties {

    @Property(tries = 50)
    void behavesLikeAHashMap(@ForAll final long seed) {
        behavesLikeAHashMap(seed, new LongPairIndex(16));
    }

    /** Keys of one high half placed by their low half (sequence ids), mixed with fully hashed keys. */
    @Property(tries = 50)
    void behavesLikeAHashMapWithSequentialKeys(@ForAll final long seed) {
        behavesLikeAHashMap(seed, new LongPairIndex(16, 2));
    }

    private static void behavesLikeAHashMap(final long seed, final LongPairIndex index) {
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<List<Long>, Integer> model = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            final long hi = random.nextInt(4);
            final long lo = random.nextInt(300);
            final int op = random.nextInt(3);
            if (op == 0) {
                final int value = random.nextInt(1_000_000);
                index.put(hi, lo, value);
                model.put(List.of(hi, lo), value);
            } else if (op == 1) {
                final Integer removed = model.remove(List.of(hi, lo));
                assertEquals(removed == null ? LongPairIndex.MISSING : removed, index.remove(hi, lo));
            } else {
                final Integer value = model.get(List.of(hi, lo));
                assertEquals(value == null ? LongPairIndex.MISSING : value, index.get(hi, lo));
            }
            assertEquals(model.size(), index.size());
        }
        for (final Map.Entry<List<Long>, Integer> entry : model.entrySet()) {
            assertEquals(entry.getValue(), index.get(entry.getKey().get(0), entry.getKey().get(1)));
        }
    }

    @Property(tries = 20)
    void timerHeapPopsInDeadlineThenSequenceOrder(@ForAll final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final TimerHeap heap = new TimerHeap(4);
        final java.util.PriorityQueue<long[]> model = new java.util.PriorityQueue<>(
                (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int i = 0; i < 3_000; i++) {
            if (random.nextInt(3) > 0 || model.isEmpty()) {
                final long deadline = random.nextInt(100);
                heap.push(deadline, i, i);
                model.add(new long[] {deadline, i});
            } else {
                final long[] expected = model.poll();
                assertEquals(expected[0], heap.peekDeadline());
                assertEquals(expected[1], heap.peekSequence());
                heap.pop();
            }
            assertEquals(model.size(), heap.size());
        }
    }
}
