package space.tokenta.settlement.escrow;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import space.tokenta.chain.escrow.ContractCallException;
import space.tokenta.chain.escrow.DealTerms;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.chain.escrow.DeliveryVerdict;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.cluster.client.EventLogReader;
import space.tokenta.engine.event.NoOpEventSink;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.Side;
import space.tokenta.settlement.ActivityLog;
import space.tokenta.settlement.SettlementConfig;
import space.tokenta.settlement.SettlementMetrics;
import space.tokenta.settlement.account.AccountDirectory;
import space.tokenta.settlement.account.Wallets;
import space.tokenta.settlement.engine.EngineCommands;
import space.tokenta.settlement.engine.TransferHistory;
import space.tokenta.settlement.engine.TransferIds;

/**
 * The escrow lifecycle worker, a {@link #doWork()} duty cycle. It follows the engine's event journal
 * by log position (stored with the rows it derives) and turns every fill into escrow ESC-tradeId:
 * open on the buyer's chain with the buyer's authorisation → verification (S1-S6) → {@code release}
 * after the timelock on PASS, {@code refund} on FAIL, {@code refundExpired} after expiry → once the
 * indexer holds the settlement as final, POST (seller credited) or VOID (buyer credited back) of the
 * fill's pending transfer in the engine.
 *
 * <p>Every step writes its phase before acting and, when resumed, first asks the chain (the deal's
 * state by its fixed id) or the engine (idempotent by transfer id) whether the action already
 * happened; so the worker may die at any point and a new one continues without duplicating or losing
 * a deal. Retries are bounded per step with doubling backoff; batches are bounded per cycle.
 */
public final class EscrowSettler {
    private static final Logger LOG = LoggerFactory.getLogger(EscrowSettler.class);
    /** Phase changes one escrow may go through in one cycle (each step re-reads its row). */
    public static final int MAX_STEPS_PER_ESCROW = 8;
    public static final int MAX_SIGNATURES_HEX = 32 * 130 + 2;

    private final SettlementConfig config;
    private final Map<Long, EscrowChain> chains = new java.util.TreeMap<>();
    private final AccountDirectory directory;
    private final Wallets wallets;
    private final DeliveryVerifier verifier;
    private final EngineCommands engine;
    private final EscrowRepository repository;
    private final StoreMirror mirror;
    private final ActivityLog activity;
    private final SettlementMetrics metrics;
    private final CrashPoints crash;
    private final Path nodeDirectory;
    private final EventLogReader reader;
    private final List<EscrowRepository.NewEscrow> fills = new ArrayList<>();
    private final TradeCollector collector = new TradeCollector(fills);

    public EscrowSettler(final SettlementConfig config, final List<EscrowChain> chains, final AccountDirectory directory,
            final Wallets wallets, final DeliveryVerifier verifier, final EngineCommands engine,
            final EscrowRepository repository, final StoreMirror mirror, final ActivityLog activity,
            final SettlementMetrics metrics, final Path nodeDirectory, final CrashPoints crash) {
        this.config = config;
        for (final EscrowChain c : chains) {
            this.chains.put(c.chainId(), c);
        }
        this.directory = directory;
        this.wallets = wallets;
        this.verifier = verifier;
        this.engine = engine;
        this.repository = repository;
        this.mirror = mirror;
        this.activity = activity;
        this.metrics = metrics;
        this.crash = crash;
        this.nodeDirectory = nodeDirectory;
        this.reader = new EventLogReader(nodeDirectory, repository.cursor(EscrowRepository.JOURNAL_CURSOR));
    }

    /** One duty cycle: read new fills, then advance due escrows. @return work done (0 = idle) */
    public int doWork() {
        return ingest() + advance();
    }

    /** Reads up to {@code journalBatch} journal records; stores their fills and the position in one transaction. */
    int ingest() {
        fills.clear();
        final int records = reader.poll((logPosition, sessionId, requestId, command, eventCount) -> collector,
                config.journalBatch());
        if (records == 0) {
            return 0;
        }
        crash.at(CrashPoints.AFTER_INGEST_READ);
        final int inserted = repository.ingest(fills, EscrowRepository.JOURNAL_CURSOR, reader.position());
        metrics.escrowsCreated.addAndGet(inserted);
        return records;
    }

    /** Advances up to {@code workBatch} due escrows. */
    int advance() {
        final long nowMs = System.currentTimeMillis();
        final List<EscrowRow> due = repository.due(nowMs, config.workBatch());
        int work = 0;
        for (final EscrowRow first : due) {
            EscrowRow row = first;
            for (int step = 0; step < MAX_STEPS_PER_ESCROW && row != null && !row.phase().isFinal(); step++) {
                final EscrowPhase before = row.phase();
                try {
                    if (!step(row)) {
                        break;
                    }
                } catch (final RuntimeException e) {
                    if (e instanceof CrashSignal) {
                        throw e;
                    }
                    onFailure(row, e);
                    break;
                }
                work++;
                row = repository.find(row.escrowId()).orElse(null);
                if (row != null && row.phase() == before) {
                    break;
                }
            }
        }
        return work;
    }

    private void onFailure(final EscrowRow row, final RuntimeException e) {
        metrics.stepFailures.incrementAndGet();
        final int attempts = row.attempts() + 1;
        final String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("{} {} step failed (attempt {}): {}", row.escrowId(), row.phase(), attempts, error);
        if (attempts >= config.maxAttempts() && (row.phase() == EscrowPhase.NEW || row.phase() == EscrowPhase.OPENING)) {
            // never opened on chain (or the chain refuses to): give the buyer's funds back in the engine
            if (row.phase() == EscrowPhase.OPENING && dealState(row) != DealView.State.NONE) {
                repository.failed(row.escrowId(), attempts, System.currentTimeMillis() + config.retryBackoffMaxMs(), error);
                return;
            }
            voidUnopened(row, "gave up opening after " + attempts + " attempts: " + error);
            return;
        }
        repository.failed(row.escrowId(), attempts, System.currentTimeMillis() + config.backoffMs(attempts), error);
    }

    /** One step of one escrow. @return true when the row changed (or an action was taken). */
    boolean step(final EscrowRow row) {
        return switch (row.phase()) {
            case NEW -> fixTerms(row);
            case OPENING -> open(row);
            case OPEN -> {
                repository.advance(row.escrowId(), EscrowPhase.OPEN, EscrowPhase.DELIVERING, "");
                yield true;
            }
            case DELIVERING -> verify(row);
            case VERIFIED -> settle(row);
            case RELEASING -> release(row);
            case REFUNDING -> refund(row);
            case REFUNDING_EXPIRED -> refundExpired(row);
            case AWAITING_FINAL -> confirm(row);
            case RELEASED, REFUNDED -> false;
        };
    }

    // ------------------------------------------------------------------------------------ open

    private boolean fixTerms(final EscrowRow row) {
        final Optional<EscrowChain> chain = route(row);
        if (chain.isEmpty()) {
            return voidUnopened(row, "no chain where both buyer " + row.buyerAccountId() + " and seller "
                    + row.sellerAccountId() + " hold addresses for asset " + row.assetId());
        }
        final EscrowChain c = chain.get();
        final String buyer = directory.addressOf(c.chainId(), row.buyerAccountId()).orElseThrow();
        final String seller = directory.addressOf(c.chainId(), row.sellerAccountId()).orElseThrow();
        final long now = c.chainTimeSec();
        final byte[] dealId = dealId(c.chainId(), row.settlementIdHi(), row.settlementIdLo());
        final DealTerms terms = new DealTerms(dealId, buyer, seller, c.config().token(), BigInteger.valueOf(row.amount()),
                now + config.timelockSec(), now + config.expirySec(), now + config.authWindowSec());
        final Optional<byte[]> signature = wallets.authorize(terms, c.typedData());
        if (signature.isEmpty() || !signer(c.typedData().dealAuthorizationDigest(terms), signature.get()).equals(buyer)) {
            return voidUnopened(row, "buyer " + buyer + " did not authorise the deal");
        }
        repository.advance(row.escrowId(), EscrowPhase.NEW, EscrowPhase.OPENING,
                "chain_id = ?, buyer = ?, seller = ?, token = ?, deal_id = ?, release_after = ?, expires_at = ?, "
                        + "auth_deadline = ?, buyer_signature = ?",
                c.chainId(), buyer, seller, c.config().token(), EvmHex.of(dealId), terms.releaseAfterSec(),
                terms.expiresAtSec(), terms.authDeadlineSec(), EvmHex.of(signature.get()));
        mirror.mirror(repository.find(row.escrowId()).orElseThrow(), null);
        return true;
    }

    private boolean open(final EscrowRow row) {
        final EscrowChain c = chain(row);
        final DealView deal = c.deal(EvmHex.bytes(row.dealId()));
        if (deal.state() == DealView.State.NONE) {
            if (c.chainTimeSec() > row.authDeadline()) {
                return voidUnopened(row, "the buyer's authorisation expired before the deal opened");
            }
            final TransactionReceipt receipt;
            try {
                receipt = c.operator().open(terms(row), EvmHex.bytes(row.buyerSignature()));
            } catch (final ContractCallException e) {
                if (e.errorName().filter("DealExists"::equals).isPresent()) {
                    return true; // opened by an earlier attempt: the next step reads it
                }
                throw e;
            }
            crash.at(CrashPoints.AFTER_OPEN_SENT);
            repository.set(row.escrowId(), "open_tx = ?", receipt.getTransactionHash());
        } else if (!row.buyer().equalsIgnoreCase(deal.buyer()) || !BigInteger.valueOf(row.amount()).equals(deal.amount())) {
            throw new IllegalStateException("deal " + row.dealId() + " on chain differs from " + row.escrowId());
        }
        repository.advance(row.escrowId(), EscrowPhase.OPENING, EscrowPhase.OPEN, "");
        metrics.escrowsOpened.incrementAndGet();
        final EscrowRow opened = repository.find(row.escrowId()).orElseThrow();
        mirror.mirror(opened, opened.openTx());
        activity.add("ESCR", row.escrowId(), "open " + row.escrowId() + " on chain " + row.chainId() + " · "
                + row.amount() + " · tx " + opened.openTx());
        return true;
    }

    private boolean voidUnopened(final EscrowRow row, final String reason) {
        final EngineCommands.Result result = engine.voidPending(row.settlementIdHi(), row.settlementIdLo());
        if (!result.done()) {
            throw new IllegalStateException("engine refused void of " + row.escrowId() + ": " + result.detail());
        }
        repository.advance(row.escrowId(), row.phase(), EscrowPhase.REFUNDED, "engine_outcome = ?, last_error = ?",
                "VOID " + engineOutcome(row, false, result), reason);
        metrics.escrowsRefunded.incrementAndGet();
        mirror.mirror(repository.find(row.escrowId()).orElseThrow(), null);
        activity.add("ESCR", row.escrowId(), "void " + row.escrowId() + " before opening: " + reason);
        return true;
    }

    // ------------------------------------------------------------------------------------ verify

    private boolean verify(final EscrowRow row) {
        final EscrowChain c = chain(row);
        final long now = c.chainTimeSec();
        if (now > row.expiresAt()) {
            repository.advance(row.escrowId(), EscrowPhase.DELIVERING, EscrowPhase.REFUNDING_EXPIRED, "");
            return true;
        }
        if (row.disputed()) {
            // a verdict resolving a dispute must be issued after it: wait for a later block
            final DealView deal = c.deal(EvmHex.bytes(row.dealId()));
            if (now <= deal.disputedAtSec()) {
                repository.waitUntil(row.escrowId(), System.currentTimeMillis() + config.pollMs());
                return false;
            }
        }
        final DeliveryVerifier.Outcome outcome = verifier.verify(row, now);
        if (outcome instanceof DeliveryVerifier.Verdict v) {
            if (!Arrays.equals(v.verdict().dealId(), EvmHex.bytes(row.dealId()))) {
                throw new IllegalStateException("verdict for another deal");
            }
            repository.advance(row.escrowId(), EscrowPhase.DELIVERING, EscrowPhase.VERIFIED,
                    "verdict_code = ?, verdict = ?, verdict_signatures = ?, evidence_cid = ?, verified_at_ms = ?",
                    v.verdict().verdict(), encode(v.verdict()), EvmHex.of(v.signatures()), v.evidenceCid(),
                    System.currentTimeMillis());
            crash.at(CrashPoints.AFTER_VERDICT);
            mirror.mirror(repository.find(row.escrowId()).orElseThrow(), null);
            activity.add("VRFY", row.escrowId(), (v.pass() ? "PASS" : "FAIL") + " quorum " + v.signers() + " on "
                    + row.escrowId() + (row.disputed() ? " (dispute panel)" : "") + " · evidence " + v.evidenceCid());
            return true;
        }
        // not delivered yet, or no quorum: look again later; expiry refunds if nothing ever comes
        repository.waitUntil(row.escrowId(), System.currentTimeMillis() + config.pollMs());
        return false;
    }

    // ------------------------------------------------------------------------------------ settle

    private boolean settle(final EscrowRow row) {
        final EscrowChain c = chain(row);
        final DeliveryVerdict verdict = decode(row.verdict());
        if (verdict.verdict() == DeliveryVerdict.FAIL) {
            repository.advance(row.escrowId(), EscrowPhase.VERIFIED, EscrowPhase.REFUNDING, "");
            return true;
        }
        final DealView deal = c.deal(EvmHex.bytes(row.dealId()));
        if (deal.disputed() && !row.disputed()) {
            repository.set(row.escrowId(), "disputed = TRUE");
        }
        if (deal.disputed() && verdict.issuedAtSec() <= deal.disputedAtSec()) {
            // the contract wants a verdict issued after the dispute: verify again
            repository.advance(row.escrowId(), EscrowPhase.VERIFIED, EscrowPhase.DELIVERING,
                    "disputed = TRUE, verdict_code = NULL, verdict = NULL, verdict_signatures = NULL");
            metrics.disputes.incrementAndGet();
            mirror.mirror(repository.find(row.escrowId()).orElseThrow(), null);
            activity.add("DSPT", row.escrowId(), "buyer disputed " + row.escrowId() + ": the dispute panel verifies again");
            return true;
        }
        final long now = c.chainTimeSec();
        if (now > row.expiresAt() || now > verdict.expiresAtSec()) {
            repository.advance(row.escrowId(), EscrowPhase.VERIFIED, EscrowPhase.REFUNDING_EXPIRED, "");
            return true;
        }
        if (now < row.releaseAfter()) {
            repository.waitUntil(row.escrowId(), System.currentTimeMillis()
                    + Math.min(config.pollMs(), (row.releaseAfter() - now) * 1_000L));
            return false;
        }
        repository.advance(row.escrowId(), EscrowPhase.VERIFIED, EscrowPhase.RELEASING, "");
        return true;
    }

    private boolean release(final EscrowRow row) {
        final EscrowChain c = chain(row);
        if (settledOnChain(c, row)) {
            return true;
        }
        try {
            final TransactionReceipt receipt = c.operator().release(decode(row.verdict()), EvmHex.bytes(row.verdictSignatures()));
            crash.at(CrashPoints.AFTER_RELEASE_SENT);
            return sent(row, EscrowPhase.RELEASING, receipt, "release");
        } catch (final ContractCallException e) {
            final String name = e.errorName().orElse("");
            if (name.equals("DealExpired") || name.equals("VerdictNotValidNow")) {
                repository.advance(row.escrowId(), EscrowPhase.RELEASING, EscrowPhase.REFUNDING_EXPIRED, "");
                return true;
            }
            if (name.equals("TimelockActive")) {
                repository.waitUntil(row.escrowId(), System.currentTimeMillis() + config.pollMs());
                return false;
            }
            if (name.equals("StaleVerdict")) {
                repository.advance(row.escrowId(), EscrowPhase.RELEASING, EscrowPhase.DELIVERING,
                        "disputed = TRUE, verdict_code = NULL, verdict = NULL, verdict_signatures = NULL");
                return true;
            }
            throw e;
        }
    }

    private boolean refund(final EscrowRow row) {
        final EscrowChain c = chain(row);
        if (settledOnChain(c, row)) {
            return true;
        }
        final TransactionReceipt receipt = c.operator().refund(decode(row.verdict()), EvmHex.bytes(row.verdictSignatures()));
        crash.at(CrashPoints.AFTER_REFUND_SENT);
        return sent(row, EscrowPhase.REFUNDING, receipt, "refund");
    }

    private boolean refundExpired(final EscrowRow row) {
        final EscrowChain c = chain(row);
        if (settledOnChain(c, row)) {
            return true;
        }
        if (c.chainTimeSec() <= row.expiresAt()) {
            repository.waitUntil(row.escrowId(), System.currentTimeMillis() + config.pollMs());
            return false;
        }
        final TransactionReceipt receipt = c.operator().refundExpired(EvmHex.bytes(row.dealId()));
        crash.at(CrashPoints.AFTER_REFUND_SENT);
        return sent(row, EscrowPhase.REFUNDING_EXPIRED, receipt, "refundExpired");
    }

    /** When the deal is already settled on chain (by an earlier attempt), moves on to finality. */
    private boolean settledOnChain(final EscrowChain c, final EscrowRow row) {
        final DealView.State state = c.deal(EvmHex.bytes(row.dealId())).state();
        if (state == DealView.State.RELEASED || state == DealView.State.REFUNDED) {
            repository.advance(row.escrowId(), row.phase(), EscrowPhase.AWAITING_FINAL, "");
            return true;
        }
        if (state != DealView.State.OPEN) {
            throw new IllegalStateException(row.escrowId() + " is " + state + " on chain while " + row.phase());
        }
        return false;
    }

    private boolean sent(final EscrowRow row, final EscrowPhase from, final TransactionReceipt receipt, final String what) {
        repository.advance(row.escrowId(), from, EscrowPhase.AWAITING_FINAL, "settle_tx = ?", receipt.getTransactionHash());
        activity.add("ESCR", row.escrowId(), what + " " + row.escrowId() + " · tx " + receipt.getTransactionHash()
                + " · " + row.amount());
        return true;
    }

    private boolean confirm(final EscrowRow row) {
        final Optional<String> state = repository.finalDealState(row.chainId(), row.dealId());
        if (state.isEmpty() || !(state.get().equals("RELEASED") || state.get().equals("REFUNDED"))) {
            repository.waitUntil(row.escrowId(), System.currentTimeMillis() + config.pollMs());
            return false;
        }
        final boolean released = state.get().equals("RELEASED");
        final EngineCommands.Result result = released
                ? engine.post(row.settlementIdHi(), row.settlementIdLo())
                : engine.voidPending(row.settlementIdHi(), row.settlementIdLo());
        if (!result.done()) {
            throw new IllegalStateException("engine refused " + (released ? "post" : "void") + " of " + row.escrowId()
                    + ": " + result.detail());
        }
        crash.at(CrashPoints.AFTER_ENGINE_SETTLED);
        final EscrowPhase finalPhase = released ? EscrowPhase.RELEASED : EscrowPhase.REFUNDED;
        repository.advance(row.escrowId(), EscrowPhase.AWAITING_FINAL, finalPhase, "engine_outcome = ?, settled_at_ms = ?",
                (released ? "POST " : "VOID ") + engineOutcome(row, released, result), System.currentTimeMillis());
        (released ? metrics.escrowsReleased : metrics.escrowsRefunded).incrementAndGet();
        mirror.mirror(repository.find(row.escrowId()).orElseThrow(), row.settleTx());
        activity.add("SETL", row.escrowId(), "indexer confirmed " + (released ? "release " : "refund ") + row.escrowId()
                + (result.outcome() == EngineCommands.Outcome.APPLIED ? "" : " (engine: " + result.outcome() + ")"));
        return true;
    }

    /**
     * APPLIED when this attempt or an earlier one (before a crash) finished the transfer the way the
     * chain settled; otherwise what the engine did instead (e.g. VOIDED_BY_TIMEOUT while the chain released).
     */
    private String engineOutcome(final EscrowRow row, final boolean released, final EngineCommands.Result result) {
        if (result.outcome() != EngineCommands.Outcome.NOT_FOUND) {
            return result.outcome().name();
        }
        final Optional<TransferHistory.Finish> finish = TransferHistory.finish(nodeDirectory, row.settlementIdHi(),
                row.settlementIdLo());
        final TransferHistory.Finish expected = released ? TransferHistory.Finish.POSTED : TransferHistory.Finish.VOIDED;
        if (finish.isPresent() && finish.get() == expected) {
            return EngineCommands.Outcome.APPLIED.name();
        }
        return "NOT_FOUND " + finish.map(Enum::name).orElse("UNKNOWN");
    }

    // ------------------------------------------------------------------------------------ helpers

    /** The chain where buyer and seller both have addresses for the fill's asset, preferring one where the buyer's free balance covers it. */
    private Optional<EscrowChain> route(final EscrowRow row) {
        EscrowChain fallback = null;
        for (final EscrowChain c : chains.values()) {
            if (c.config().assetId() != row.assetId()) {
                continue;
            }
            final Optional<String> buyer = directory.addressOf(c.chainId(), row.buyerAccountId());
            if (buyer.isEmpty() || directory.addressOf(c.chainId(), row.sellerAccountId()).isEmpty()) {
                continue;
            }
            if (c.operator().balanceOf(c.config().token(), buyer.get()).compareTo(BigInteger.valueOf(row.amount())) >= 0) {
                return Optional.of(c);
            }
            if (fallback == null || c.chainId() < fallback.chainId()) {
                fallback = c;
            }
        }
        return Optional.ofNullable(fallback);
    }

    private EscrowChain chain(final EscrowRow row) {
        final EscrowChain c = chains.get(row.chainId());
        if (c == null) {
            throw new IllegalStateException(row.escrowId() + " is on chain " + row.chainId() + ", which is not configured");
        }
        return c;
    }

    private DealView.State dealState(final EscrowRow row) {
        return chain(row).deal(EvmHex.bytes(row.dealId())).state();
    }

    static DealTerms terms(final EscrowRow row) {
        return new DealTerms(EvmHex.bytes(row.dealId()), row.buyer(), row.seller(), row.token(),
                BigInteger.valueOf(row.amount()), row.releaseAfter(), row.expiresAt(), row.authDeadline());
    }

    /** The deal id of a fill: sha256("tokenta/deal/v1" ‖ chainId ‖ settlement id); fixed, so a retry can never open a second deal. */
    public static byte[] dealId(final long chainId, final long settlementIdHi, final long settlementIdLo) {
        final ByteBuffer b = ByteBuffer.allocate(15 + 24);
        b.put("tokenta/deal/v1".getBytes(StandardCharsets.US_ASCII)).putLong(chainId).putLong(settlementIdHi)
                .putLong(settlementIdLo);
        return TransferIds.sha256(b.array());
    }

    static String signer(final byte[] digest, final byte[] rsv) {
        try {
            final Sign.SignatureData data = new Sign.SignatureData(rsv[64], Arrays.copyOfRange(rsv, 0, 32),
                    Arrays.copyOfRange(rsv, 32, 64));
            return "0x" + Keys.getAddress(Sign.signedMessageHashToKey(digest, data));
        } catch (final java.security.SignatureException | RuntimeException e) {
            return "";
        }
    }

    static String encode(final DeliveryVerdict v) {
        return EvmHex.of(v.dealId()) + " " + EvmHex.of(v.evidenceDigest()) + " " + v.stageMask() + " " + v.verdict()
                + " " + v.scoreBps() + " " + v.issuedAtSec() + " " + v.expiresAtSec();
    }

    static DeliveryVerdict decode(final String text) {
        final String[] f = text.split(" ");
        if (f.length != 7) {
            throw new IllegalStateException("stored verdict has " + f.length + " fields");
        }
        return new DeliveryVerdict(EvmHex.bytes(f[0]), EvmHex.bytes(f[1]), Integer.parseInt(f[2]),
                Integer.parseInt(f[3]), Integer.parseInt(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
    }

    public void close() {
        reader.close();
    }

    /** Thrown by test crash points: abandons the worker mid-step (never caught as a step failure). */
    public static final class CrashSignal extends RuntimeException {
        public CrashSignal(final String point) {
            super("crash at " + point, null, false, false);
        }
    }

    /** Collects the fills of one journal record (a fill's buyer is the taker on a BUY, else the maker). */
    private static final class TradeCollector extends NoOpEventSink {
        private final List<EscrowRepository.NewEscrow> out;

        TradeCollector(final List<EscrowRepository.NewEscrow> out) {
            this.out = out;
        }

        @Override
        public void onTrade(final long timestampNs, final int instrumentId, final long tradeId, final long makerOrderId,
                final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side takerSide,
                final long priceTicks, final long quantityLots, final long makerRemainingLots,
                final long takerRemainingLots, final long notional, final long buyerFee, final long sellerFee,
                final long settlementIdHi, final long settlementIdLo) {
            final boolean takerBuys = takerSide == Side.BUY;
            out.add(new EscrowRepository.NewEscrow(settlementIdHi, settlementIdLo, tradeId, instrumentId, 0,
                    takerBuys ? takerAccountId : makerAccountId, takerBuys ? makerAccountId : takerAccountId,
                    notional + buyerFee, timestampNs));
        }

        @Override
        public void onTransfer(final long timestampNs, final long idHi, final long idLo, final long debitOwner,
                final AccountPurpose debitPurpose, final long creditOwner, final AccountPurpose creditPurpose,
                final int assetId, final long amount, final TransferKind kind, final int flags) {
            // the pending settlement transfer right after a trade names the quote asset the fill is paid in
            if (kind == TransferKind.SETTLEMENT && !out.isEmpty()) {
                final int last = out.size() - 1;
                final EscrowRepository.NewEscrow f = out.get(last);
                if (f.settlementIdHi() == idHi && f.settlementIdLo() == idLo && f.assetId() == 0) {
                    out.set(last, new EscrowRepository.NewEscrow(f.settlementIdHi(), f.settlementIdLo(), f.tradeId(),
                            f.instrumentId(), assetId, f.buyerAccountId(), f.sellerAccountId(), f.amount(), f.tradeNs()));
                }
            }
        }

    }
}
