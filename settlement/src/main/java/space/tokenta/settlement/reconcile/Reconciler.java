package space.tokenta.settlement.reconcile;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.engine.Limits;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.settlement.SettlementConfig;
import space.tokenta.settlement.SettlementMetrics;
import space.tokenta.settlement.account.AccountDirectory;
import space.tokenta.settlement.engine.LedgerFold;
import space.tokenta.settlement.escrow.EscrowChain;
import space.tokenta.settlement.escrow.EscrowPhase;
import space.tokenta.settlement.escrow.EscrowRepository;
import space.tokenta.settlement.escrow.EscrowRow;

/**
 * Compares, per chain, what the escrow contract holds with what the engine's ledger (folded from its
 * journal) and settlement's escrow rows say, and reports every difference:
 * <ul>
 * <li>ACCOUNT: an account's free balances plus its open deals as buyer, summed over the chains whose
 * stablecoin is booked as one engine asset, vs the engine account's posted AVAILABLE + HOLD in that asset
 * (deposits in, settled deals and withdrawals out, on both sides);</li>
 * <li>FEES: the fee recipient's balance on the chains of an asset vs the engine's fee account;</li>
 * <li>OMNIBUS: the tokens the contract holds vs what the engine credited from that chain (minus withdrawals);</li>
 * <li>DEAL: each escrow's on-chain state vs its settlement phase, and a chain outcome the engine did
 * not apply as such (e.g. the engine's own settlement timeout voided a fill the chain released).</li>
 * </ul>
 * Differences while something is in flight (a release not yet final) are expected; at rest there are none.
 */
public final class Reconciler {
    public static final int MAX_ESCROWS = 1_000_000;

    /** One difference: {@code expected} is the chain's figure, {@code actual} the ledger's / settlement's. */
    public record Difference(long chainId, String kind, String subject, String chain, String ledger) {
        @Override
        public String toString() {
            return kind + " chain " + chainId + " " + subject + ": chain " + chain + ", ledger " + ledger;
        }
    }

    /** The outcome of one run. */
    public record Report(List<Difference> differences, Map<Long, BigInteger> notionalInEscrow, long notionalReconciled,
                         int accountsCompared, int dealsCompared, long journalPosition) {
        public boolean clean() {
            return differences.isEmpty();
        }
    }

    private final SettlementConfig config;
    private final List<EscrowChain> chains;
    private final AccountDirectory directory;
    private final EscrowRepository escrows;
    private final Path nodeDirectory;
    private final SettlementMetrics metrics;

    public Reconciler(final SettlementConfig config, final List<EscrowChain> chains, final AccountDirectory directory,
            final EscrowRepository escrows, final Path nodeDirectory, final SettlementMetrics metrics) {
        this.config = config;
        this.chains = List.copyOf(chains);
        this.directory = directory;
        this.escrows = escrows;
        this.nodeDirectory = nodeDirectory;
        this.metrics = metrics;
    }

    public Report run() {
        final LedgerFold ledger = LedgerFold.of(nodeDirectory);
        final List<EscrowRow> rows = escrows.all(MAX_ESCROWS);
        final List<Difference> out = new ArrayList<>();
        final Map<Long, BigInteger> inEscrow = new LinkedHashMap<>();
        final Map<Integer, BigInteger> chainFees = new HashMap<>();
        final Map<AccountAsset, AccountOnChains> byAccount = new LinkedHashMap<>();
        long reconciled = 0;
        int accounts = 0;
        int deals = 0;
        for (final EscrowChain chain : chains) {
            final SettlementConfig.Chain c = chain.config();
            final Map<String, DealView> views = new HashMap<>();
            final Map<String, BigInteger> lockedByBuyer = new HashMap<>();
            for (final EscrowRow row : rows) {
                if (row.chainId() == null || row.chainId() != c.chainId() || row.dealId() == null) {
                    continue;
                }
                final DealView view = chain.deal(EvmHex.bytes(row.dealId()));
                views.put(row.escrowId(), view);
                if (view.state() == DealView.State.OPEN) {
                    lockedByBuyer.merge(view.buyer(), view.amount(), BigInteger::add);
                }
            }
            for (final AccountDirectory.Entry e : directory.onChain(c.chainId())) {
                // one engine balance per asset: summed over every chain whose stablecoin is booked as that asset
                final AccountOnChains sum = byAccount.computeIfAbsent(new AccountAsset(e.accountId(), c.assetId()),
                        k -> new AccountOnChains());
                sum.balance = sum.balance.add(chain.operator().balanceOf(c.token(), e.address())
                        .add(lockedByBuyer.getOrDefault(e.address(), BigInteger.ZERO)));
                sum.chains.add(c.chainId());
                sum.addresses.add(e.address());
            }
            if (c.feeRecipient() != null) {
                chainFees.merge(c.assetId(), chain.operator().balanceOf(c.token(), c.feeRecipient()), BigInteger::add);
            }
            final BigInteger held = chain.tokenBalanceOfEscrow();
            final long credited = -ledger.posted(c.chainId(), AccountPurpose.OMNIBUS, c.assetId());
            if (!held.equals(BigInteger.valueOf(credited))) {
                out.add(new Difference(c.chainId(), "OMNIBUS", "escrow " + c.escrow() + " token " + c.token(),
                        held.toString(), Long.toString(credited)));
            }
            final BigInteger locked = chain.operator().lockedOf(c.token());
            inEscrow.put(c.chainId(), locked);
            for (final EscrowRow row : rows) {
                final DealView view = views.get(row.escrowId());
                if (view == null) {
                    continue;
                }
                deals++;
                final String expected = expectedChainState(row);
                if (expected != null && !List.of(expected.split("\\|")).contains(view.state().name())) {
                    out.add(new Difference(c.chainId(), "DEAL", row.escrowId() + " " + row.phase(), view.state().name(),
                            expected));
                } else if (row.phase().isFinal() && row.engineOutcome() != null) {
                    final boolean agrees = (row.phase() == EscrowPhase.RELEASED && row.engineOutcome().equals("POST APPLIED"))
                            || (row.phase() == EscrowPhase.REFUNDED && row.engineOutcome().startsWith("VOID ")
                            && !row.engineOutcome().contains("POSTED") && !row.engineOutcome().contains("UNKNOWN"));
                    if (agrees) {
                        reconciled += row.amount();
                    } else {
                        out.add(new Difference(c.chainId(), "DEAL", row.escrowId() + " engine", view.state().name(),
                                row.engineOutcome()));
                    }
                }
            }
        }
        for (final Map.Entry<AccountAsset, AccountOnChains> e : byAccount.entrySet()) {
            accounts++;
            final AccountAsset key = e.getKey();
            final AccountOnChains onChain = e.getValue();
            final long engine = ledger.posted(key.accountId(), AccountPurpose.AVAILABLE, key.assetId())
                    + ledger.posted(key.accountId(), AccountPurpose.HOLD, key.assetId());
            if (!onChain.balance.equals(BigInteger.valueOf(engine))) {
                out.add(new Difference(onChain.chains.size() == 1 ? onChain.chains.get(0) : 0, "ACCOUNT", "account "
                        + key.accountId() + " " + String.join(",", onChain.addresses) + " asset " + key.assetId()
                        + " on chains " + onChain.chains, onChain.balance.toString(), Long.toString(engine)));
            }
        }
        for (final Map.Entry<Integer, BigInteger> fee : chainFees.entrySet()) {
            final long engineFees = ledger.posted(Limits.FEE_OWNER, AccountPurpose.FEES, fee.getKey());
            if (!fee.getValue().equals(BigInteger.valueOf(engineFees))) {
                out.add(new Difference(0, "FEES", "asset " + fee.getKey(), fee.getValue().toString(),
                        Long.toString(engineFees)));
            }
        }
        metrics.notionalInEscrow.set(inEscrow.values().stream().reduce(BigInteger.ZERO, BigInteger::add).longValue());
        metrics.notionalReconciled.set(reconciled);
        metrics.reconcileDifferences.set(out.size());
        metrics.reconcileRuns.incrementAndGet();
        return new Report(out, inEscrow, reconciled, accounts, deals, ledger.position());
    }

    private record AccountAsset(long accountId, int assetId) {
    }

    /** An engine account's balance in one asset over the chains that carry it. */
    private static final class AccountOnChains {
        BigInteger balance = BigInteger.ZERO;
        final List<Long> chains = new ArrayList<>();
        final java.util.Set<String> addresses = new java.util.TreeSet<>();
    }

    /** The deal state the chain should show for an escrow's phase; null while it may legitimately be either. */
    static String expectedChainState(final EscrowRow row) {
        return switch (row.phase()) {
            case NEW, OPENING, AWAITING_FINAL -> null;
            case OPEN, DELIVERING, VERIFIED, RELEASING, REFUNDING, REFUNDING_EXPIRED -> "OPEN";
            case RELEASED -> "RELEASED";
            // voided before opening: the chain never saw it
            case REFUNDED -> "REFUNDED|NONE";
        };
    }
}
