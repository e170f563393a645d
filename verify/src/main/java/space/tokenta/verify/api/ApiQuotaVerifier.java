package space.tokenta.verify.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.EvidenceStore;
import space.tokenta.verify.evidence.Hex;
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
 * API_QUOTA checks. Spec: {@code model}, {@code probes}, {@code minPassBps}, {@code slaLatencyMs},
 * {@code minSlaBps}. All traffic goes through the deal's {@link MeteringProxy} (the delivery's
 * access URI and key). S2: the key works through the proxy and the endpoint names the listed
 * model; S3: identity probes against reference answers; S4: Merkle root of the proxy transcript.
 */
public final class ApiQuotaVerifier implements AssetVerifier
{
    private final Map<String, ReferenceModel> referenceAnswers;
    private final Map<String, MeteringProxy> proxiesByDeal = new ConcurrentHashMap<>();
    private final JsonHttpClient http = new JsonHttpClient();

    /** @param referenceAnswers reference models by listed model name */
    public ApiQuotaVerifier(final Map<String, ReferenceModel> referenceAnswers)
    {
        this.referenceAnswers = Map.copyOf(referenceAnswers);
    }

    public static final int MAX_OPEN_DEALS = 10_000;

    /** The proxy metering one deal (opened when the escrow opens). */
    public void register(final byte[] dealId, final MeteringProxy proxy)
    {
        if (proxiesByDeal.size() >= MAX_OPEN_DEALS && !proxiesByDeal.containsKey(Hex.encode(dealId)))
        {
            throw new IllegalStateException("more than " + MAX_OPEN_DEALS + " metered deals open");
        }
        proxiesByDeal.put(Hex.encode(dealId), proxy);
    }

    /** Forgets a settled deal's proxy; the caller closes it. */
    public void unregister(final byte[] dealId)
    {
        proxiesByDeal.remove(Hex.encode(dealId));
    }

    @Override
    public AssetClass assetClass()
    {
        return AssetClass.API_QUOTA;
    }

    @Override
    public List<String> checkSpec(final JsonNode spec)
    {
        final List<String> problems = new ArrayList<>();
        if (!referenceAnswers.containsKey(spec.path("model").asString("")))
        {
            problems.add("no reference answers for model " + spec.path("model"));
        }
        final int probes = spec.path("probes").asInt(0);
        if (probes < 4 || probes > IdentityProbes.MAX_PROBES)
        {
            problems.add("probes in [4, " + IdentityProbes.MAX_PROBES + "]");
        }
        if (spec.path("minPassBps").asInt(-1) < 0 || spec.path("minPassBps").asInt() > 10_000 || spec.path("slaLatencyMs").asLong(0) <= 0)
        {
            problems.add("minPassBps in [0, 10000] and slaLatencyMs > 0 required");
        }
        return problems;
    }

    private JsonHttpClient.Response ask(final Delivery delivery, final String prompt)
    {
        final ObjectNode request = CanonicalJson.object().put("model", delivery.listing().spec().path("model").asString());
        request.putArray("messages").addObject().put("role", "user").put("content", prompt);
        return http.postJson(delivery.accessUri().resolve("/v1/chat/completions"), delivery.accessKey(), request);
    }

    private static String content(final JsonHttpClient.Response response)
    {
        return response.json().path("choices").path(0).path("message").path("content").asString("");
    }

    @Override
    public StageResult authenticity(final Delivery delivery, final byte[] nonce)
    {
        final JsonHttpClient.Response response = ask(delivery, "What is 1 + 1?");
        final String model = delivery.listing().spec().path("model").asString();
        final ObjectNode evidence = CanonicalJson.object().put("status", response.status());
        if (response.status() != 200)
        {
            return StageResult.fail(Stage.S2_AUTHENTICITY, 0, "key does not work through the proxy: HTTP " + response.status(), evidence);
        }
        final String served = response.json().path("model").asString("");
        evidence.put("servedModel", served);
        return model.equals(served) ?
            StageResult.pass(Stage.S2_AUTHENTICITY, 10_000, "key works through the metering proxy", evidence) :
            StageResult.fail(Stage.S2_AUTHENTICITY, 0, "endpoint names model " + served + ", listed " + model, evidence);
    }

    @Override
    public StageResult conformance(final Delivery delivery, final byte[] nonce)
    {
        return probe(delivery, nonce, delivery.listing().spec().path("probes").asInt());
    }

    @Override
    public StageResult reprobe(final Delivery delivery, final byte[] nonce)
    {
        return probe(delivery, nonce, Math.max(4, delivery.listing().spec().path("probes").asInt() / 4));
    }

    private StageResult probe(final Delivery delivery, final byte[] nonce, final int count)
    {
        final JsonNode spec = delivery.listing().spec();
        final ReferenceModel reference = referenceAnswers.get(spec.path("model").asString());
        final List<String> prompts = IdentityProbes.prompts(nonce, count);
        int matched = 0;
        for (final String prompt : prompts)
        {
            final JsonHttpClient.Response response = ask(delivery, prompt);
            if (response.status() == 200 && reference.answer(prompt).equals(content(response).strip()))
            {
                matched++;
            }
        }
        final int passBps = StageResult.bps(matched, count);
        final ObjectNode evidence = CanonicalJson.object().put("nonce", Hex.encode(nonce))
            .put("probes", count).put("matched", matched).put("passBps", passBps);
        final int min = spec.path("minPassBps").asInt();
        return passBps >= min ?
            StageResult.pass(Stage.S3_CONFORMANCE, passBps, "identity probes " + passBps + " bps match reference", evidence) :
            StageResult.fail(Stage.S3_CONFORMANCE, passBps, "identity probes " + passBps + " bps below " + min +
                " (a different model answers)", evidence);
    }

    @Override
    public StageResult metering(final Delivery delivery, final EvidenceStore store)
    {
        final MeteringProxy proxy = proxiesByDeal.get(Hex.encode(delivery.dealId()));
        if (proxy == null)
        {
            return StageResult.fail(Stage.S4_METERING, "no metering proxy for deal " + delivery.dealIdHex());
        }
        final ArrayNode transcript = proxy.transcript();
        final Cid cid = store.put(CanonicalJson.canonicalize(transcript));
        return meteringResult(delivery.listing().spec(), transcript, CanonicalJson.object().put("transcriptCid", cid.toString()));
    }

    private static StageResult meteringResult(final JsonNode spec, final JsonNode transcript, final ObjectNode evidence)
    {
        final long latencyCapMicros = spec.path("slaLatencyMs").asLong() * 1000;
        long ok = 0;
        long tokens = 0;
        for (final JsonNode entry : transcript)
        {
            if (entry.path("status").asInt() == 200 && entry.path("latencyMicros").asLong() <= latencyCapMicros)
            {
                ok++;
            }
            tokens += entry.path("promptTokens").asLong() + entry.path("completionTokens").asLong();
        }
        final int slaBps = StageResult.bps(ok, transcript.size());
        evidence.put("merkleRoot", Hex.encode(MeteringProxy.merkleRoot(transcript)))
            .put("requests", transcript.size()).put("tokens", tokens).put("slaBps", slaBps);
        final int min = spec.path("minSlaBps").asInt(9_500);
        return transcript.size() > 0 && slaBps >= min ?
            StageResult.pass(Stage.S4_METERING, slaBps, "transcript Merkle root recorded", evidence) :
            StageResult.fail(Stage.S4_METERING, slaBps, "SLA attainment " + slaBps + " bps below " + min, evidence);
    }

    @Override
    public boolean recheckMetering(final Delivery delivery, final JsonNode meteringEvidence, final EvidenceStore store)
    {
        final Cid cid = Cid.parse(meteringEvidence.path("transcriptCid").asString(""));
        final JsonNode transcript = CanonicalJson.parse(store.get(cid));
        final StageResult again = meteringResult(delivery.listing().spec(), transcript,
            CanonicalJson.object().put("transcriptCid", cid.toString()));
        return again.passed() && CanonicalJson.sameJson(again.evidence(), meteringEvidence);
    }
}
