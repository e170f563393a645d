package space.tokenta.verify.attest;

import java.util.ArrayList;
import java.util.List;

import space.tokenta.reputation.AttestorReputation;
import space.tokenta.verify.verdict.EquivocationProof;
import space.tokenta.verify.verdict.VerdictCode;
import space.tokenta.verify.verdict.VerdictHasher;

/**
 * Feeds an S6 outcome into the attestors' reputation: every signed verdict is a vote (PASS or FAIL
 * with its score), abstentions are not votes, and each verifiable equivocation proof slashes its
 * attestor's whole stake.
 */
public final class AttestorFeedback
{
    private AttestorFeedback()
    {
    }

    public static List<AttestorReputation.Vote> votes(final QuorumCoordinator.Outcome outcome)
    {
        final List<AttestorReputation.Vote> votes = new ArrayList<>();
        for (final Attestation attestation : outcome.attestations())
        {
            attestation.verdict().ifPresent(signed -> votes.add(new AttestorReputation.Vote(
                signed.signer(), signed.verdict().verdict() == VerdictCode.PASS, signed.verdict().scoreBps())));
        }
        return votes;
    }

    /** Applies the outcome; returns how many attestors were slashed for equivocation. */
    public static int apply(final QuorumCoordinator.Outcome outcome, final AttestorReputation book, final VerdictHasher hasher)
    {
        final List<AttestorReputation.Vote> votes = votes(outcome);
        if (!votes.isEmpty())
        {
            book.recordRound(votes);
        }
        int slashed = 0;
        for (final EquivocationProof proof : outcome.equivocations())
        {
            if (proof.verifies(hasher) && !book.standing(proof.attestor()).equivocated())
            {
                book.slashEquivocation(proof.attestor());
                slashed++;
            }
        }
        return slashed;
    }
}
