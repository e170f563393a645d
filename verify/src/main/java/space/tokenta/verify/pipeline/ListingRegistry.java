package space.tokenta.verify.pipeline;

import java.util.HashMap;
import java.util.Map;

import space.tokenta.verify.evidence.Cid;

/**
 * Known listings: a listingId maps to exactly one listing CID, and a content digest (weights,
 * dataset root) to exactly one seller, so one seller cannot re-list another's asset.
 */
public final class ListingRegistry
{
    private final int maxListings;
    private final Map<String, Cid> cidByListingId = new HashMap<>();
    private final Map<String, String> sellerByContent = new HashMap<>();

    public ListingRegistry(final int maxListings)
    {
        this.maxListings = maxListings;
    }

    /** Registers or confirms a listing; returns a problem, or null when it is new or the same as before. */
    public synchronized String register(final String listingId, final Cid cid, final String contentDigest, final String seller)
    {
        final Cid known = cidByListingId.get(listingId);
        if (known != null && !known.equals(cid))
        {
            return "duplicate listing id " + listingId + " with different content";
        }
        if (contentDigest != null)
        {
            final String owner = sellerByContent.get(contentDigest);
            if (owner != null && !owner.equals(seller))
            {
                return "content " + contentDigest + " already listed by another seller";
            }
        }
        if (known == null && cidByListingId.size() >= maxListings)
        {
            return "listing registry full";
        }
        cidByListingId.put(listingId, cid);
        if (contentDigest != null)
        {
            sellerByContent.put(contentDigest, seller);
        }
        return null;
    }
}
