package space.tokenta.verify.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.EvidenceStore;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.MerkleTree;
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
 * DATASET checks. Spec: {@code shardDigests} (sha256 hex per shard), {@code contentDigest} (their
 * Merkle root), {@code corruptFractionBps} f and {@code confidenceBps} c. S2: the listed root is the
 * root of the listed digests and the endpoint serves that many shards; S3: re-hash
 * k = ⌈ln(1−c)/ln(1−f)⌉ shards sampled by the nonce (all shards when k ≥ N); S4: download receipts.
 */
public final class DatasetVerifier implements AssetVerifier
{
    public static final int MAX_SHARDS = 100_000;
    private static final int REPROBE_SHARDS = 8;

    private final JsonHttpClient http = new JsonHttpClient();

    /** Shards to sample so a fraction f of corrupt shards is caught with confidence c (sampling with replacement bound). */
    public static int sampleSize(final double confidence, final double corruptFraction)
    {
        if (!(confidence > 0 && confidence < 1 && corruptFraction > 0 && corruptFraction < 1))
        {
            throw new IllegalArgumentException("confidence and corrupt fraction in (0, 1)");
        }
        return (int)Math.ceil(Math.log(1 - confidence) / Math.log(1 - corruptFraction));
    }

    public static byte[] merkleRootOfDigests(final List<byte[]> shardDigests)
    {
        return MerkleTree.rootOfLeafHashes(shardDigests.stream().map(MerkleTree::leafHash).toList());
    }

    /** k distinct shard indices chosen by the nonce (partial Fisher-Yates). */
    public static int[] sample(final byte[] nonce, final int shardCount, final int k)
    {
        final int take = Math.min(k, shardCount);
        final int[] indices = new int[shardCount];
        for (int i = 0; i < shardCount; i++)
        {
            indices[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(java.nio.ByteBuffer.wrap(Sha256.hash(nonce)).getLong());
        for (int i = 0; i < take; i++)
        {
            final int j = i + random.nextInt(shardCount - i);
            final int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
        return java.util.Arrays.copyOf(indices, take);
    }

    @Override
    public AssetClass assetClass()
    {
        return AssetClass.DATASET;
    }

    private static List<byte[]> digests(final JsonNode spec)
    {
        final List<byte[]> out = new ArrayList<>();
        spec.path("shardDigests").forEach(d -> out.add(Hex.decode(d.asString(""), 32)));
        return out;
    }

    @Override
    public List<String> checkSpec(final JsonNode spec)
    {
        final List<String> problems = new ArrayList<>();
        final JsonNode shards = spec.path("shardDigests");
        if (!shards.isArray() || shards.isEmpty() || shards.size() > MAX_SHARDS)
        {
            problems.add("shardDigests: 1.." + MAX_SHARDS + " sha256 digests");
        }
        else
        {
            shards.forEach(d ->
            {
                if (!d.asString("").matches("[0-9a-f]{64}"))
                {
                    problems.add("malformed shard digest " + d);
                }
            });
        }
        if (!spec.path("contentDigest").asString("").matches("[0-9a-f]{64}"))
        {
            problems.add("contentDigest must be a sha256 hex root");
        }
        final int f = spec.path("corruptFractionBps").asInt(0);
        final int c = spec.path("confidenceBps").asInt(0);
        if (f <= 0 || f >= 10_000 || c <= 0 || c >= 10_000)
        {
            problems.add("corruptFractionBps and confidenceBps in (0, 10000)");
        }
        return problems;
    }

    @Override
    public StageResult authenticity(final Delivery delivery, final byte[] nonce)
    {
        final JsonNode spec = delivery.listing().spec();
        final List<byte[]> digests = digests(spec);
        final String root = Hex.encode(merkleRootOfDigests(digests));
        final JsonHttpClient.Response response = http.get(delivery.listing().endpoint().resolve("/v1/shards"));
        final int served = response.status() == 200 ? response.json().path("count").asInt(-1) : -1;
        final ObjectNode evidence = CanonicalJson.object().put("merkleRoot", root).put("shards", digests.size()).put("served", served);
        if (!root.equals(spec.path("contentDigest").asString()))
        {
            return StageResult.fail(Stage.S2_AUTHENTICITY, 0, "listed root is not the Merkle root of the listed shards", evidence);
        }
        return served == digests.size() ?
            StageResult.pass(Stage.S2_AUTHENTICITY, 10_000, "Merkle root matches; all shards served", evidence) :
            StageResult.fail(Stage.S2_AUTHENTICITY, 0, "endpoint serves " + served + " shards, listed " + digests.size(), evidence);
    }

    @Override
    public StageResult conformance(final Delivery delivery, final byte[] nonce)
    {
        final JsonNode spec = delivery.listing().spec();
        final int k = sampleSize(spec.path("confidenceBps").asInt() / 10_000.0, spec.path("corruptFractionBps").asInt() / 10_000.0);
        return rehash(delivery, nonce, k);
    }

    @Override
    public StageResult reprobe(final Delivery delivery, final byte[] nonce)
    {
        return rehash(delivery, nonce, REPROBE_SHARDS);
    }

    private byte[] fetch(final Delivery delivery, final int index)
    {
        final JsonHttpClient.Response response = http.get(delivery.listing().endpoint().resolve("/v1/shards/" + index));
        return response.status() == 200 ? response.body() : null;
    }

    private StageResult rehash(final Delivery delivery, final byte[] nonce, final int k)
    {
        final List<byte[]> digests = digests(delivery.listing().spec());
        final int[] sample = sample(nonce, digests.size(), k);
        final ObjectNode evidence = CanonicalJson.object().put("nonce", Hex.encode(nonce)).put("k", k).put("sampled", sample.length);
        final ArrayNode bad = evidence.putArray("mismatched");
        int matched = 0;
        for (final int index : sample)
        {
            final byte[] shard = fetch(delivery, index);
            if (shard != null && java.util.Arrays.equals(Sha256.hash(shard), digests.get(index)))
            {
                matched++;
            }
            else
            {
                bad.add(index);
            }
        }
        final int scoreBps = StageResult.bps(matched, sample.length);
        return matched == sample.length ?
            StageResult.pass(Stage.S3_CONFORMANCE, scoreBps, sample.length + " sampled shards re-hash to the listing", evidence) :
            StageResult.fail(Stage.S3_CONFORMANCE, scoreBps, (sample.length - matched) + " sampled shards do not match", evidence);
    }

    @Override
    public StageResult metering(final Delivery delivery, final EvidenceStore store)
    {
        final List<byte[]> digests = digests(delivery.listing().spec());
        final ArrayNode receipts = CanonicalJson.MAPPER.createArrayNode();
        for (int i = 0; i < digests.size(); i++)
        {
            final byte[] shard = fetch(delivery, i);
            receipts.addObject().put("index", i)
                .put("sha256", shard == null ? "" : Hex.encode(Sha256.hash(shard)))
                .put("bytes", shard == null ? 0 : shard.length);
        }
        final Cid cid = store.put(CanonicalJson.canonicalize(receipts));
        return meteringResult(delivery.listing().spec(), receipts, CanonicalJson.object().put("receiptsCid", cid.toString()));
    }

    private static StageResult meteringResult(final JsonNode spec, final JsonNode receipts, final ObjectNode evidence)
    {
        final List<byte[]> digests = digests(spec);
        long intact = 0;
        long bytes = 0;
        for (final JsonNode receipt : receipts)
        {
            final int index = receipt.path("index").asInt(-1);
            if (index >= 0 && index < digests.size() && receipt.path("sha256").asString("").equals(Hex.encode(digests.get(index))))
            {
                intact++;
            }
            bytes += receipt.path("bytes").asLong(0);
        }
        final int slaBps = StageResult.bps(intact, digests.size());
        evidence.put("shardsIntact", intact).put("bytes", bytes).put("slaBps", slaBps);
        final int min = spec.path("minSlaBps").asInt(10_000);
        return slaBps >= min ?
            StageResult.pass(Stage.S4_METERING, slaBps, "download receipts for every shard", evidence) :
            StageResult.fail(Stage.S4_METERING, slaBps, "only " + intact + " of " + digests.size() + " shards delivered intact", evidence);
    }

    @Override
    public boolean recheckMetering(final Delivery delivery, final JsonNode meteringEvidence, final EvidenceStore store)
    {
        final Cid cid = Cid.parse(meteringEvidence.path("receiptsCid").asString(""));
        final StageResult again = meteringResult(delivery.listing().spec(), CanonicalJson.parse(store.get(cid)),
            CanonicalJson.object().put("receiptsCid", cid.toString()));
        return again.passed() && CanonicalJson.sameJson(again.evidence(), meteringEvidence);
    }
}
