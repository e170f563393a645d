package space.tokenta.chain.escrow;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Hex forms used on the wire: 0x-prefixed lowercase bytes and checked 20-byte addresses. */
public final class EvmHex {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final HexFormat HEX = HexFormat.of();

    private EvmHex() {
    }

    /** 0x-prefixed lowercase hex of {@code bytes}. */
    public static String of(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }

    /** Bytes of a hex string with or without 0x. */
    public static byte[] bytes(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        return HEX.parseHex(digits);
    }

    /** A 20-byte address normalised to lowercase 0x form; rejects anything else. */
    public static String address(String value) {
        if (value == null) {
            throw new IllegalArgumentException("address is null");
        }
        String normalised = value.toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(normalised).matches()) {
            throw new IllegalArgumentException("not a 0x-prefixed 20-byte address: " + value);
        }
        return normalised;
    }

    /** The 32-byte word of a hex string (left-padded to 32 bytes; longer input is rejected). */
    public static byte[] word(String hex) {
        byte[] raw = bytes(hex);
        if (raw.length > 32) {
            throw new IllegalArgumentException("more than 32 bytes: " + hex);
        }
        byte[] word = new byte[32];
        System.arraycopy(raw, 0, word, 32 - raw.length, raw.length);
        return word;
    }
}
