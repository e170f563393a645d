package space.tokenta.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * The workload file format (version 1), little-endian, documented in bench/README.md:
 * a 64-byte header ({@code magic "TKWL"}, version, seed, setup count, command count, scenario name)
 * followed by fixed 128-byte command records, setup records first.
 */
public final class WorkloadFile {
    public static final int MAGIC = 0x4C574B54; // "TKWL" read as little-endian int
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 64;
    public static final int RECORD_BYTES = 128;
    private static final int NAME_BYTES = 32;
    private static final int SYMBOL_BYTES = 32;
    private static final int NULL_CODE = 0xFF;
    /** Records one {@code byte[]} can hold ({@link #records}). */
    public static final int MAX_RECORDS_IN_ARRAY = Integer.MAX_VALUE / RECORD_BYTES;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private WorkloadFile() {
    }

    public static void write(final Workload workload, final Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(MAGIC).putInt(VERSION).putLong(workload.seed()).putInt(workload.setup().length)
                    .putInt(workload.commands().length);
            final byte[] name = workload.scenario().getBytes(StandardCharsets.US_ASCII);
            header.put(name, 0, Math.min(NAME_BYTES, name.length));
            out.write(header.array());
            final ByteBuffer chunk = ByteBuffer.allocate(RECORD_BYTES * 8192).order(ByteOrder.LITTLE_ENDIAN);
            for (final Command[] commands : new Command[][] {workload.setup(), workload.commands()}) {
                for (final Command command : commands) {
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    encode(command, chunk, chunk.position());
                    chunk.position(chunk.position() + RECORD_BYTES);
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    public static Workload read(final Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            final ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
                    .order(ByteOrder.LITTLE_ENDIAN);
            if (buffer.limit() < HEADER_BYTES || buffer.getInt(0) != MAGIC || buffer.getInt(4) != VERSION) {
                throw new IOException(path + " is not a Tokenta workload file (version " + VERSION + ")");
            }
            final long seed = buffer.getLong(8);
            final int setupCount = buffer.getInt(16);
            final int commandCount = buffer.getInt(20);
            if (setupCount < 0 || commandCount < 0
                    || (long) HEADER_BYTES + (long) (setupCount + (long) commandCount) * RECORD_BYTES != buffer.limit()) {
                throw new IOException(path + ": record counts do not match the file size");
            }
            final byte[] name = new byte[NAME_BYTES];
            buffer.get(24, name);
            int nameLength = 0;
            while (nameLength < NAME_BYTES && name[nameLength] != 0) {
                nameLength++;
            }
            final Command[] setup = new Command[setupCount];
            final Command[] commands = new Command[commandCount];
            final byte[] record = new byte[RECORD_BYTES];
            int offset = HEADER_BYTES;
            for (int i = 0; i < setupCount; i++, offset += RECORD_BYTES) {
                buffer.get(offset, record);
                setup[i] = decode(record, 0, new Command());
            }
            for (int i = 0; i < commandCount; i++, offset += RECORD_BYTES) {
                buffer.get(offset, record);
                commands[i] = decode(record, 0, new Command());
            }
            return new Workload(new String(name, 0, nameLength, StandardCharsets.US_ASCII), seed, setup, commands);
        }
    }

    /**
     * The commands as one array of file records (what {@link #decode(byte[], int, Command)} reads back),
     * for a replay that decodes each command into one reused {@link Command} as the node's codec does.
     *
     * @throws IllegalArgumentException beyond {@link #MAX_RECORDS_IN_ARRAY} commands
     */
    public static byte[] records(final Command[] commands) {
        if (commands.length > MAX_RECORDS_IN_ARRAY) {
            throw new IllegalArgumentException("at most " + MAX_RECORDS_IN_ARRAY + " commands fit one record array");
        }
        final ByteBuffer bytes = ByteBuffer.allocate(commands.length * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < commands.length; i++) {
            encode(commands[i], bytes, i * RECORD_BYTES);
        }
        return bytes.array();
    }

    private static int code(final Enum<?> value, final int code) {
        return value == null ? NULL_CODE : code;
    }

    /** Writes one 128-byte record at {@code offset}. */
    public static void encode(final Command c, final ByteBuffer b, final int offset) {
        for (int i = 0; i < RECORD_BYTES; i += 8) {
            b.putLong(offset + i, 0);
        }
        b.put(offset, (byte) code(c.type, c.type == null ? 0 : c.type.code()));
        b.put(offset + 1, (byte) code(c.side, c.side == null ? 0 : c.side.code()));
        b.put(offset + 2, (byte) code(c.orderType, c.orderType == null ? 0 : c.orderType.code()));
        b.put(offset + 3, (byte) code(c.timeInForce, c.timeInForce == null ? 0 : c.timeInForce.code()));
        b.put(offset + 4, (byte) code(c.stpMode, c.stpMode == null ? 0 : c.stpMode.code()));
        b.put(offset + 5, (byte) code(c.instrumentClass, c.instrumentClass == null ? 0 : c.instrumentClass.code()));
        b.putLong(offset + 8, c.timestampNs);
        b.putLong(offset + 16, c.accountId);
        b.putInt(offset + 24, c.instrumentId);
        b.putInt(offset + 28, c.assetId);
        if (c.type == CommandType.ADD_INSTRUMENT) {
            b.putLong(offset + 32, c.tickValueQuoteUnits);
            b.putLong(offset + 40, c.lotSizeUnits);
            b.putLong(offset + 48, c.minQuantityLots);
            b.putLong(offset + 56, c.maxQuantityLots);
            b.putLong(offset + 64, c.minPriceTicks);
            b.putLong(offset + 72, c.maxPriceTicks);
            b.putInt(offset + 80, c.makerFeeBps);
            b.putInt(offset + 84, c.takerFeeBps);
            b.putLong(offset + 88, c.timeoutNs);
            final byte[] symbol = c.symbol == null ? new byte[0] : c.symbol.getBytes(StandardCharsets.US_ASCII);
            if (symbol.length > SYMBOL_BYTES) {
                throw new IllegalArgumentException("symbol longer than " + SYMBOL_BYTES + " bytes: " + c.symbol);
            }
            b.put(offset + 96, symbol);
            return;
        }
        b.putLong(offset + 32, c.orderId);
        b.putLong(offset + 40, c.newOrderId);
        b.putLong(offset + 48, c.clientOrderId);
        b.putLong(offset + 56, c.priceTicks);
        b.putLong(offset + 64, c.quantityLots);
        b.putLong(offset + 72, c.protectionPriceTicks);
        b.putLong(offset + 80, c.expireAtNs);
        b.putLong(offset + 88, c.transferIdHi);
        b.putLong(offset + 96, c.transferIdLo);
        b.putLong(offset + 104, c.amount);
        b.putInt(offset + 112, c.chainId);
        b.putLong(offset + 120, c.timeoutNs);
    }

    /**
     * Reads one 128-byte record at {@code offset} into {@code c}, writing every field of it once (those
     * the record does not carry to their defaults, as {@link Command#clear()} would): the node's codec
     * decodes every command into one reused command the same way.
     *
     * @return {@code c}
     */
    public static Command decode(final byte[] b, final int offset, final Command c) {
        final int type = b[offset] & 0xFF;
        final CommandType commandType = type == NULL_CODE ? null : CommandType.fromCode(type);
        c.type = commandType;
        final int side = b[offset + 1] & 0xFF;
        c.side = side == NULL_CODE ? null : Side.fromCode(side);
        final int orderType = b[offset + 2] & 0xFF;
        c.orderType = orderType == NULL_CODE ? null : OrderType.fromCode(orderType);
        final int tif = b[offset + 3] & 0xFF;
        c.timeInForce = tif == NULL_CODE ? null : TimeInForce.fromCode(tif);
        final int stp = b[offset + 4] & 0xFF;
        c.stpMode = stp == NULL_CODE ? null : StpMode.fromCode(stp);
        final int instrumentClass = b[offset + 5] & 0xFF;
        c.instrumentClass = instrumentClass == NULL_CODE ? null : InstrumentClass.fromCode(instrumentClass);
        c.feeModel = FeeModel.MAKER_TAKER;
        c.timestampNs = (long) LONG.get(b, offset + 8);
        c.accountId = (long) LONG.get(b, offset + 16);
        c.instrumentId = (int) INT.get(b, offset + 24);
        c.assetId = (int) INT.get(b, offset + 28);
        if (commandType == CommandType.ADD_INSTRUMENT) {
            c.orderId = 0;
            c.newOrderId = 0;
            c.clientOrderId = 0;
            c.priceTicks = 0;
            c.quantityLots = 0;
            c.protectionPriceTicks = 0;
            c.expireAtNs = 0;
            c.transferIdHi = 0;
            c.transferIdLo = 0;
            c.amount = 0;
            c.chainId = 0;
            c.tickValueQuoteUnits = (long) LONG.get(b, offset + 32);
            c.lotSizeUnits = (long) LONG.get(b, offset + 40);
            c.minQuantityLots = (long) LONG.get(b, offset + 48);
            c.maxQuantityLots = (long) LONG.get(b, offset + 56);
            c.minPriceTicks = (long) LONG.get(b, offset + 64);
            c.maxPriceTicks = (long) LONG.get(b, offset + 72);
            c.makerFeeBps = (int) INT.get(b, offset + 80);
            c.takerFeeBps = (int) INT.get(b, offset + 84);
            c.timeoutNs = (long) LONG.get(b, offset + 88);
            int length = 0;
            while (length < SYMBOL_BYTES && b[offset + 96 + length] != 0) {
                length++;
            }
            c.symbol = new String(b, offset + 96, length, StandardCharsets.US_ASCII);
            return c;
        }
        c.symbol = null;
        c.tickValueQuoteUnits = 0;
        c.lotSizeUnits = 0;
        c.minQuantityLots = 0;
        c.maxQuantityLots = 0;
        c.minPriceTicks = 0;
        c.maxPriceTicks = 0;
        c.makerFeeBps = 0;
        c.takerFeeBps = 0;
        c.orderId = (long) LONG.get(b, offset + 32);
        c.newOrderId = (long) LONG.get(b, offset + 40);
        c.clientOrderId = (long) LONG.get(b, offset + 48);
        c.priceTicks = (long) LONG.get(b, offset + 56);
        c.quantityLots = (long) LONG.get(b, offset + 64);
        c.protectionPriceTicks = (long) LONG.get(b, offset + 72);
        c.expireAtNs = (long) LONG.get(b, offset + 80);
        c.transferIdHi = (long) LONG.get(b, offset + 88);
        c.transferIdLo = (long) LONG.get(b, offset + 96);
        c.amount = (long) LONG.get(b, offset + 104);
        c.chainId = (int) INT.get(b, offset + 112);
        c.timeoutNs = (long) LONG.get(b, offset + 120);
        return c;
    }
}
