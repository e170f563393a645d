package space.tokenta.verify.pipeline;

import java.net.URI;

import space.tokenta.verify.evidence.Hex;

/**
 * One deal's delivery: the deal id (bytes32), the parties, the listing delivered, and how the
 * buyer reaches the capacity (for API quota: our metering proxy and the key it issued).
 */
public record Delivery(byte[] dealId, String buyer, Listing listing, URI accessUri, String accessKey)
{
    public Delivery
    {
        if (dealId.length != 32)
        {
            throw new IllegalArgumentException("dealId is bytes32");
        }
        dealId = dealId.clone();
        buyer = buyer.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public byte[] dealId()
    {
        return dealId.clone();
    }

    public String dealIdHex()
    {
        return Hex.prefixed(dealId);
    }

    public String seller()
    {
        return listing.seller();
    }
}
