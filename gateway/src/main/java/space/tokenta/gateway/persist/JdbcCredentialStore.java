package space.tokenta.gateway.persist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import space.tokenta.gateway.auth.ApiKeys.ApiKey;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.auth.WalletAuth.Agent;
import space.tokenta.gateway.auth.WalletAuth.Wallet;
import space.tokenta.gateway.webhook.WebhookDispatcher.Subscription;

/**
 * Credentials in PostgreSQL, in the gateway's own tables ({@code gateway_*}) and migrations
 * ({@code classpath:db/gateway}, history table {@value #HISTORY_TABLE}), next to the read models.
 */
public final class JdbcCredentialStore implements CredentialStore {
    public static final String HISTORY_TABLE = "gateway_schema_history";
    /** A bound on rows read at start per table (the in-memory tables hold no more). */
    static final int MAX_ROWS = 100_000;

    private final DataSource dataSource;

    private JdbcCredentialStore(final DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies the gateway's migrations (the schema already holds the read models) and returns the store. */
    public static JdbcCredentialStore open(final DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/gateway").table(HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return new JdbcCredentialStore(dataSource);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> select(final String sql, final RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql + " LIMIT " + MAX_ROWS);
             ResultSet rs = ps.executeQuery()) {
            final List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (final SQLException e) {
            throw new CredentialStoreException("reading credentials failed: " + e.getMessage(), e);
        }
    }

    private void write(final String sql, final Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw new CredentialStoreException("storing credentials failed: " + e.getMessage(), e);
        }
    }

    static String scopes(final Set<Scope> scopes) {
        return scopes.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static Set<Scope> scopes(final String text) {
        final Set<Scope> out = EnumSet.noneOf(Scope.class);
        if (!text.isEmpty()) {
            Arrays.stream(text.split(",")).map(s -> Scope.valueOf(s.toUpperCase(Locale.ROOT))).forEach(out::add);
        }
        return out;
    }

    @Override
    public Contents load() {
        return new Contents(
                select("SELECT key_id, secret, account_id, scopes FROM gateway_api_keys ORDER BY key_id",
                        rs -> new ApiKey(rs.getString(1), rs.getString(2), rs.getLong(3), scopes(rs.getString(4)))),
                select("SELECT address, account_id, scopes FROM gateway_wallets ORDER BY address",
                        rs -> new Wallet(rs.getString(1), rs.getLong(2), Set.copyOf(scopes(rs.getString(3))))),
                select("SELECT wallet, agent, scopes, valid_until_ms FROM gateway_agents ORDER BY wallet, agent",
                        rs -> new Agent(rs.getString(1), rs.getString(2), Set.copyOf(scopes(rs.getString(3))),
                                rs.getLong(4))),
                select("SELECT id, account_id, url, event_types, secret FROM gateway_webhooks ORDER BY id",
                        rs -> new Subscription(rs.getString(1), rs.getLong(2), rs.getString(3),
                                Set.of(rs.getString(4).split(",")), rs.getString(5))));
    }

    @Override
    public void saveApiKey(final ApiKey key) {
        write("INSERT INTO gateway_api_keys (key_id, secret, account_id, scopes) VALUES (?, ?, ?, ?)", ps -> {
            ps.setString(1, key.keyId());
            ps.setString(2, key.secret());
            ps.setLong(3, key.accountId());
            ps.setString(4, scopes(key.scopes()));
        });
    }

    @Override
    public void saveWallet(final Wallet wallet) {
        write("INSERT INTO gateway_wallets (address, account_id, scopes) VALUES (?, ?, ?) ON CONFLICT (address)"
                + " DO UPDATE SET account_id = EXCLUDED.account_id, scopes = EXCLUDED.scopes", ps -> {
                    ps.setString(1, wallet.address());
                    ps.setLong(2, wallet.accountId());
                    ps.setString(3, scopes(wallet.scopes()));
                });
    }

    @Override
    public void saveAgent(final Agent agent) {
        write("INSERT INTO gateway_agents (wallet, agent, scopes, valid_until_ms) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (wallet, agent) DO UPDATE SET scopes = EXCLUDED.scopes,"
                + " valid_until_ms = EXCLUDED.valid_until_ms", ps -> {
                    ps.setString(1, agent.wallet());
                    ps.setString(2, agent.agent());
                    ps.setString(3, scopes(agent.scopes()));
                    ps.setLong(4, agent.validUntilMs());
                });
    }

    @Override
    public void saveWebhook(final Subscription s) {
        write("INSERT INTO gateway_webhooks (id, account_id, url, event_types, secret) VALUES (?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, s.id());
            ps.setLong(2, s.accountId());
            ps.setString(3, s.url());
            ps.setString(4, s.eventTypes().stream().sorted().collect(Collectors.joining(",")));
            ps.setString(5, s.secret());
        });
    }
}
