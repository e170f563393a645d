package space.tokenta.store.projection;

/** The projector's working copy of one order row (mutable; lives only while the order is open or touched). */
final class OrderRow {
    long orderId;
    long accountId;
    int instrumentId;
    long clientOrderId;
    String side;
    String orderType;
    String timeInForce;
    long priceTicks;
    long quantityLots;
    long filledLots;
    long remainingLots;
    OrderStatus status;
    long createdNs;
    long updatedNs;
    long logPosition;

    boolean isOpen() {
        return status == OrderStatus.OPEN || status == OrderStatus.PARTIALLY_FILLED;
    }
}
