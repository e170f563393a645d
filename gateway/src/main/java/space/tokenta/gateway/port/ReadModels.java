package space.tokenta.gateway.port;

import java.util.List;
import java.util.Optional;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.TimeInForce;

/**
 * Queries over read models projected from the event stream. Every list is bounded by {@code limit}
 * (newest first). Implementations may block (JDBC); the gateway calls them off the event loop, except
 * {@link #instruments()}, {@link #instrument(String)}, {@link #book(int, int)} and {@link #projectorLagMs()},
 * which order entry and the market-data hub call on the event loop: those must answer from memory.
 */
public interface ReadModels {

    List<InstrumentView> instruments();

    Optional<InstrumentView> instrument(String symbol);

    BookSnapshot book(int instrumentId, int depth);

    List<TradeView> trades(int instrumentId, int limit);

    List<CandleView> candles(int instrumentId, long intervalSeconds, int limit);

    List<OrderView> openOrders(long accountId);

    List<OrderView> orderHistory(long accountId, int limit);

    Optional<OrderView> order(long accountId, long orderId);

    Optional<OrderView> orderByClientId(long accountId, long clientOrderId);

    List<FillView> fills(long accountId, int limit);

    List<BalanceView> balances(long accountId);

    List<TransferView> transfers(long accountId, int limit);

    List<ListingView> listings();

    /** Escrows of fills, newest first; {@code openOnly}: those not yet released or refunded. */
    List<EscrowView> escrows(boolean openOnly, int limit);

    /** Settlement's activity lines, newest first; empty when this node runs no settlement. */
    Optional<List<ActivityView>> settlementActivity(int limit);

    /**
     * Activity lines with {@code id > afterId}, oldest first, at most {@code limit}; with
     * {@code afterId < 0} the newest {@code limit} lines, oldest first. Empty without settlement.
     */
    List<ActivityView> settlementActivitySince(long afterId, int limit);

    /**
     * Escrows whose last change is after {@code afterUpdatedNs}, oldest change first, at most
     * {@code limit}; with {@code afterUpdatedNs < 0} the {@code limit} most recently changed, oldest first.
     */
    List<EscrowView> escrowsChangedSince(long afterUpdatedNs, int limit);

    /** Trades of one instrument with {@code fromNs <= timestampNs < toNs}: count and sums (analytics). */
    TradeStats tradeStats(int instrumentId, long fromNs, long toNs);

    /**
     * Escrows of one instrument: notional open now, released and settlement latencies (opened → RELEASED
     * or REFUNDED) of those that ended in {@code [fromNs, toNs)}; empty when this node keeps no escrows.
     */
    Optional<EscrowStats> escrowStats(int instrumentId, long fromNs, long toNs);

    /**
     * Verification runs of one market started in {@code [fromMs, toMs)}: runs of that market's escrows, or
     * runs recorded under its symbol; empty when this node runs no verification.
     */
    Optional<VerificationStats> verificationStats(int instrumentId, String symbol, long fromMs, long toMs);

    /** Verification runs, newest first, of one escrow when {@code escrowId} is not null; empty when this node records none. */
    Optional<List<VerificationRunView>> verificationRuns(String escrowId, int limit);

    /** Stored evidence with the attestors' signed verdicts on it, newest first; empty when this node records none. */
    Optional<List<EvidenceView>> evidence(int limit);

    /** One evidence body by CID; empty when unknown (or when this node records none). */
    Optional<EvidenceBody> evidenceBody(String cid);

    /**
     * Runs whose last change (finish, else start; epoch ms) is after {@code afterChangeMs}, oldest change
     * first; with {@code afterChangeMs < 0} the {@code limit} most recently changed. Empty when none recorded.
     */
    List<VerificationRunView> verificationRunsChangedSince(long afterChangeMs, int limit);

    /** As {@link #verificationRunsChangedSince} for sellers' reputation rows (changed at {@code updatedAtMs}). */
    List<SellerReputationView> sellerReputationChangedSince(long afterChangeMs, int limit);

    /** Sellers' reputation by lower bound, best first; empty when this node keeps none. */
    Optional<List<SellerReputationView>> sellerReputation(int limit);

    /** Attestors' reputation; empty when this node keeps none. */
    Optional<List<AttestorReputationView>> attestorReputation(int limit);

    /** How far the read models trail the event stream, in milliseconds (0 when projected synchronously). */
    long projectorLagMs();

    /**
     * An instrument with its decimal scales: price = priceTicks / 10^priceDecimals, quantity =
     * quantityLots / 10^quantityDecimals.
     */
    record InstrumentView(int instrumentId, String symbol, InstrumentClass instrumentClass, int quoteAssetId,
            int priceDecimals, int quantityDecimals, long minQuantityLots, long maxQuantityLots, long minPriceTicks,
            long maxPriceTicks, int makerFeeBps, int takerFeeBps, FeeModel feeModel) {
    }

    record Level(long priceTicks, long quantityLots, int orderCount) {
    }

    /** L2 book; {@code sequence} is the event-stream position of the last command that changed it. */
    record BookSnapshot(int instrumentId, long sequence, List<Level> bids, List<Level> asks) {
    }

    record TradeView(long tradeId, int instrumentId, long priceTicks, long quantityLots, Side takerSide,
            long timestampNs) {
    }

    record CandleView(int instrumentId, long intervalSeconds, long openTimeMs, long openTicks, long highTicks,
            long lowTicks, long closeTicks, long volumeLots, int tradeCount) {
    }

    enum OrderStatus { OPEN, PARTIALLY_FILLED, FILLED, CANCELLED, EXPIRED, REJECTED }

    record OrderView(long orderId, long accountId, long clientOrderId, int instrumentId, Side side,
            OrderType orderType, TimeInForce timeInForce, long priceTicks, long quantityLots, long filledLots,
            long remainingLots, OrderStatus status, String reason, long createdNs, long updatedNs) {
    }

    enum Liquidity { MAKER, TAKER }

    record FillView(long tradeId, long orderId, long accountId, int instrumentId, Side side, long priceTicks,
            long quantityLots, long fee, Liquidity liquidity, long timestampNs) {
    }

    record BalanceView(int assetId, long available, long held) {
    }

    record TransferView(String transferId, String kind, int flags, int assetId, long amount, long debitOwner,
            String debitPurpose, long creditOwner, String creditPurpose, long timestampNs) {
    }

    record ListingView(long accountId, int instrumentId, long quantityLots) {
    }

    /** One line of the Settlement Activity feed ("indexer confirmed release ESC-8", …). */
    record ActivityView(long id, long atMs, String code, String subject, String message) {
    }

    /**
     * One fill's escrow on a chain (ids ESC-n); {@code amount} in the quote asset's minor units;
     * {@code releaseAfterSec} (the timelock) and {@code expiresAtSec} in chain time, null until the deal's
     * terms are fixed or where this node runs no settlement.
     */
    record EscrowView(String escrowId, int instrumentId, long tradeId, int chainId, long buyerAccountId,
            long sellerAccountId, int assetId, long amount, String state, String openTxHash, String lastTxHash,
            long openedNs, long updatedNs, Long releaseAfterSec, Long expiresAtSec) {
    }

    /** {@code priceTimesLots} = Σ priceTicks × quantityLots (VWAP and notional in display units follow from it). */
    record TradeStats(long trades, long volumeLots, java.math.BigInteger priceTimesLots) {
    }

    /**
     * Amounts in the quote asset's minor units; latencies (nearest rank) in nanoseconds, null without a
     * settled escrow in the window.
     */
    record EscrowStats(java.math.BigInteger openAmount, java.math.BigInteger releasedAmount, long settled,
            Long latencyP50Ns, Long latencyP99Ns) {
    }

    /** Runs started in the window: all of them, and those that finished PASS or FAIL. */
    record VerificationStats(long runs, long passes, long fails) {
    }

    /** One verification run; {@code stagesJson} is the stored JSON array of stage results. */
    record VerificationRunView(long runId, String escrowId, long chainId, String symbol, String assetClass,
            Long sellerAccount, Long buyerAccount, String outcome, String failedStage, String stagesJson,
            String evidenceCid, int signatures, int quorum, long startedAtMs, Long finishedAtMs) {
    }

    /** One attestor's signed verdict on an evidence object. */
    record AttestorSignatureView(String address, String name, String verdict, long signedAtMs) {
    }

    /** A stored evidence object; {@code outcome} of the run it belongs to (null when none finished). */
    record EvidenceView(String cid, String escrowId, String kind, String mediaType, String outcome, long createdAtMs,
            List<AttestorSignatureView> attestors) {
    }

    record EvidenceBody(String cid, String mediaType, byte[] body) {
    }

    /** {@code historyJson}: the stored JSON array of {at, score, lowerBound}. */
    record SellerReputationView(long account, double score, double lowerBound, int deals, int passes, int fails,
            Long exposureLimitLots, String historyJson, long updatedAtMs) {
    }

    record AttestorReputationView(String address, String name, double agreement, String stake, double trust,
            boolean slashed, int signatures, long updatedAtMs) {
    }
}
