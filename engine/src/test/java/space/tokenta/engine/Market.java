package space.tokenta.engine;

import java.util.List;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** An engine with one instrument (id 1, maker 10 bps, taker 20 bps, maker-taker unless given), four funded accounts that may also sell. */
final class Market {
    static final int INSTRUMENT = 1;
    final Engine engine = new Engine(EngineConfig.DEFAULT.withInitialOrders(64).withCheckInvariants(true));
    final RecordingEventSink sink = new RecordingEventSink();
    long ts = 1_000;

    Market() {
        this(0);
    }

    Market(final long settlementTimeoutNs) {
        this(settlementTimeoutNs, FeeModel.MAKER_TAKER);
    }

    Market(final long settlementTimeoutNs, final FeeModel feeModel) {
        apply(Commands.addAsset(ts, Commands.USDT));
        final Command instrument = Commands.addInstrument(ts, INSTRUMENT, "GPT-FT-04", 10, 20, settlementTimeoutNs);
        instrument.feeModel = feeModel;
        apply(instrument);
        for (long account = 1; account <= 4; account++) {
            apply(Commands.addAccount(ts, account));
            apply(Commands.deposit(ts, 100 + account, account, 1_000_000));
            apply(Commands.listing(ts, account, INSTRUMENT, 10_000));
            apply(Commands.exposure(ts, account, 10_000_000));
        }
        sink.clear();
    }

    List<Event> apply(final Command command) {
        sink.clear();
        engine.apply(command, sink);
        return List.copyOf(sink.events());
    }

    long next() {
        return ++ts;
    }

    List<Event> buy(final long account, final long orderId, final long price, final long qty) {
        return apply(Commands.limit(next(), account, INSTRUMENT, orderId, Side.BUY, price, qty, TimeInForce.GTC,
                StpMode.NONE));
    }

    List<Event> sell(final long account, final long orderId, final long price, final long qty) {
        return apply(Commands.limit(next(), account, INSTRUMENT, orderId, Side.SELL, price, qty, TimeInForce.GTC,
                StpMode.NONE));
    }

    List<Event> order(final long account, final long orderId, final Side side, final long price, final long qty,
            final TimeInForce tif, final StpMode stp) {
        return apply(Commands.limit(next(), account, INSTRUMENT, orderId, side, price, qty, tif, stp));
    }

    static <T extends Event> List<T> of(final List<Event> events, final Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
