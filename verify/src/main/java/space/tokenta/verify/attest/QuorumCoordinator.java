package space.tokenta.verify.attest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.Dsse;
import space.tokenta.verify.evidence.EvidenceStore;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.PipelineReport;
import space.tokenta.verify.verdict.Eip712Domain;
import space.tokenta.verify.verdict.EquivocationProof;
import space.tokenta.verify.verdict.QuorumCollector;
import space.tokenta.verify.verdict.SignedVerdict;
import space.tokenta.verify.verdict.VerdictHasher;

/**
 * S6 QUORUM: asks the deal's panel, collects signed verdicts until one exact verdict has a quorum,
 * and stores the DSSE envelope (statement + the quorum's signatures) by CID. Late or conflicting
 * signatures go through the same collector, so equivocation is caught here too.
 */
public final class QuorumCoordinator
{
    /** The S6 outcome: the quorum (if any), its envelope CID, every answer, and equivocation proofs. */
    public record Outcome(
        Optional<QuorumCollector.Quorum> quorum, Optional<Cid> envelopeCid, List<Attestation> attestations,
        List<EquivocationProof> equivocations)
    {
    }

    private final Map<String, Attestor> nodes = new LinkedHashMap<>();
    private final List<AttestorPanel.Member> members;
    private final Eip712Domain domain;
    private final VerdictHasher hasher;
    private final EvidenceStore store;
    private final int panelSize;
    private final int quorum;
    private final long timeoutMs;

    public QuorumCoordinator(
        final List<? extends Attestor> nodes, final List<AttestorPanel.Member> members, final Eip712Domain domain,
        final EvidenceStore store, final int panelSize, final int quorum, final long timeoutMs)
    {
        nodes.forEach(n -> this.nodes.put(n.address(), n));
        this.members = List.copyOf(members);
        this.domain = domain;
        this.hasher = new VerdictHasher(domain);
        this.store = store;
        this.panelSize = panelSize;
        this.quorum = quorum;
        this.timeoutMs = timeoutMs;
    }

    public Outcome attest(final Delivery delivery, final PipelineReport report)
    {
        if (report.state() == PipelineReport.State.PENDING)
        {
            throw new IllegalStateException("S1-S5 still pending for " + delivery.dealIdHex());
        }
        final List<String> panel = AttestorPanel.select(members, delivery.dealId(), delivery.buyer(), delivery.seller(), panelSize, quorum);
        final QuorumCollector collector = new QuorumCollector(hasher, delivery.dealId(), quorum, new HashSet<>(panel));
        final List<CompletableFuture<Attestation>> pending = new ArrayList<>();
        for (final String address : panel)
        {
            final Attestor node = nodes.get(address);
            if (node != null)
            {
                pending.add(node.submit(delivery, report.evidenceCid(), report.proposal()));
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final List<Attestation> answers = new ArrayList<>();
        final Map<String, Dsse.Signature> statementSignatures = new LinkedHashMap<>();
        for (final CompletableFuture<Attestation> future : pending)
        {
            final Attestation answer = await(future, deadline);
            answers.add(answer);
            answer.verdict().ifPresent(signed ->
            {
                if (collector.add(signed) == QuorumCollector.Outcome.ACCEPTED)
                {
                    answer.statementSignature().ifPresent(sig -> statementSignatures.put(signed.signer(), sig));
                }
            });
        }
        final Optional<QuorumCollector.Quorum> reached = collector.quorum();
        Optional<Cid> envelopeCid = Optional.empty();
        if (reached.isPresent())
        {
            final List<Dsse.Signature> sigs = new ArrayList<>();
            for (final SignedVerdict signed : reached.get().signatures())
            {
                final Dsse.Signature sig = statementSignatures.get(signed.signer());
                if (sig != null)
                {
                    sigs.add(sig);
                }
            }
            final Dsse.Envelope envelope = new Dsse.Envelope(Dsse.IN_TOTO_PAYLOAD_TYPE, report.statementBytes(), sigs);
            envelopeCid = Optional.of(store.put(QuorumEnvelope.toCanonicalBytes(envelope, reached.get(), domain)));
        }
        return new Outcome(reached, envelopeCid, answers, collector.equivocations());
    }

    private static Attestation await(final CompletableFuture<Attestation> future, final long deadlineNanos)
    {
        try
        {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            return Attestation.abstain("", "timed out");
        }
        catch (final ExecutionException ex)
        {
            return Attestation.abstain("", "failed: " + ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return Attestation.abstain("", "interrupted");
        }
    }
}
