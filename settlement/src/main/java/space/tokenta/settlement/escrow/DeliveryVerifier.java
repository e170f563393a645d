package space.tokenta.settlement.escrow;

import space.tokenta.chain.escrow.DeliveryVerdict;

/**
 * Runs verification for one open escrow (stages S1-S6) and returns the quorum's verdict in the
 * form the escrow contract takes. Implementations block at most their own bounded timeout.
 */
public interface DeliveryVerifier {
    /** The outcome of one attempt. */
    sealed interface Outcome {
    }

    /** Nothing delivered yet (or S5's challenge window still open): ask again later. */
    record NotReady(String reason) implements Outcome {
    }

    /** The pipeline ran but no quorum signed one verdict: ask again later (expiry refunds if it never comes). */
    record NoQuorum(String reason) implements Outcome {
    }

    /**
     * A quorum signed {@code verdict}. {@code signatures} are packed 65-byte signatures sorted by signer,
     * as {@code release}/{@code refund} take them; {@code evidenceCid} names the quorum envelope.
     */
    record Verdict(DeliveryVerdict verdict, byte[] signatures, String evidenceCid, String signers) implements Outcome {
        public boolean pass() {
            return verdict.verdict() == DeliveryVerdict.PASS;
        }
    }

    Outcome verify(EscrowRow escrow, long chainTimeSec);
}
