package space.tokenta.gateway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Set;
import space.tokenta.gateway.auth.Principal;

/** A request as handlers see it: principal (null on public routes), path and query parameters, JSON body. */
public record Call(Principal principal, Map<String, String> pathParams, MultiMap query, JsonObject body) {

    public String path(final String name) {
        return pathParams.get(name);
    }

    /** Rejects fields outside {@code allowed} (typed UNKNOWN_FIELD). */
    public JsonObject bodyWith(final Set<String> allowed) {
        for (final String field : body.fieldNames()) {
            if (!allowed.contains(field)) {
                throw new ApiException(ErrorCode.UNKNOWN_FIELD, "unknown field " + field.substring(0, Math.min(64, field.length())),
                        new JsonObject().put("field", field.substring(0, Math.min(64, field.length()))));
            }
        }
        return body;
    }

    public String string(final String field, final boolean required) {
        final Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                throw new ApiException(ErrorCode.MISSING_FIELD, field + " is required", new JsonObject().put("field", field));
            }
            return null;
        }
        if (!(v instanceof String s) || s.length() > 128) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be a string of at most 128 chars",
                    new JsonObject().put("field", field));
        }
        return s;
    }

    public long longField(final String field, final boolean required, final long min, final long max) {
        final Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                throw new ApiException(ErrorCode.MISSING_FIELD, field + " is required", new JsonObject().put("field", field));
            }
            return 0;
        }
        final long n;
        if (v instanceof Integer || v instanceof Long) {
            n = ((Number) v).longValue();
        } else if (v instanceof String s && s.matches("-?[0-9]{1,18}")) {
            n = Long.parseLong(s);
        } else {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be an integer", new JsonObject().put("field", field));
        }
        if (n < min || n > max) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " out of range [" + min + ", " + max + "]",
                    new JsonObject().put("field", field));
        }
        return n;
    }

    public <E extends Enum<E>> E enumField(final String field, final Class<E> type, final E fallback) {
        final String s = string(field, fallback == null);
        if (s == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(java.util.Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()), new JsonObject().put("field", field));
        }
    }

    public long queryLong(final String name, final long fallback, final long min, final long max) {
        final String s = query.get(name);
        if (s == null) {
            return fallback;
        }
        if (!s.matches("[0-9]{1,18}")) {
            throw new ApiException(ErrorCode.INVALID_FIELD, name + " must be a whole number", new JsonObject().put("field", name));
        }
        final long n = Long.parseLong(s);
        if (n < min || n > max) {
            throw new ApiException(ErrorCode.INVALID_FIELD, name + " out of range", new JsonObject().put("field", name));
        }
        return n;
    }
}
