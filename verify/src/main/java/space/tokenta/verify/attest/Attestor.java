package space.tokenta.verify.attest;

import java.util.concurrent.CompletableFuture;

import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.verdict.DeliveryVerdict;

/**
 * One attestor as the quorum coordinator sees it: an address and a bounded, asynchronous request to
 * re-check a delivery's evidence by CID and sign (or abstain). {@link AttestorNode} runs in this
 * process; {@link RemoteAttestor} talks to an {@link AttestorServer} in a process of its own.
 */
public interface Attestor extends AutoCloseable
{
    String name();

    String address();

    /** Never fails: an attestor that cannot answer completes the future with an abstention. */
    CompletableFuture<Attestation> submit(Delivery delivery, Cid evidenceCid, DeliveryVerdict proposal);

    @Override
    void close();
}
