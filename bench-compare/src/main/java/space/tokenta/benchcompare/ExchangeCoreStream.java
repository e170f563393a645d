package space.tokenta.benchcompare;

import exchange.core2.core.common.IOrder;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import java.util.ArrayList;
import java.util.List;
import space.tokenta.bench.Workload;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.TimeInForce;

/**
 * A Tokenta workload translated into exchange-core {@link OrderCommand}s (mapping in
 * bench-compare/README.md). A reduce in exchange-core names the quantity to take away while our
 * AMEND names the new open quantity, so translation runs the stream through exchange-core's books and
 * reads the order's open size just before each reduce.
 *
 * @param setup           translated setup orders (the initial resting book)
 * @param commands        translated measured commands
 * @param maxInstrumentId books needed
 * @param skippedSetup    setup records with no order-book equivalent (assets, instruments, accounts, deposits, listings)
 * @param skipped         measured records with no equivalent (they are not replayed on the exchange-core side)
 * @param stpOrders       measured places whose STP mode is not NONE (exchange-core has no STP: they may trade where ours would not)
 * @param divergedAmends  amends where exchange-core's open size already differed from what our stream assumed
 *                        (only after a self-trade prevention changed our book; 0 on streams without STP)
 */
public record ExchangeCoreStream(OrderCommand[] setup, OrderCommand[] commands, int maxInstrumentId, int skippedSetup,
        int skipped, int stpOrders, int divergedAmends) {

    /** Translates {@code workload}, running it through exchange-core's books to size each reduce. */
    public static ExchangeCoreStream translate(final Workload workload) {
        int maxInstrument = 1;
        for (final Command[] part : new Command[][] {workload.setup(), workload.commands()}) {
            for (final Command c : part) {
                if (c.type == CommandType.PLACE_ORDER || c.type == CommandType.AMEND_ORDER
                        || c.type == CommandType.CANCEL_ORDER) {
                    maxInstrument = Math.max(maxInstrument, c.instrumentId);
                }
            }
        }
        final ExchangeCoreBooks books = new ExchangeCoreBooks(maxInstrument, ExchangeCoreBooks.Impl.DIRECT);
        final List<OrderCommand> setup = new ArrayList<>();
        final List<OrderCommand> commands = new ArrayList<>();
        final int[] counts = new int[3];
        final int[] diverged = new int[1];
        translatePart(workload.setup(), books, setup, counts, 0, diverged);
        translatePart(workload.commands(), books, commands, counts, 1, diverged);
        return new ExchangeCoreStream(setup.toArray(new OrderCommand[0]), commands.toArray(new OrderCommand[0]),
                maxInstrument, counts[0], counts[1], counts[2], diverged[0]);
    }

    private static void translatePart(final Command[] part, final ExchangeCoreBooks books, final List<OrderCommand> out,
            final int[] counts, final int skippedIndex, final int[] diverged) {
        for (final Command c : part) {
            final OrderCommand cmd = translate(c, books, diverged);
            if (cmd == null) {
                counts[skippedIndex]++;
                continue;
            }
            if (skippedIndex == 1 && c.type == CommandType.PLACE_ORDER && c.stpMode != null
                    && c.stpMode != space.tokenta.engine.order.StpMode.NONE) {
                counts[2]++;
            }
            books.apply(cmd);
            cmd.resultCode = null;
            out.add(cmd);
        }
    }

    /** One record's exchange-core command, or null if it has none. */
    static OrderCommand translate(final Command c, final ExchangeCoreBooks books, final int[] diverged) {
        if (c.type == null) {
            return null;
        }
        final OrderCommand cmd = new OrderCommand();
        cmd.orderId = c.orderId;
        cmd.symbol = c.instrumentId;
        cmd.uid = c.accountId;
        cmd.timestamp = c.timestampNs;
        switch (c.type) {
            case PLACE_ORDER -> {
                cmd.command = OrderCommandType.PLACE_ORDER;
                cmd.action = c.side == Side.BUY ? OrderAction.BID : OrderAction.ASK;
                final boolean market = c.orderType == space.tokenta.engine.order.OrderType.MARKET;
                // a MARKET order with a protection price trades like a limit order at that price
                cmd.price = market ? c.protectionPriceTicks : c.priceTicks;
                cmd.reserveBidPrice = cmd.price;
                cmd.size = c.quantityLots;
                cmd.orderType = switch (c.timeInForce) {
                    case GTC -> OrderType.GTC;
                    case IOC -> OrderType.IOC;
                    // exchange-core 0.5.3's books implement FOK only by budget (FOK_BUDGET), not by price
                    case FOK, ALO, GTD -> null;
                };
                if (cmd.orderType == null || c.timeInForce == TimeInForce.GTD) {
                    return null;
                }
            }
            case CANCEL_ORDER -> cmd.command = OrderCommandType.CANCEL_ORDER;
            case AMEND_ORDER -> {
                final IOrder order = books.book(c.instrumentId).getOrderById(c.orderId);
                if (order == null) {
                    // unknown on this side too: a move of an unknown id is rejected by both
                    cmd.command = OrderCommandType.MOVE_ORDER;
                    cmd.price = c.priceTicks;
                    return cmd;
                }
                final long openSize = order.getSize() - order.getFilled();
                if (c.priceTicks != order.getPrice()) {
                    // a move keeps exchange-core's own open size; if that differs from ours the two
                    // books have already diverged (e.g. STP, which exchange-core does not have)
                    if (c.quantityLots != openSize) {
                        diverged[0]++;
                    }
                    cmd.command = OrderCommandType.MOVE_ORDER;
                    cmd.price = c.priceTicks;
                } else {
                    cmd.command = OrderCommandType.REDUCE_ORDER;
                    if (c.quantityLots >= openSize) {
                        diverged[0]++;
                        cmd.size = 0;
                    } else {
                        cmd.size = openSize - c.quantityLots;
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return cmd;
    }
}
