package space.tokenta.engine;

/**
 * Sizing and checking options. Initial capacities only pre-size tables (they grow, amortised);
 * {@code maxOpenOrders} is a hard bound (places beyond it are rejected with ENGINE_LIMIT).
 *
 * @param initialOrders         order pool slots allocated up front
 * @param initialAccounts       trader accounts allocated up front
 * @param initialTransfers      pending-transfer and client-order-id entries allocated up front
 * @param maxOpenOrders         hard bound on open orders
 * @param checkInvariants       run the expensive whole-state invariant check after every command (tests)
 */
public record EngineConfig(int initialOrders, int initialAccounts, int initialTransfers, int maxOpenOrders,
        boolean checkInvariants) {

    public static final EngineConfig DEFAULT = new EngineConfig(1 << 16, 1 << 12, 1 << 16, 1 << 26, false);

    public EngineConfig {
        if (initialOrders < 16 || initialAccounts < 16 || initialTransfers < 16 || maxOpenOrders < 1) {
            throw new IllegalArgumentException("capacities too small: " + initialOrders + "/" + initialAccounts);
        }
    }

    public EngineConfig withCheckInvariants(final boolean check) {
        return new EngineConfig(initialOrders, initialAccounts, initialTransfers, maxOpenOrders, check);
    }

    public EngineConfig withInitialOrders(final int orders) {
        return new EngineConfig(orders, initialAccounts, initialTransfers, maxOpenOrders, checkInvariants);
    }
}
