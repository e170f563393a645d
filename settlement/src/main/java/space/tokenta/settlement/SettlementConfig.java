package space.tokenta.settlement;

import java.util.List;
import java.util.Locale;
import space.tokenta.chain.config.FinalityRule;

/**
 * Bounds and timings of the settlement worker.
 *
 * @param chains             the chains settled on (one escrow contract and one quote asset each)
 * @param timelockSec        a deal's release timelock: releaseAfter = open time + this
 * @param expirySec          a deal's expiry: expiresAt = open time + this (refundable after)
 * @param authWindowSec      how long the buyer's authorisation of a deal may be used to open it
 * @param verdictTtlSec      how long a verdict stays valid after it is issued
 * @param journalBatch       engine journal records read per duty cycle
 * @param workBatch          escrows and withdrawals advanced per duty cycle
 * @param maxAttempts        failures of one step before it is given up (an unopened escrow is voided)
 * @param retryBackoffMs     first retry delay after a failed step (doubles)
 * @param retryBackoffMaxMs  retry delay ceiling
 * @param pollMs             how soon a waiting step (timelock, finality, delivery) is looked at again
 */
public record SettlementConfig(List<Chain> chains, long timelockSec, long expirySec, long authWindowSec,
                               long verdictTtlSec, int journalBatch, int workBatch, int maxAttempts,
                               long retryBackoffMs, long retryBackoffMaxMs, long pollMs) {
    public static final int MAX_CHAINS = 16;
    public static final int MAX_BATCH = 10_000;

    /**
     * One chain settled on.
     *
     * @param chainId      EVM chain id
     * @param assetId      the engine asset the chain's stablecoin is (token units = engine minor units)
     * @param token        the stablecoin's 0x address
     * @param escrow       the TokentaEscrow's 0x address
     * @param feeRecipient the escrow's fee recipient (compared with the engine's fee account), or null
     * @param finality     when the indexer treats a block as final
     * @param startBlock   where the indexer starts
     */
    public record Chain(long chainId, int assetId, String token, String escrow, String feeRecipient,
                        FinalityRule finality, long startBlock) {
        public Chain {
            check(chainId > 0 && chainId <= Integer.MAX_VALUE, "chainId in [1, 2^31-1]");
            check(assetId > 0 && assetId <= 65_535, "assetId in [1, 65535]");
            check(isAddress(token) && isAddress(escrow), "token and escrow are 0x addresses");
            check(feeRecipient == null || isAddress(feeRecipient), "feeRecipient is a 0x address");
            check(finality != null && startBlock >= 0, "finality given, startBlock >= 0");
            token = token.toLowerCase(Locale.ROOT);
            escrow = escrow.toLowerCase(Locale.ROOT);
            feeRecipient = feeRecipient == null ? null : feeRecipient.toLowerCase(Locale.ROOT);
        }
    }

    public SettlementConfig {
        chains = List.copyOf(chains);
        check(!chains.isEmpty() && chains.size() <= MAX_CHAINS, "1.." + MAX_CHAINS + " chains");
        check(chains.stream().map(Chain::chainId).distinct().count() == chains.size(), "distinct chain ids");
        check(timelockSec >= 0 && timelockSec < expirySec && expirySec <= 365L * 86_400, "0 <= timelock < expiry <= 1 year");
        check(authWindowSec > 0 && authWindowSec <= expirySec, "0 < authWindow <= expiry");
        check(verdictTtlSec > 0 && verdictTtlSec <= 30L * 86_400, "verdict ttl in (0, 30 days]");
        check(journalBatch >= 1 && journalBatch <= MAX_BATCH, "journalBatch in [1, " + MAX_BATCH + "]");
        check(workBatch >= 1 && workBatch <= MAX_BATCH, "workBatch in [1, " + MAX_BATCH + "]");
        check(maxAttempts >= 1 && maxAttempts <= 1_000, "maxAttempts in [1, 1000]");
        check(retryBackoffMs >= 1 && retryBackoffMs <= retryBackoffMaxMs && retryBackoffMaxMs <= 600_000,
                "1 <= retryBackoffMs <= retryBackoffMaxMs <= 600000");
        check(pollMs >= 1 && pollMs <= 60_000, "pollMs in [1, 60000]");
    }

    /** The dev deals' timelock (the buyer's dispute window): short, so that a local trade settles within seconds. */
    public static final long DEFAULT_TIMELOCK_S = 10;
    /** The dev deals' expiry: an undelivered deal refunds after this. */
    public static final long DEFAULT_EXPIRY_S = 3_600;

    /** Defaults for the dev chains: 10 s timelock, 1 h expiry, 10 min authorisation window, 1 day verdicts. */
    public static SettlementConfig defaults(final List<Chain> chains) {
        return new SettlementConfig(chains, DEFAULT_TIMELOCK_S, DEFAULT_EXPIRY_S, 600, 86_400, 256, 64, 20, 100, 10_000,
                200);
    }

    public SettlementConfig withTimes(final long timelock, final long expiry, final long authWindow) {
        return new SettlementConfig(chains, timelock, expiry, authWindow, verdictTtlSec, journalBatch, workBatch,
                maxAttempts, retryBackoffMs, retryBackoffMaxMs, pollMs);
    }

    public Chain chain(final long chainId) {
        for (final Chain c : chains) {
            if (c.chainId() == chainId) {
                return c;
            }
        }
        throw new IllegalArgumentException("chain " + chainId + " is not settled on");
    }

    /** Retry delay after {@code attempts} failures: doubling from retryBackoffMs, capped. */
    public long backoffMs(final int attempts) {
        final int shift = Math.min(Math.max(attempts - 1, 0), 20);
        return Math.min(retryBackoffMaxMs, retryBackoffMs << shift);
    }

    static boolean isAddress(final String s) {
        return s != null && s.matches("0x[0-9a-fA-F]{40}");
    }

    private static void check(final boolean ok, final String what) {
        if (!ok) {
            throw new IllegalArgumentException("settlement config: " + what);
        }
    }
}
