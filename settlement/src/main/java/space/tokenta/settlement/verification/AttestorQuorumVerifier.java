package space.tokenta.settlement.verification;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import space.tokenta.chain.devchain.DevAccount;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.chain.escrow.QuorumSignatures;
import space.tokenta.settlement.escrow.DeliveryVerifier;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.verify.api.ApiQuotaVerifier;
import space.tokenta.verify.api.MeteringProxy;
import space.tokenta.verify.api.ReferenceModel;
import space.tokenta.verify.attest.Attestation;
import space.tokenta.verify.attest.Attestor;
import space.tokenta.verify.attest.AttestorNode;
import space.tokenta.verify.attest.RemoteAttestor;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.attest.AttestorPanel;
import space.tokenta.verify.attest.QuorumCoordinator;
import space.tokenta.verify.dataset.DatasetVerifier;
import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.DirectoryEvidenceStore;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.gpu.ComputeBlockVerifier;
import space.tokenta.verify.model.ModelAccessVerifier;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.AssetVerifier;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.ListingRegistry;
import space.tokenta.verify.pipeline.PipelineReport;
import space.tokenta.verify.pipeline.Stage;
import space.tokenta.verify.pipeline.StageResult;
import space.tokenta.verify.pipeline.VerificationPipeline;
import space.tokenta.verify.verdict.Eip712Domain;
import space.tokenta.verify.verdict.QuorumCollector;
import space.tokenta.verify.verdict.SignedVerdict;
import space.tokenta.verify.verdict.VerdictCode;
import space.tokenta.verify.verdict.VerdictHasher;

/**
 * Verification for settlement through the {@code verify} module: S1-S5 by its pipeline, S6 by a
 * panel of {@link AttestorNode}s per chain (own keys: the attestors the chain's escrow registered,
 * EIP-712 domain bound to that chain and escrow), quorum 3 of a panel of 5. The nodes run in this
 * process or, with {@link Placement#PROCESSES}, each in a JVM of its own behind HTTP on 127.0.0.1.
 */
public final class AttestorQuorumVerifier implements DeliveryVerifier, AutoCloseable {
    public static final int PANEL = 5;
    public static final int QUORUM = 3;
    public static final long QUORUM_TIMEOUT_MS = 60_000;
    public static final BigInteger MIN_BOND = BigInteger.valueOf(1_000);
    /** Every dev attestor's stake (units), for panel selection and the attestors' reputation. */
    public static final long ATTESTOR_STAKE = 1_000;

    /** Where a deal's delivery comes from (the seller's endpoint and listing, the buyer's acceptance). */
    public interface DeliverySource {
        /** Empty while nothing is delivered. */
        Optional<Prepared> prepare(EscrowRow escrow);
    }

    /** A delivery, its acceptance, and for an API quota the metering proxy the buyer's traffic goes through. */
    public record Prepared(Delivery delivery, Acceptance acceptance, Optional<MeteringProxy> meter) {
        public Prepared(final Delivery delivery, final Acceptance acceptance) {
            this(delivery, acceptance, Optional.empty());
        }
    }

    /** Where the attestors run: threads of this process, or one JVM each ({@link RemoteAttestor}). */
    public enum Placement {
        IN_PROCESS, PROCESSES
    }

    private record ChainPanel(QuorumCoordinator coordinator, VerdictHasher hasher, Map<String, String> names,
                              List<Attestor> nodes) {
    }

    private final DirectoryEvidenceStore store;
    private final long verdictTtlSec;
    private final DeliverySource source;
    private final Optional<VerificationRecorder> recorder;
    private final Placement placement;
    private final Map<Long, ChainPanel> panels = new HashMap<>();

    /**
     * A verifier that records nothing beyond its evidence directory.
     *
     * @param attestorsByChain per chain id: its escrow address and the registered attestors' keys
     */
    public AttestorQuorumVerifier(final Path evidenceDir, final Map<Long, Map.Entry<String, List<DevAccount>>> attestorsByChain,
            final long verdictTtlSec, final DeliverySource source) {
        this(evidenceDir, attestorsByChain, verdictTtlSec, source, Optional.empty());
    }

    /**
     * @param attestorsByChain per chain id: its escrow address and the registered attestors' keys
     * @param recorder         where runs, evidence bodies and signatures are recorded (the gateway serves them)
     */
    public AttestorQuorumVerifier(final Path evidenceDir, final Map<Long, Map.Entry<String, List<DevAccount>>> attestorsByChain,
            final long verdictTtlSec, final DeliverySource source, final Optional<VerificationRecorder> recorder) {
        this(evidenceDir, attestorsByChain, verdictTtlSec, source, recorder, Placement.IN_PROCESS);
    }

    /**
     * @param attestorsByChain per chain id: its escrow address and the registered attestors' keys
     * @param recorder         where runs, evidence bodies and signatures are recorded (the gateway serves them)
     * @param placement        PROCESSES starts one attestor JVM per key and chain (stopped by {@link #close()})
     */
    public AttestorQuorumVerifier(final Path evidenceDir, final Map<Long, Map.Entry<String, List<DevAccount>>> attestorsByChain,
            final long verdictTtlSec, final DeliverySource source, final Optional<VerificationRecorder> recorder,
            final Placement placement) {
        this.placement = placement;
        this.store = new DirectoryEvidenceStore(evidenceDir);
        this.verdictTtlSec = verdictTtlSec;
        this.source = source;
        this.recorder = recorder;
        try {
            for (final var e : attestorsByChain.entrySet()) {
                panels.put(e.getKey(), panel(e.getKey(), e.getValue().getKey(), e.getValue().getValue()));
            }
        } catch (final RuntimeException ex) {
            close();
            throw ex;
        }
    }

    private ChainPanel panel(final long chainId, final String escrow, final List<DevAccount> attestors) {
        if (attestors.size() < QUORUM) {
            throw new IllegalArgumentException("chain " + chainId + " has " + attestors.size() + " attestors, needs " + QUORUM);
        }
        final Eip712Domain domain = Eip712Domain.escrow(chainId, escrow.toLowerCase(java.util.Locale.ROOT));
        final VerdictHasher hasher = new VerdictHasher(domain);
        final List<Attestor> nodes = new ArrayList<>();
        final List<AttestorPanel.Member> members = new ArrayList<>();
        final Map<String, String> names = new HashMap<>();
        int n = 1;
        try {
            for (final DevAccount a : attestors) {
                final Secp256k1Key key = Secp256k1Key.fromPrivateKey(EvmHex.bytes(a.privateKey()));
                final String name = "N-0" + n++;
                // each node reads evidence through its own store handle and re-hashes what it reads
                final Attestor node = placement == Placement.PROCESSES
                        ? RemoteAttestor.launch(name, Hex.encode(EvmHex.bytes(a.privateKey())), store.directory(), chainId,
                                escrow.toLowerCase(java.util.Locale.ROOT))
                        : new AttestorNode(name, key, new DirectoryEvidenceStore(store.directory()), hasher, verifiers()).start();
                nodes.add(node);
                if (!node.address().equalsIgnoreCase(key.address())) {
                    throw new IllegalStateException("attestor " + name + " answers as " + node.address());
                }
                members.add(new AttestorPanel.Member(key.address(), ATTESTOR_STAKE, 0.9, Set.of()));
                names.put(key.address().toLowerCase(java.util.Locale.ROOT), name);
            }
        } catch (final RuntimeException ex) {
            // this panel is not registered yet: stop what it started
            nodes.forEach(Attestor::close);
            throw ex;
        }
        final QuorumCoordinator coordinator = new QuorumCoordinator(nodes, members, domain, store,
                Math.min(PANEL, nodes.size()), QUORUM, QUORUM_TIMEOUT_MS);
        return new ChainPanel(coordinator, hasher, names, nodes);
    }

    static List<AssetVerifier> verifiers() {
        return List.of(new ApiQuotaVerifier(Map.of(ReferenceMarket.MODEL, new ReferenceModel(ReferenceMarket.MODEL))),
                new ComputeBlockVerifier(), new DatasetVerifier(),
                new ModelAccessVerifier(Map.of("golden-v2", ReferenceMarket.GOLDEN)));
    }

    @Override
    public Outcome verify(final EscrowRow escrow, final long chainTimeSec) {
        final ChainPanel panel = panels.get(escrow.chainId());
        if (panel == null) {
            return new NoQuorum("no attestor panel for chain " + escrow.chainId());
        }
        final Optional<Prepared> prepared = source.prepare(escrow);
        if (prepared.isEmpty()) {
            return new NotReady("nothing delivered for " + escrow.escrowId());
        }
        final Delivery delivery = prepared.get().delivery();
        final OptionalLong runId = recorder.isEmpty() ? OptionalLong.empty() : OptionalLong.of(recorder.get().start(
                new VerificationRecorder.RunStart(escrow.escrowId(), escrow.chainId(), escrow.dealId(),
                        delivery.listing().manifest().path("symbol").asString(""), delivery.listing().assetClass().name(),
                        escrow.sellerAccountId(), escrow.buyerAccountId(), escrow.disputed() ? 1 : 0, QUORUM)));
        // a fresh listing registry per deal: duplicate listings are the listing stage's concern at listing time
        final List<AssetVerifier> verifiers = verifiers();
        // S4 of an API quota reads the transcript of the proxy that metered this deal
        prepared.get().meter().ifPresent(proxy -> verifiers.stream().filter(ApiQuotaVerifier.class::isInstance)
                .forEach(v -> ((ApiQuotaVerifier) v).register(delivery.dealId(), proxy)));
        final VerificationPipeline pipeline = new VerificationPipeline(verifiers, store, new ListingRegistry(16),
                MIN_BOND, verdictTtlSec);
        final PipelineReport report = pipeline.run(delivery, prepared.get().acceptance(), chainTimeSec,
                new SplittableRandom(ByteBuffer.wrap(delivery.dealId()).getLong()));
        final String statementCid = report.evidenceCid() == null ? null : report.evidenceCid().toString();
        if (report.state() == PipelineReport.State.PENDING) {
            runId.ifPresent(id -> recorder.get().progress(id, report.stages(), statementCid));
            return new NotReady("acceptance window open for " + escrow.escrowId());
        }
        final QuorumCoordinator.Outcome outcome = panel.coordinator().attest(delivery, report);
        // proofs that check against this chain's domain are kept: the reputation feed slashes their signers
        recorder.ifPresent(r -> outcome.equivocations().stream().filter(p -> p.verifies(panel.hasher()))
                .forEach(p -> r.equivocation(escrow.escrowId(), p)));
        if (outcome.quorum().isEmpty()) {
            runId.ifPresent(id -> recorder.get().progress(id, withQuorumStage(report.stages(), outcome, 0), statementCid));
            return new NoQuorum("no quorum on " + escrow.escrowId() + ": " + outcome.attestations().size() + " answers");
        }
        final String envelopeCid = outcome.envelopeCid().map(String::valueOf).orElse("");
        final Outcome result = toChain(panel, outcome.quorum().get(), envelopeCid);
        if (runId.isPresent() && result instanceof Verdict v) {
            record(runId.getAsLong(), escrow, panel, report, outcome, v);
        }
        return result;
    }

    /** Evidence bodies, every signed answer and the run's outcome, before the verdict is handed to the escrow worker. */
    private void record(final long runId, final EscrowRow escrow, final ChainPanel panel, final PipelineReport report,
            final QuorumCoordinator.Outcome outcome, final Verdict verdict) {
        final VerificationRecorder r = recorder.orElseThrow();
        final String statementCid = report.evidenceCid().toString();
        r.evidence(statementCid, escrow.escrowId(), "STATEMENT", VerificationRecorder.MEDIA_STATEMENT,
                store.get(report.evidenceCid()));
        r.evidence(verdict.evidenceCid(), escrow.escrowId(), "ENVELOPE", VerificationRecorder.MEDIA_ENVELOPE,
                store.get(outcome.envelopeCid().orElseThrow()));
        final List<VerificationRecorder.Signature> signatures = new ArrayList<>();
        for (final Attestation a : outcome.attestations()) {
            a.verdict().filter(sv -> sv.verifies(panel.hasher())).ifPresent(sv -> signatures.add(
                    new VerificationRecorder.Signature(sv.signer(), panel.names().getOrDefault(sv.signer(), sv.signer()),
                            sv.verdict().verdict() == VerdictCode.PASS, sv.verdict().scoreBps())));
        }
        r.signatures(verdict.evidenceCid(), signatures);
        final int quorumSignatures = verdict.signatures().length / 65;
        r.finish(runId, verdict.pass(), withQuorumStage(report.stages(), outcome, quorumSignatures), verdict.evidenceCid(),
                statementCid, quorumSignatures, verdict.verdict().scoreBps());
    }

    /** S1-S5 as the pipeline reported them, then S6: passed when a quorum signed one verdict. */
    private static List<StageResult> withQuorumStage(final List<StageResult> stages, final QuorumCoordinator.Outcome outcome,
            final int signatures) {
        final List<StageResult> all = new ArrayList<>(stages);
        final int answers = (int) outcome.attestations().stream().filter(a -> a.verdict().isPresent()).count();
        final String detail = outcome.quorum().map(q -> signatures + " of " + PANEL + " attestors signed "
                + q.verdict().verdict().name() + " (quorum " + QUORUM + ")")
                .orElse("no quorum: " + answers + " signed answers of " + outcome.attestations().size());
        all.add(new StageResult(Stage.S6_QUORUM, outcome.quorum().isPresent(), StageResult.bps(signatures, PANEL), detail,
                CanonicalJson.object()));
        return all;
    }

    private Outcome toChain(final ChainPanel panel, final QuorumCollector.Quorum quorum, final String envelopeCid) {
        final space.tokenta.verify.verdict.DeliveryVerdict v = quorum.verdict();
        // the attestors signed exactly this struct (a PASS claims all six stages), so their signatures go on chain as they are
        final space.tokenta.chain.escrow.DeliveryVerdict chainVerdict = new space.tokenta.chain.escrow.DeliveryVerdict(
                v.dealId(), v.evidenceDigest(), v.stageMask(), v.verdict().code(), v.scoreBps(), v.issuedAt(), v.expiresAt());
        final List<QuorumSignatures.Signed> signatures = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        for (final SignedVerdict signed : quorum.signatures()) {
            if (!signed.verifies(panel.hasher())) {
                continue;
            }
            final String signer = signed.signer().toLowerCase(java.util.Locale.ROOT);
            signatures.add(new QuorumSignatures.Signed(signer, signed.signature()));
            names.add(panel.names().getOrDefault(signer, signer));
        }
        if (signatures.size() < QUORUM) {
            return new NoQuorum("only " + signatures.size() + " verifiable signatures");
        }
        return new Verdict(chainVerdict, QuorumSignatures.pack(signatures), envelopeCid, String.join(",", names));
    }

    @Override
    public void close() {
        for (final ChainPanel p : panels.values()) {
            p.nodes().forEach(Attestor::close);
        }
        if (source instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (final Exception ignored) {
                // the reference sellers are local fixtures: closing them is best effort
            }
        }
    }
}
