package space.tokenta.settlement.indexer;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import space.tokenta.chain.config.FinalityRule;

/**
 * Base of the indexer test classes whose tests share one anvil (with the escrow fixture) and one
 * embedded PostgreSQL: started before the class's first test, closed after its last (database first).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IndexerTestBed {
    static final FinalityRule DEPTH_4 = FinalityRule.depth(4);
    EscrowFixture fixture;
    IndexerDatabase db;

    @BeforeAll
    void startTestBed() throws IOException {
        fixture = new EscrowFixture();
        db = IndexerDatabase.embedded(Files.createTempDirectory("tokenta-idx-pg"));
    }

    @AfterAll
    void stopTestBed() {
        try {
            if (db != null) {
                db.close();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }
}
