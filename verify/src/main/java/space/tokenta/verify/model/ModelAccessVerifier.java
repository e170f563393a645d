package space.tokenta.verify.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import space.tokenta.verify.dataset.DatasetVerifier;
import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.EvidenceStore;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Sha256;
import space.tokenta.verify.http.JsonHttpClient;
import space.tokenta.verify.pipeline.AssetClass;
import space.tokenta.verify.pipeline.AssetVerifier;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.Stage;
import space.tokenta.verify.pipeline.StageResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MODEL_ACCESS checks. Spec: {@code contentDigest} (sha256 of the weights), {@code weightsBytes},
 * {@code goldenSet}, {@code goldenItems}, {@code minAccuracyBps}. S2: the served weights hash to the
 * listed digest; S3: golden-set evaluation through the seller's inference endpoint; S4: download receipt.
 */
public final class ModelAccessVerifier implements AssetVerifier
{
    private static final int REPROBE_ITEMS = 8;

    private final Map<String, GoldenSet> goldenSets;
    private final JsonHttpClient http = new JsonHttpClient();

    public ModelAccessVerifier(final Map<String, GoldenSet> goldenSets)
    {
        this.goldenSets = Map.copyOf(goldenSets);
    }

    @Override
    public AssetClass assetClass()
    {
        return AssetClass.MODEL_ACCESS;
    }

    @Override
    public List<String> checkSpec(final JsonNode spec)
    {
        final List<String> problems = new ArrayList<>();
        if (!spec.path("contentDigest").asString("").matches("[0-9a-f]{64}"))
        {
            problems.add("contentDigest must be the sha256 hex of the weights");
        }
        if (spec.path("weightsBytes").asLong(0) <= 0)
        {
            problems.add("weightsBytes must be positive");
        }
        final GoldenSet golden = goldenSets.get(spec.path("goldenSet").asString(""));
        if (golden == null)
        {
            problems.add("unknown golden set " + spec.path("goldenSet"));
        }
        else if (spec.path("goldenItems").asInt(0) < 1 || spec.path("goldenItems").asInt() > golden.items().size())
        {
            problems.add("goldenItems in [1, " + golden.items().size() + "]");
        }
        if (spec.path("minAccuracyBps").asInt(-1) < 0 || spec.path("minAccuracyBps").asInt() > 10_000)
        {
            problems.add("minAccuracyBps in [0, 10000]");
        }
        return problems;
    }

    private byte[] weights(final Delivery delivery)
    {
        final JsonHttpClient.Response response = http.get(delivery.listing().endpoint().resolve("/v1/weights"));
        return response.status() == 200 ? response.body() : new byte[0];
    }

    @Override
    public StageResult authenticity(final Delivery delivery, final byte[] nonce)
    {
        final byte[] weights = weights(delivery);
        final String digest = Hex.encode(Sha256.hash(weights));
        final ObjectNode evidence = CanonicalJson.object().put("weightsSha256", digest).put("bytes", weights.length);
        return digest.equals(delivery.listing().spec().path("contentDigest").asString()) ?
            StageResult.pass(Stage.S2_AUTHENTICITY, 10_000, "weights digest matches the listing", evidence) :
            StageResult.fail(Stage.S2_AUTHENTICITY, 0, "served weights hash to " + digest + ", not the listed digest", evidence);
    }

    @Override
    public StageResult conformance(final Delivery delivery, final byte[] nonce)
    {
        return evaluate(delivery, nonce, delivery.listing().spec().path("goldenItems").asInt());
    }

    @Override
    public StageResult reprobe(final Delivery delivery, final byte[] nonce)
    {
        return evaluate(delivery, nonce, REPROBE_ITEMS);
    }

    private StageResult evaluate(final Delivery delivery, final byte[] nonce, final int count)
    {
        final JsonNode spec = delivery.listing().spec();
        final List<GoldenSet.Item> items = goldenSets.get(spec.path("goldenSet").asString()).items();
        final int[] sample = DatasetVerifier.sample(nonce, items.size(), count);
        int correct = 0;
        for (final int index : sample)
        {
            final GoldenSet.Item item = items.get(index);
            final ObjectNode request = CanonicalJson.object();
            final ArrayNode input = request.putArray("input");
            for (final int x : item.input())
            {
                input.add(x);
            }
            final JsonHttpClient.Response response = http.postJson(
                delivery.listing().endpoint().resolve("/v1/infer"), delivery.accessKey(), request);
            if (response.status() == 200 && response.json().path("label").asInt(-1) == item.label())
            {
                correct++;
            }
        }
        final int accuracyBps = StageResult.bps(correct, sample.length);
        final ObjectNode evidence = CanonicalJson.object().put("nonce", Hex.encode(nonce))
            .put("items", sample.length).put("correct", correct).put("accuracyBps", accuracyBps);
        final int min = spec.path("minAccuracyBps").asInt();
        return accuracyBps >= min ?
            StageResult.pass(Stage.S3_CONFORMANCE, accuracyBps, "golden-set accuracy " + accuracyBps + " bps", evidence) :
            StageResult.fail(Stage.S3_CONFORMANCE, accuracyBps, "golden-set accuracy " + accuracyBps + " bps below " + min, evidence);
    }

    @Override
    public StageResult metering(final Delivery delivery, final EvidenceStore store)
    {
        final byte[] weights = weights(delivery);
        final ObjectNode receipt = CanonicalJson.object().put("bytes", weights.length).put("sha256", Hex.encode(Sha256.hash(weights)));
        final Cid cid = store.put(CanonicalJson.canonicalize(receipt));
        return meteringResult(delivery.listing().spec(), receipt, CanonicalJson.object().put("receiptCid", cid.toString()));
    }

    private static StageResult meteringResult(final JsonNode spec, final JsonNode receipt, final ObjectNode evidence)
    {
        final boolean intact = receipt.path("sha256").asString("").equals(spec.path("contentDigest").asString()) &&
            receipt.path("bytes").asLong() == spec.path("weightsBytes").asLong();
        evidence.put("slaBps", intact ? 10_000 : 0);
        return intact ?
            StageResult.pass(Stage.S4_METERING, 10_000, "weights delivered intact", evidence) :
            StageResult.fail(Stage.S4_METERING, 0, "delivered weights differ from the listing", evidence);
    }

    @Override
    public boolean recheckMetering(final Delivery delivery, final JsonNode meteringEvidence, final EvidenceStore store)
    {
        final Cid cid = Cid.parse(meteringEvidence.path("receiptCid").asString(""));
        final StageResult again = meteringResult(delivery.listing().spec(), CanonicalJson.parse(store.get(cid)),
            CanonicalJson.object().put("receiptCid", cid.toString()));
        return again.passed() && CanonicalJson.sameJson(again.evidence(), meteringEvidence);
    }
}
