package space.tokenta.store.query;

import java.util.List;

/** Plain data results of {@link ReadModelQueries}. */
public final class Views {
    private Views() {
    }

    /** A page of results; {@code nextCursor} is null on the last page. */
    public record Page<T>(List<T> items, String nextCursor) {
        public Page {
            items = List.copyOf(items);
        }
    }

    public record OrderView(long orderId, long accountId, int instrumentId, long clientOrderId, String side,
            String orderType, String timeInForce, long priceTicks, long quantityLots, long filledLots,
            long remainingLots, String status, long createdNs, long updatedNs, String rejectReason) {
    }

    public record OrderEventView(long logPosition, int eventIndex, long orderId, String eventType, long priceTicks,
            long quantityLots, long remainingLots, String reason, long eventNs) {
    }

    public record FillView(int instrumentId, long tradeId, String liquidity, long accountId, long orderId,
            String side, long priceTicks, long quantityLots, long notional, long fee, long fillNs, long logPosition) {
    }

    public record BalanceView(long ownerId, int assetId, String purpose, long postedBalance, long debitsPending,
            long creditsPending, long available) {
    }

    public record TransferView(long idHi, long idLo, String phase, long debitOwner, String debitPurpose,
            long creditOwner, String creditPurpose, int assetId, long amount, String kind, int flags,
            String pendingState, long transferNs, long logPosition, int eventIndex) {
    }

    public record TradeView(int instrumentId, long tradeId, long makerOrderId, long makerAccountId,
            long takerOrderId, long takerAccountId, String takerSide, long priceTicks, long quantityLots,
            long notional, long buyerFee, long sellerFee, long tradeNs) {
    }

    public record CandleView(int instrumentId, int intervalSeconds, long bucketStartNs, long openTicks,
            long highTicks, long lowTicks, long closeTicks, long volumeLots, long tradeCount, long notional) {
    }

    public record EscrowView(String escrowId, long settlementIdHi, long settlementIdLo, int instrumentId,
            long tradeId, int chainId, long buyerAccountId, long sellerAccountId, int assetId, long amount,
            String state, String openTxHash, String lastTxHash, long openedNs, long updatedNs) {
    }
}
