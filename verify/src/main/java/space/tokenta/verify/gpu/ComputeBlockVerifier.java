package space.tokenta.verify.gpu;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

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
import tools.jackson.databind.node.ObjectNode;

/**
 * COMPUTE_BLOCK checks. Spec: {@code matrixSize}, {@code challenges}, {@code rounds},
 * {@code minOpsPerSecond}, {@code contractedGpuSeconds}, {@code heartbeatIntervalMs},
 * {@code minSlaBps}, {@code workerKey}. S2: one nonce-bound benchmark challenge of at most
 * {@link #BENCHMARK_N}×{@value #BENCHMARK_N}; S3: several Freivalds-checked challenges of the listed
 * size and the throughput floor; S4: signed, hash-chained heartbeats.
 */
public final class ComputeBlockVerifier implements AssetVerifier
{
    public static final int BENCHMARK_N = 16;

    private final JsonHttpClient http = new JsonHttpClient();
    // Freivalds vectors must be secret from the seller: never derived from the challenge nonce.
    private final SecureRandom secret = new SecureRandom();

    @Override
    public AssetClass assetClass()
    {
        return AssetClass.COMPUTE_BLOCK;
    }

    @Override
    public List<String> checkSpec(final JsonNode spec)
    {
        final List<String> problems = new ArrayList<>();
        final int n = spec.path("matrixSize").asInt(0);
        if (n < 8 || n > MatrixChallenge.MAX_N)
        {
            problems.add("matrixSize in [8, " + MatrixChallenge.MAX_N + "]");
        }
        if (spec.path("challenges").asInt(0) < 1 || spec.path("challenges").asInt(0) > 16)
        {
            problems.add("challenges in [1, 16]");
        }
        if (spec.path("rounds").asInt(0) < 1 || spec.path("rounds").asInt(0) > Freivalds.MAX_ROUNDS)
        {
            problems.add("rounds in [1, " + Freivalds.MAX_ROUNDS + "]");
        }
        if (spec.path("contractedGpuSeconds").asLong(0) <= 0 || spec.path("heartbeatIntervalMs").asLong(0) <= 0)
        {
            problems.add("contractedGpuSeconds and heartbeatIntervalMs must be positive");
        }
        if (!spec.path("workerKey").asString("").matches("0x[0-9a-f]{40}"))
        {
            problems.add("workerKey must be a lower-case 0x address");
        }
        return problems;
    }

    /** One challenge: returns the elapsed nanoseconds, or -1 when the product is wrong. */
    long challenge(final Delivery delivery, final byte[] nonce, final int n, final int rounds, final ObjectNode record)
    {
        final ObjectNode request = CanonicalJson.object().put("nonce", Hex.encode(nonce)).put("n", n);
        final JsonHttpClient.Response response = http.postJson(
            delivery.listing().endpoint().resolve("/v1/challenge"), delivery.accessKey(), request);
        record.put("nonce", Hex.encode(nonce)).put("status", response.status());
        if (response.status() != 200)
        {
            return -1;
        }
        final byte[] product = Base64.getDecoder().decode(response.json().path("product").asString(""));
        record.put("productSha256", Hex.encode(Sha256.hash(product)));
        final boolean correct = product.length == n * n * 4 && Freivalds.check(
            MatrixChallenge.expand(nonce, n, 0), MatrixChallenge.expand(nonce, n, 1),
            MatrixChallenge.decode(product, n), n, rounds, secret);
        record.put("correct", correct).put("elapsedMicros", response.elapsedNanos() / 1000);
        return correct ? response.elapsedNanos() : -1;
    }

    @Override
    public StageResult authenticity(final Delivery delivery, final byte[] nonce)
    {
        final JsonNode spec = delivery.listing().spec();
        final ObjectNode evidence = CanonicalJson.object();
        final int n = Math.min(BENCHMARK_N, spec.path("matrixSize").asInt());
        final long elapsed = challenge(delivery, nonce, n, spec.path("rounds").asInt(), evidence);
        return elapsed >= 0 ?
            StageResult.pass(Stage.S2_AUTHENTICITY, 10_000, "nonce-bound benchmark answered correctly", evidence) :
            StageResult.fail(Stage.S2_AUTHENTICITY, 0, "benchmark challenge answered wrongly", evidence);
    }

    @Override
    public StageResult conformance(final Delivery delivery, final byte[] nonce)
    {
        return runChallenges(Stage.S3_CONFORMANCE, delivery, nonce, delivery.listing().spec().path("challenges").asInt());
    }

    @Override
    public StageResult reprobe(final Delivery delivery, final byte[] nonce)
    {
        return runChallenges(Stage.S3_CONFORMANCE, delivery, nonce, 1);
    }

    private StageResult runChallenges(final Stage stage, final Delivery delivery, final byte[] nonce, final int count)
    {
        final JsonNode spec = delivery.listing().spec();
        final int n = spec.path("matrixSize").asInt();
        final ObjectNode evidence = CanonicalJson.object();
        final var records = evidence.putArray("challenges");
        final long[] elapsed = new long[count];
        int correct = 0;
        for (int i = 0; i < count; i++)
        {
            final byte[] subNonce = Sha256.hash(nonce, new byte[] {(byte)i});
            elapsed[i] = challenge(delivery, subNonce, n, spec.path("rounds").asInt(), records.addObject());
            correct += elapsed[i] >= 0 ? 1 : 0;
        }
        final int scoreBps = StageResult.bps(correct, count);
        if (correct < count)
        {
            return StageResult.fail(stage, scoreBps, (count - correct) + " of " + count + " products wrong (Freivalds)", evidence);
        }
        Arrays.sort(elapsed);
        final long medianNanos = Math.max(1, elapsed[count / 2]);
        final long opsPerSecond = (long)((double)n * n * n * 1e9 / medianNanos);
        evidence.put("opsPerSecond", opsPerSecond);
        final long floor = spec.path("minOpsPerSecond").asLong(0);
        return opsPerSecond >= floor ?
            StageResult.pass(stage, scoreBps, "all products correct; " + opsPerSecond + " mul-add/s", evidence) :
            StageResult.fail(stage, scoreBps, "throughput " + opsPerSecond + " below floor " + floor, evidence);
    }

    @Override
    public StageResult metering(final Delivery delivery, final EvidenceStore store)
    {
        final JsonHttpClient.Response response = http.get(delivery.listing().endpoint().resolve("/v1/heartbeats"));
        if (response.status() != 200)
        {
            return StageResult.fail(Stage.S4_METERING, "heartbeats unavailable: HTTP " + response.status());
        }
        final List<HeartbeatChain.Heartbeat> heartbeats = HeartbeatChain.fromJson(response.json());
        final byte[] canonical = CanonicalJson.canonicalize(HeartbeatChain.toJson(heartbeats));
        final Cid cid = store.put(canonical);
        final ObjectNode evidence = CanonicalJson.object().put("heartbeatsCid", cid.toString());
        return meteringResult(delivery.listing().spec(), heartbeats, evidence);
    }

    private static StageResult meteringResult(final JsonNode spec, final List<HeartbeatChain.Heartbeat> heartbeats, final ObjectNode evidence)
    {
        final HeartbeatChain.Totals totals;
        try
        {
            totals = HeartbeatChain.verify(heartbeats, spec.path("workerKey").asString(), spec.path("heartbeatIntervalMs").asLong());
        }
        catch (final RuntimeException ex)
        {
            return StageResult.fail(Stage.S4_METERING, 0, ex.getMessage(), evidence);
        }
        final int slaBps = StageResult.bps(totals.gpuMillis(), spec.path("contractedGpuSeconds").asLong() * 1000);
        evidence.put("heartbeats", totals.count()).put("gpuMillis", totals.gpuMillis())
            .put("headHash", Hex.encode(totals.headHash())).put("slaBps", slaBps);
        final int minSla = spec.path("minSlaBps").asInt(9_500);
        return slaBps >= minSla ?
            StageResult.pass(Stage.S4_METERING, slaBps, "heartbeat chain verified", evidence) :
            StageResult.fail(Stage.S4_METERING, slaBps, "SLA attainment " + slaBps + " bps below " + minSla, evidence);
    }

    @Override
    public boolean recheckMetering(final Delivery delivery, final JsonNode meteringEvidence, final EvidenceStore store)
    {
        final Cid cid = Cid.parse(meteringEvidence.path("heartbeatsCid").asString(""));
        final List<HeartbeatChain.Heartbeat> heartbeats = HeartbeatChain.fromJson(CanonicalJson.parse(store.get(cid)));
        final StageResult again = meteringResult(delivery.listing().spec(), heartbeats, CanonicalJson.object().put("heartbeatsCid", cid.toString()));
        return again.passed() && CanonicalJson.sameJson(again.evidence(), meteringEvidence);
    }
}
