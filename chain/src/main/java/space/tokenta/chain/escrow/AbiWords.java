package space.tokenta.chain.escrow;

import java.math.BigInteger;

/** Reads static ABI values from 32-byte words of 0x hex (call results, event data, topics). */
final class AbiWords {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String hex;
    private final int count;

    AbiWords(String hexWords) {
        String digits = hexWords.startsWith("0x") ? hexWords.substring(2) : hexWords;
        if (digits.length() % 64 != 0) {
            throw new IllegalArgumentException("not a whole number of 32-byte words: " + digits.length() / 2 + " bytes");
        }
        this.hex = digits;
        this.count = digits.length() / 64;
    }

    int count() {
        return count;
    }

    private String word(int index) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("word " + index + " of " + count);
        }
        return hex.substring(index * 64, index * 64 + 64);
    }

    BigInteger uint(int index) {
        return new BigInteger(word(index), 16);
    }

    long uint64(int index) {
        BigInteger value = uint(index);
        if (value.compareTo(UINT64_MAX) > 0) {
            throw new IllegalArgumentException("word " + index + " exceeds uint64");
        }
        return value.longValue(); // seconds values stay far below 2^63
    }

    int small(int index) {
        BigInteger value = uint(index);
        if (value.bitLength() > 31) {
            throw new IllegalArgumentException("word " + index + " is not a small integer");
        }
        return value.intValue();
    }

    boolean bool(int index) {
        return small(index) != 0;
    }

    String address(int index) {
        return "0x" + word(index).substring(24);
    }

    byte[] bytes32(int index) {
        return EvmHex.bytes(word(index));
    }
}
