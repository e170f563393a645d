package space.tokenta.chain.tron;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A Tron account or contract address in its three spellings: base58check {@code T...}, hex with
 * the 0x41 prefix ({@code 41...}, 21 bytes) and the EVM form ({@code 0x...}, 20 bytes) that Tron's
 * JSON-RPC and ABI encoding use.
 */
public final class TronAddress {
    public static final byte PREFIX = 0x41;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] body; // 20 bytes, without the 0x41 prefix

    private TronAddress(final byte[] body) {
        this.body = body;
    }

    /** Parses any of the three spellings. */
    public static TronAddress parse(final String text) {
        if (text == null) {
            throw new IllegalArgumentException("address is required");
        }
        final String t = text.trim();
        if (t.startsWith("T")) {
            return fromBase58(t);
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return fromEvmHex(t);
        }
        return fromHex41(t);
    }

    public static TronAddress fromBase58(final String base58) {
        final byte[] payload = Base58Check.decode(base58);
        if (payload.length != 21 || payload[0] != PREFIX) {
            throw new IllegalArgumentException("not a Tron address (needs 21 bytes starting 0x41): " + base58);
        }
        return new TronAddress(Arrays.copyOfRange(payload, 1, 21));
    }

    public static TronAddress fromHex41(final String hex) {
        if (hex == null || !hex.matches("(?i)41[0-9a-f]{40}")) {
            throw new IllegalArgumentException("hex Tron address must be 41 followed by 40 hex digits: " + hex);
        }
        return new TronAddress(HEX.parseHex(hex.substring(2)));
    }

    public static TronAddress fromEvmHex(final String hex) {
        if (hex == null || !hex.matches("0[xX][0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("EVM address must be 0x followed by 40 hex digits: " + hex);
        }
        return new TronAddress(HEX.parseHex(hex.substring(2)));
    }

    public static TronAddress fromBytes20(final byte[] bytes) {
        if (bytes == null || bytes.length != 20) {
            throw new IllegalArgumentException("20 bytes required");
        }
        return new TronAddress(bytes.clone());
    }

    public String toBase58() {
        final byte[] payload = new byte[21];
        payload[0] = PREFIX;
        System.arraycopy(body, 0, payload, 1, 20);
        return Base58Check.encode(payload);
    }

    public String toHex41() {
        return "41" + HEX.formatHex(body);
    }

    public String toEvmHex() {
        return "0x" + HEX.formatHex(body);
    }

    public byte[] bytes20() {
        return body.clone();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TronAddress other && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return toBase58();
    }

    static String lower(final String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
