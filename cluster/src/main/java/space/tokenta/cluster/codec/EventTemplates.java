package space.tokenta.cluster.codec;

/** Stable ids of the event types inside an event batch (never renumber; add at the end). */
public final class EventTemplates {
    public static final int ORDER_ACCEPTED = 1;
    public static final int ORDER_REJECTED = 2;
    public static final int DUPLICATE_ORDER = 3;
    public static final int TRADE = 4;
    public static final int ORDER_CANCELLED = 5;
    public static final int ORDER_EXPIRED = 6;
    public static final int ORDER_AMENDED = 7;
    public static final int SELF_TRADE_PREVENTED = 8;
    public static final int BOOK_LEVEL = 9;
    public static final int TRANSFER = 10;
    public static final int COMMAND_APPLIED = 11;
    public static final int COMMAND_REJECTED = 12;

    private EventTemplates() {
    }
}
