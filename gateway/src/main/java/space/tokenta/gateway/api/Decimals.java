package space.tokenta.gateway.api;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Decimal strings to integer ticks/lots by an instrument's scale, and back; rejects non-multiples. */
public final class Decimals {
    static final int MAX_DECIMAL_LENGTH = 40;

    private Decimals() {
    }

    /** @return the value as a whole number of units of {@code 10^-decimals}. */
    public static long toUnits(final String field, final String text, final int decimals, final ErrorCode notMultiple) {
        if (text == null || text.isEmpty() || text.length() > MAX_DECIMAL_LENGTH
                || !text.matches("[0-9]+(\\.[0-9]+)?")) {
            throw new ApiException(ErrorCode.INVALID_DECIMAL, field + " must be a positive decimal string",
                    new JsonObject().put("field", field));
        }
        final BigDecimal scaled = new BigDecimal(text).movePointRight(decimals);
        final BigInteger units;
        try {
            units = scaled.toBigIntegerExact();
        } catch (final ArithmeticException e) {
            throw new ApiException(notMultiple, field + " is not a multiple of 1e-" + decimals,
                    new JsonObject().put("field", field).put("decimals", decimals));
        }
        if (units.bitLength() > 62) {
            throw new ApiException(ErrorCode.INVALID_DECIMAL, field + " is too large", new JsonObject().put("field", field));
        }
        return units.longValueExact();
    }

    public static String toDecimal(final long units, final int decimals) {
        return BigDecimal.valueOf(units, decimals).toPlainString();
    }
}
