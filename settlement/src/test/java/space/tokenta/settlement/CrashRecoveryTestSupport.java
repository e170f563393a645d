package space.tokenta.settlement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Small SQL helpers shared by the crash tests. */
final class CrashRecoveryTestSupport {
    private CrashRecoveryTestSupport() {
    }

    static long count(final SettlementHarness h, final String sql) {
        try (Connection c = h.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (final SQLException e) {
            throw new AssertionError(e);
        }
    }
}
