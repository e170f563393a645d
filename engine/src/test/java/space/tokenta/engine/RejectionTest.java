package space.tokenta.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static space.tokenta.engine.Market.INSTRUMENT;
import static space.tokenta.engine.Market.of;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** Every reject reason, each produced by a command that changes nothing. */
class RejectionTest {
    private final Set<RejectReason> seen = EnumSet.noneOf(RejectReason.class);

    private Command buy(final Market m, final long orderId, final long price, final long qty) {
        return Commands.limit(m.next(), 1, INSTRUMENT, orderId, Side.BUY, price, qty, TimeInForce.GTC, StpMode.NONE);
    }

    /** Applies {@code command}, expects exactly one rejection with {@code reason} and no state change. */
    private void expect(final Market m, final Command command, final RejectReason reason) {
        if (command.timestampNs >= m.engine.clockNs()) {
            m.engine.apply(Commands.tick(command.timestampNs), space.tokenta.engine.event.NoOpEventSink.INSTANCE);
        }
        final long before = m.engine.stateHash();
        final List<Event> events = m.apply(command);
        final RejectReason actual = events.size() == 1 && events.get(0) instanceof Event.OrderRejected r ? r.reason()
                : events.size() == 1 && events.get(0) instanceof Event.CommandRejected r ? r.reason() : null;
        assertEquals(reason, actual, () -> command + " gave " + events);
        if (reason != RejectReason.DUPLICATE_CLIENT_ORDER_ID && !isRememberedPlaceRejection(command)) {
            assertEquals(before, m.engine.stateHash(), () -> "rejected " + command + " changed the state");
        }
        seen.add(reason);
    }

    /** A rejected place with a client order id remembers its outcome (for replays): the one allowed change. */
    private static boolean isRememberedPlaceRejection(final Command command) {
        return command.clientOrderId != 0;
    }

    @Test
    void everyRejectReasonIsReachableAndTyped() {
        final Market m = new Market();
        final Command noAccount = buy(m, 1, 100, 1);
        noAccount.accountId = 99;
        expect(m, noAccount, RejectReason.UNKNOWN_ACCOUNT);
        final Command noInstrument = buy(m, 1, 100, 1);
        noInstrument.instrumentId = 99;
        expect(m, noInstrument, RejectReason.UNKNOWN_INSTRUMENT);
        expect(m, Commands.cancel(m.next(), 1, 42), RejectReason.UNKNOWN_ORDER);
        expect(m, buy(m, 1, 0, 1), RejectReason.INVALID_PRICE_TICK);
        expect(m, buy(m, 1, 100_001, 1), RejectReason.PRICE_OUT_OF_BAND);
        expect(m, buy(m, 1, 100, 0), RejectReason.QUANTITY_BELOW_MIN);
        expect(m, buy(m, 1, 100, 1_001), RejectReason.QUANTITY_ABOVE_MAX);
        final Command noSide = buy(m, 1, 100, 1);
        noSide.side = null;
        expect(m, noSide, RejectReason.INVALID_ORDER_PARAMETERS);
        expect(m, Commands.market(m.next(), 1, INSTRUMENT, 1, Side.BUY, 0, 1, TimeInForce.IOC),
                RejectReason.MISSING_PROTECTION_PRICE);
        final Command badExpiry = buy(m, 1, 100, 1);
        badExpiry.timeInForce = TimeInForce.GTD;
        expect(m, badExpiry, RejectReason.INVALID_EXPIRY);
        expect(m, buy(m, 1, 100_000, 1_000), RejectReason.INSUFFICIENT_FUNDS);
        m.apply(Commands.addAccount(m.next(), 5));
        final Command sell = Commands.limit(m.next(), 5, INSTRUMENT, 1, Side.SELL, 100, 1, TimeInForce.GTC,
                StpMode.NONE);
        expect(m, sell, RejectReason.NO_LISTING);
        m.apply(Commands.listing(m.next(), 5, INSTRUMENT, 3));
        sell.quantityLots = 4;
        sell.timestampNs = m.next();
        expect(m, sell, RejectReason.INSUFFICIENT_CAPACITY);
        sell.quantityLots = 3;
        sell.timestampNs = m.next();
        expect(m, sell, RejectReason.EXPOSURE_LIMIT);
        final Command cl = buy(m, 1, 100, 1);
        cl.clientOrderId = 5;
        m.apply(cl);
        final Command cl2 = buy(m, 2, 100, 2);
        cl2.clientOrderId = 5;
        expect(m, cl2, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        expect(m, buy(m, 1, 100, 1), RejectReason.DUPLICATE_ORDER_ID);
        m.sell(2, 3, 101, 1);
        expect(m, Commands.limit(m.next(), 1, INSTRUMENT, 4, Side.BUY, 101, 1, TimeInForce.ALO, StpMode.NONE),
                RejectReason.POST_ONLY_WOULD_TAKE);
        expect(m, Commands.limit(m.next(), 1, INSTRUMENT, 4, Side.BUY, 101, 2, TimeInForce.FOK, StpMode.NONE),
                RejectReason.FOK_NOT_FILLABLE);
        expect(m, Commands.cancel(m.next(), 1, 3), RejectReason.NOT_ORDER_OWNER);
        expect(m, Commands.amend(m.next(), 1, 1, 100, 1), RejectReason.AMEND_NO_CHANGE);
        expect(m, Commands.addInstrument(m.next(), INSTRUMENT, "OTHER", 0, 0, 0), RejectReason.INSTRUMENT_EXISTS);
        expect(m, Commands.addAccount(m.next(), 1), RejectReason.ACCOUNT_EXISTS);
        expect(m, Commands.addAsset(m.next(), Commands.USDT), RejectReason.ASSET_EXISTS);
        final Command badInstrument = Commands.addInstrument(m.next(), 9, "BAD", 0, 0, 0);
        badInstrument.maxPriceTicks = 0;
        expect(m, badInstrument, RejectReason.INVALID_INSTRUMENT);
        final Command noFeeModel = Commands.addInstrument(m.next(), 9, "BAD", 0, 0, 0);
        noFeeModel.feeModel = null;
        expect(m, noFeeModel, RejectReason.INVALID_INSTRUMENT);
        final Command unknownAsset = Commands.addInstrument(m.next(), 9, "BAD", 0, 0, 0);
        unknownAsset.assetId = 7;
        expect(m, unknownAsset, RejectReason.UNKNOWN_ASSET);
        expect(m, Commands.deposit(m.next(), 101, 1, 5), RejectReason.DUPLICATE_TRANSFER_ID);
        expect(m, Commands.deposit(m.next(), 900, 1, 0), RejectReason.INVALID_AMOUNT);
        expect(m, Commands.finish(m.next(), CommandType.POST_PENDING_TRANSFER, 1, 1),
                RejectReason.PENDING_TRANSFER_NOT_FOUND);
        final Command reservedId = Commands.deposit(m.next(), 901, 1, 5);
        reservedId.transferIdHi = Limits.ENGINE_TRANSFER_ID_HI;
        expect(m, reservedId, RejectReason.INVALID_TRANSFER_ID);
        expect(m, Commands.addAccount(m.next(), 0), RejectReason.INVALID_ID);
        final Command noType = new Command();
        noType.timestampNs = m.next();
        expect(m, noType, RejectReason.INVALID_COMMAND);
        expect(m, Commands.tick(1), RejectReason.CLOCK_WENT_BACKWARDS);
        final Engine tiny = new Engine(new EngineConfig(16, 16, 16, 1, true));
        // ENGINE_LIMIT: a pool bounded to one open order
        final space.tokenta.engine.event.RecordingEventSink sink = new space.tokenta.engine.event.RecordingEventSink();
        tiny.apply(Commands.addAsset(1, Commands.USDT), sink);
        tiny.apply(Commands.addInstrument(1, 1, "X", 0, 0, 0), sink);
        tiny.apply(Commands.addAccount(1, 1), sink);
        tiny.apply(Commands.deposit(1, 1, 1, 1_000_000), sink);
        tiny.apply(Commands.limit(2, 1, 1, 1, Side.BUY, 10, 1, TimeInForce.GTC, StpMode.NONE), sink);
        sink.clear();
        tiny.apply(Commands.limit(3, 1, 1, 2, Side.BUY, 10, 1, TimeInForce.GTC, StpMode.NONE), sink);
        assertEquals(RejectReason.ENGINE_LIMIT, of(sink.events(), Event.OrderRejected.class).get(0).reason());
        seen.add(RejectReason.ENGINE_LIMIT);
        seen.add(RejectReason.NONE);
        assertEquals(EnumSet.allOf(RejectReason.class), seen, "every reason covered");
    }

    @Test
    void reasonCodesAreStable() {
        for (final RejectReason reason : RejectReason.values()) {
            assertEquals(reason, RejectReason.fromCode(reason.code()));
        }
        assertEquals(12, RejectReason.INSUFFICIENT_FUNDS.code());
        assertEquals(33, RejectReason.CLOCK_WENT_BACKWARDS.code());
    }
}
