package space.tokenta.settlement.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import space.tokenta.engine.Limits;

/**
 * 128-bit engine transfer ids derived from settlement's own keys (a chain event id
 * {@code chainId:blockHash:logIndex}, a withdrawal id): the first 16 bytes of sha256(domain ‖ key).
 * The same key always gives the same id, which is what makes a re-sent command a no-op in the engine.
 */
public final class TransferIds {
    public static final String DEPOSIT_DOMAIN = "tokenta/deposit/v1:";
    public static final String WITHDRAWAL_DOMAIN = "tokenta/withdrawal/v1:";

    private TransferIds() {
    }

    /** {hi, lo}; never zero and never in the engine's own id space. */
    public static long[] of(final String domain, final String key) {
        if (key == null || key.isEmpty() || key.length() > 512) {
            throw new IllegalArgumentException("transfer key must be 1..512 characters");
        }
        final byte[] digest = sha256((domain + key).getBytes(StandardCharsets.UTF_8));
        final ByteBuffer b = ByteBuffer.wrap(digest);
        long hi = b.getLong();
        final long lo = b.getLong();
        if (hi == Limits.ENGINE_TRANSFER_ID_HI || hi == 0) {
            hi ^= 1L << 62;
        }
        return new long[] {hi, lo};
    }

    public static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
