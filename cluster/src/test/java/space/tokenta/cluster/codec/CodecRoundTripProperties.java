package space.tokenta.cluster.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.CancelReason;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.EventSink;
import space.tokenta.engine.event.RecordingEventSink;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferKind;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/** Every command type and every event type survives encode/decode with random field values. */
class CodecRoundTripProperties {

    @Property(tries = 300)
    void everyCommandTypeRoundTrips(@ForAll final long seed) throws Exception {
        final Random r = new Random(seed);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        for (final CommandType type : CommandType.values()) {
            final Command original = randomCommand(r, type);
            final int offset = r.nextInt(16);
            final int length = Messages.encodeCommandRequest(buffer, offset, seed, original);
            assertEquals(MessageHeader.TEMPLATE_COMMAND_REQUEST, MessageHeader.templateId(buffer, offset, length));
            assertEquals(seed, buffer.getLong(offset + MessageHeader.LENGTH));
            final Command decoded = new Command();
            final int read = CommandCodec.decode(buffer, offset + MessageHeader.LENGTH + 8,
                    length - MessageHeader.LENGTH - 8, decoded);
            assertEquals(length - MessageHeader.LENGTH - 8, read);
            assertSameFields(original, decoded);
        }
    }

    /**
     * The fee model sits in what was a reserved zero byte: a maker-taker command encodes to the bytes it
     * had before fee models existed, and such bytes decode as maker-taker.
     */
    @Property(tries = 100)
    void aMakerTakerCommandKeepsTheLayoutOfCommandsWithoutAFeeModel(@ForAll final long seed) throws Exception {
        final Random r = new Random(seed);
        final Command makerTaker = randomCommand(r, CommandType.ADD_INSTRUMENT);
        makerTaker.feeModel = FeeModel.MAKER_TAKER;
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = CommandCodec.encode(makerTaker, buffer, 0);
        final int feeModelByte = CommandCodec.FIXED_LENGTH - 1;
        assertEquals(0, buffer.getByte(feeModelByte), "the formerly reserved byte");
        final Command decoded = new Command();
        CommandCodec.decode(buffer, 0, length, decoded);
        assertSameFields(makerTaker, decoded);
        buffer.putByte(feeModelByte, (byte) FeeModel.SELLER_PAYS.code());
        CommandCodec.decode(buffer, 0, length, decoded);
        assertEquals(FeeModel.SELLER_PAYS, decoded.feeModel);
        buffer.putByte(feeModelByte, (byte) 9);
        assertThrows(CodecException.class, () -> CommandCodec.decode(buffer, 0, length, new Command()));
    }

    @Property(tries = 300)
    void everyEventTypeRoundTrips(@ForAll final long seed) {
        final Random r = new Random(seed);
        final List<Event> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(randomEvent(r, i % 12));
        }
        final EventEncoder encoder = new EventEncoder();
        encoder.reset();
        for (final Event event : events) {
            emit(event, encoder);
        }
        assertEquals(events.size(), encoder.eventCount());
        final RecordingEventSink decoded = new RecordingEventSink();
        new EventDecoder().decode(encoder.buffer(), 0, encoder.length(), encoder.eventCount(), decoded);
        assertEquals(events, decoded.events());
    }

    @Property(tries = 100)
    void statusRoundTrips(@ForAll final long a, @ForAll final long b, @ForAll final int c, @ForAll final int d) {
        final Messages.Status status = new Messages.Status(a, b, a ^ b, b - a, a + 1, c, d, c ^ d, c + d, d - c);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final int length = status.encode(buffer, 3);
        assertEquals(MessageHeader.TEMPLATE_ADMIN_RESPONSE, MessageHeader.templateId(buffer, 3, length));
        assertEquals(status, Messages.Status.decode(buffer, 3, length));
    }

    @Property(tries = 100)
    void truncatedOrCorruptBytesAreRejected(@ForAll final long seed) {
        final Random r = new Random(seed);
        final EventEncoder encoder = new EventEncoder();
        encoder.reset();
        emit(randomEvent(r, r.nextInt(12)), encoder);
        final int cut = r.nextInt(encoder.length());
        assertThrows(CodecException.class, () -> new EventDecoder().decode(encoder.buffer(), 0, cut, 1,
                new RecordingEventSink()));
        final UnsafeBuffer bad = new UnsafeBuffer(new byte[8]);
        bad.putShort(0, (short)(100 + r.nextInt(1000)));
        assertThrows(CodecException.class, () -> new EventDecoder().decode(bad, 0, 8, 1, new RecordingEventSink()));
        final ExpandableArrayBuffer header = new ExpandableArrayBuffer(16);
        MessageHeader.write(header, 0, MessageHeader.TEMPLATE_COMMAND_REQUEST);
        header.putShort(2, (short)(MessageHeader.SCHEMA_VERSION + 1 + r.nextInt(100)));
        assertEquals(-1, MessageHeader.templateId(header, 0, 8), "a newer schema version is not decoded");
        header.putShort(0, (short)0x1234);
        assertEquals(-1, MessageHeader.templateId(header, 0, 8), "a foreign schema is not decoded");
    }

    private static <T> T pick(final Random r, final T[] values, final boolean nullable) {
        if (nullable && r.nextInt(5) == 0) {
            return null;
        }
        return values[r.nextInt(values.length)];
    }

    private static Command randomCommand(final Random r, final CommandType type) {
        final Command c = new Command();
        c.type = type;
        c.timestampNs = r.nextLong();
        c.accountId = r.nextLong();
        c.instrumentId = r.nextInt();
        c.orderId = r.nextLong();
        c.newOrderId = r.nextLong();
        c.clientOrderId = r.nextLong();
        c.side = pick(r, Side.values(), true);
        c.orderType = pick(r, OrderType.values(), true);
        c.timeInForce = pick(r, TimeInForce.values(), true);
        c.priceTicks = r.nextLong();
        c.quantityLots = r.nextLong();
        c.protectionPriceTicks = r.nextLong();
        c.expireAtNs = r.nextLong();
        c.stpMode = pick(r, StpMode.values(), true);
        c.transferIdHi = r.nextLong();
        c.transferIdLo = r.nextLong();
        c.amount = r.nextLong();
        c.assetId = r.nextInt();
        c.chainId = r.nextInt();
        c.timeoutNs = r.nextLong();
        if (r.nextBoolean()) {
            final StringBuilder symbol = new StringBuilder();
            final int n = r.nextInt(65);
            for (int i = 0; i < n; i++) {
                symbol.append((char)(32 + r.nextInt(95)));
            }
            c.symbol = symbol.toString();
        }
        c.instrumentClass = pick(r, InstrumentClass.values(), true);
        c.tickValueQuoteUnits = r.nextLong();
        c.lotSizeUnits = r.nextLong();
        c.minQuantityLots = r.nextLong();
        c.maxQuantityLots = r.nextLong();
        c.minPriceTicks = r.nextLong();
        c.maxPriceTicks = r.nextLong();
        c.makerFeeBps = r.nextInt();
        c.takerFeeBps = r.nextInt();
        c.feeModel = pick(r, FeeModel.values(), true);
        return c;
    }

    private static void assertSameFields(final Command expected, final Command actual) throws IllegalAccessException {
        for (final Field field : Command.class.getFields()) {
            assertEquals(field.get(expected), field.get(actual), field.getName());
        }
    }

    private static Event randomEvent(final Random r, final int kind) {
        final long t = r.nextLong();
        return switch (kind) {
            case 0 -> new Event.OrderAccepted(t, r.nextInt(), r.nextLong(), r.nextLong(), r.nextLong(),
                    pick(r, Side.values(), false), pick(r, OrderType.values(), false),
                    pick(r, TimeInForce.values(), false), r.nextLong(), r.nextLong());
            case 1 -> new Event.OrderRejected(t, pick(r, CommandType.values(), false), r.nextInt(), r.nextLong(),
                    r.nextLong(), r.nextLong(), pick(r, RejectReason.values(), false));
            case 2 -> new Event.DuplicateOrder(t, r.nextInt(), r.nextLong(), r.nextLong(), r.nextLong(),
                    pick(r, RejectReason.values(), false));
            case 3 -> new Event.Trade(t, r.nextInt(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(),
                    r.nextLong(), pick(r, Side.values(), false), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(),
                    r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
            case 4 -> new Event.OrderCancelled(t, r.nextInt(), r.nextLong(), r.nextLong(), r.nextLong(),
                    pick(r, CancelReason.values(), false));
            case 5 -> new Event.OrderExpired(t, r.nextInt(), r.nextLong(), r.nextLong(), r.nextLong());
            case 6 -> new Event.OrderAmended(t, r.nextInt(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(),
                    r.nextBoolean());
            case 7 -> new Event.SelfTradePrevented(t, r.nextInt(), r.nextLong(), r.nextLong(), r.nextLong(),
                    pick(r, StpMode.values(), false), r.nextLong());
            case 8 -> new Event.BookLevel(t, r.nextInt(), pick(r, Side.values(), false), r.nextLong(), r.nextLong(),
                    r.nextInt());
            case 9 -> new Event.Transfer(t, r.nextLong(), r.nextLong(), r.nextLong(),
                    pick(r, AccountPurpose.values(), false), r.nextLong(), pick(r, AccountPurpose.values(), false),
                    r.nextInt(), r.nextLong(), pick(r, TransferKind.values(), false), r.nextInt());
            case 10 -> new Event.CommandApplied(t, pick(r, CommandType.values(), false), r.nextLong(), r.nextLong());
            default -> new Event.CommandRejected(t, pick(r, CommandType.values(), false), r.nextLong(), r.nextLong(),
                    pick(r, RejectReason.values(), false));
        };
    }

    private static void emit(final Event event, final EventSink s) {
        switch (event) {
            case Event.OrderAccepted e -> s.onOrderAccepted(e.timestampNs(), e.instrumentId(), e.orderId(),
                    e.accountId(), e.clientOrderId(), e.side(), e.orderType(), e.timeInForce(), e.priceTicks(),
                    e.quantityLots());
            case Event.OrderRejected e -> s.onOrderRejected(e.timestampNs(), e.commandType(), e.instrumentId(),
                    e.orderId(), e.accountId(), e.clientOrderId(), e.reason());
            case Event.DuplicateOrder e -> s.onDuplicateOrder(e.timestampNs(), e.instrumentId(), e.orderId(),
                    e.accountId(), e.clientOrderId(), e.originalOutcome());
            case Event.Trade e -> s.onTrade(e.timestampNs(), e.instrumentId(), e.tradeId(), e.makerOrderId(),
                    e.makerAccountId(), e.takerOrderId(), e.takerAccountId(), e.takerSide(), e.priceTicks(),
                    e.quantityLots(), e.makerRemainingLots(), e.takerRemainingLots(), e.notional(), e.buyerFee(),
                    e.sellerFee(), e.settlementIdHi(), e.settlementIdLo());
            case Event.OrderCancelled e -> s.onOrderCancelled(e.timestampNs(), e.instrumentId(), e.orderId(),
                    e.accountId(), e.remainingLots(), e.reason());
            case Event.OrderExpired e -> s.onOrderExpired(e.timestampNs(), e.instrumentId(), e.orderId(),
                    e.accountId(), e.remainingLots());
            case Event.OrderAmended e -> s.onOrderAmended(e.timestampNs(), e.instrumentId(), e.orderId(),
                    e.accountId(), e.priceTicks(), e.quantityLots(), e.priorityKept());
            case Event.SelfTradePrevented e -> s.onSelfTradePrevented(e.timestampNs(), e.instrumentId(),
                    e.takerOrderId(), e.makerOrderId(), e.accountId(), e.mode(), e.quantityLots());
            case Event.BookLevel e -> s.onBookLevel(e.timestampNs(), e.instrumentId(), e.side(), e.priceTicks(),
                    e.totalQuantityLots(), e.orderCount());
            case Event.Transfer e -> s.onTransfer(e.timestampNs(), e.idHi(), e.idLo(), e.debitOwner(),
                    e.debitPurpose(), e.creditOwner(), e.creditPurpose(), e.assetId(), e.amount(), e.kind(),
                    e.flags());
            case Event.CommandApplied e -> s.onCommandApplied(e.timestampNs(), e.commandType(), e.accountId(),
                    e.key());
            case Event.CommandRejected e -> s.onCommandRejected(e.timestampNs(), e.commandType(), e.accountId(),
                    e.key(), e.reason());
        }
    }
}
