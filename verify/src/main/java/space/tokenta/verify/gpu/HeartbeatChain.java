package space.tokenta.verify.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.EvidenceException;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.evidence.Sha256;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GPU metering heartbeats: each names its sequence number, the hash of the previous heartbeat, a
 * time and the GPU milliseconds delivered since the last one, and is signed by the worker key. The
 * chain's hash commits to all of them, so none can be dropped, reordered or inflated later.
 */
public final class HeartbeatChain
{
    public static final int MAX_HEARTBEATS = 100_000;
    public static final byte[] GENESIS = new byte[32];

    /** One signed heartbeat. */
    public record Heartbeat(long seq, byte[] prevHash, long atMs, long gpuMillis, byte[] signature)
    {
        ObjectNode body()
        {
            return CanonicalJson.object().put("seq", seq).put("prevHash", Hex.encode(prevHash))
                .put("atMs", atMs).put("gpuMillis", gpuMillis);
        }

        public byte[] hash()
        {
            return Sha256.hash(CanonicalJson.canonicalize(body()));
        }

        public ObjectNode toJson()
        {
            return body().put("sig", Hex.encode(signature));
        }

        public static Heartbeat fromJson(final JsonNode node)
        {
            return new Heartbeat(node.required("seq").asLong(), Hex.decode(node.required("prevHash").asString(), 32),
                node.required("atMs").asLong(), node.required("gpuMillis").asLong(), Hex.decode(node.required("sig").asString(), 65));
        }
    }

    /** Verified totals of a chain. */
    public record Totals(int count, long gpuMillis, byte[] headHash)
    {
    }

    private HeartbeatChain()
    {
    }

    public static List<Heartbeat> produce(final Secp256k1Key worker, final long startMs, final long intervalMs, final int count)
    {
        final List<Heartbeat> out = new ArrayList<>(count);
        byte[] prev = GENESIS;
        for (int i = 0; i < count; i++)
        {
            final Heartbeat unsigned = new Heartbeat(i, prev, startMs + (i + 1) * intervalMs, intervalMs, new byte[65]);
            final Heartbeat signed = new Heartbeat(i, prev, unsigned.atMs(), intervalMs, worker.signDigest(unsigned.hash()));
            out.add(signed);
            prev = signed.hash();
        }
        return out;
    }

    public static ArrayNode toJson(final List<Heartbeat> heartbeats)
    {
        final ArrayNode array = CanonicalJson.MAPPER.createArrayNode();
        heartbeats.forEach(h -> array.add(h.toJson()));
        return array;
    }

    public static List<Heartbeat> fromJson(final JsonNode array)
    {
        if (!array.isArray() || array.size() > MAX_HEARTBEATS)
        {
            throw new EvidenceException("heartbeats must be an array of at most " + MAX_HEARTBEATS);
        }
        final List<Heartbeat> out = new ArrayList<>(array.size());
        array.forEach(node -> out.add(Heartbeat.fromJson(node)));
        return out;
    }

    /** Verifies sequence, links, monotone time, non-negative GPU time, and every signature. */
    public static Totals verify(final List<Heartbeat> heartbeats, final String workerAddress, final long intervalCapMs)
    {
        byte[] prev = GENESIS;
        long lastAt = Long.MIN_VALUE;
        long total = 0;
        for (int i = 0; i < heartbeats.size(); i++)
        {
            final Heartbeat h = heartbeats.get(i);
            if (h.seq() != i || !Arrays.equals(h.prevHash(), prev))
            {
                throw new EvidenceException("heartbeat chain broken at " + i);
            }
            if (h.atMs() <= lastAt || h.gpuMillis() < 0 || h.gpuMillis() > intervalCapMs ||
                (i > 0 && h.gpuMillis() > h.atMs() - lastAt))
            {
                throw new EvidenceException("heartbeat " + i + " claims impossible time");
            }
            if (!Secp256k1Key.verify(h.hash(), h.signature(), workerAddress))
            {
                throw new EvidenceException("heartbeat " + i + " not signed by the worker key");
            }
            total += h.gpuMillis();
            lastAt = h.atMs();
            prev = h.hash();
        }
        return new Totals(heartbeats.size(), total, prev);
    }
}
