package space.tokenta.settlement.verification;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.web3j.utils.Numeric;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.settlement.account.Wallets;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.verify.api.MeteringProxy;
import space.tokenta.verify.api.ReferenceModel;
import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.AssetClass;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.Listing;
import space.tokenta.verify.seller.ChatModelSeller;
import space.tokenta.verify.seller.DatasetSeller;
import space.tokenta.verify.seller.GpuWorkerSeller;
import space.tokenta.verify.seller.ModelWeightsSeller;
import tools.jackson.databind.node.ObjectNode;

/**
 * DEV ONLY deliveries: every fill is delivered by one of verify's reference sellers on 127.0.0.1,
 * the one for its instrument's capacity class (GPU worker answering Freivalds-checked challenges,
 * OpenAI-compatible endpoint behind a metering proxy, dataset shards, model weights), honest or
 * cheating; the listing is signed with the on-chain seller's dev key and the buyer accepts with the
 * buyer's dev key. An instrument mapped to {@link Behaviour#NOTHING} never delivers (its escrows
 * refund at expiry). An instrument without a known class is delivered as model access.
 */
public final class ReferenceDeliveries implements AttestorQuorumVerifier.DeliverySource, AutoCloseable {
    /** How the seller of an instrument behaves. */
    public enum Behaviour {
        /** Delivers what the listing says. */
        HONEST,
        /** Cheats in its class's way: wrong GPU products, a substituted model, a corrupted shard, tampered weights. */
        TAMPERED,
        NOTHING
    }

    /** What the market says an instrument is. */
    public record Instrument(AssetClass assetClass, String symbol) {
        public Instrument {
            if (assetClass == null || symbol == null || symbol.isBlank()) {
                throw new IllegalArgumentException("an instrument needs a class and a symbol");
            }
        }
    }

    /** A seller account that, otherwise honest, cheats on about one in {@code oneInDeals} of its deals (seeded per deal). */
    public record CheatingSeller(long accountId, long seed, int oneInDeals) {
        public CheatingSeller {
            if (oneInDeals < 1 || oneInDeals > 1_000) {
                throw new IllegalArgumentException("oneInDeals in [1, 1000]");
            }
        }

        boolean cheatsOn(final byte[] dealId) {
            return new SplittableRandom(seed ^ ByteBuffer.wrap(dealId).getLong()).nextInt(oneInDeals) == 0;
        }
    }

    /** Open metering proxies kept at most (one per API deal, each an HTTP server; the oldest is closed first). */
    public static final int MAX_OPEN_PROXIES = 16;
    static final String API_KEY = "sk-dev-reference";
    static final String SUBSTITUTE_MODEL = "cheap-7b";
    static final long DATASET_SEED = 11;
    static final int DATASET_SHARDS = 32;
    static final int DATASET_SHARD_BYTES = 256;
    static final int CORRUPT_SHARD = 17;

    private record SellerKey(AssetClass assetClass, boolean honest) {
    }

    private final Wallets wallets;
    private final Map<Integer, Instrument> instruments;
    private final Map<Integer, Behaviour> byInstrument;
    private final Behaviour otherwise;
    private final Map<Long, CheatingSeller> cheaters;
    private final Secp256k1Key gpuWorker = Secp256k1Key.fromSeed("dev-gpu-worker");
    private final Map<SellerKey, AutoCloseable> sellers = new LinkedHashMap<>();
    private final Map<String, MeteringProxy> proxies = new LinkedHashMap<>();
    private final Map<AssetClass, Integer> delivered = new EnumMap<>(AssetClass.class);

    /** Every instrument delivered as model access; behaviour per instrument only. */
    public ReferenceDeliveries(final Wallets wallets, final Map<Integer, Behaviour> byInstrument, final Behaviour otherwise) {
        this(wallets, Map.of(), byInstrument, otherwise, Map.of());
    }

    /**
     * @param instruments  instrument id → class and symbol (the market's); others are delivered as model access
     * @param byInstrument behaviour per instrument, {@code otherwise} for the rest
     * @param cheaters     seller accounts that cheat on a seeded fraction of their otherwise honest deals
     */
    public ReferenceDeliveries(final Wallets wallets, final Map<Integer, Instrument> instruments,
            final Map<Integer, Behaviour> byInstrument, final Behaviour otherwise, final Map<Long, CheatingSeller> cheaters) {
        this.wallets = wallets;
        this.instruments = Map.copyOf(instruments);
        this.byInstrument = Map.copyOf(byInstrument);
        this.otherwise = otherwise;
        this.cheaters = Map.copyOf(cheaters);
    }

    @Override
    public synchronized Optional<AttestorQuorumVerifier.Prepared> prepare(final EscrowRow escrow) {
        final byte[] dealId = EvmHex.bytes(escrow.dealId());
        final Behaviour behaviour = behaviour(escrow.instrumentId(), escrow.sellerAccountId(), dealId);
        if (behaviour == Behaviour.NOTHING) {
            return Optional.empty();
        }
        final Optional<Secp256k1Key> seller = key(escrow.chainId(), escrow.seller());
        final Optional<Secp256k1Key> buyer = key(escrow.chainId(), escrow.buyer());
        if (seller.isEmpty() || buyer.isEmpty()) {
            return Optional.empty();
        }
        final Instrument instrument = instruments.getOrDefault(escrow.instrumentId(),
                new Instrument(AssetClass.MODEL_ACCESS, "MODEL-" + escrow.instrumentId()));
        final boolean honest = behaviour == Behaviour.HONEST;
        final URI uri = sellerUri(instrument.assetClass(), honest);
        final String listingId = prefix(instrument.assetClass()) + escrow.escrowId();
        final ObjectNode manifest = ReferenceMarket.listingManifest(listingId, instrument.assetClass().name(),
                instrument.symbol(), seller.get().address(), uri);
        final Acceptance acceptance = Acceptance.accepted(dealId, buyer.get());
        delivered.merge(instrument.assetClass(), 1, Integer::sum);
        switch (instrument.assetClass()) {
            case COMPUTE_BLOCK -> ReferenceMarket.gpuSpec(manifest, gpuWorker.address());
            case DATASET -> ReferenceMarket.datasetSpec(manifest, genuineShards());
            case MODEL_ACCESS -> ReferenceMarket.modelSpec(manifest);
            case API_QUOTA -> {
                ReferenceMarket.apiSpec(manifest);
                final MeteringProxy proxy = proxy(escrow.dealId(), uri);
                final Delivery delivery = new Delivery(dealId, buyer.get().address(), Listing.sign(manifest, seller.get()),
                        proxy.baseUri(), proxy.proxyKey());
                return Optional.of(new AttestorQuorumVerifier.Prepared(delivery, acceptance, Optional.of(proxy)));
            }
            default -> throw new IllegalStateException("no reference seller for " + instrument.assetClass());
        }
        final Delivery delivery = new Delivery(dealId, buyer.get().address(), Listing.sign(manifest, seller.get()), uri, "");
        return Optional.of(new AttestorQuorumVerifier.Prepared(delivery, acceptance));
    }

    /** The behaviour for one deal: the instrument's, turned to cheating on a cheating seller's chosen deals. */
    Behaviour behaviour(final int instrumentId, final long sellerAccountId, final byte[] dealId) {
        final Behaviour behaviour = byInstrument.getOrDefault(instrumentId, otherwise);
        final CheatingSeller cheater = cheaters.get(sellerAccountId);
        return behaviour == Behaviour.HONEST && cheater != null && cheater.cheatsOn(dealId) ? Behaviour.TAMPERED : behaviour;
    }

    /** Deliveries prepared so far, by class (a deal verified again counts again). */
    public synchronized Map<AssetClass, Integer> delivered() {
        return Map.copyOf(delivered);
    }

    private static String prefix(final AssetClass assetClass) {
        return switch (assetClass) {
            case COMPUTE_BLOCK -> "GPU-";
            case API_QUOTA -> "API-";
            case DATASET -> "DATA-";
            case MODEL_ACCESS -> "MODEL-";
        };
    }

    private URI sellerUri(final AssetClass assetClass, final boolean honest) {
        final AutoCloseable seller = sellers.computeIfAbsent(new SellerKey(assetClass, honest), k -> switch (assetClass) {
            // the worker answers 48x48 challenges with one wrong cell when cheating (benchmark-size ones stay right)
            case COMPUTE_BLOCK -> new GpuWorkerSeller(honest ? GpuWorkerSeller.Behaviour.HONEST
                    : GpuWorkerSeller.Behaviour.SKIPS_LARGE_PRODUCTS, gpuWorker, 0, 10_000, 6);
            case API_QUOTA -> new ChatModelSeller(ReferenceMarket.MODEL,
                    new ReferenceModel(honest ? ReferenceMarket.MODEL : SUBSTITUTE_MODEL), API_KEY);
            case DATASET -> new DatasetSeller(DATASET_SEED, DATASET_SHARDS, DATASET_SHARD_BYTES,
                    honest ? DatasetSeller.NONE : CORRUPT_SHARD);
            case MODEL_ACCESS -> new ModelWeightsSeller(ReferenceMarket.GENUINE_MODEL,
                    honest ? ModelWeightsSeller.Behaviour.HONEST : ModelWeightsSeller.Behaviour.TAMPERED_WEIGHTS);
        });
        return switch (seller) {
            case GpuWorkerSeller s -> s.baseUri();
            case ChatModelSeller s -> s.baseUri();
            case DatasetSeller s -> s.baseUri();
            case ModelWeightsSeller s -> s.baseUri();
            default -> throw new IllegalStateException("unknown reference seller " + seller);
        };
    }

    private java.util.List<byte[]> genuineShards() {
        // honest and corrupting dataset sellers share a seed: the listing names the genuine shards
        sellerUri(AssetClass.DATASET, true);
        return ((DatasetSeller) sellers.get(new SellerKey(AssetClass.DATASET, true))).genuineShards();
    }

    /** One proxy per API deal (a deal verified again reuses it); the oldest is closed beyond {@link #MAX_OPEN_PROXIES}. */
    private MeteringProxy proxy(final String dealIdHex, final URI upstream) {
        final MeteringProxy open = proxies.get(dealIdHex);
        if (open != null) {
            return open;
        }
        if (proxies.size() >= MAX_OPEN_PROXIES) {
            final var eldest = proxies.entrySet().iterator().next();
            eldest.getValue().close();
            proxies.remove(eldest.getKey());
        }
        final MeteringProxy proxy = new MeteringProxy(upstream, API_KEY, "proxy-" + dealIdHex);
        proxies.put(dealIdHex, proxy);
        return proxy;
    }

    private Optional<Secp256k1Key> key(final long chainId, final String address) {
        return wallets.credentials(chainId, address).map(c -> Secp256k1Key.fromPrivateKey(
                Numeric.toBytesPadded(c.getEcKeyPair().getPrivateKey(), 32)));
    }

    @Override
    public synchronized void close() {
        proxies.values().forEach(MeteringProxy::close);
        proxies.clear();
        for (final AutoCloseable seller : sellers.values()) {
            try {
                seller.close();
            } catch (final Exception ignored) {
                // the reference sellers' close does not throw; stopping the rest matters more
            }
        }
        sellers.clear();
    }
}
