package space.tokenta.store.projection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import space.tokenta.store.source.InProcessEventSource;
import space.tokenta.store.source.SeededWorkload;

/**
 * A projector in its own JVM for the kill -9 test: rebuilds the seeded log, projects it into the
 * database in small transactions, prints each committed position, exits 0 when caught up.
 * Arguments: jdbcUrl user password(or "-") seed commands maxEntriesPerTransaction.
 */
public final class ProjectorProcess {
    private ProjectorProcess() {
    }

    public static void main(final String[] args) throws Exception {
        final InProcessEventSource source = log(Long.parseLong(args[3]), Integer.parseInt(args[4]));
        final HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        if (!"-".equals(args[2])) {
            config.setPassword(args[2]);
        }
        config.setMaximumPoolSize(1);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            final Projector projector = new Projector(ds, source, Integer.parseInt(args[5]), new CommitHook() {
                @Override
                public void afterCommit(final long fromPosition, final long toPosition) {
                    System.out.println("committed " + toPosition);
                    System.out.flush();
                }
            });
            projector.catchUp();
        }
        System.out.println("done");
        System.out.flush();
    }

    static InProcessEventSource log(final long seed, final int commands) {
        final InProcessEventSource source = new InProcessEventSource();
        final SeededWorkload workload = new SeededWorkload(source, seed, 2, 10);
        workload.setup();
        workload.run(commands);
        return source;
    }
}
