package space.tokenta.bench;

/**
 * Benchmark scenarios. The mix (percent of measured commands) follows exchange-core's test generator:
 * about 12% new GTC, 2% IOC, 7% cancel, 71% move (amend price) and 7% reduce (amend quantity down);
 * the AI-capacity scenario is taker-heavy.
 *
 * @param cliName          name on the command line
 * @param books            order books (instruments)
 * @param accounts         trader accounts
 * @param sellersPerBook   accounts with a listing on each book
 * @param ordersPerBook    resting orders each book is kept near
 * @param defaultCommands  measured commands when --commands is not given
 * @param gtcPct           new resting limit orders
 * @param iocPct           IOC limit orders that cross
 * @param marketPct        MARKET orders (IOC or FOK, with a protection price)
 * @param cancelPct        cancels
 * @param movePct          amend price (keeps quantity)
 * @param reducePct        amend quantity down (keeps priority)
 */
public record Scenario(String cliName, int books, int accounts, int sellersPerBook, int ordersPerBook,
        int defaultCommands, int gtcPct, int iocPct, int marketPct, int cancelPct, int movePct, int reducePct) {

    public static final Scenario ONE_BOOK = new Scenario("one-book", 1, 2_000, 2_000, 1_000, 3_000_000,
            13, 2, 0, 7, 71, 7);
    public static final Scenario HUNDRED_BOOKS = new Scenario("100-books", 100, 10_000, 100, 1_000, 3_000_000,
            13, 2, 0, 7, 71, 7);
    public static final Scenario TEN_K_BOOKS = new Scenario("10k-books", 10_000, 10_000, 10, 100, 3_000_000,
            13, 2, 0, 7, 71, 7);
    public static final Scenario AI_TAKER_HEAVY = new Scenario("ai-taker-heavy", 4, 2_000, 500, 1_000, 2_000_000,
            30, 20, 10, 10, 25, 5);

    public static final Scenario[] ALL = {ONE_BOOK, HUNDRED_BOOKS, TEN_K_BOOKS, AI_TAKER_HEAVY};

    public Scenario {
        if (gtcPct + iocPct + marketPct + cancelPct + movePct + reducePct != 100) {
            throw new IllegalArgumentException("mix of " + cliName + " does not add up to 100%");
        }
    }

    public static Scenario byName(final String name) {
        for (final Scenario scenario : ALL) {
            if (scenario.cliName.equals(name)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; known: one-book, 100-books, 10k-books, "
                + "ai-taker-heavy");
    }

    /** Resting orders at the start of the measured part. */
    public long restingOrders() {
        return (long) books * ordersPerBook;
    }
}
