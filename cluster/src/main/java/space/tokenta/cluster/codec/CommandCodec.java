package space.tokenta.cluster.codec;

import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * A {@link Command} as bytes (no header: the enclosing message carries it). A fixed block of every
 * field (enums as their stable codes, -1 for null) followed by the symbol (i16 length, -1 = null,
 * then ASCII). Every command type uses the same layout, so one codec round-trips them all.
 */
public final class CommandCodec {
    /** Longest symbol accepted on the wire (the engine allows 64). */
    public static final int MAX_SYMBOL_LENGTH = 255;
    public static final int FIXED_LENGTH = 2 + 8 * 20 + 4 * 6 + 6;
    public static final int MAX_LENGTH = FIXED_LENGTH + 2 + MAX_SYMBOL_LENGTH;

    private CommandCodec() {
    }

    /** @return bytes written. */
    public static int encode(final Command c, final MutableDirectBuffer buffer, final int offset) {
        if (c.type == null) {
            throw new CodecException("command without a type");
        }
        int p = offset;
        buffer.putShort(p, (short)c.type.code()); p += 2;
        buffer.putLong(p, c.timestampNs); p += 8;
        buffer.putLong(p, c.accountId); p += 8;
        buffer.putLong(p, c.orderId); p += 8;
        buffer.putLong(p, c.newOrderId); p += 8;
        buffer.putLong(p, c.clientOrderId); p += 8;
        buffer.putLong(p, c.priceTicks); p += 8;
        buffer.putLong(p, c.quantityLots); p += 8;
        buffer.putLong(p, c.protectionPriceTicks); p += 8;
        buffer.putLong(p, c.expireAtNs); p += 8;
        buffer.putLong(p, c.transferIdHi); p += 8;
        buffer.putLong(p, c.transferIdLo); p += 8;
        buffer.putLong(p, c.amount); p += 8;
        buffer.putLong(p, c.timeoutNs); p += 8;
        buffer.putLong(p, c.tickValueQuoteUnits); p += 8;
        buffer.putLong(p, c.lotSizeUnits); p += 8;
        buffer.putLong(p, c.minQuantityLots); p += 8;
        buffer.putLong(p, c.maxQuantityLots); p += 8;
        buffer.putLong(p, c.minPriceTicks); p += 8;
        buffer.putLong(p, c.maxPriceTicks); p += 8;
        buffer.putLong(p, 0L); p += 8; // reserved
        buffer.putInt(p, c.instrumentId); p += 4;
        buffer.putInt(p, c.assetId); p += 4;
        buffer.putInt(p, c.chainId); p += 4;
        buffer.putInt(p, c.makerFeeBps); p += 4;
        buffer.putInt(p, c.takerFeeBps); p += 4;
        buffer.putInt(p, 0); p += 4; // reserved
        buffer.putByte(p++, c.side == null ? -1 : (byte)c.side.code());
        buffer.putByte(p++, c.orderType == null ? -1 : (byte)c.orderType.code());
        buffer.putByte(p++, c.timeInForce == null ? -1 : (byte)c.timeInForce.code());
        buffer.putByte(p++, c.stpMode == null ? -1 : (byte)c.stpMode.code());
        buffer.putByte(p++, c.instrumentClass == null ? -1 : (byte)c.instrumentClass.code());
        // once a reserved zero byte: MAKER_TAKER (0) reads back from commands encoded before fee models
        buffer.putByte(p++, c.feeModel == null ? -1 : (byte)c.feeModel.code());
        if (c.symbol == null) {
            buffer.putShort(p, (short)-1); p += 2;
        } else {
            final byte[] bytes = c.symbol.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length > MAX_SYMBOL_LENGTH) {
                throw new CodecException("symbol longer than " + MAX_SYMBOL_LENGTH + " bytes");
            }
            buffer.putShort(p, (short)bytes.length); p += 2;
            buffer.putBytes(p, bytes); p += bytes.length;
        }
        return p - offset;
    }

    /** Decodes into {@code c} (cleared first). @return bytes read. */
    public static int decode(final DirectBuffer buffer, final int offset, final int length, final Command c) {
        if (length < FIXED_LENGTH + 2) {
            throw new CodecException("command too short: " + length);
        }
        c.clear();
        int p = offset;
        final int typeCode = buffer.getShort(p); p += 2;
        c.type = CommandType.fromCode(typeCode);
        if (c.type == null) {
            throw new CodecException("unknown command type " + typeCode);
        }
        c.timestampNs = buffer.getLong(p); p += 8;
        c.accountId = buffer.getLong(p); p += 8;
        c.orderId = buffer.getLong(p); p += 8;
        c.newOrderId = buffer.getLong(p); p += 8;
        c.clientOrderId = buffer.getLong(p); p += 8;
        c.priceTicks = buffer.getLong(p); p += 8;
        c.quantityLots = buffer.getLong(p); p += 8;
        c.protectionPriceTicks = buffer.getLong(p); p += 8;
        c.expireAtNs = buffer.getLong(p); p += 8;
        c.transferIdHi = buffer.getLong(p); p += 8;
        c.transferIdLo = buffer.getLong(p); p += 8;
        c.amount = buffer.getLong(p); p += 8;
        c.timeoutNs = buffer.getLong(p); p += 8;
        c.tickValueQuoteUnits = buffer.getLong(p); p += 8;
        c.lotSizeUnits = buffer.getLong(p); p += 8;
        c.minQuantityLots = buffer.getLong(p); p += 8;
        c.maxQuantityLots = buffer.getLong(p); p += 8;
        c.minPriceTicks = buffer.getLong(p); p += 8;
        c.maxPriceTicks = buffer.getLong(p); p += 8;
        p += 8;
        c.instrumentId = buffer.getInt(p); p += 4;
        c.assetId = buffer.getInt(p); p += 4;
        c.chainId = buffer.getInt(p); p += 4;
        c.makerFeeBps = buffer.getInt(p); p += 4;
        c.takerFeeBps = buffer.getInt(p); p += 4;
        p += 4;
        c.side = optional(buffer.getByte(p++), Side::fromCode, "side");
        c.orderType = optional(buffer.getByte(p++), OrderType::fromCode, "order type");
        c.timeInForce = optional(buffer.getByte(p++), TimeInForce::fromCode, "time in force");
        c.stpMode = optional(buffer.getByte(p++), StpMode::fromCode, "stp mode");
        c.instrumentClass = optional(buffer.getByte(p++), InstrumentClass::fromCode, "instrument class");
        c.feeModel = optional(buffer.getByte(p++), FeeModel::fromCode, "fee model");
        final int symbolLength = buffer.getShort(p); p += 2;
        if (symbolLength >= 0) {
            if (symbolLength > MAX_SYMBOL_LENGTH || p + symbolLength > offset + length) {
                throw new CodecException("bad symbol length " + symbolLength);
            }
            final byte[] bytes = new byte[symbolLength];
            buffer.getBytes(p, bytes);
            c.symbol = new String(bytes, StandardCharsets.US_ASCII);
            p += symbolLength;
        } else if (symbolLength != -1) {
            throw new CodecException("bad symbol length " + symbolLength);
        }
        return p - offset;
    }

    private static <T> T optional(final byte code, final java.util.function.IntFunction<T> fromCode,
            final String what) {
        if (code == -1) {
            return null;
        }
        final T value = fromCode.apply(code);
        if (value == null) {
            throw new CodecException("unknown " + what + " code " + code);
        }
        return value;
    }
}
