package space.tokenta.engine.event;

import org.agrona.DirectBuffer;

/** A fixed, documented 64-bit mixing function (stable across runs and JVMs; not cryptographic). */
public final class StateHash {
    private static final long MULTIPLIER = 0xBF58476D1CE4E5B9L;

    private StateHash() {
    }

    /** Folds {@code value} into {@code hash}: splitmix64 finaliser over (hash ^ value) then a rotate-multiply. */
    public static long mix(final long hash, final long value) {
        long z = (hash ^ value) * MULTIPLIER;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return Long.rotateLeft(z ^ (z >>> 29), 17) + value;
    }

    /** Hash of {@code length} bytes of {@code buffer}, 8 bytes at a time (little-endian), then the tail and length. */
    public static long hash(final DirectBuffer buffer, final int offset, final int length) {
        long hash = 0x2545F4914F6CDD1DL;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            hash = mix(hash, buffer.getLong(offset + i, java.nio.ByteOrder.LITTLE_ENDIAN));
        }
        for (; i < length; i++) {
            hash = mix(hash, buffer.getByte(offset + i));
        }
        return mix(hash, length);
    }
}
