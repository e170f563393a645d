package space.tokenta.research.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import space.tokenta.research.audit.Sha256;

/**
 * Every parameter of the harness, read from one JSON file. The SHA-256 of the file's bytes is the
 * identity of a run: every artifact carries it.
 */
public record ResearchConfig(
        String name,
        Run run,
        Episode episode,
        Ntn ntn,
        Tn tn,
        Ue ue,
        Measurement measurement,
        Link link,
        Reward reward,
        Agent agent,
        Baselines baselines,
        Protocol protocol) {

    public static final String DEFAULT_RESOURCE = "/space/tokenta/research/default-config.json";
    public static final String SMOKE_RESOURCE = "/space/tokenta/research/smoke-config.json";

    /** Seeds and sizes of training, tuning and evaluation. */
    public record Run(
            List<Long> trainingSeeds,
            int trainEpisodes,
            int evalEpisodesPerSeed,
            long evalSeedBase,
            long tuningSeedBase,
            int tuningEpisodes,
            int threads) {}

    public record Episode(double durationS, int tickMs, double ueSpeedMps, double roadLengthM, double softLosTransitionM) {}

    /** LEO shell, beams and the TR 38.811 channel. */
    public record Ntn(
            double altitudeKm,
            double groundSpeedKmps,
            int beamsPerSatellite,
            double beamSpacingKm,
            double beamHalfPowerHalfAngleDeg,
            double eirpDensityDbwPerMhz,
            double carrierGhz,
            double bandwidthMhz,
            double subcarrierKhz,
            double minElevationDeg,
            List<Double> planeOffsetsKm,
            double alongTrackSpacingKm,
            double candidateRadiusKm,
            int frequencyReuse,
            String scenario,
            double shadowCorrelationM,
            double sidelobeFloorDb,
            double hoInterruptionMs) {}

    /** TR 38.901 macro cells along the road. */
    public record Tn(
            double carrierGhz,
            double bandwidthMhz,
            double subcarrierKhz,
            double antennaGainDbi,
            double candidateRadiusM,
            double hoInterruptionMs,
            List<Segment> segments) {}

    /** A stretch of road covered by sites of one scenario; sites alternate sides at lateralOffsetM. */
    public record Segment(
            String scenario, double startM, double endM, double isdM, double lateralOffsetM,
            double bsHeightM, double txPowerDbm, double shadowCorrelationM) {}

    public record Ue(double txPowerDbm, double antennaGainDbi, double noiseFigureDb, double heightM) {}

    public record Measurement(double noiseStdDb, int l3FilterK, int trendWindowTicks, double minRsrpDbm) {}

    /** Radio link monitoring (TS 38.133 / 38.331) and handover outcome parameters. */
    public record Link(
            double qOutDb,
            double qInDb,
            int n310,
            int n311,
            double t310Ms,
            double reestablishMs,
            double hofSinrDb,
            double pingPongWindowMs,
            double sinrCapDb) {}

    public record Reward(
            double handover, double pingPong, double rlf, double hof, double outagePerS,
            double throughputPerMbitS) {}

    public record Agent(
            List<Integer> hidden,
            int candidates,
            int decisionPeriodTicks,
            double gamma,
            double learningRate,
            int batchSize,
            int replayCapacity,
            int targetSyncUpdates,
            int trainEveryDecisions,
            int warmupDecisions,
            double epsilonStart,
            double epsilonEnd,
            int epsilonDecayDecisions,
            double huberDelta,
            double gradClipNorm) {}

    public record Baselines(
            double a3DefaultHysteresisDb,
            double a3DefaultTttMs,
            List<Double> tuneHysteresisDb,
            List<Double> tuneTttMs,
            double choHysteresisDb,
            double choTttMs,
            double choServingExitS,
            double choServingThresholdDbm,
            double tteCapS,
            double tteExitRsrpDbm) {}

    /** Agent protocol: the hard wall-clock deadline per decision. */
    public record Protocol(long deadlineMicros) {}

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** A parsed config with the bytes it came from (hashing is over the bytes, not the objects). */
    public record Loaded(ResearchConfig config, byte[] bytes, String sha256) {}

    public static Loaded parse(final byte[] bytes) {
        final ResearchConfig config;
        try {
            config = MAPPER.readValue(bytes, ResearchConfig.class);
        } catch (IOException e) {
            throw new ConfigException("config is not valid: " + e.getMessage(), e);
        }
        config.validate();
        return new Loaded(config, bytes.clone(), Sha256.hex(bytes));
    }

    public static Loaded load(final Path path) {
        try {
            return parse(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new ConfigException("cannot read config " + path + ": " + e.getMessage(), e);
        }
    }

    public static Loaded resource(final String name) {
        try (InputStream in = ResearchConfig.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ConfigException("missing bundled config " + name, null);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new ConfigException("cannot read bundled config " + name, e);
        }
    }

    public int ticksPerEpisode() {
        return (int) Math.round(episode.durationS * 1000.0 / episode.tickMs);
    }

    public int ticksOf(final double ms) {
        return (int) Math.ceil(ms / episode.tickMs - 1e-9);
    }

    public double tickS() {
        return episode.tickMs / 1000.0;
    }

    void validate() {
        require(name != null && !name.isBlank(), "name");
        require(run != null && episode != null && ntn != null && tn != null && ue != null
                && measurement != null && link != null && reward != null && agent != null
                && baselines != null && protocol != null, "every section is present");
        require(run.trainingSeeds != null && !run.trainingSeeds.isEmpty() && run.trainingSeeds.size() <= 64,
                "run.trainingSeeds: 1..64 seeds");
        require(run.trainingSeeds.stream().distinct().count() == run.trainingSeeds.size(), "run.trainingSeeds distinct");
        require(run.trainEpisodes >= 1 && run.trainEpisodes <= 100_000, "run.trainEpisodes 1..100000");
        require(run.evalEpisodesPerSeed >= 1 && run.evalEpisodesPerSeed <= 10_000, "run.evalEpisodesPerSeed 1..10000");
        require(run.tuningEpisodes >= 1 && run.tuningEpisodes <= 10_000, "run.tuningEpisodes 1..10000");
        require(run.threads >= 1 && run.threads <= 64, "run.threads 1..64");
        require(run.evalSeedBase != run.tuningSeedBase, "evaluation and tuning seeds differ");
        require(episode.tickMs >= 1 && episode.tickMs <= 1000, "episode.tickMs 1..1000");
        require(episode.durationS > 0 && episode.durationS <= 3600, "episode.durationS (0, 3600]");
        require(episode.ueSpeedMps >= 0.1 && episode.ueSpeedMps <= 140, "episode.ueSpeedMps 0.1..140");
        require(episode.roadLengthM > episode.ueSpeedMps * episode.durationS, "road longer than one episode's drive");
        require(episode.softLosTransitionM > 0 && episode.softLosTransitionM <= 1000, "episode.softLosTransitionM (0, 1000]");
        require(ntn.altitudeKm >= 300 && ntn.altitudeKm <= 2000, "ntn.altitudeKm (LEO) 300..2000");
        require(ntn.groundSpeedKmps > 0 && ntn.groundSpeedKmps < 8, "ntn.groundSpeedKmps (0, 8)");
        require(ntn.beamsPerSatellite == 1 || ntn.beamsPerSatellite == 7 || ntn.beamsPerSatellite == 19,
                "ntn.beamsPerSatellite is 1, 7 or 19 (hexagonal rings)");
        require(ntn.beamSpacingKm > 1 && ntn.beamHalfPowerHalfAngleDeg > 0.1 && ntn.beamHalfPowerHalfAngleDeg < 20,
                "ntn beam geometry");
        require(ntn.carrierGhz > 0.4 && ntn.carrierGhz < 6 && tn.carrierGhz > 0.4 && tn.carrierGhz < 7,
                "carriers in sub-6 GHz");
        require(ntn.bandwidthMhz > 0 && tn.bandwidthMhz > 0 && ntn.subcarrierKhz > 0 && tn.subcarrierKhz > 0,
                "bandwidths");
        require(ntn.planeOffsetsKm != null && !ntn.planeOffsetsKm.isEmpty() && ntn.planeOffsetsKm.size() <= 16,
                "ntn.planeOffsetsKm 1..16 planes");
        require(ntn.alongTrackSpacingKm >= 50, "ntn.alongTrackSpacingKm >= 50");
        require(ntn.candidateRadiusKm > 0 && ntn.candidateRadiusKm <= 500, "ntn.candidateRadiusKm (0, 500]");
        require(ntn.frequencyReuse == 1 || ntn.frequencyReuse == 3, "ntn.frequencyReuse 1 or 3");
        require("rural".equals(ntn.scenario) || "urban".equals(ntn.scenario), "ntn.scenario rural|urban");
        require(ntn.shadowCorrelationM > 0 && ntn.sidelobeFloorDb < 0, "ntn shadowing/sidelobe");
        require(ntn.hoInterruptionMs >= 0 && tn.hoInterruptionMs >= 0, "handover interruption >= 0");
        require(tn.segments != null && tn.segments.size() <= 64, "tn.segments <= 64");
        for (Segment s : tn.segments) {
            require("RMa".equals(s.scenario) || "UMa".equals(s.scenario), "segment scenario RMa|UMa");
            require(s.endM > s.startM && s.isdM >= 100 && s.bsHeightM >= 10 && s.bsHeightM <= 150,
                    "segment geometry");
            require((s.endM - s.startM) / s.isdM <= 200, "at most 200 sites per segment");
            require(s.shadowCorrelationM > 0, "segment shadowCorrelationM > 0");
        }
        require(ue.heightM >= 1 && ue.heightM <= 10, "ue.heightM 1..10 (TR 38.901 range)");
        require(measurement.noiseStdDb >= 0 && measurement.l3FilterK >= 0 && measurement.l3FilterK <= 19,
                "measurement noise and L3 k (0..19)");
        require(measurement.trendWindowTicks >= 1 && measurement.trendWindowTicks <= 500, "trendWindowTicks 1..500");
        require(link.qInDb > link.qOutDb, "Q_in above Q_out");
        require(link.n310 >= 1 && link.n311 >= 1 && link.t310Ms >= 0 && link.reestablishMs > 0, "RLF timers");
        require(link.pingPongWindowMs > 0 && link.sinrCapDb > 0, "ping-pong window and SINR cap");
        require(agent.hidden != null && !agent.hidden.isEmpty() && agent.hidden.size() <= 4
                && agent.hidden.stream().allMatch(h -> h >= 1 && h <= 1024), "agent.hidden 1..4 layers of 1..1024");
        require(agent.candidates >= 1 && agent.candidates <= 16, "agent.candidates 1..16");
        require(agent.decisionPeriodTicks >= 1 && agent.decisionPeriodTicks <= 100, "agent.decisionPeriodTicks 1..100");
        require(agent.gamma >= 0 && agent.gamma < 1, "agent.gamma [0, 1)");
        require(agent.learningRate > 0 && agent.learningRate < 1, "agent.learningRate");
        require(agent.batchSize >= 1 && agent.batchSize <= 1024, "agent.batchSize 1..1024");
        require(agent.replayCapacity >= agent.batchSize && agent.replayCapacity <= 2_000_000, "agent.replayCapacity");
        require(agent.targetSyncUpdates >= 1 && agent.trainEveryDecisions >= 1 && agent.warmupDecisions >= 0,
                "agent schedule");
        require(agent.epsilonStart >= agent.epsilonEnd && agent.epsilonEnd >= 0 && agent.epsilonStart <= 1
                && agent.epsilonDecayDecisions >= 1, "agent epsilon schedule");
        require(agent.huberDelta > 0 && agent.gradClipNorm > 0, "agent Huber delta and gradient clip");
        require(baselines.tuneHysteresisDb != null && !baselines.tuneHysteresisDb.isEmpty()
                && baselines.tuneTttMs != null && !baselines.tuneTttMs.isEmpty()
                && baselines.tuneHysteresisDb.size() * baselines.tuneTttMs.size() <= 400, "A3 tuning grid 1..400 points");
        require(baselines.a3DefaultHysteresisDb >= 0 && baselines.a3DefaultTttMs >= 0, "A3 default");
        require(baselines.tteCapS > 0, "baselines.tteCapS > 0");
        require(protocol.deadlineMicros >= 1 && protocol.deadlineMicros <= 10_000_000, "protocol.deadlineMicros 1..1e7");
    }

    private static void require(final boolean ok, final String what) {
        if (!ok) {
            throw new ConfigException("invalid config: " + what, null);
        }
    }
}
