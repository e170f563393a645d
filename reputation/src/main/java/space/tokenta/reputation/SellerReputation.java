package space.tokenta.reputation;

import java.util.HashMap;
import java.util.Map;

/**
 * Sellers' decayed, value-weighted, saturation-limited Beta reputation, updated per deal outcome.
 * Per event: decay (r, s) by 2^(−Δt/H); w = min(5, ln(1 + notional/100)); w' = C·(e^(−Wp/C) −
 * e^(−(Wp+w)/C)) with Wp the buyer's cumulative w with this seller; w'' = w'·τ_buyer; PASS adds
 * w''·q to r and w''·(1−q) to s, FAIL adds 3w'' to s, a lost dispute 5w''. Deterministic.
 */
public final class SellerReputation
{
    public static final int MAX_SELLERS = 1_000_000;
    public static final int MAX_PAIRS = 10_000_000;

    private static final class State
    {
        double r;
        double s;
        long tLast;
    }

    private final ReputationParams params;
    private final BuyerTrust buyerTrust;
    private final Map<String, State> sellers = new HashMap<>();
    private final Map<String, Double> pairWeight = new HashMap<>();

    public SellerReputation(final ReputationParams params, final BuyerTrust buyerTrust)
    {
        this.params = params;
        this.buyerTrust = buyerTrust;
    }

    public static double dealWeight(final double notional, final ReputationParams p)
    {
        return Math.min(p.maxDealWeight(), Math.log1p(notional / p.notionalScale()));
    }

    /** The marginal weight of a deal of weight w after a buyer has already given cumulative weight wp. */
    public static double saturated(final double wp, final double w, final double c)
    {
        return c * (Math.exp(-wp / c) - Math.exp(-(wp + w) / c));
    }

    public static double decayFactor(final double elapsedSeconds, final ReputationParams p)
    {
        return Math.pow(2, -elapsedSeconds / p.halfLifeSeconds());
    }

    public SellerScore apply(final DealOutcome deal)
    {
        return apply(deal, buyerTrust.tau(deal.buyer()));
    }

    /**
     * As {@link #apply(DealOutcome)} with the buyer's trust τ given: a replay of recorded events uses
     * the τ each event was applied with, whatever EigenTrust's later batches say.
     */
    public SellerScore apply(final DealOutcome deal, final double buyerTau)
    {
        if (!(buyerTau >= 0 && buyerTau <= 1))
        {
            throw new ReputationException("buyer trust in [0, 1]");
        }
        final State state = sellers.get(deal.seller());
        if (state != null && deal.timeSeconds() < state.tLast)
        {
            throw new ReputationException("deal at " + deal.timeSeconds() + " before the seller's last event " + state.tLast);
        }
        if (state == null && sellers.size() >= MAX_SELLERS)
        {
            throw new ReputationException("seller book full");
        }
        final String pair = deal.seller() + "\u0000" + deal.buyer();
        final Double wpBoxed = pairWeight.get(pair);
        if (wpBoxed == null && pairWeight.size() >= MAX_PAIRS)
        {
            throw new ReputationException("counterparty book full");
        }
        final State s = state != null ? state : new State();
        if (state == null)
        {
            s.tLast = deal.timeSeconds();
            sellers.put(deal.seller(), s);
        }
        final double decay = decayFactor(deal.timeSeconds() - s.tLast, params);
        s.r *= decay;
        s.s *= decay;
        s.tLast = deal.timeSeconds();
        final double w = dealWeight(deal.notional(), params);
        final double wp = wpBoxed == null ? 0 : wpBoxed;
        final double w2 = saturated(wp, w, params.saturation()) * buyerTau;
        pairWeight.put(pair, wp + w);
        switch (deal.kind())
        {
            case PASS ->
            {
                final double q = deal.slaBps() / 10_000.0;
                s.r += w2 * q;
                s.s += w2 * (1 - q);
            }
            case FAIL -> s.s += params.failPenalty() * w2;
            case LOST_DISPUTE -> s.s += params.lostDisputePenalty() * w2;
        }
        return SellerScore.of(s.r, s.s, params);
    }

    /** The score at a time (decayed to it; changes nothing). Unknown sellers have the prior's score. */
    public SellerScore score(final String seller, final long nowSeconds)
    {
        final State s = sellers.get(seller);
        if (s == null)
        {
            return SellerScore.of(0, 0, params);
        }
        final double decay = decayFactor(Math.max(0, nowSeconds - s.tLast), params);
        return SellerScore.of(s.r * decay, s.s * decay, params);
    }

    public ReputationParams params()
    {
        return params;
    }
}
