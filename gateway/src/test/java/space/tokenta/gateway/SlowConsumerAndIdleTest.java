package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;
import space.tokenta.gateway.port.CommandResult;
import space.tokenta.gateway.ws.StreamHub;

/** A client that stops reading is cut with 4001 and never delays the others; a silent one is cut with 4002. */
class SlowConsumerAndIdleTest {
    /** Enough bytes (~2 KB per trade to the stalled client) to fill its socket buffers and queue. */
    static final int TRADES = 4_000;

    private static Command order(final long account, final Side side, final long clientOrderId) {
        final Command c = new Command();
        c.type = CommandType.PLACE_ORDER;
        c.accountId = account;
        c.instrumentId = 1;
        c.side = side;
        c.orderType = OrderType.LIMIT;
        c.timeInForce = TimeInForce.GTC;
        c.stpMode = StpMode.EXPIRE_TAKER;
        c.priceTicks = 1_000;
        c.quantityLots = 1;
        c.clientOrderId = clientOrderId;
        return c;
    }

    @Test
    void aClientThatStopsReadingIsCutWhileAnotherOnTheSameChannelKeepsUp() throws Exception {
        try (TestExchange x = new TestExchange(GatewayConfig.defaults().withPort(0).withWebSocket(128 * 1024, 60_000))) {
            final JsonObject subscribe = new JsonObject().put("op", "subscribe").put("id", 1)
                    .put("channels", new JsonArray().add("exec_log").add("trades." + TestExchange.SYMBOL));
            final WsTestClient reader = new WsTestClient(x.server.port());
            reader.send(subscribe);
            reader.next("subscription", "trades." + TestExchange.SYMBOL);
            try (RawWsClient stalled = new RawWsClient(x.server.port(), 4_096)) {
                final JsonArray everything = new JsonArray().add("exec_log").add("trades." + TestExchange.SYMBOL)
                        .add("book." + TestExchange.SYMBOL);
                for (final long interval : space.tokenta.gateway.api.CandleIntervals.SECONDS) {
                    everything.add("candles." + TestExchange.SYMBOL + "." + interval);
                }
                stalled.sendText(new JsonObject().put("op", "subscribe").put("id", 1).put("channels", everything).encode());
                for (int answers = 0; answers < 2 + 2 * 4 + 2; answers++) {
                    assertTrue(stalled.readFrame().opcode() == RawWsClient.OP_TEXT);
                }
                // from here on the stalled client reads nothing while thousands of trades are published

                CompletableFuture<CommandResult> last = null;
                for (int n = 1; n <= TRADES; n++) {
                    x.exchange.submit(order(2, Side.SELL, 10_000 + n));
                    last = x.exchange.submit(order(1, Side.BUY, 20_000 + n));
                }
                last.get(30, TimeUnit.SECONDS);
                final long producedNs = System.nanoTime();

                // the reader gets every line, gap-free, right behind the producer
                long seq = -1;
                int fills = 0;
                while (fills < TRADES) {
                    final JsonObject line = reader.next("channel", "exec_log");
                    if (seq >= 0) {
                        assertEquals(seq + 1, line.getLong("seq"), "exec_log gap");
                    }
                    seq = line.getLong("seq");
                    fills += line.getString("code").equals("FILL") ? 1 : 0;
                }
                final long lagMs = (System.nanoTime() - producedNs) / 1_000_000;
                assertTrue(lagMs < 10_000, "reader fell " + lagMs + " ms behind");

                final RawWsClient.Frame close = stalled.readUntilClose(10 * TRADES * 4);
                assertNotNull(close, "no close frame");
                assertEquals(StreamHub.CLOSE_SLOW_CONSUMER, close.closeCode());
                assertTrue(new String(close.payload(), 2, close.payload().length - 2, java.nio.charset.StandardCharsets.UTF_8)
                        .contains("slow consumer"));
            }
            // the reader is still served
            reader.send(new JsonObject().put("op", "ping").put("id", "after"));
            assertEquals("pong", reader.next("id", "after").getString("op"));
            reader.ws.abort();
        }
    }

    @Test
    void aSilentClientIsCutWhileOneAnsweringPingsStays() throws Exception {
        try (TestExchange x = new TestExchange(GatewayConfig.defaults().withPort(0).withWebSocket(1 << 20, 300))) {
            final WsTestClient answering = new WsTestClient(x.server.port());
            try (RawWsClient silent = new RawWsClient(x.server.port(), 64 * 1024)) {
                silent.sendText(new JsonObject().put("op", "subscribe").put("id", 1)
                        .put("channels", new JsonArray().add("exec_log")).encode());
                final long startNs = System.nanoTime();
                final RawWsClient.Frame close = silent.readUntilClose(1_000);
                assertNotNull(close, "no close frame");
                assertEquals(StreamHub.CLOSE_IDLE, close.closeCode());
                final long afterMs = (System.nanoTime() - startNs) / 1_000_000;
                assertTrue(afterMs >= 300 && afterMs < 5_000, "cut after " + afterMs + " ms");
            }
            // java.net.http answers server pings with pongs: that session outlives several idle timeouts
            Thread.sleep(1_500);
            answering.send(new JsonObject().put("op", "ping").put("id", "alive"));
            assertEquals("pong", answering.next("id", "alive").getString("op"));
            answering.ws.abort();
        }
    }
}
