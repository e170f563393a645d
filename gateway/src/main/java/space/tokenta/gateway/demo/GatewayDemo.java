package space.tokenta.gateway.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.gateway.GatewayConfig;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.Ports;
import space.tokenta.gateway.auth.ApiKeys;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.inprocess.InProcessExchange;
import space.tokenta.gateway.port.ReadModels;

/**
 * A gateway on the in-process exchange with one seeded market (GPT-FT-04, 2 price decimals), a funded
 * buyer (account 1), a listed seller (account 2) and an admin (account 3). Writes their API keys as
 * {@code role keyId secret} lines to the file given as the first argument, then serves until killed.
 */
public final class GatewayDemo {
    public static final String SYMBOL = "GPT-FT-04";

    private GatewayDemo() {
    }

    public static void main(final String[] args) throws Exception {
        final InProcessExchange exchange = new InProcessExchange();
        seed(exchange);
        final GatewayConfig config = GatewayConfig.defaults().withRate(50_000_000, 50_000_000);
        final GatewayServer server = GatewayServer.start(new Ports(exchange, exchange, exchange.readModels()), config);
        final ApiKeys.ApiKey buyer = server.apiKeys().create(1, EnumSet.of(Scope.READ, Scope.TRADE));
        final ApiKeys.ApiKey seller = server.apiKeys().create(2, EnumSet.of(Scope.READ, Scope.TRADE));
        final ApiKeys.ApiKey admin = server.apiKeys().create(3, EnumSet.of(Scope.ADMIN));
        final String keys = "port " + server.port() + "\nbuyer " + buyer.keyId() + " " + buyer.secret() + "\nseller "
                + seller.keyId() + " " + seller.secret() + "\nadmin " + admin.keyId() + " " + admin.secret() + "\n";
        if (args.length > 0) {
            final Path file = Path.of(args[0]);
            Files.writeString(file, keys);
        }
        System.out.print(keys);
        System.out.println("gateway serving on 127.0.0.1:" + server.port());
        final CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            exchange.close();
            forever.countDown();
        }));
        forever.await();
    }

    /** One asset, one instrument, a funded buyer, a listed seller and an admin account. */
    public static void seed(final InProcessExchange exchange) throws Exception {
        seed(exchange, 3, 1_000_000_000_000_000L, 1_000_000_000_000_000L, 1_000_000_000L);
    }

    /**
     * One asset (1) and one instrument ({@link #SYMBOL}); accounts 1..{@code accounts}; account 1 (the
     * buyer) funded with {@code buyerDeposit}; account 2 (the seller) with an exposure limit and a
     * listing of {@code listingLots}.
     */
    public static void seed(final InProcessExchange exchange, final int accounts, final long buyerDeposit,
            final long sellerExposureLimit, final long listingLots) throws Exception {
        if (accounts < 2) {
            throw new IllegalArgumentException("a market needs a buyer and a seller: accounts >= 2");
        }
        final Command c = new Command();
        c.type = CommandType.ADD_ASSET;
        c.assetId = 1;
        exchange.submit(c).get(5, TimeUnit.SECONDS);
        c.clear();
        c.type = CommandType.ADD_INSTRUMENT;
        c.instrumentId = 1;
        c.symbol = SYMBOL;
        c.instrumentClass = InstrumentClass.API_QUOTA;
        c.assetId = 1;
        c.tickValueQuoteUnits = 1;
        c.lotSizeUnits = 1;
        c.minQuantityLots = 1;
        c.maxQuantityLots = 1_000_000;
        c.minPriceTicks = 1;
        c.maxPriceTicks = 10_000_000;
        c.takerFeeBps = 10;
        c.timeoutNs = 3_600_000_000_000L;
        exchange.addInstrument(c, new ReadModels.InstrumentView(1, SYMBOL, InstrumentClass.API_QUOTA, 1, 2, 0, 1,
                1_000_000, 1, 10_000_000, 0, 10, FeeModel.MAKER_TAKER)).get(5, TimeUnit.SECONDS);
        for (long account = 1; account <= accounts; account++) {
            c.clear();
            c.type = CommandType.ADD_ACCOUNT;
            c.accountId = account;
            exchange.submit(c).get(5, TimeUnit.SECONDS);
        }
        c.clear();
        c.type = CommandType.CREDIT_DEPOSIT;
        c.accountId = 1;
        c.assetId = 1;
        c.chainId = 1;
        c.amount = buyerDeposit;
        c.transferIdHi = Long.MIN_VALUE | 7;
        c.transferIdLo = 1;
        exchange.submit(c).get(5, TimeUnit.SECONDS);
        c.clear();
        c.type = CommandType.SET_EXPOSURE_LIMIT;
        c.accountId = 2;
        c.amount = sellerExposureLimit;
        exchange.submit(c).get(5, TimeUnit.SECONDS);
        c.clear();
        c.type = CommandType.REGISTER_LISTING;
        c.accountId = 2;
        c.instrumentId = 1;
        c.quantityLots = listingLots;
        exchange.submit(c).get(5, TimeUnit.SECONDS);
    }
}
