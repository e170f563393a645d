package space.tokenta.cluster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import space.tokenta.cluster.admin.ClusterStatusReport;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.node.ClusterMembers;
import space.tokenta.cluster.node.EmbeddedTokenta;

/** {@code tokenta cluster status|snapshot|bench}: operate a running cluster through its ingress. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Inspect and operate a running cluster.",
        subcommands = {ClusterCommand.Status.class, ClusterCommand.Snapshot.class, ClusterBenchCommand.class})
public final class ClusterCommand implements Runnable {
    @Option(names = "--members", defaultValue = "1", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "\"0=host:portBase,...\" or a member count with --port-base (default: the embedded node)")
    String members;

    @Option(names = "--port-base", defaultValue = "" + EmbeddedTokenta.DEFAULT_PORT_BASE,
            scope = picocli.CommandLine.ScopeType.INHERIT, description = "port base when --members is a count (default ${DEFAULT-VALUE})")
    int portBase;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    ClusterMembers clusterMembers() {
        return NodeCommand.parseMembers(members, portBase);
    }

    TokentaClusterClient connect() {
        return TokentaClusterClient.connect(TokentaClusterClient.Config.of(clusterMembers().ingressEndpoints(), null));
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Leader, members, log position, latest snapshot, state hash.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Override
        public Integer call() {
            try (TokentaClusterClient client = parent.connect()) {
                ClusterStatusReport.print(parent.clusterMembers(), client, System.out);
            }
            return 0;
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Take a snapshot on every member now.")
    static final class Snapshot implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Override
        public Integer call() {
            try (TokentaClusterClient client = parent.connect()) {
                final boolean taken = client.snapshot();
                System.out.println(taken ? "snapshot taken" : "snapshot refused by the cluster");
                if (taken) {
                    ClusterStatusReport.print(parent.clusterMembers(), client, System.out);
                }
                return taken ? 0 : 1;
            }
        }
    }
}
