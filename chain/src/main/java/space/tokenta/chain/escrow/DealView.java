package space.tokenta.chain.escrow;

import java.math.BigInteger;

/**
 * A deal as {@code getDeal} returns it.
 *
 * @param state the contract's {@code DealState}
 */
public record DealView(
        String buyer,
        long releaseAfterSec,
        State state,
        boolean disputed,
        int feeBps,
        String seller,
        long expiresAtSec,
        String token,
        long disputedAtSec,
        BigInteger amount,
        byte[] evidenceDigest) {

    /** The contract's {@code DealState}, in declaration order. */
    public enum State {
        NONE, OPEN, RELEASED, REFUNDED;

        static State of(int ordinal) {
            State[] all = values();
            if (ordinal < 0 || ordinal >= all.length) {
                throw new IllegalArgumentException("unknown deal state " + ordinal);
            }
            return all[ordinal];
        }
    }

    static DealView decode(String result) {
        AbiWords w = new AbiWords(result);
        if (w.count() != 11) {
            throw new IllegalArgumentException("getDeal returned " + w.count() + " words, expected 11");
        }
        return new DealView(w.address(0), w.uint64(1), State.of(w.small(2)), w.bool(3), w.small(4), w.address(5),
                w.uint64(6), w.address(7), w.uint64(8), w.uint(9), w.bytes32(10));
    }

    @Override
    public byte[] evidenceDigest() {
        return evidenceDigest.clone();
    }
}
