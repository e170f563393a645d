package space.tokenta.verify.attest;

import java.util.Optional;

import space.tokenta.verify.evidence.Dsse;
import space.tokenta.verify.verdict.SignedVerdict;

/**
 * One attestor's answer for a deal: its signed verdict and DSSE signature over the statement, or an
 * abstention (no signature) with the reason.
 */
public record Attestation(String attestor, Optional<SignedVerdict> verdict, Optional<Dsse.Signature> statementSignature, String reason)
{
    public static Attestation abstain(final String attestor, final String reason)
    {
        return new Attestation(attestor, Optional.empty(), Optional.empty(), reason);
    }
}
