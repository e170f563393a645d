package space.tokenta.verify.pipeline;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.EvidenceException;
import space.tokenta.verify.evidence.EvidenceStore;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.InTotoStatement;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.verdict.DeliveryVerdict;
import space.tokenta.verify.verdict.VerdictCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs S1-S5 for one delivery, stops at the first failing stage, and stores the evidence statement
 * by CID with a proposed verdict for S6. Nonces come from the given random source.
 */
public final class VerificationPipeline
{
    public static final int NONCE_BYTES = 32;

    private final Map<AssetClass, AssetVerifier> verifiers = new EnumMap<>(AssetClass.class);
    private final EvidenceStore store;
    private final ListingRegistry registry;
    private final BigInteger minBondUnits;
    private final long verdictTtlSeconds;

    public VerificationPipeline(
        final List<AssetVerifier> verifiers, final EvidenceStore store, final ListingRegistry registry,
        final BigInteger minBondUnits, final long verdictTtlSeconds)
    {
        verifiers.forEach(v -> this.verifiers.put(v.assetClass(), v));
        this.store = store;
        this.registry = registry;
        this.minBondUnits = minBondUnits;
        if (verdictTtlSeconds <= 0)
        {
            throw new IllegalArgumentException("verdictTtlSeconds must be positive");
        }
        this.verdictTtlSeconds = verdictTtlSeconds;
    }

    public AssetVerifier verifierFor(final AssetClass assetClass)
    {
        final AssetVerifier verifier = verifiers.get(assetClass);
        if (verifier == null)
        {
            throw new EvidenceException("no verifier for " + assetClass);
        }
        return verifier;
    }

    public EvidenceStore store()
    {
        return store;
    }

    public PipelineReport run(
        final Delivery delivery, final Acceptance acceptance, final long nowSeconds, final RandomGenerator random)
    {
        final List<StageResult> results = new ArrayList<>(6);
        final StageResult listing = listing(delivery.listing());
        results.add(listing);
        if (listing.passed())
        {
            final AssetVerifier verifier = verifierFor(delivery.listing().assetClass());
            if (add(results, guarded(Stage.S2_AUTHENTICITY, () -> verifier.authenticity(delivery, nonce(random)))) &&
                add(results, guarded(Stage.S3_CONFORMANCE, () -> verifier.conformance(delivery, nonce(random)))) &&
                add(results, guarded(Stage.S4_METERING, () -> verifier.metering(delivery, store))))
            {
                final StageResult accept = acceptance(delivery, acceptance, nowSeconds, verifier, random);
                if (accept == null)
                {
                    return new PipelineReport(PipelineReport.State.PENDING, results, null, null, null);
                }
                results.add(accept);
            }
        }
        return conclude(delivery, results, nowSeconds);
    }

    StageResult listing(final Listing listing)
    {
        final ObjectNode evidence = CanonicalJson.object();
        try
        {
            // Stored first, so even a refused listing is in the evidence for anyone to re-check.
            final Cid cid = store.put(listing.toCanonicalBytes());
            evidence.put("listingCid", cid.toString());
            final List<String> problems = new ArrayList<>();
            final JsonNode m = listing.manifest();
            for (final String field : new String[] {"listingId", "assetClass", "symbol", "seller", "bondUnits", "endpoint"})
            {
                if (!m.path(field).isString() || m.path(field).asString().isEmpty())
                {
                    problems.add("manifest field missing: " + field);
                }
            }
            if (!problems.isEmpty())
            {
                return StageResult.fail(Stage.S1_LISTING, 0, String.join("; ", problems), evidence);
            }
            final AssetClass assetClass = listing.assetClass();
            evidence.put("seller", listing.seller());
            if (!Secp256k1Key.verify(listing.manifestDigest(), listing.signature(), listing.seller()))
            {
                problems.add("seller signature does not verify");
            }
            final BigInteger bond = new BigInteger(m.path("bondUnits").asString());
            if (bond.compareTo(minBondUnits) < 0)
            {
                problems.add("bond " + bond + " below minimum " + minBondUnits);
            }
            if (!listing.endpoint().getScheme().startsWith("http"))
            {
                problems.add("endpoint must be http(s)");
            }
            problems.addAll(verifierFor(assetClass).checkSpec(listing.spec()));
            if (problems.isEmpty())
            {
                final String duplicate = registry.register(
                    listing.listingId(), cid, listing.spec().path("contentDigest").asString(null), listing.seller());
                if (duplicate != null)
                {
                    problems.add(duplicate);
                }
            }
            return problems.isEmpty() ?
                StageResult.pass(Stage.S1_LISTING, 10_000, "listing well-formed and signed", evidence) :
                StageResult.fail(Stage.S1_LISTING, 0, String.join("; ", problems), evidence);
        }
        catch (final RuntimeException ex)
        {
            return StageResult.fail(Stage.S1_LISTING, 0, "malformed listing: " + ex.getMessage(), evidence);
        }
    }

    private StageResult acceptance(
        final Delivery delivery, final Acceptance acceptance, final long nowSeconds, final AssetVerifier verifier,
        final RandomGenerator random)
    {
        final ObjectNode evidence = CanonicalJson.object().put("kind", acceptance.kind().name());
        return switch (acceptance.kind())
        {
            case ACCEPTED ->
            {
                evidence.put("buyerSignature", Hex.encode(acceptance.buyerSignature()));
                yield Secp256k1Key.verify(Acceptance.acceptanceDigest(delivery.dealId()), acceptance.buyerSignature(), delivery.buyer()) ?
                    StageResult.pass(Stage.S5_ACCEPTANCE, 10_000, "buyer signed acceptance", evidence) :
                    StageResult.fail(Stage.S5_ACCEPTANCE, 0, "acceptance not signed by the buyer", evidence);
            }
            case SILENT ->
            {
                final long closesAt = acceptance.deliveredAtSeconds() + acceptance.windowSeconds();
                evidence.put("windowClosesAt", closesAt);
                yield nowSeconds < closesAt ? null :
                    StageResult.pass(Stage.S5_ACCEPTANCE, 10_000, "challenge window closed without dispute", evidence);
            }
            case DISPUTED ->
            {
                // Fresh probes with a fresh nonce decide the dispute.
                final StageResult rerun = guarded(Stage.S3_CONFORMANCE, () -> verifier.conformance(delivery, nonce(random)));
                evidence.set("rerun", rerun.toJson());
                yield rerun.passed() ?
                    StageResult.pass(Stage.S5_ACCEPTANCE, rerun.scoreBps(), "dispute rejected: fresh probes pass", evidence) :
                    StageResult.fail(Stage.S5_ACCEPTANCE, rerun.scoreBps(), "dispute upheld: " + rerun.reason(), evidence);
            }
        };
    }

    private PipelineReport conclude(final Delivery delivery, final List<StageResult> results, final long nowSeconds)
    {
        int mask = 0;
        boolean allPassed = true;
        for (final StageResult result : results)
        {
            if (result.passed())
            {
                mask |= result.stage().bit();
            }
            else
            {
                allPassed = false;
            }
        }
        final boolean pass = allPassed && results.size() == 5;
        mask = Stage.verdictMask(mask, pass);
        final int scoreBps = score(results);
        final ObjectNode predicate = CanonicalJson.object();
        predicate.put("dealId", delivery.dealIdHex());
        predicate.put("assetClass", delivery.listing().assetClass().name());
        predicate.put("seller", delivery.seller());
        predicate.put("buyer", delivery.buyer());
        predicate.put("listingCid", results.get(0).evidence().path("listingCid").asString(""));
        final ArrayNode stages = predicate.putArray("stages");
        results.forEach(r -> stages.add(r.toJson()));
        predicate.put("stageMask", mask);
        predicate.put("verdict", pass ? VerdictCode.PASS.name() : VerdictCode.FAIL.name());
        predicate.put("scoreBps", scoreBps);
        predicate.put("issuedAt", nowSeconds);
        predicate.put("expiresAt", nowSeconds + verdictTtlSeconds);
        final InTotoStatement statement = new InTotoStatement(
            "deal:" + delivery.dealIdHex(), delivery.listing().manifestDigest(), InTotoStatement.DELIVERY_EVIDENCE, predicate);
        final byte[] bytes = statement.toCanonicalBytes();
        final Cid cid = store.put(bytes);
        final DeliveryVerdict proposal = new DeliveryVerdict(
            delivery.dealId(), cid.digest(), mask, pass ? VerdictCode.PASS : VerdictCode.FAIL, scoreBps,
            nowSeconds, nowSeconds + verdictTtlSeconds);
        return new PipelineReport(pass ? PipelineReport.State.PASS : PipelineReport.State.FAIL, results, cid, bytes, proposal);
    }

    /** Deal score: S3 pass rate times S4 SLA attainment, in basis points (0 if either was not reached). */
    static int score(final List<StageResult> results)
    {
        final int conformance = results.size() > 2 ? results.get(2).scoreBps() : 0;
        final int metering = results.size() > 3 ? results.get(3).scoreBps() : 0;
        return (int)((long)conformance * metering / 10_000);
    }

    private static boolean add(final List<StageResult> results, final StageResult result)
    {
        results.add(result);
        return result.passed();
    }

    /** A seller that cannot be reached or answers garbage fails the stage; it never crashes the run. */
    public static StageResult guarded(final Stage stage, final java.util.function.Supplier<StageResult> check)
    {
        try
        {
            return check.get();
        }
        catch (final RuntimeException ex)
        {
            return StageResult.fail(stage, "check failed: " + ex.getMessage());
        }
    }

    public static byte[] nonce(final RandomGenerator random)
    {
        final byte[] nonce = new byte[NONCE_BYTES];
        for (int i = 0; i < NONCE_BYTES; i += 8)
        {
            final long value = random.nextLong();
            for (int j = 0; j < 8; j++)
            {
                nonce[i + j] = (byte)(value >>> (8 * j));
            }
        }
        return nonce;
    }
}
