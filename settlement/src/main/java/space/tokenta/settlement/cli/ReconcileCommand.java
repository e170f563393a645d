package space.tokenta.settlement.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.chain.devchain.DevDeployment;
import space.tokenta.settlement.DevSettlement;
import space.tokenta.settlement.SettlementConfig;
import space.tokenta.settlement.SettlementMetrics;
import space.tokenta.settlement.SettlementSchema;
import space.tokenta.settlement.escrow.EscrowChain;
import space.tokenta.settlement.escrow.EscrowRepository;
import space.tokenta.settlement.reconcile.Reconciler;
import space.tokenta.store.db.DatabaseConfig;
import space.tokenta.store.db.StoreDatabase;

/**
 * {@code tokenta reconcile}: compares every dev chain's escrow (balances, deals) with the engine's
 * ledger (folded from the node's event journal) and settlement's escrow rows; prints each difference
 * and the metrics. Exit 0 = no difference, 1 = differences, 2 = bad input.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compare the chains' escrow balances and deals with the ledger; print every difference.")
public final class ReconcileCommand implements Callable<Integer> {
    @Option(names = "--devchains", required = true, description = "the dev deployment file (devchains.json)")
    Path devchains;
    @Option(names = "--node-dir", required = true, description = "the cluster node's directory (its events journal)")
    Path nodeDir;
    @Option(names = "--jdbc", description = "PostgreSQL JDBC URL holding settlement's tables (else an embedded server in --data)")
    String jdbc;
    @Option(names = "--db-user", defaultValue = "postgres")
    String user;
    @Option(names = "--db-password", defaultValue = "postgres")
    String password;
    @Option(names = "--data", description = "embedded PostgreSQL data folder (not while another process runs it)")
    Path data;

    @Override
    public Integer call() {
        final DevDeployment deployment;
        try {
            deployment = DevDeployment.read(devchains);
        } catch (final RuntimeException e) {
            System.err.println("reconcile: " + e.getMessage());
            return 2;
        }
        if (jdbc == null && data == null) {
            System.err.println("reconcile: give --jdbc or --data");
            return 2;
        }
        final SettlementConfig config = DevSettlement.config(deployment);
        try (StoreDatabase db = StoreDatabase.open(jdbc != null ? DatabaseConfig.external(jdbc, user, password)
                : DatabaseConfig.embedded(data))) {
            SettlementSchema.migrate(db.dataSource());
            final Map<Long, Web3j> web3js = new HashMap<>();
            try {
                final List<EscrowChain> chains = config.chains().stream().map(c -> {
                    final DevDeployment.Chain d = deployment.chains().get(c.chainId());
                    final Web3j web3j = Web3j.build(new HttpService(d.direct().http()));
                    web3js.put(c.chainId(), web3j);
                    return new EscrowChain(c, web3j, d.operator().credentials());
                }).toList();
                final SettlementMetrics metrics = new SettlementMetrics();
                final Reconciler.Report report = new Reconciler(config, chains, DevSettlement.directory(deployment),
                        new EscrowRepository(db.dataSource()), nodeDir, metrics).run();
                for (final Reconciler.Difference d : report.differences()) {
                    System.out.println("DIFF  " + d);
                }
                System.out.printf("reconciled at journal position %d: %d accounts, %d deals, %d differences%n",
                        report.journalPosition(), report.accountsCompared(), report.dealsCompared(),
                        report.differences().size());
                report.notionalInEscrow().forEach((chain, locked) ->
                        System.out.printf("chain %d: notional in escrow %s%n", chain, locked));
                metrics.snapshot().forEach((k, v) -> System.out.println(k + " " + v));
                return report.clean() ? 0 : 1;
            } finally {
                web3js.values().forEach(Web3j::shutdown);
            }
        }
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new ReconcileCommand()).execute(args));
    }
}
