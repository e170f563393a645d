package space.tokenta.verify.attest;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.Dsse;
import space.tokenta.verify.evidence.EvidenceStore;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.InTotoStatement;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.pipeline.AssetClass;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.AssetVerifier;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.Listing;
import space.tokenta.verify.pipeline.Stage;
import space.tokenta.verify.pipeline.StageResult;
import space.tokenta.verify.pipeline.VerificationPipeline;
import space.tokenta.verify.verdict.DeliveryVerdict;
import space.tokenta.verify.verdict.SignedVerdict;
import space.tokenta.verify.verdict.VerdictCode;
import space.tokenta.verify.verdict.VerdictHasher;
import tools.jackson.databind.JsonNode;

/**
 * An independent attestor: its own key, its own verifiers and HTTP clients, its own nonces, its own
 * memory of what it signed, and its own thread running a {@link #doWork()} duty cycle over a
 * bounded request queue. Before signing it fetches the evidence by CID (re-hashing it), checks the
 * statement against the delivery and the proposal, re-checks metering records, and re-runs probes
 * with a nonce of its own. It never signs two different verdicts for one deal.
 */
public final class AttestorNode implements Attestor, Runnable
{
    public static final int QUEUE_CAPACITY = 64;
    public static final int MAX_REMEMBERED_DEALS = 100_000;

    public enum State
    {
        CREATED, RUNNING, STOPPED
    }

    private record Request(Delivery delivery, Cid evidenceCid, DeliveryVerdict proposal, CompletableFuture<Attestation> reply)
    {
    }

    private final String name;
    private final Secp256k1Key key;
    private final EvidenceStore store;
    private final VerdictHasher hasher;
    private final Map<AssetClass, AssetVerifier> verifiers = new EnumMap<>(AssetClass.class);
    private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Map<String, SignedVerdict> signedByDeal = new HashMap<>();
    private final SecureRandom nonces = new SecureRandom();
    private volatile State state = State.CREATED;
    private Thread thread;

    public AttestorNode(
        final String name, final Secp256k1Key key, final EvidenceStore store, final VerdictHasher hasher,
        final List<AssetVerifier> verifiers)
    {
        this.name = name;
        this.key = key;
        this.store = store;
        this.hasher = hasher;
        verifiers.forEach(v -> this.verifiers.put(v.assetClass(), v));
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String address()
    {
        return key.address();
    }

    public State state()
    {
        return state;
    }

    public synchronized AttestorNode start()
    {
        if (state != State.CREATED)
        {
            throw new IllegalStateException("attestor " + name + " already " + state);
        }
        state = State.RUNNING;
        thread = new Thread(this, "attestor-" + name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Queues a request; a full queue fails the future at once (back-pressure, never unbounded). */
    @Override
    public CompletableFuture<Attestation> submit(final Delivery delivery, final Cid evidenceCid, final DeliveryVerdict proposal)
    {
        final CompletableFuture<Attestation> reply = new CompletableFuture<>();
        if (state != State.RUNNING || !queue.offer(new Request(delivery, evidenceCid, proposal, reply)))
        {
            reply.complete(Attestation.abstain(key.address(), "attestor " + name + " busy or stopped"));
        }
        return reply;
    }

    @Override
    public void run()
    {
        while (state == State.RUNNING)
        {
            try
            {
                final Request request = queue.poll(50, TimeUnit.MILLISECONDS);
                if (request != null)
                {
                    request.reply().complete(process(request));
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Request left;
        while ((left = queue.poll()) != null)
        {
            left.reply().complete(Attestation.abstain(key.address(), "attestor stopped"));
        }
    }

    /** One unit of work without blocking: process a queued request if there is one. */
    public int doWork()
    {
        final Request request = queue.poll();
        if (request == null)
        {
            return 0;
        }
        request.reply().complete(process(request));
        return 1;
    }

    private Attestation process(final Request request)
    {
        try
        {
            return attest(request.delivery(), request.evidenceCid(), request.proposal());
        }
        catch (final RuntimeException ex)
        {
            return Attestation.abstain(key.address(), "evidence rejected: " + ex.getMessage());
        }
    }

    private Attestation attest(final Delivery delivery, final Cid cid, final DeliveryVerdict proposal)
    {
        final byte[] bytes = store.get(cid);
        final InTotoStatement statement = InTotoStatement.parse(bytes);
        final String problem = inconsistency(delivery, cid, statement, proposal);
        if (problem != null)
        {
            return Attestation.abstain(key.address(), problem);
        }
        final JsonNode stages = statement.predicate().path("stages");
        final AssetVerifier verifier = verifiers.get(delivery.listing().assetClass());
        final byte[] nonce = VerificationPipeline.nonce(nonces::nextLong);
        final DeliveryVerdict mine;
        final String reason;
        if (proposal.verdict() == VerdictCode.PASS)
        {
            final boolean meteringOk = verifier.recheckMetering(delivery, stages.path(3).path("evidence"), store);
            final StageResult probe = VerificationPipeline.guarded(Stage.S3_CONFORMANCE, () -> verifier.reprobe(delivery, nonce));
            final boolean agree = meteringOk && probe.passed();
            mine = agree ? proposal : withVerdict(proposal, VerdictCode.FAIL);
            reason = agree ? "re-checked metering; own probes " + probe.scoreBps() + " bps" :
                (meteringOk ? "own probes failed: " + probe.reason() : "metering records do not re-verify");
        }
        else
        {
            final String reproduced = reproduceFailure(delivery, stages, verifier, nonce);
            if (reproduced == null)
            {
                return Attestation.abstain(key.address(), "could not reproduce the failure");
            }
            mine = proposal;
            reason = reproduced;
        }
        final Optional<SignedVerdict> signed = sign(mine);
        if (signed.isEmpty())
        {
            return Attestation.abstain(key.address(), "already signed a different verdict for this deal");
        }
        final Dsse.Signature statementSignature = Dsse.unsigned(Dsse.IN_TOTO_PAYLOAD_TYPE, bytes).withSignature(key).signatures().get(0);
        return new Attestation(key.address(), signed, Optional.of(statementSignature), reason);
    }

    /** Re-runs the failed stage's check with our own nonce; returns a reason when the failure reproduces. */
    private String reproduceFailure(final Delivery delivery, final JsonNode stages, final AssetVerifier verifier, final byte[] nonce)
    {
        for (final JsonNode stage : stages)
        {
            if (stage.path("passed").asBoolean(true))
            {
                continue;
            }
            final Stage failed = Stage.valueOf(stage.path("stage").asString());
            return switch (failed)
            {
                case S1_LISTING -> Secp256k1Key.verify(delivery.listing().manifestDigest(), delivery.listing().signature(),
                    delivery.seller()) ? "listing refused: " + stage.path("reason").asString() : "listing signature invalid";
                case S2_AUTHENTICITY -> VerificationPipeline.guarded(failed, () -> verifier.authenticity(delivery, nonce)).passed() ?
                    null : "authenticity failure reproduced";
                case S3_CONFORMANCE -> VerificationPipeline.guarded(failed, () -> verifier.conformance(delivery, nonce)).passed() ?
                    null : "conformance failure reproduced with own nonce";
                case S4_METERING -> verifier.recheckMetering(delivery, stage.path("evidence"), store) ? null : "metering records fall short";
                case S5_ACCEPTANCE -> "acceptance failed: " + stage.path("reason").asString();
                case S6_QUORUM -> null;
            };
        }
        return null;
    }

    private String inconsistency(final Delivery delivery, final Cid cid, final InTotoStatement statement, final DeliveryVerdict proposal)
    {
        final JsonNode p = statement.predicate();
        if (!InTotoStatement.DELIVERY_EVIDENCE.equals(statement.predicateType()))
        {
            return "not delivery evidence";
        }
        if (!p.path("dealId").asString("").equals(delivery.dealIdHex()) || !Arrays.equals(proposal.dealId(), delivery.dealId()))
        {
            return "evidence is for another deal";
        }
        if (!Arrays.equals(statement.subjectSha256(), delivery.listing().manifestDigest()))
        {
            return "evidence subject is not the delivered listing";
        }
        final Listing listed = Listing.parse(store.get(Cid.parse(p.path("listingCid").asString(""))));
        if (!Arrays.equals(listed.toCanonicalBytes(), delivery.listing().toCanonicalBytes()))
        {
            return "stored listing differs from the delivered one";
        }
        final boolean listingSigned = Secp256k1Key.verify(listed.manifestDigest(), listed.signature(), listed.seller());
        int mask = 0;
        int passed = 0;
        for (final JsonNode stage : p.path("stages"))
        {
            final boolean claimsPass = stage.path("passed").asBoolean(false);
            if (claimsPass && "S1_LISTING".equals(stage.path("stage").asString("")) && !listingSigned)
            {
                return "S1 passed a listing its seller did not sign";
            }
            if (claimsPass && "ACCEPTED".equals(stage.path("evidence").path("kind").asString("")) &&
                !Secp256k1Key.verify(Acceptance.acceptanceDigest(delivery.dealId()),
                    Hex.decode(stage.path("evidence").path("buyerSignature").asString(""), 65), delivery.buyer()))
            {
                return "S5 passed an acceptance the buyer did not sign";
            }
            if (claimsPass)
            {
                mask |= Stage.valueOf(stage.path("stage").asString()).bit();
                passed++;
            }
        }
        final boolean pass = passed == 5 && p.path("stages").size() == 5;
        mask = Stage.verdictMask(mask, pass);
        if (mask != p.path("stageMask").asInt(-1) || !p.path("verdict").asString("").equals((pass ? VerdictCode.PASS : VerdictCode.FAIL).name()))
        {
            return "stage mask or verdict does not follow from the stages";
        }
        if (!Arrays.equals(proposal.evidenceDigest(), cid.digest()) || proposal.stageMask() != mask ||
            proposal.verdict() != (pass ? VerdictCode.PASS : VerdictCode.FAIL) || proposal.scoreBps() != p.path("scoreBps").asInt(-1) ||
            proposal.issuedAt() != p.path("issuedAt").asLong(-1) || proposal.expiresAt() != p.path("expiresAt").asLong(-1))
        {
            return "proposal does not match the evidence";
        }
        return null;
    }

    private static DeliveryVerdict withVerdict(final DeliveryVerdict v, final VerdictCode code)
    {
        return new DeliveryVerdict(v.dealId(), v.evidenceDigest(), v.stageMask(), code, v.scoreBps(), v.issuedAt(), v.expiresAt());
    }

    /** Signs unless a different verdict for this deal was signed before (an honest node never equivocates). */
    private synchronized Optional<SignedVerdict> sign(final DeliveryVerdict verdict)
    {
        final String deal = Hex.encode(verdict.dealId());
        final SignedVerdict before = signedByDeal.get(deal);
        if (before != null)
        {
            return Arrays.equals(hasher.digest(before.verdict()), hasher.digest(verdict)) ? Optional.of(before) : Optional.empty();
        }
        if (signedByDeal.size() >= MAX_REMEMBERED_DEALS)
        {
            throw new IllegalStateException("attestor memory full: " + MAX_REMEMBERED_DEALS);
        }
        final SignedVerdict signed = SignedVerdict.sign(hasher, verdict, key);
        signedByDeal.put(deal, signed);
        return Optional.of(signed);
    }

    @Override
    public void close()
    {
        state = State.STOPPED;
        final Thread t = thread;
        if (t != null)
        {
            try
            {
                t.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
