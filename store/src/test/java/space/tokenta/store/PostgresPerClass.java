package space.tokenta.store;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestPostgres} for one test class: started before the class's first test (and before its own
 * {@code @BeforeAll} methods), closed after its last. Register it as a static {@code @RegisterExtension} field.
 */
public final class PostgresPerClass implements BeforeAllCallback, AfterAllCallback {
    private TestPostgres server;

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        if (server != null) {
            throw new IllegalStateException("already started for " + context.getDisplayName());
        }
        server = TestPostgres.start();
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception {
        final TestPostgres started = server;
        server = null;
        if (started != null) {
            started.close();
        }
    }

    /** The running server; only between the class's first and last test. */
    public TestPostgres server() {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL runs only while the test class runs");
        }
        return server;
    }
}
