package space.tokenta.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import space.tokenta.verify.attest.QuorumCoordinator;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.PipelineReport;
import space.tokenta.verify.seller.GpuWorkerSeller;

/** {@code tokenta verify evidence}: valid evidence verifies; one changed byte anywhere breaks it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyCommandTest
{
    private ReferenceMarket market;
    private GpuWorkerSeller worker;
    private PipelineReport report;
    private Cid envelope;

    @BeforeAll
    void settleOneDeal(@TempDir final Path temp)
    {
        market = new ReferenceMarket(temp);
        worker = new GpuWorkerSeller(GpuWorkerSeller.Behaviour.HONEST, market.worker, 0, 10_000, 6);
        final Delivery delivery = market.gpuDelivery("cli", worker.baseUri());
        report = market.pipeline.run(delivery, Acceptance.accepted(delivery.dealId(), market.buyer), 1_790_000_000L, new SplittableRandom(3));
        assertEquals(PipelineReport.State.PASS, report.state());
        final QuorumCoordinator.Outcome outcome = market.coordinator.attest(delivery, report);
        envelope = outcome.envelopeCid().orElseThrow();
    }

    @AfterAll
    void stop()
    {
        worker.close();
        market.close();
    }

    private record Run(int exit, String out)
    {
    }

    private Run verify(final String... args)
    {
        final StringWriter out = new StringWriter();
        final CommandLine cli = new CommandLine(new VerifyCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        final int exit = cli.execute(args);
        return new Run(exit, out.toString());
    }

    @Test
    void quorumEnvelopeVerifiesByCid()
    {
        final Run run = verify("evidence", envelope.toString(), "--store", market.store.directory().toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("VALID") && run.out().contains("verdict PASS") && run.out().contains("heartbeat chain of 6 verified"), run.out());
    }

    @Test
    void statementVerifiesAsAFile(@TempDir final Path temp) throws Exception
    {
        final Path file = temp.resolve("statement.json");
        Files.write(file, report.statementBytes());
        final Run run = verify("evidence", file.toString(), "--store", market.store.directory().toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().startsWith(report.evidenceCid().toString()), run.out());
    }

    @Test
    void oneChangedByteInTheStatementBreaksVerification(@TempDir final Path temp) throws Exception
    {
        final String text = new String(report.statementBytes(), StandardCharsets.UTF_8);
        final int at = text.indexOf("\"scoreBps\":") + "\"scoreBps\":".length();
        final String tampered = text.substring(0, at) + (text.charAt(at) == '1' ? '2' : '1') + text.substring(at + 1);
        assertEquals(report.statementBytes().length, tampered.getBytes(StandardCharsets.UTF_8).length);

        // 1. the stored copy: the store re-hashes and refuses it
        final Path stored = market.store.pathOf(report.evidenceCid());
        final byte[] original = Files.readAllBytes(stored);
        try
        {
            Files.write(stored, tampered.getBytes(StandardCharsets.UTF_8));
            final Run byCid = verify("evidence", report.evidenceCid().toString(), "--store", market.store.directory().toString());
            assertEquals(1, byCid.exit(), byCid.out());
            final Run quorum = verify("evidence", envelope.toString(), "--store", market.store.directory().toString());
            assertEquals(0, quorum.exit(), "the envelope carries its own copy of the statement: " + quorum.out());
        }
        finally
        {
            Files.write(stored, original);
        }

        // 2. the envelope with the changed statement inside: signatures and the digest binding break
        final String envelopeText = new String(market.store.get(envelope), StandardCharsets.UTF_8);
        final String payload = java.util.Base64.getEncoder().encodeToString(report.statementBytes());
        final String forged = envelopeText.replace(payload,
            java.util.Base64.getEncoder().encodeToString(tampered.getBytes(StandardCharsets.UTF_8)));
        final Path file = temp.resolve("forged.json");
        Files.writeString(file, forged);
        final Run run = verify("evidence", file.toString(), "--store", market.store.directory().toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("evidenceDigest is not the sha256"), run.out());
    }

    @Test
    void byteFlipsAcrossTheWholeEnvelopeAreRejected(@TempDir final Path temp) throws Exception
    {
        final byte[] bytes = market.store.get(envelope);
        final SplittableRandom random = new SplittableRandom(99);
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final java.util.List<Integer> positions = new java.util.ArrayList<>();
        for (int at = 0; at < bytes.length; at += 251)
        {
            positions.add(at);
        }
        positions.add(text.indexOf("quorum/v1") + 7);
        positions.add(text.indexOf("TokentaEscrow"));
        positions.add(text.indexOf("verdictSignatures") + 3);
        for (final int at : positions)
        {
            final byte[] copy = bytes.clone();
            copy[at] ^= (byte)(1 << random.nextInt(7));
            final Path file = temp.resolve("flip-" + at + ".json");
            Files.write(file, copy);
            final Run run = verify("evidence", file.toString(), "--store", market.store.directory().toString());
            assertEquals(1, run.exit(), "flip at " + at + ": " + run.out());
        }
    }

    @Test
    void demoRunsEveryReferenceSellerToTheExpectedVerdict(@TempDir final Path temp)
    {
        final Run run = verify("demo", "--store", temp.toString());
        assertEquals(0, run.exit(), run.out());
        assertEquals(8, run.out().lines().filter(l -> l.startsWith("VRFY")).count(), run.out());
        assertTrue(run.out().contains("S3_CONFORMANCE FAIL") && run.out().contains("-> release") && run.out().contains("-> refund"), run.out());
    }

    @Test
    void unknownTargetIsAUsageError()
    {
        assertEquals(2, verify("evidence", "no-such-file-or-cid").exit());
    }
}
