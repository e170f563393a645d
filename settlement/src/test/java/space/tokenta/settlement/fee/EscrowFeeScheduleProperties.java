package space.tokenta.settlement.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import space.tokenta.engine.Engine;
import space.tokenta.engine.EngineConfig;
import space.tokenta.engine.Limits;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.order.Side;
import space.tokenta.settlement.LimitOrders;

/**
 * The schedule on a real engine against a model of the contract's release (fee = amount × feeBps / 10,000
 * of the deal, rounded down; the seller gets the rest): one fill on an instrument configured by the
 * schedule, the seller resting or the buyer resting, the deal amount as settlement locks it (notional +
 * buyer fee), the settlement posted. Fee account = fee recipient, seller's proceeds = seller on chain,
 * buyer's debit = the deal, to the unit, for both resting sides.
 */
class EscrowFeeScheduleProperties {
    private static final int ASSET = 1;
    private static final int INSTRUMENT = 1;
    private static final long BUYER = 1;
    private static final long SELLER = 2;
    private static final long FUNDS = Limits.MAX_NOTIONAL * 2;

    @Property(tries = 1_000)
    void sellerRestingFillsAgreeExactly(@ForAll @IntRange(min = 0, max = 1_000) final int feeBps,
            @ForAll @LongRange(min = 1, max = 1_000_000) final long priceTicks,
            @ForAll @LongRange(min = 1, max = 1_000) final long lots,
            @ForAll @LongRange(min = 1, max = 10_000) final long tickValue) {
        assertChainAndLedgerAgree(feeBps, priceTicks, lots, tickValue, false);
    }

    @Property(tries = 1_000)
    void buyerRestingFillsAgreeExactly(@ForAll @IntRange(min = 0, max = 1_000) final int feeBps,
            @ForAll @LongRange(min = 1, max = 1_000_000) final long priceTicks,
            @ForAll @LongRange(min = 1, max = 1_000) final long lots,
            @ForAll @LongRange(min = 1, max = 10_000) final long tickValue) {
        assertChainAndLedgerAgree(feeBps, priceTicks, lots, tickValue, true);
    }

    /** A notional whose fee is fractional: both sides round it down, to the same unit. */
    @Example
    void aFractionalFeeRoundsDownOnBothSides() {
        final EscrowFeeSchedule fees = new EscrowFeeSchedule(50);
        assertEquals(9, fees.contractFee(1_999));
        assertEquals(9, fees.engineFees(1_999), "1,999 × 50 bps = 9.995");
        assertChainAndLedgerAgree(50, 1_999, 1, 1, true);
        assertChainAndLedgerAgree(50, 1_999, 1, 1, false);
    }

    @Example
    void feesGoOnlyOnAnInstrument() {
        final Command c = new Command();
        c.type = CommandType.PLACE_ORDER;
        assertThrows(IllegalArgumentException.class, () -> new EscrowFeeSchedule(50).applyTo(c));
        assertThrows(IllegalArgumentException.class, () -> new EscrowFeeSchedule(1_001));
    }

    private static void assertChainAndLedgerAgree(final int feeBps, final long priceTicks, final long lots,
            final long tickValue, final boolean buyerRests) {
        final EscrowFeeSchedule fees = new EscrowFeeSchedule(feeBps);
        final Engine engine = new Engine(new EngineConfig(16, 16, 16, 64, true));
        final Setup s = new Setup(engine);
        s.apply(c -> {
            c.type = CommandType.ADD_ASSET;
            c.assetId = ASSET;
        });
        s.apply(c -> {
            c.type = CommandType.ADD_INSTRUMENT;
            c.instrumentId = INSTRUMENT;
            c.symbol = "MODEL-1";
            c.instrumentClass = InstrumentClass.MODEL_ACCESS;
            c.assetId = ASSET;
            c.tickValueQuoteUnits = tickValue;
            c.lotSizeUnits = 1;
            c.minQuantityLots = 1;
            c.maxQuantityLots = 1_000;
            c.minPriceTicks = 1;
            c.maxPriceTicks = 1_000_000;
            fees.applyTo(c);
        });
        for (final long account : new long[] {BUYER, SELLER}) {
            s.apply(c -> {
                c.type = CommandType.ADD_ACCOUNT;
                c.accountId = account;
            });
            s.apply(c -> {
                c.type = CommandType.CREDIT_DEPOSIT;
                c.transferIdHi = 7;
                c.transferIdLo = account;
                c.chainId = 1;
                c.accountId = account;
                c.assetId = ASSET;
                c.amount = FUNDS;
            });
        }
        s.apply(c -> {
            c.type = CommandType.REGISTER_LISTING;
            c.accountId = SELLER;
            c.instrumentId = INSTRUMENT;
            c.quantityLots = 1_000;
        });
        s.apply(c -> {
            c.type = CommandType.SET_EXPOSURE_LIMIT;
            c.accountId = SELLER;
            c.amount = FUNDS;
        });
        final Side resting = buyerRests ? Side.BUY : Side.SELL;
        s.apply(c -> order(c, buyerRests ? BUYER : SELLER, 1, resting, priceTicks, lots));
        final List<Event> crossing = s.apply(c -> order(c, buyerRests ? SELLER : BUYER, 2,
                buyerRests ? Side.SELL : Side.BUY, priceTicks, lots));
        final Event.Trade trade = crossing.stream().filter(Event.Trade.class::isInstance).map(Event.Trade.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no fill: " + crossing));
        assertEquals(resting, trade.takerSide() == Side.BUY ? Side.SELL : Side.BUY, "the intended side rested");
        s.apply(c -> {
            c.type = CommandType.POST_PENDING_TRANSFER;
            c.transferIdHi = trade.settlementIdHi();
            c.transferIdLo = trade.settlementIdLo();
        });

        // the contract's side: settlement locks notional + buyer fee, release pays fee and seller from it
        final long deal = trade.notional() + trade.buyerFee();
        final long chainFee = deal * feeBps / 10_000;
        final long chainToSeller = deal - chainFee;
        assertEquals(priceTicks * lots * tickValue, deal, "the buyer pays the notional, no fee");
        assertEquals(chainFee, fees.contractFee(deal));
        assertEquals(chainFee, fees.engineFees(trade.notional()));
        assertEquals(deal, fees.dealAmount(trade.notional()));
        assertEquals(chainFee, engine.balance(Limits.FEE_OWNER, ASSET, AccountPurpose.FEES), "fee recipient vs fee account");
        assertEquals(FUNDS + chainToSeller, engine.balance(SELLER, ASSET, AccountPurpose.AVAILABLE),
                "seller on chain vs seller in the ledger");
        assertEquals(FUNDS - deal, engine.balance(BUYER, ASSET, AccountPurpose.AVAILABLE), "buyer's debit vs the deal");
        assertEquals(0, engine.balance(BUYER, ASSET, AccountPurpose.HOLD), "nothing left held");
    }

    private static void order(final Command c, final long account, final long orderId, final Side side,
            final long priceTicks, final long lots) {
        LimitOrders.place(c, account, INSTRUMENT, side, priceTicks, lots);
        c.orderId = orderId;
    }

    /** Applies commands one by one, each rejection a failure. */
    private static final class Setup {
        private final Engine engine;
        private final RecordingEventSink sink = new RecordingEventSink();
        private long timestampNs = 1_000;

        Setup(final Engine engine) {
            this.engine = engine;
        }

        List<Event> apply(final java.util.function.Consumer<Command> fill) {
            final Command c = new Command();
            c.timestampNs = ++timestampNs;
            fill.accept(c);
            sink.clear();
            engine.apply(c, sink);
            final List<Event> events = List.copyOf(sink.events());
            for (final Event e : events) {
                if (e instanceof Event.CommandRejected || e instanceof Event.OrderRejected) {
                    throw new AssertionError("rejected: " + e + " for " + c);
                }
            }
            return events;
        }
    }
}
