package space.tokenta.verify.demo;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import space.tokenta.verify.api.ApiQuotaVerifier;
import space.tokenta.verify.api.MeteringProxy;
import space.tokenta.verify.api.ReferenceModel;
import space.tokenta.verify.attest.AttestorNode;
import space.tokenta.verify.attest.AttestorPanel;
import space.tokenta.verify.attest.QuorumCoordinator;
import space.tokenta.verify.dataset.DatasetVerifier;
import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.DirectoryEvidenceStore;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.evidence.Sha256;
import space.tokenta.verify.gpu.ComputeBlockVerifier;
import space.tokenta.verify.model.GoldenSet;
import space.tokenta.verify.model.ModelAccessVerifier;
import space.tokenta.verify.model.TinyClassifier;
import space.tokenta.verify.pipeline.AssetVerifier;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.Listing;
import space.tokenta.verify.pipeline.ListingRegistry;
import space.tokenta.verify.pipeline.VerificationPipeline;
import space.tokenta.verify.verdict.Eip712Domain;
import space.tokenta.verify.verdict.VerdictHasher;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole local verification market for the demo and the tests: evidence store, pipeline, five
 * independent attestor nodes (plus one tied to the seller, which selection must skip), and listing
 * builders for the reference sellers. Keys derive from fixed labels: local fixtures, never real keys.
 */
public final class ReferenceMarket implements AutoCloseable
{
    public static final String MODEL = "tk-gpt-ft-04";
    public static final Eip712Domain DOMAIN = Eip712Domain.escrow(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3");
    public static final TinyClassifier GENUINE_MODEL = genuineModel();
    public static final GoldenSet GOLDEN = GoldenSet.label(GENUINE_MODEL, 64, 7);

    public final Secp256k1Key seller = Secp256k1Key.fromSeed("seller");
    public final Secp256k1Key buyer = Secp256k1Key.fromSeed("buyer");
    public final Secp256k1Key worker = Secp256k1Key.fromSeed("gpu-worker");
    public final DirectoryEvidenceStore store;
    public final ApiQuotaVerifier apiVerifier;
    public final VerificationPipeline pipeline;
    public final VerdictHasher hasher = new VerdictHasher(DOMAIN);
    public final List<AttestorNode> attestors = new ArrayList<>();
    public final List<AttestorPanel.Member> members = new ArrayList<>();
    public final QuorumCoordinator coordinator;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public ReferenceMarket(final Path directory)
    {
        store = new DirectoryEvidenceStore(directory.resolve("evidence"));
        apiVerifier = new ApiQuotaVerifier(Map.of(MODEL, new ReferenceModel(MODEL)));
        pipeline = new VerificationPipeline(List.of(apiVerifier, new ComputeBlockVerifier(), new DatasetVerifier(),
            new ModelAccessVerifier(Map.of("golden-v2", GOLDEN))), store, new ListingRegistry(1_000), BigInteger.valueOf(1_000), 86_400);
        for (int i = 1; i <= 6; i++)
        {
            final Secp256k1Key key = Secp256k1Key.fromSeed("attestor-" + i);
            // Each node reads the evidence through its own store handle and re-hashes what it reads.
            final AttestorNode node = new AttestorNode("N-0" + i, key, new DirectoryEvidenceStore(store.directory()), hasher, attestorVerifiers());
            attestors.add(node.start());
            // N-06 is run by the seller's operator: tied to the seller, never selected for its deals.
            members.add(new AttestorPanel.Member(key.address(), 100 + 10 * i, 0.9, i == 6 ? Set.of(seller.address()) : Set.of()));
        }
        coordinator = new QuorumCoordinator(attestors, members, DOMAIN, store, 5, 3, 60_000);
    }

    /** The verifiers every reference attestor runs (its own instances: own HTTP clients, own state). */
    public static List<AssetVerifier> attestorVerifiers()
    {
        return List.of(new ApiQuotaVerifier(Map.of(MODEL, new ReferenceModel(MODEL))), new ComputeBlockVerifier(),
            new DatasetVerifier(), new ModelAccessVerifier(Map.of("golden-v2", GOLDEN)));
    }

    private static TinyClassifier genuineModel()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final byte[] weights = new byte[10 * 32];
        random.nextBytes(weights);
        return new TinyClassifier(weights, 32, 10);
    }

    public String attestorName(final String address)
    {
        for (final AttestorNode node : attestors)
        {
            if (node.address().equals(address))
            {
                return node.name();
            }
        }
        return address;
    }

    public <T extends AutoCloseable> T own(final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    public static byte[] dealId(final String label)
    {
        return Sha256.hash(("deal/" + label).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public ObjectNode manifest(final String listingId, final String assetClass, final java.net.URI endpoint)
    {
        return listingManifest(listingId, assetClass, listingId, seller.address(), endpoint);
    }

    /** A listing manifest without its spec: the fields every asset class shares. */
    public static ObjectNode listingManifest(
        final String listingId, final String assetClass, final String symbol, final String sellerAddress, final java.net.URI endpoint)
    {
        return CanonicalJson.object().put("listingId", listingId).put("assetClass", assetClass).put("symbol", symbol)
            .put("seller", sellerAddress).put("bondUnits", "5000").put("endpoint", endpoint.toString());
    }

    /** The reference API listing's spec: {@link #MODEL} behind the metering proxy, 16 identity probes. */
    public static ObjectNode apiSpec(final ObjectNode manifest)
    {
        return manifest.putObject("spec").put("model", MODEL).put("probes", 16).put("minPassBps", 9_500)
            .put("slaLatencyMs", 20_000).put("minSlaBps", 9_500);
    }

    /** The reference GPU listing's spec: Freivalds-checked 48x48 challenges, heartbeats signed by {@code workerAddress}. */
    public static ObjectNode gpuSpec(final ObjectNode manifest, final String workerAddress)
    {
        return manifest.putObject("spec").put("sku", "H100-80G").put("matrixSize", 48).put("challenges", 3).put("rounds", 8)
            .put("minOpsPerSecond", 1_000).put("contractedGpuSeconds", 60).put("heartbeatIntervalMs", 10_000)
            .put("minSlaBps", 9_500).put("workerKey", workerAddress);
    }

    /** The reference dataset listing's spec: the genuine shards' digests and their Merkle root. */
    public static ObjectNode datasetSpec(final ObjectNode manifest, final List<byte[]> genuineShards)
    {
        final ObjectNode spec = manifest.putObject("spec");
        final var digests = spec.putArray("shardDigests");
        final List<byte[]> raw = new ArrayList<>();
        for (final byte[] shard : genuineShards)
        {
            raw.add(Sha256.hash(shard));
            digests.add(Hex.encode(Sha256.hash(shard)));
        }
        return spec.put("contentDigest", Hex.encode(DatasetVerifier.merkleRootOfDigests(raw)))
            .put("corruptFractionBps", 500).put("confidenceBps", 9_900);
    }

    /** The reference model listing's spec: {@link #GENUINE_MODEL}'s weights digest and the golden set. */
    public static ObjectNode modelSpec(final ObjectNode manifest)
    {
        return manifest.putObject("spec").put("contentDigest", Hex.encode(Sha256.hash(GENUINE_MODEL.weights())))
            .put("weightsBytes", GENUINE_MODEL.weights().length).put("goldenSet", "golden-v2").put("goldenItems", 32)
            .put("minAccuracyBps", 9_500);
    }

    public Delivery apiDelivery(final String label, final java.net.URI sellerUri, final String sellerKey)
    {
        final ObjectNode manifest = manifest("API-" + label, "API_QUOTA", sellerUri);
        apiSpec(manifest);
        final byte[] deal = dealId(label);
        final MeteringProxy proxy = own(new MeteringProxy(sellerUri, sellerKey, "proxy-key-" + label));
        apiVerifier.register(deal, proxy);
        return new Delivery(deal, buyer.address(), Listing.sign(manifest, seller), proxy.baseUri(), proxy.proxyKey());
    }

    public Delivery gpuDelivery(final String label, final java.net.URI workerUri)
    {
        final ObjectNode manifest = manifest("GPU-" + label, "COMPUTE_BLOCK", workerUri);
        gpuSpec(manifest, worker.address());
        return new Delivery(dealId(label), buyer.address(), Listing.sign(manifest, seller), workerUri, "");
    }

    public Delivery datasetDelivery(final String label, final java.net.URI uri, final List<byte[]> genuineShards)
    {
        final ObjectNode manifest = manifest("DATA-" + label, "DATASET", uri);
        datasetSpec(manifest, genuineShards);
        return new Delivery(dealId(label), buyer.address(), Listing.sign(manifest, seller), uri, "");
    }

    public Delivery modelDelivery(final String label, final java.net.URI uri)
    {
        final ObjectNode manifest = manifest("MODEL-" + label, "MODEL_ACCESS", uri);
        modelSpec(manifest);
        return new Delivery(dealId(label), buyer.address(), Listing.sign(manifest, seller), uri, "");
    }

    @Override
    public void close()
    {
        attestors.forEach(AttestorNode::close);
        for (final AutoCloseable closeable : closeables)
        {
            try
            {
                closeable.close();
            }
            catch (final Exception ignored)
            {
                // closing local fixtures is best effort
            }
        }
    }
}
