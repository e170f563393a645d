package space.tokenta.chain.tron;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Base58 with a 4-byte double-SHA-256 checksum, as Tron (and Bitcoin) addresses use. */
public final class Base58Check {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    public static final int MAX_PAYLOAD_BYTES = 128;

    private Base58Check() {
    }

    public static String encode(final byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload longer than " + MAX_PAYLOAD_BYTES + " bytes");
        }
        final byte[] withChecksum = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(checksum(payload), 0, withChecksum, payload.length, 4);
        return encodePlain(withChecksum);
    }

    /** Decodes and verifies the checksum; throws {@link IllegalArgumentException} on any defect. */
    public static byte[] decode(final String text) {
        final byte[] raw = decodePlain(text);
        if (raw.length < 5) {
            throw new IllegalArgumentException("base58check string too short");
        }
        final byte[] payload = Arrays.copyOf(raw, raw.length - 4);
        final byte[] expected = checksum(payload);
        for (int i = 0; i < 4; i++) {
            if (raw[payload.length + i] != expected[i]) {
                throw new IllegalArgumentException("base58check checksum mismatch");
            }
        }
        return payload;
    }

    static String encodePlain(final byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        BigInteger n = new BigInteger(1, bytes);
        final StringBuilder out = new StringBuilder();
        while (n.signum() > 0) {
            final BigInteger[] qr = n.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        out.append("1".repeat(zeros));
        return out.reverse().toString();
    }

    static byte[] decodePlain(final String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_PAYLOAD_BYTES * 2) {
            throw new IllegalArgumentException("base58 string empty or too long");
        }
        BigInteger n = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            final int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("not a base58 character: '" + text.charAt(i) + "'");
            }
            if (leading && digit == 0) {
                zeros++;
            } else {
                leading = false;
            }
            n = n.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        final byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
        final int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        final byte[] out = new byte[zeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, zeros, magnitude.length - skip);
        return out;
    }

    static byte[] checksum(final byte[] payload) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            final byte[] once = sha.digest(payload);
            return Arrays.copyOf(sha.digest(once), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
