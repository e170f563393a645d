package space.tokenta.settlement.verification;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.web3j.utils.Numeric;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.settlement.account.Wallets;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.evidence.Sha256;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.Listing;
import space.tokenta.verify.seller.ModelWeightsSeller;
import tools.jackson.databind.node.ObjectNode;

/**
 * DEV ONLY deliveries: every fill is delivered by one of verify's reference model-weight sellers on
 * 127.0.0.1 (honest, or serving tampered weights), chosen per instrument; the listing is signed with
 * the on-chain seller's dev key and the buyer accepts with the buyer's dev key. An instrument mapped
 * to {@link Behaviour#NOTHING} never delivers (its escrows refund at expiry).
 */
public final class ReferenceDeliveries implements AttestorQuorumVerifier.DeliverySource, AutoCloseable {
    /** How the seller of an instrument behaves. */
    public enum Behaviour {
        HONEST, TAMPERED, NOTHING
    }

    private final Wallets wallets;
    private final Map<Integer, Behaviour> byInstrument;
    private final Behaviour otherwise;
    private final Map<Behaviour, ModelWeightsSeller> sellers = new EnumMap<>(Behaviour.class);

    public ReferenceDeliveries(final Wallets wallets, final Map<Integer, Behaviour> byInstrument, final Behaviour otherwise) {
        this.wallets = wallets;
        this.byInstrument = Map.copyOf(byInstrument);
        this.otherwise = otherwise;
    }

    @Override
    public synchronized Optional<AttestorQuorumVerifier.Prepared> prepare(final EscrowRow escrow) {
        final Behaviour behaviour = byInstrument.getOrDefault(escrow.instrumentId(), otherwise);
        if (behaviour == Behaviour.NOTHING) {
            return Optional.empty();
        }
        final Optional<Secp256k1Key> seller = key(escrow.chainId(), escrow.seller());
        final Optional<Secp256k1Key> buyer = key(escrow.chainId(), escrow.buyer());
        if (seller.isEmpty() || buyer.isEmpty()) {
            return Optional.empty();
        }
        final URI uri = sellers.computeIfAbsent(behaviour, b -> new ModelWeightsSeller(ReferenceMarket.GENUINE_MODEL,
                b == Behaviour.HONEST ? ModelWeightsSeller.Behaviour.HONEST : ModelWeightsSeller.Behaviour.TAMPERED_WEIGHTS))
                .baseUri();
        final ObjectNode manifest = CanonicalJson.object().put("listingId", "MODEL-" + escrow.escrowId())
                .put("assetClass", "MODEL_ACCESS").put("symbol", "MODEL-" + escrow.instrumentId())
                .put("seller", seller.get().address()).put("bondUnits", "5000").put("endpoint", uri.toString());
        manifest.putObject("spec").put("contentDigest", Hex.encode(Sha256.hash(ReferenceMarket.GENUINE_MODEL.weights())))
                .put("weightsBytes", ReferenceMarket.GENUINE_MODEL.weights().length).put("goldenSet", "golden-v2")
                .put("goldenItems", 32).put("minAccuracyBps", 9_500);
        final byte[] dealId = EvmHex.bytes(escrow.dealId());
        final Delivery delivery = new Delivery(dealId, buyer.get().address(), Listing.sign(manifest, seller.get()), uri, "");
        return Optional.of(new AttestorQuorumVerifier.Prepared(delivery, Acceptance.accepted(dealId, buyer.get())));
    }

    private Optional<Secp256k1Key> key(final long chainId, final String address) {
        return wallets.credentials(chainId, address).map(c -> Secp256k1Key.fromPrivateKey(
                Numeric.toBytesPadded(c.getEcKeyPair().getPrivateKey(), 32)));
    }

    @Override
    public synchronized void close() {
        sellers.values().forEach(ModelWeightsSeller::close);
        sellers.clear();
    }
}
