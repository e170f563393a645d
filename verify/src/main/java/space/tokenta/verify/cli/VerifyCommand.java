package space.tokenta.verify.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.tokenta.verify.audit.EvidenceAudit;
import space.tokenta.verify.demo.ReferenceDemo;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.DirectoryEvidenceStore;
import space.tokenta.verify.evidence.EvidenceException;
import space.tokenta.verify.evidence.EvidenceStore;

/** {@code tokenta verify evidence <cid-or-file>}: re-verify stored evidence offline. Exit 0 valid, 1 invalid, 2 unusable input. */
@Command(name = "verify", description = "Re-verify Tokenta evidence.", mixinStandardHelpOptions = true,
    subcommands = {VerifyCommand.Evidence.class, VerifyCommand.Demo.class})
public final class VerifyCommand implements Runnable
{
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code demo} subcommand: every reference seller through S1-S6 on 127.0.0.1. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the honest and cheating reference sellers through the six stages; print one VRFY line each.")
    public static final class Demo implements Callable<Integer>
    {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--store", paramLabel = "<dir>", description = "directory for the demo's evidence (default: ${DEFAULT-VALUE})")
        Path directory = Path.of(".tokenta", "verify-demo");

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            final List<ReferenceDemo.Result> results = ReferenceDemo.run(directory, System.currentTimeMillis() / 1000, out);
            final long unexpected = results.stream().filter(r -> !r.expected()).count();
            out.println(unexpected == 0 ? "all " + results.size() + " deals ended as expected; evidence under " + directory.resolve("evidence") :
                unexpected + " deals ended unexpectedly");
            out.flush();
            return unexpected == 0 ? 0 : 1;
        }
    }

    /** The {@code evidence} subcommand. */
    @Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Check a CID (looked up in the store) or a file: hash, signatures, quorum, referenced records.")
    public static final class Evidence implements Callable<Integer>
    {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<cid-or-file>")
        String target;

        @Option(names = "--store", paramLabel = "<dir>", description = "evidence store directory (default: ${DEFAULT-VALUE})")
        Path store = Path.of(".tokenta", "evidence");

        @Option(names = "--quorum", description = "signatures a verdict needs (default: ${DEFAULT-VALUE})")
        int quorum = 3;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            final PrintWriter err = spec.commandLine().getErr();
            try
            {
                final Optional<EvidenceStore> evidenceStore = Files.isDirectory(store) ? Optional.of(new DirectoryEvidenceStore(store)) : Optional.empty();
                final EvidenceAudit audit = new EvidenceAudit(evidenceStore, quorum);
                final EvidenceAudit.Report report;
                if (Cid.isCid(target))
                {
                    report = audit.audit(Cid.parse(target));
                }
                else if (Files.isRegularFile(Path.of(target)))
                {
                    final Path file = Path.of(target);
                    if (Files.size(file) > EvidenceStore.MAX_OBJECT_BYTES)
                    {
                        throw new EvidenceException("file larger than " + EvidenceStore.MAX_OBJECT_BYTES + " bytes");
                    }
                    report = audit.audit(Files.readAllBytes(file));
                }
                else
                {
                    err.println("neither a CID nor a file: " + target);
                    return 2;
                }
                out.println(report.cid() + " " + report.kind());
                report.findings().forEach(line -> out.println("  " + line));
                out.println(report.valid() ? "VALID" : "INVALID");
                out.flush();
                return report.valid() ? 0 : 1;
            }
            catch (final RuntimeException ex)
            {
                // malformed or tampered evidence is a verdict, not a crash
                out.println("INVALID: " + ex.getMessage());
                out.flush();
                return 1;
            }
            catch (final java.io.IOException ex)
            {
                err.println("cannot read " + target + ": " + ex.getMessage());
                return 2;
            }
        }
    }
}
