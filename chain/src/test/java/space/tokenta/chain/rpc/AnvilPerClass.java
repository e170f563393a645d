package space.tokenta.chain.rpc;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link AnvilFixture} for one test class, with its reads and their canonical answers read once: started
 * before the class's first test, closed after its last. Register it as a static {@code @RegisterExtension} field.
 */
final class AnvilPerClass implements BeforeAllCallback, AfterAllCallback {
    private final int proxies;
    private AnvilFixture fixture;
    private Map<String, AnvilFixture.ReadCase> reads;

    AnvilPerClass(final int proxies) {
        if (proxies < 1) {
            throw new IllegalArgumentException("proxies must be >= 1: " + proxies);
        }
        this.proxies = proxies;
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        if (fixture != null) {
            throw new IllegalStateException("already started for " + context.getDisplayName());
        }
        fixture = new AnvilFixture(proxies);
        reads = fixture.reads();
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        final AnvilFixture started = fixture;
        fixture = null;
        reads = null;
        if (started != null) {
            started.close();
        }
    }

    AnvilFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("anvil runs only while the test class runs");
        }
        return fixture;
    }

    /** {@link AnvilFixture#reads()} as read when the class started. */
    Map<String, AnvilFixture.ReadCase> reads() {
        fixture();
        return reads;
    }
}
