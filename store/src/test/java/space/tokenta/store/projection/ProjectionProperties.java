package space.tokenta.store.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import space.tokenta.store.ReferenceFold;
import space.tokenta.store.TestPostgres;
import space.tokenta.store.source.InProcessEventSource;
import space.tokenta.store.source.SeededWorkload;

/** Any workload, projected in any transaction size, equals the Java fold of its events. */
class ProjectionProperties {
    private static TestPostgres postgres;

    @BeforeContainer
    static void start() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterContainer
    static void stop() throws Exception {
        postgres.close();
    }

    @Property(tries = 6)
    void projectionEqualsFoldForAnyWorkloadAndBatchSize(@ForAll @LongRange(min = 1, max = 1_000_000) final long seed,
            @ForAll @IntRange(min = 1, max = 400) final int batch,
            @ForAll @IntRange(min = 1, max = 5) final int instruments,
            @ForAll @IntRange(min = 2, max = 30) final int accounts) throws Exception {
        final DataSource ds = postgres.migratedDatabase();
        final InProcessEventSource source = new InProcessEventSource();
        final SeededWorkload workload = new SeededWorkload(source, seed, instruments, accounts);
        workload.setup();
        workload.run(600);
        final Projector projector = new Projector(ds, source, batch, CommitHook.NONE);
        while (projector.doWork() > 0) {
            for (final Map.Entry<Integer, List<Long>> sum : ReferenceFold.assetSums(ds).entrySet()) {
                assertEquals(List.of(0L, 0L), sum.getValue(), "asset " + sum.getKey());
            }
        }
        assertEquals(source.headPosition(), projector.projectedPosition());
        final ReferenceFold expected = ReferenceFold.of(source.entries());
        final ReferenceFold actual = ReferenceFold.fromDatabase(ds);
        assertEquals(expected.rowCounts, actual.rowCounts);
        assertEquals(expected.balances, actual.balances);
        assertEquals(expected.orders, actual.orders);
    }
}
