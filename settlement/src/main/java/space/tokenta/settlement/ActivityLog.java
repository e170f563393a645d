package space.tokenta.settlement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The Settlement Activity feed: one line per settlement fact ("indexer confirmed release ESC-8814").
 * Best effort: a failed write never fails the step that produced it.
 */
public final class ActivityLog {
    public static final int MAX_MESSAGE = 500;
    public static final int MAX_READ = 1_000;

    /** One line of the feed. */
    public record Line(long id, String code, String subject, String message) {
    }

    private final DataSource dataSource;

    public ActivityLog(final DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void add(final String code, final String subject, final String message) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO settlement_activity (code, subject, message) VALUES (?, ?, ?)")) {
            s.setString(1, code);
            s.setString(2, subject);
            s.setString(3, message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
            s.executeUpdate();
        } catch (final SQLException ignored) {
            // the feed is informational; the state tables are the record
        }
    }

    /** The newest {@code limit} lines, oldest first. */
    public List<Line> latest(final int limit) {
        if (limit < 1 || limit > MAX_READ) {
            throw new IllegalArgumentException("limit in [1, " + MAX_READ + "]");
        }
        final List<Line> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, code, subject, message FROM (SELECT * FROM settlement_activity ORDER BY id DESC LIMIT ?) t ORDER BY id")) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Line(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read the activity feed", e);
        }
        return out;
    }
}
