package space.tokenta.verify.pipeline;

import java.net.URI;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.EvidenceException;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.evidence.Sha256;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seller's listing: a manifest (listingId, assetClass, symbol, seller address, bondUnits,
 * endpoint, class-specific spec) and the seller's secp256k1 signature over sha256(JCS(manifest)).
 */
public record Listing(ObjectNode manifest, byte[] signature)
{
    public static Listing sign(final ObjectNode manifest, final Secp256k1Key seller)
    {
        return new Listing(manifest, seller.signDigest(Sha256.hash(CanonicalJson.canonicalize(manifest))));
    }

    public byte[] manifestDigest()
    {
        return Sha256.hash(CanonicalJson.canonicalize(manifest));
    }

    public String listingId()
    {
        return manifest.path("listingId").asString("");
    }

    public AssetClass assetClass()
    {
        try
        {
            return AssetClass.valueOf(manifest.path("assetClass").asString(""));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new EvidenceException("unknown asset class: " + manifest.path("assetClass"));
        }
    }

    public String seller()
    {
        return manifest.path("seller").asString("").toLowerCase(java.util.Locale.ROOT);
    }

    public URI endpoint()
    {
        return URI.create(manifest.path("endpoint").asString(""));
    }

    public JsonNode spec()
    {
        return manifest.path("spec");
    }

    public byte[] toCanonicalBytes()
    {
        final ObjectNode node = CanonicalJson.object();
        node.set("manifest", manifest);
        node.put("signature", Hex.encode(signature));
        return CanonicalJson.canonicalize(node);
    }

    public static Listing parse(final byte[] bytes)
    {
        final JsonNode node = CanonicalJson.parse(bytes);
        if (!node.path("manifest").isObject())
        {
            throw new EvidenceException("listing without a manifest object");
        }
        return new Listing((ObjectNode)node.path("manifest"), Hex.decode(node.path("signature").asString(""), 65));
    }
}
