package space.tokenta.engine.collections;

/**
 * Binary min-heap of timers ordered by (deadline, sequence); each timer carries an int reference.
 * Removal is lazy: the owner checks, when a timer fires, whether its reference is still current
 * (by comparing the sequence). Allocation-free except when it grows.
 */
public final class TimerHeap {
    private long[] deadlines;
    private long[] sequences;
    private int[] refs;
    private int size;

    public TimerHeap(final int initialCapacity) {
        deadlines = new long[initialCapacity];
        sequences = new long[initialCapacity];
        refs = new int[initialCapacity];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        size = 0;
    }

    public long peekDeadline() {
        return deadlines[0];
    }

    public long peekSequence() {
        return sequences[0];
    }

    public int peekRef() {
        return refs[0];
    }

    public void push(final long deadline, final long sequence, final int ref) {
        if (size == deadlines.length) {
            final int capacity = size * 2;
            deadlines = java.util.Arrays.copyOf(deadlines, capacity);
            sequences = java.util.Arrays.copyOf(sequences, capacity);
            refs = java.util.Arrays.copyOf(refs, capacity);
        }
        int i = size++;
        while (i > 0) {
            final int parent = (i - 1) >>> 1;
            if (!less(deadline, sequence, deadlines[parent], sequences[parent])) {
                break;
            }
            set(i, deadlines[parent], sequences[parent], refs[parent]);
            i = parent;
        }
        set(i, deadline, sequence, ref);
    }

    /** Removes the earliest timer (read it with the peek methods first). */
    public void pop() {
        final int last = --size;
        if (last == 0) {
            return;
        }
        final long deadline = deadlines[last];
        final long sequence = sequences[last];
        final int ref = refs[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && less(deadlines[child + 1], sequences[child + 1], deadlines[child], sequences[child])) {
                child++;
            }
            if (!less(deadlines[child], sequences[child], deadline, sequence)) {
                break;
            }
            set(i, deadlines[child], sequences[child], refs[child]);
            i = child;
        }
        set(i, deadline, sequence, ref);
    }

    private static boolean less(final long d1, final long s1, final long d2, final long s2) {
        return d1 < d2 || (d1 == d2 && s1 < s2);
    }

    private void set(final int i, final long deadline, final long sequence, final int ref) {
        deadlines[i] = deadline;
        sequences[i] = sequence;
        refs[i] = ref;
    }
}
