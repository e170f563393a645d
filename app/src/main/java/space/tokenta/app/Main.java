package space.tokenta.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import space.tokenta.bench.BenchCommand;
import space.tokenta.chain.cli.ChainCommand;
import space.tokenta.cluster.cli.ClusterCommand;
import space.tokenta.cluster.cli.NodeCommand;
import space.tokenta.gateway.cli.TraderCommands;
import space.tokenta.research.cli.ResearchCommand;
import space.tokenta.settlement.cli.ReconcileCommand;
import space.tokenta.settlement.indexer.cli.IndexerCommand;
import space.tokenta.store.cli.StoreCommand;
import space.tokenta.verify.cli.VerifyCommand;

/** Entry point of the {@code tokenta} command line; each subcommand is a small class of its own. */
@Command(
        name = "tokenta",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Tokenta: a verifiable exchange for AI capacity.",
        subcommands = {
            CommandLine.HelpCommand.class,
            UpCommand.class,
            NodeCommand.class,
            ClusterCommand.class,
            StoreCommand.class,
            TraderCommands.Keys.class,
            TraderCommands.Place.class,
            TraderCommands.Cancel.class,
            TraderCommands.Book.class,
            TraderCommands.Balances.class,
            TraderCommands.Fills.class,
            TraderCommands.Orders.class,
            IndexerCommand.class,
            ReconcileCommand.class,
            BenchCommand.class,
            ChainCommand.class,
            VerifyCommand.class,
            ResearchCommand.class
        })
public final class Main implements Runnable {

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new Main());
        // bench depends on the engine only; the gateway's benchmark joins it here, where both are wired
        commandLine.getSubcommands().get("bench").addSubcommand(new GatewayBenchCommand());
        return commandLine;
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"tokenta " + (version == null ? "dev" : version)};
        }
    }
}
