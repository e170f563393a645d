package space.tokenta.chain.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Runs reads through a pool and checks the invariant: canonical answer or typed error, within the deadline. */
final class ReadOutcomes {
    /** Scheduling slack on a shared 2-core machine; the pool's own deadline is what is checked. */
    static final long SLACK_MS = 400;

    final List<String> outcomes = new ArrayList<>();
    int ok;
    int typedErrors;

    void run(final UpstreamPool pool, final String name, final AnvilFixture.ReadCase c) {
        final long deadlineMs = pool.policy().requestDeadlineMs();
        final long start = System.nanoTime();
        final CompletableFuture<JsonNode> f;
        if (c.method.equals("eth_getLogs")) {
            f = pool.getLogs((ObjectNode) c.params.get(0));
        } else if (c.consensus) {
            f = pool.consensusCall(c.method, c.params);
        } else {
            f = pool.call(c.method, c.params);
        }
        try {
            final JsonNode value = f.get(deadlineMs + SLACK_MS, TimeUnit.MILLISECONDS);
            assertEquals(JsonRpcCodec.canonical(c.canonical), JsonRpcCodec.canonical(value), name + " must be canonical");
            ok++;
            outcomes.add(name + " ok");
        } catch (TimeoutException e) {
            fail(name + ": no answer and no error within " + deadlineMs + " ms + slack");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof RpcException, name + ": untyped failure " + e.getCause());
            typedErrors++;
            outcomes.add(name + " " + ((RpcException) e.getCause()).kind());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        final long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // getLogs may split into several bounded requests, each with its own deadline
        final long bound = c.method.equals("eth_getLogs") ? deadlineMs * 4 : deadlineMs;
        assertTrue(elapsedMs <= bound + SLACK_MS, name + " took " + elapsedMs + " ms");
    }
}
