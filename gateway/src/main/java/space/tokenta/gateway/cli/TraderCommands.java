package space.tokenta.gateway.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Trader subcommands of {@code tokenta}, talking HTTP (HMAC-signed) to a running gateway. */
public final class TraderCommands {
    private TraderCommands() {
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, description = "List your API keys, or create one (admin key).")
    public static final class Keys implements Callable<Integer> {
        @Mixin
        GatewayClient client;
        @Option(names = "--create-for-account", description = "create a key for this account")
        Long account;
        @Option(names = "--scopes", split = ",", defaultValue = "read,trade", description = "scopes of the new key")
        List<String> scopes;

        @Override
        public Integer call() throws Exception {
            if (account != null) {
                final String body = client.call("POST", "/v1/keys", new JsonObject().put("accountId", account)
                        .put("scopes", new JsonArray(scopes)).encode());
                client.object(body);
                return body == null ? 1 : 0;
            }
            final String body = client.call("GET", "/v1/keys", null);
            client.table(body, List.of("keyId", "scopes"));
            return body == null ? 1 : 0;
        }
    }

    @Command(name = "place", mixinStandardHelpOptions = true, description = "Place an order.")
    public static final class Place implements Callable<Integer> {
        @Mixin
        GatewayClient client;
        @Parameters(index = "0", description = "BUY or SELL")
        String side;
        @Parameters(index = "1", description = "quantity (decimal)")
        String quantity;
        @Parameters(index = "2", description = "symbol")
        String symbol;
        @Option(names = "--price", description = "limit price (decimal); omit with --type MARKET")
        String price;
        @Option(names = "--type", defaultValue = "LIMIT")
        String type;
        @Option(names = "--tif", description = "GTC, IOC, FOK, ALO, GTD")
        String tif;
        @Option(names = "--protection-price", description = "MARKET: worst price")
        String protectionPrice;
        @Option(names = "--client-order-id")
        String clientOrderId;

        @Override
        public Integer call() throws Exception {
            final JsonObject order = new JsonObject().put("symbol", symbol).put("side", side.toUpperCase())
                    .put("quantity", quantity).put("type", type.toUpperCase());
            if (price != null) {
                order.put("price", price);
            }
            if (tif != null) {
                order.put("timeInForce", tif.toUpperCase());
            }
            if (protectionPrice != null) {
                order.put("protectionPrice", protectionPrice);
            }
            if (clientOrderId != null) {
                order.put("clientOrderId", clientOrderId);
            }
            final String body = client.call("POST", "/v1/orders", order.encode());
            client.object(body);
            return body == null ? 1 : 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel an order by id, or all (--all).")
    public static final class Cancel implements Callable<Integer> {
        @Mixin
        GatewayClient client;
        @Parameters(index = "0", arity = "0..1", description = "order id")
        String orderId;
        @Option(names = "--all", description = "mass-cancel (optionally --symbol)")
        boolean all;
        @Option(names = "--symbol")
        String symbol;

        @Override
        public Integer call() throws Exception {
            final String body;
            if (all || orderId == null) {
                body = client.call("POST", "/v1/orders/mass-cancel",
                        symbol == null ? "{}" : new JsonObject().put("symbol", symbol).encode());
            } else {
                body = client.call("POST", "/v1/orders/" + orderId + "/cancel", "{}");
            }
            client.object(body);
            return body == null ? 1 : 0;
        }
    }

    @Command(name = "book", mixinStandardHelpOptions = true, description = "Show the order book of a symbol.")
    public static final class Book implements Callable<Integer> {
        @Mixin
        GatewayClient client;
        @Parameters(index = "0")
        String symbol;
        @Option(names = "--depth", defaultValue = "10")
        int depth;

        @Override
        public Integer call() throws Exception {
            final String body = client.call("GET", "/v1/book/" + symbol + "?depth=" + depth, null);
            if (body == null) {
                return 1;
            }
            if (client.json) {
                System.out.println(body);
                return 0;
            }
            final JsonObject book = new JsonObject(body);
            final JsonArray bids = book.getJsonArray("bids");
            final JsonArray asks = book.getJsonArray("asks");
            final TextTable table = new TextTable(List.of("bid qty", "bid", "ask", "ask qty"));
            for (int i = 0; i < Math.max(bids.size(), asks.size()); i++) {
                table.row(java.util.Arrays.asList(level(bids, i, 1), level(bids, i, 0), level(asks, i, 0), level(asks, i, 1)));
            }
            System.out.printf("%s  seq %d%n", symbol, book.getLong("seq"));
            System.out.print(table.render());
            return 0;
        }

        private static String level(final JsonArray side, final int index, final int field) {
            return index < side.size() ? side.getJsonArray(index).getString(field) : null;
        }
    }

    @Command(name = "balances", mixinStandardHelpOptions = true, description = "Show your balances.")
    public static final class Balances implements Callable<Integer> {
        @Mixin
        GatewayClient client;

        @Override
        public Integer call() throws Exception {
            final String body = client.call("GET", "/v1/balances", null);
            client.table(body, List.of("assetId", "available", "held"));
            return body == null ? 1 : 0;
        }
    }

    @Command(name = "fills", mixinStandardHelpOptions = true, description = "Show your recent fills.")
    public static final class Fills implements Callable<Integer> {
        @Mixin
        GatewayClient client;
        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        public Integer call() throws Exception {
            final String body = client.call("GET", "/v1/fills?limit=" + limit, null);
            client.table(body, List.of("tradeId", "orderId", "symbol", "side", "price", "quantity", "fee", "liquidity"));
            return body == null ? 1 : 0;
        }
    }

    @Command(name = "orders", mixinStandardHelpOptions = true, description = "Show your open orders, or your order history (--history).")
    public static final class Orders implements Callable<Integer> {
        @Mixin
        GatewayClient client;
        @Option(names = "--history", description = "all recent orders (filled, cancelled, rejected too)")
        boolean history;
        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        public Integer call() throws Exception {
            final String body = client.call("GET", history ? "/v1/orders/history?limit=" + limit : "/v1/orders", null);
            client.table(body, List.of("orderId", "clientOrderId", "symbol", "side", "type", "price", "quantity", "filled",
                    "remaining", "status", "reason"));
            return body == null ? 1 : 0;
        }
    }
}
