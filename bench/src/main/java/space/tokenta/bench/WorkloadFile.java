package space.tokenta.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
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
            int offset = HEADER_BYTES;
            for (int i = 0; i < setupCount; i++, offset += RECORD_BYTES) {
                setup[i] = decode(buffer, offset);
            }
            for (int i = 0; i < commandCount; i++, offset += RECORD_BYTES) {
                commands[i] = decode(buffer, offset);
            }
            return new Workload(new String(name, 0, nameLength, StandardCharsets.US_ASCII), seed, setup, commands);
        }
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

    /** Reads one 128-byte record at {@code offset}. */
    public static Command decode(final ByteBuffer b, final int offset) {
        final Command c = new Command();
        final int type = b.get(offset) & 0xFF;
        c.type = type == NULL_CODE ? null : CommandType.fromCode(type);
        final int side = b.get(offset + 1) & 0xFF;
        c.side = side == NULL_CODE ? null : Side.fromCode(side);
        final int orderType = b.get(offset + 2) & 0xFF;
        c.orderType = orderType == NULL_CODE ? null : OrderType.fromCode(orderType);
        final int tif = b.get(offset + 3) & 0xFF;
        c.timeInForce = tif == NULL_CODE ? null : TimeInForce.fromCode(tif);
        final int stp = b.get(offset + 4) & 0xFF;
        c.stpMode = stp == NULL_CODE ? null : StpMode.fromCode(stp);
        final int instrumentClass = b.get(offset + 5) & 0xFF;
        c.instrumentClass = instrumentClass == NULL_CODE ? null : InstrumentClass.fromCode(instrumentClass);
        c.timestampNs = b.getLong(offset + 8);
        c.accountId = b.getLong(offset + 16);
        c.instrumentId = b.getInt(offset + 24);
        c.assetId = b.getInt(offset + 28);
        if (c.type == CommandType.ADD_INSTRUMENT) {
            c.tickValueQuoteUnits = b.getLong(offset + 32);
            c.lotSizeUnits = b.getLong(offset + 40);
            c.minQuantityLots = b.getLong(offset + 48);
            c.maxQuantityLots = b.getLong(offset + 56);
            c.minPriceTicks = b.getLong(offset + 64);
            c.maxPriceTicks = b.getLong(offset + 72);
            c.makerFeeBps = b.getInt(offset + 80);
            c.takerFeeBps = b.getInt(offset + 84);
            c.timeoutNs = b.getLong(offset + 88);
            final byte[] symbol = new byte[SYMBOL_BYTES];
            b.get(offset + 96, symbol);
            int length = 0;
            while (length < SYMBOL_BYTES && symbol[length] != 0) {
                length++;
            }
            c.symbol = new String(symbol, 0, length, StandardCharsets.US_ASCII);
            return c;
        }
        c.orderId = b.getLong(offset + 32);
        c.newOrderId = b.getLong(offset + 40);
        c.clientOrderId = b.getLong(offset + 48);
        c.priceTicks = b.getLong(offset + 56);
        c.quantityLots = b.getLong(offset + 64);
        c.protectionPriceTicks = b.getLong(offset + 72);
        c.expireAtNs = b.getLong(offset + 80);
        c.transferIdHi = b.getLong(offset + 88);
        c.transferIdLo = b.getLong(offset + 96);
        c.amount = b.getLong(offset + 104);
        c.chainId = b.getInt(offset + 112);
        c.timeoutNs = b.getLong(offset + 120);
        return c;
    }
}
