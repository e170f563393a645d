package space.tokenta.chain.tron;

import java.math.BigInteger;
import java.util.HexFormat;

/** ABI encodings of the TRC-20 calls Tokenta makes (the same as ERC-20; addresses are the 20-byte body). */
public final class Trc20Calls {
    public static final String TRANSFER_SELECTOR = "a9059cbb";
    public static final String BALANCE_OF_SELECTOR = "70a08231";
    /** keccak256("Transfer(address,address,uint256)"). */
    public static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private Trc20Calls() {
    }

    /** Calldata (hex, no 0x) for transfer(to, amount). */
    public static String transfer(final TronAddress to, final BigInteger amount) {
        return TRANSFER_SELECTOR + word(to) + word(amount);
    }

    /** Calldata (hex, no 0x) for balanceOf(owner). */
    public static String balanceOf(final TronAddress owner) {
        return BALANCE_OF_SELECTOR + word(owner);
    }

    static String word(final TronAddress address) {
        return "0".repeat(24) + HexFormat.of().formatHex(address.bytes20());
    }

    static String word(final BigInteger value) {
        if (value.signum() < 0 || value.compareTo(UINT256_MAX) > 0) {
            throw new IllegalArgumentException("uint256 out of range: " + value);
        }
        final String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    /** Decodes the 32-byte topic of an indexed address into a Tron address. */
    public static TronAddress topicAddress(final String topic) {
        if (topic == null || !topic.matches("0x0{24}[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not an address topic: " + topic);
        }
        return TronAddress.fromEvmHex("0x" + topic.substring(26));
    }
}
