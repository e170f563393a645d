package space.tokenta.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code tokenta} command line; each subcommand is a small class of its own. */
@Command(
        name = "tokenta",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Tokenta: a verifiable exchange for AI capacity.",
        subcommands = {CommandLine.HelpCommand.class, UpCommand.class, space.tokenta.bench.BenchCommand.class,
                space.tokenta.gateway.cli.TraderCommands.Keys.class, space.tokenta.gateway.cli.TraderCommands.Place.class,
                space.tokenta.gateway.cli.TraderCommands.Cancel.class, space.tokenta.gateway.cli.TraderCommands.Book.class,
                space.tokenta.gateway.cli.TraderCommands.Balances.class, space.tokenta.gateway.cli.TraderCommands.Fills.class})
public final class Main implements Runnable {

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
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
