package space.tokenta.store.query;

/** Keyset cursors: the sort key of a page's last row as dot-separated integers. */
final class Cursor {
    static final int MAX_LENGTH = 128;

    private Cursor() {
    }

    static String of(final long... keys) {
        final StringBuilder b = new StringBuilder();
        for (final long key : keys) {
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(key);
        }
        return b.toString();
    }

    /** Parses a cursor of exactly {@code parts} integers; null means the first page. */
    static long[] parse(final String cursor, final int parts) {
        if (cursor == null) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidQueryException("cursor too long");
        }
        final String[] split = cursor.split("\\.", -1);
        if (split.length != parts) {
            throw new InvalidQueryException("malformed cursor: " + cursor);
        }
        final long[] keys = new long[parts];
        try {
            for (int i = 0; i < parts; i++) {
                keys[i] = Long.parseLong(split[i]);
            }
        } catch (final NumberFormatException e) {
            throw new InvalidQueryException("malformed cursor: " + cursor);
        }
        return keys;
    }
}
