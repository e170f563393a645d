package space.tokenta.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC request signature: hex HMAC-SHA256 with the key's secret over
 * {@code timestampMs + "\n" + nonce + "\n" + METHOD + "\n" + path + "\n" + query + "\n" + body}.
 */
public final class HmacSigner {
    private HmacSigner() {
    }

    public static String sign(final String secret, final long timestampMs, final String nonce, final String method,
            final String path, final String query, final byte[] body) {
        final String head = timestampMs + "\n" + nonce + "\n" + method + "\n" + path + "\n" + (query == null ? "" : query)
                + "\n";
        final byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        final byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), all));
    }

    public static byte[] hmacSha256(final byte[] key, final byte[] data) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean constantTimeEquals(final String a, final String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
