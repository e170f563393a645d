package space.tokenta.reputation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Buyer trust τ from EigenTrust, recomputed in a periodic batch: local trust c_ij (how much account
 * i vouches for j, from settled deals) is row-normalised; t ← (1−a)·Cᵀt + a·p with p uniform over
 * the pre-trusted seeds (rows without out-trust also teleport to p); τ = min(1, t/median(t>0)).
 * Accounts the last batch did not score have τ = τ_min.
 */
public final class BuyerTrust
{
    public static final double TELEPORT = 0.15;
    public static final int MAX_ACCOUNTS = 1_000_000;
    public static final int MAX_ITERATIONS = 200;
    public static final double TOLERANCE = 1e-12;

    private final double tauMin;
    private final Set<String> preTrusted;
    private final Map<String, Map<String, Double>> localTrust = new TreeMap<>();
    private Map<String, Double> tau = Map.of();
    private Map<String, Double> globalTrust = Map.of();

    public BuyerTrust(final double tauMin, final Set<String> preTrusted)
    {
        if (preTrusted.isEmpty())
        {
            throw new IllegalArgumentException("EigenTrust needs at least one pre-trusted account");
        }
        this.tauMin = tauMin;
        this.preTrusted = new TreeSet<>(preTrusted);
    }

    /** Adds to the local trust of {@code truster} in {@code trustee} (a satisfactory settled deal). */
    public void vouch(final String truster, final String trustee, final double amount)
    {
        if (!(amount > 0) || Double.isInfinite(amount) || truster.equals(trustee))
        {
            throw new ReputationException("vouch a positive finite amount for another account");
        }
        if (!localTrust.containsKey(truster) && localTrust.size() >= MAX_ACCOUNTS)
        {
            throw new ReputationException("trust graph full");
        }
        localTrust.computeIfAbsent(truster, k -> new TreeMap<>()).merge(trustee, amount, Double::sum);
    }

    public double tau(final String account)
    {
        return tau.getOrDefault(account, tauMin);
    }

    public double globalTrust(final String account)
    {
        return globalTrust.getOrDefault(account, 0.0);
    }

    /** The periodic batch: power iteration to the EigenTrust vector, then τ for every scored account. */
    public void recompute()
    {
        final TreeSet<String> ids = new TreeSet<>(preTrusted);
        localTrust.forEach((from, row) ->
        {
            ids.add(from);
            ids.addAll(row.keySet());
        });
        final List<String> accounts = new ArrayList<>(ids);
        final Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++)
        {
            index.put(accounts.get(i), i);
        }
        final int n = accounts.size();
        final double[] p = new double[n];
        preTrusted.forEach(a -> p[index.get(a)] = 1.0 / preTrusted.size());
        double[] t = p.clone();
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++)
        {
            final double[] next = new double[n];
            double dangling = 0;
            for (int i = 0; i < n; i++)
            {
                final Map<String, Double> row = localTrust.get(accounts.get(i));
                double sum = 0;
                if (row != null)
                {
                    for (final double value : row.values())
                    {
                        sum += value;
                    }
                }
                if (sum <= 0)
                {
                    dangling += t[i];
                    continue;
                }
                for (final Map.Entry<String, Double> e : row.entrySet())
                {
                    next[index.get(e.getKey())] += t[i] * e.getValue() / sum;
                }
            }
            double delta = 0;
            for (int j = 0; j < n; j++)
            {
                final double value = (1 - TELEPORT) * (next[j] + dangling * p[j]) + TELEPORT * p[j];
                delta += Math.abs(value - t[j]);
                next[j] = value;
            }
            t = next;
            if (delta < TOLERANCE)
            {
                break;
            }
        }
        final double[] positive = Arrays.stream(t).filter(v -> v > 0).sorted().toArray();
        final double median = positive.length == 0 ? 0 :
            (positive.length % 2 == 1 ? positive[positive.length / 2] :
                (positive[positive.length / 2 - 1] + positive[positive.length / 2]) / 2);
        final Map<String, Double> newTau = new HashMap<>();
        final Map<String, Double> newTrust = new HashMap<>();
        for (int i = 0; i < n; i++)
        {
            newTrust.put(accounts.get(i), t[i]);
            newTau.put(accounts.get(i), median > 0 ? Math.min(1, t[i] / median) : tauMin);
        }
        tau = newTau;
        globalTrust = newTrust;
    }
}
