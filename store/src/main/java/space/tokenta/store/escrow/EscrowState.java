package space.tokenta.store.escrow;

import java.util.EnumSet;
import java.util.Set;

/** An escrow's lifecycle as settlement records it; RELEASED and REFUNDED are final. */
public enum EscrowState {
    OPENING,
    OPEN,
    DELIVERED,
    DISPUTED,
    RELEASED,
    REFUNDED;

    /** The states {@code openEscrows} lists, as an SQL list. */
    public static final String OPEN_STATES_SQL = "('OPENING', 'OPEN', 'DELIVERED', 'DISPUTED')";

    /** The states this one may move to. */
    public Set<EscrowState> next() {
        return switch (this) {
            case OPENING -> EnumSet.of(OPEN, REFUNDED);
            case OPEN -> EnumSet.of(DELIVERED, DISPUTED, RELEASED, REFUNDED);
            case DELIVERED -> EnumSet.of(DISPUTED, RELEASED, REFUNDED);
            case DISPUTED -> EnumSet.of(RELEASED, REFUNDED);
            case RELEASED, REFUNDED -> EnumSet.noneOf(EscrowState.class);
        };
    }
}
