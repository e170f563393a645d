package space.tokenta.research.sim;

import java.util.ArrayList;
import java.util.List;
import space.tokenta.research.config.ResearchConfig;

/**
 * One episode of a UE driving along a road under TR 38.901 macro cells and earth-moving LEO beams.
 * The environment owns simulated time: {@link #advance(int)} applies the decision taken at the
 * current tick and only then moves to the next tick. Channel and measurement randomness depend only
 * on the episode seed (never on decisions), so every policy sees the same radio conditions
 * (common random numbers for a paired comparison).
 */
public final class Simulator implements MeasurementView {
    public static final int STAY = -1;
    private static final double EARTH_RADIUS_M = 6_371_000.0;

    private final ResearchConfig cfg;
    private final EventSink events;
    private final long measurementSeed;
    private final SplitMix64 channelRng;
    private final int ticksPerEpisode;
    private final double tickS;
    private final double filterA;
    private final int trendWindow;

    // Static cell layout of the episode: TN cells first, then satellite beams.
    private final int tnCount;
    private final int satCount;
    private final int beams;
    private final int cellCount;
    private final double[] tnX;
    private final double[] tnY;
    private final double[] tnHeight;
    private final double[] tnPowerPerReDbm;
    private final double[] tnCorrM;
    private final boolean[] tnUrban;
    private final double[] satTrackX;
    private final double[] satY0;
    private final double[] beamDx;
    private final double[] beamDy;
    private final int[] beamColor;

    // Radio link state (policy-independent): TN per cell, NTN per satellite.
    private final LosShadowing tnLinks;
    private final double[] tnRho;
    private final LosShadowing satLinks;
    private final boolean[] satVisible;
    private final double[] satElevationDeg;

    // Per-cell values of the current tick.
    private final double[] trueRsrpDbm;
    private final boolean[] present;
    private final boolean[] candidate;
    private final int[] candidates;
    private int candidateCount;
    private final double[] filtered;
    private final int[] filterCount;
    private final double[][] history;
    private final double[] ntnInterferenceMw;
    private double tnInterferenceMw;

    private final double ntnEirpPerReDbm;
    private final double ntnNoiseMw;
    private final double tnNoiseMw;
    private final double ka;
    private final double beamRadiusM;
    private final double beamReachM;
    private final double beamExtentM;
    private final boolean ntnUrban;
    private final double ueStartX;

    private final LinkMonitor linkMonitor;
    private final EpisodeMetrics metrics = new EpisodeMetrics();
    private ConnectionState state = ConnectionState.REESTABLISHING;
    private int tick = -1;
    private int serving = NO_CELL;
    private int hoTarget = NO_CELL;
    private int hoSource = NO_CELL;
    private int stateTicksLeft;
    private int previousServing = NO_CELL;
    private int lastHandoverTick = Integer.MIN_VALUE / 2;
    private double servingSinrDb = Double.NEGATIVE_INFINITY;
    private double ueX;

    public Simulator(final ResearchConfig cfg, final long episodeSeed, final EventSink events) {
        this.cfg = cfg;
        this.events = events;
        this.measurementSeed = SplitMix64.mix(episodeSeed, 2, 0);
        this.channelRng = new SplitMix64(SplitMix64.mix(episodeSeed, 1, 0));
        final SplitMix64 layoutRng = new SplitMix64(SplitMix64.mix(episodeSeed, 3, 0));
        this.ticksPerEpisode = cfg.ticksPerEpisode();
        this.tickS = cfg.tickS();
        this.filterA = L3Filter.coefficient(cfg.measurement().l3FilterK());
        this.trendWindow = cfg.measurement().trendWindowTicks();

        final ResearchConfig.Episode ep = cfg.episode();
        this.ueStartX = layoutRng.nextDouble() * (ep.roadLengthM() - ep.ueSpeedMps() * ep.durationS());
        this.ueX = ueStartX;

        // Terrestrial sites along the road, alternating sides.
        final List<double[]> sites = new ArrayList<>();
        final List<ResearchConfig.Segment> siteSegments = new ArrayList<>();
        for (ResearchConfig.Segment s : cfg.tn().segments()) {
            int k = 0;
            for (double x = s.startM() + s.isdM() / 2.0; x < s.endM(); x += s.isdM()) {
                sites.add(new double[] {x, (k % 2 == 0 ? 1.0 : -1.0) * s.lateralOffsetM()});
                siteSegments.add(s);
                k++;
            }
        }
        this.tnCount = sites.size();
        this.tnX = new double[tnCount];
        this.tnY = new double[tnCount];
        this.tnHeight = new double[tnCount];
        this.tnPowerPerReDbm = new double[tnCount];
        this.tnCorrM = new double[tnCount];
        this.tnUrban = new boolean[tnCount];
        final double tnRePerCarrierDb = 10.0 * StrictMath.log10(cfg.tn().bandwidthMhz() * 1000.0 / cfg.tn().subcarrierKhz());
        for (int i = 0; i < tnCount; i++) {
            final ResearchConfig.Segment s = siteSegments.get(i);
            tnX[i] = sites.get(i)[0];
            tnY[i] = sites.get(i)[1];
            tnHeight[i] = s.bsHeightM();
            tnPowerPerReDbm[i] = s.txPowerDbm() - tnRePerCarrierDb + cfg.tn().antennaGainDbi();
            tnCorrM[i] = s.shadowCorrelationM();
            tnUrban[i] = TnChannel.isUrban(s.scenario());
        }

        // Satellites: planes cross the road at the given offsets; random along-track phase per plane.
        final ResearchConfig.Ntn ntn = cfg.ntn();
        final double spacingM = ntn.alongTrackSpacingKm() * 1000.0;
        final double vSat = ntn.groundSpeedKmps() * 1000.0;
        final double marginM = (ntn.candidateRadiusKm() + 3.0 * ntn.beamSpacingKm() + 50.0) * 1000.0;
        final List<double[]> sats = new ArrayList<>();
        for (double offsetKm : ntn.planeOffsetsKm()) {
            final double phase = layoutRng.nextDouble() * spacingM;
            final int jMin = (int) Math.floor((-marginM - phase) / spacingM);
            final int jMax = (int) Math.ceil((marginM + vSat * ep.durationS() - phase) / spacingM);
            for (int j = jMin; j <= jMax; j++) {
                sats.add(new double[] {ueStartX + offsetKm * 1000.0, phase + j * spacingM});
            }
        }
        this.satCount = sats.size();
        this.satTrackX = new double[satCount];
        this.satY0 = new double[satCount];
        for (int i = 0; i < satCount; i++) {
            satTrackX[i] = sats.get(i)[0];
            satY0[i] = sats.get(i)[1];
        }
        this.beams = ntn.beamsPerSatellite();
        final int rings = beams == 1 ? 0 : beams == 7 ? 1 : 2;
        this.beamDx = new double[beams];
        this.beamDy = new double[beams];
        this.beamColor = new int[beams];
        int b = 0;
        final double sp = ntn.beamSpacingKm() * 1000.0;
        for (int q = -rings; q <= rings; q++) {
            for (int r = -rings; r <= rings; r++) {
                if (Math.abs(q + r) > rings) {
                    continue;
                }
                beamDx[b] = sp * (q + r / 2.0);
                beamDy[b] = sp * (r * Math.sqrt(3.0) / 2.0);
                beamColor[b] = ntn.frequencyReuse() == 1 ? 0 : Math.floorMod(q - r, 3);
                b++;
            }
        }
        if (b != beams) {
            throw new IllegalStateException("hexagonal beam layout produced " + b + " beams, expected " + beams);
        }
        this.cellCount = tnCount + satCount * beams;
        this.tnLinks = new LosShadowing(tnCount);
        this.tnRho = new double[tnCount];
        for (int i = 0; i < tnCount; i++) {
            tnRho[i] = StrictMath.exp(-cfg.episode().ueSpeedMps() * tickS / tnCorrM[i]);
        }
        this.satLinks = new LosShadowing(satCount);
        this.satVisible = new boolean[satCount];
        this.satElevationDeg = new double[satCount];
        this.trueRsrpDbm = new double[cellCount];
        this.present = new boolean[cellCount];
        this.candidate = new boolean[cellCount];
        this.candidates = new int[cellCount];
        this.filtered = new double[cellCount];
        this.filterCount = new int[cellCount];
        this.history = new double[cellCount][trendWindow + 1];
        this.ntnInterferenceMw = new double[3];

        this.ntnEirpPerReDbm = ntn.eirpDensityDbwPerMhz() + 10.0 * StrictMath.log10(ntn.subcarrierKhz() / 1000.0) + 30.0;
        this.ntnNoiseMw = dbmToMw(-174.0 + 10.0 * StrictMath.log10(ntn.subcarrierKhz() * 1000.0) + cfg.ue().noiseFigureDb());
        this.tnNoiseMw = dbmToMw(-174.0 + 10.0 * StrictMath.log10(cfg.tn().subcarrierKhz() * 1000.0) + cfg.ue().noiseFigureDb());
        this.ka = NtnChannel.apertureKa(ntn.beamHalfPowerHalfAngleDeg());
        this.beamRadiusM = sp / Math.sqrt(3.0);
        this.beamReachM = (ntn.candidateRadiusKm() + ntn.beamSpacingKm()) * 1000.0;
        double extent = 0.0;
        for (int i = 0; i < beams; i++) {
            extent = Math.max(extent, StrictMath.hypot(beamDx[i], beamDy[i]));
        }
        this.beamExtentM = extent;
        this.ntnUrban = "urban".equals(ntn.scenario());
        final ResearchConfig.Link link = cfg.link();
        this.linkMonitor = new LinkMonitor(link.qOutDb(), link.qInDb(), link.n310(), link.n311(), cfg.ticksOf(link.t310Ms()));

        // Tick 0: measure, then select the best cell (initial access).
        tick = 0;
        updateRadio();
        connectToBest();
        account();
    }

    public boolean done() {
        return tick >= ticksPerEpisode - 1;
    }

    public boolean canDecide() {
        return state == ConnectionState.CONNECTED;
    }

    /** Applies the decision for the current tick (a cell id or {@link #STAY}), then advances one tick. */
    public void advance(final int target) {
        if (done()) {
            throw new IllegalStateException("episode is over at tick " + tick);
        }
        if (target != STAY && state == ConnectionState.CONNECTED && target != serving) {
            if (target < 0 || target >= cellCount || !candidate[target]) {
                throw new IllegalArgumentException("handover target " + target + " is not a measured candidate");
            }
            startHandover(target);
        }
        tick++;
        updateRadio();
        progressConnection();
        account();
    }

    private void startHandover(final int target) {
        metrics.handovers++;
        events.handover(tick, serving, target);
        if (target == previousServing && tick - lastHandoverTick <= cfg.ticksOf(cfg.link().pingPongWindowMs())) {
            metrics.pingPongs++;
            events.pingPong(tick, serving, target);
        }
        if (servingSinrDb < cfg.link().qOutDb()) {
            // The command cannot reach the UE over a failed source link: too-late handover.
            failHandover(serving, target, "source-link");
            return;
        }
        hoSource = serving;
        hoTarget = target;
        state = ConnectionState.HANDOVER_EXECUTING;
        stateTicksLeft = Math.max(1, cfg.ticksOf(isNtn(target) ? cfg.ntn().hoInterruptionMs() : cfg.tn().hoInterruptionMs()));
        serving = NO_CELL;
    }

    private void failHandover(final int from, final int to, final String cause) {
        metrics.handoverFailures++;
        events.handoverFailure(tick, from, to, cause);
        serving = NO_CELL;
        state = ConnectionState.REESTABLISHING;
        stateTicksLeft = Math.max(1, cfg.ticksOf(cfg.link().reestablishMs()));
        linkMonitor.reset();
    }

    private void progressConnection() {
        switch (state) {
            case HANDOVER_EXECUTING -> {
                if (--stateTicksLeft <= 0) {
                    final double targetSinr = sinrDb(hoTarget);
                    if (targetSinr >= cfg.link().hofSinrDb()) {
                        previousServing = hoSource;
                        serving = hoTarget;
                        lastHandoverTick = tick;
                        state = ConnectionState.CONNECTED;
                        linkMonitor.reset();
                    } else {
                        failHandover(hoSource, hoTarget, "target-link");
                    }
                    hoTarget = NO_CELL;
                    hoSource = NO_CELL;
                }
            }
            case REESTABLISHING -> {
                if (--stateTicksLeft <= 0) {
                    connectToBest();
                }
            }
            case CONNECTED -> {
                if (!present[serving]) {
                    radioLinkFailure();
                } else if (linkMonitor.onTick(sinrDb(serving))) {
                    radioLinkFailure();
                }
            }
        }
        servingSinrDb = serving == NO_CELL ? Double.NEGATIVE_INFINITY : sinrDb(serving);
    }

    private void radioLinkFailure() {
        metrics.radioLinkFailures++;
        events.radioLinkFailure(tick, serving);
        serving = NO_CELL;
        previousServing = NO_CELL;
        state = ConnectionState.REESTABLISHING;
        stateTicksLeft = Math.max(1, cfg.ticksOf(cfg.link().reestablishMs()));
        linkMonitor.reset();
    }

    private void connectToBest() {
        int best = NO_CELL;
        for (int i = 0; i < candidateCount; i++) {
            final int c = candidates[i];
            if (filtered[c] >= cfg.measurement().minRsrpDbm() && (best == NO_CELL || filtered[c] > filtered[best])) {
                best = c;
            }
        }
        if (best == NO_CELL) {
            state = ConnectionState.REESTABLISHING;
            stateTicksLeft = 1;
            serving = NO_CELL;
            return;
        }
        serving = best;
        state = ConnectionState.CONNECTED;
        linkMonitor.reset();
        lastHandoverTick = tick;
        previousServing = NO_CELL;
        servingSinrDb = sinrDb(serving);
        if (tick > 0) {
            events.reestablished(tick, serving);
        }
    }

    private void account() {
        metrics.ticks++;
        if (state == ConnectionState.CONNECTED && servingSinrDb >= cfg.link().qOutDb()) {
            final double sinr = Math.min(servingSinrDb, cfg.link().sinrCapDb());
            final double bwMhz = isNtn(serving) ? cfg.ntn().bandwidthMhz() : cfg.tn().bandwidthMhz();
            metrics.throughputMbit += bwMhz * log2(1.0 + dbToLinear(sinr)) * tickS;
        } else {
            metrics.outageTicks++;
        }
    }

    // ---- radio -------------------------------------------------------------------------------

    private void updateRadio() {
        final double t = tick * tickS;
        ueX = ueStartX + cfg.episode().ueSpeedMps() * t;
        final double stepM = cfg.episode().ueSpeedMps() * tickS;
        final double hUt = cfg.ue().heightM();
        final double ueGain = cfg.ue().antennaGainDbi();
        tnInterferenceMw = 0.0;
        ntnInterferenceMw[0] = 0.0;
        ntnInterferenceMw[1] = 0.0;
        ntnInterferenceMw[2] = 0.0;

        final double softStep = stepM / cfg.episode().softLosTransitionM();
        final double fc = cfg.tn().carrierGhz();
        for (int i = 0; i < tnCount; i++) {
            final double d2d = StrictMath.hypot(ueX - tnX[i], tnY[i]);
            final boolean urban = tnUrban[i];
            final double pLos = TnChannel.losProbability(urban, d2d);
            final double rho = tnRho[i];
            final double uSwitch = channelRng.nextDouble();
            final double uLos = channelRng.nextDouble();
            final double n = channelRng.nextGaussian();
            tnLinks.step(i, pLos, rho, uSwitch, uLos, n, softStep);
            final double soft = tnLinks.softLos(i);
            final double pl = blend(soft,
                    TnChannel.pathLossDb(urban, true, d2d, tnHeight[i], hUt, fc),
                    TnChannel.pathLossDb(urban, false, d2d, tnHeight[i], hUt, fc));
            final double sigma = blend(soft,
                    TnChannel.shadowSigmaDb(urban, true, d2d, tnHeight[i], hUt, fc),
                    TnChannel.shadowSigmaDb(urban, false, d2d, tnHeight[i], hUt, fc));
            trueRsrpDbm[i] = tnPowerPerReDbm[i] + ueGain - pl - sigma * tnLinks.shadowZ(i);
            present[i] = true;
            tnInterferenceMw += dbmToMw(trueRsrpDbm[i]);
        }

        final ResearchConfig.Ntn ntn = cfg.ntn();
        final double vSat = ntn.groundSpeedKmps() * 1000.0;
        final double altM = ntn.altitudeKm() * 1000.0;
        final double[] ue = toSphere(ueX, 0.0, 0.0);
        final double fsRhoSat = StrictMath.exp(-stepM / ntn.shadowCorrelationM());
        final double beamReach = beamReachM;
        for (int s = 0; s < satCount; s++) {
            final double subY = satY0[s] - vSat * t;
            final double[] sat = toSphere(satTrackX[s], subY, altM);
            final double[] toSat = minus(sat, ue);
            final double slant = norm(toSat);
            final double elevation = 90.0 - StrictMath.toDegrees(angle(toSat, ue));
            satElevationDeg[s] = elevation;
            satVisible[s] = elevation >= ntn.minElevationDeg();
            final double pLos = NtnChannel.losProbability(ntnUrban, elevation);
            // Draw for every satellite every tick so the stream never depends on geometry or decisions.
            final double uSwitch = channelRng.nextDouble();
            final double uLos = channelRng.nextDouble();
            final double n = channelRng.nextGaussian();
            satLinks.step(s, pLos, fsRhoSat, uSwitch, uLos, n, softStep);
            final double subDx = satTrackX[s] - ueX;
            final boolean near = satVisible[s] && StrictMath.hypot(subDx, subY) <= beamReach + beamExtentM;
            if (!near) {
                for (int b = 0; b < beams; b++) {
                    present[tnCount + s * beams + b] = false;
                }
                continue;
            }
            final double soft = satLinks.softLos(s);
            final double sigma = blend(soft, NtnChannel.shadowSigmaDb(ntnUrban, true, elevation),
                    NtnChannel.shadowSigmaDb(ntnUrban, false, elevation));
            final double linkLossDb = NtnChannel.freeSpaceDb(slant, ntn.carrierGhz())
                    + sigma * satLinks.shadowZ(s)
                    + (1.0 - soft) * NtnChannel.clutterLossDb(ntnUrban, false, elevation);
            final double[] fromSatToUe = minus(ue, sat);
            for (int b = 0; b < beams; b++) {
                final int cell = tnCount + s * beams + b;
                final double cx = subDx + beamDx[b];
                final double cy = subY + beamDy[b];
                if (cx * cx + cy * cy > beamReach * beamReach) {
                    // Beyond the reach the beam's gain toward the UE is at sidelobe level: neglected.
                    present[cell] = false;
                    continue;
                }
                final double[] centre = toSphere(satTrackX[s] + beamDx[b], subY + beamDy[b], 0.0);
                final double offAxis = angle(minus(centre, sat), fromSatToUe);
                final double gain = NtnChannel.beamGainDb(offAxis, ka, ntn.sidelobeFloorDb());
                trueRsrpDbm[cell] = ntnEirpPerReDbm + gain + ueGain - linkLossDb;
                present[cell] = true;
                ntnInterferenceMw[beamColor[b]] += dbmToMw(trueRsrpDbm[cell]);
            }
        }

        // Measurements: candidates are nearby TN cells, beams whose centre is near, and the serving cell.
        candidateCount = 0;
        final double tnRadius = cfg.tn().candidateRadiusM();
        final double beamRadius = ntn.candidateRadiusKm() * 1000.0;
        for (int c = 0; c < cellCount; c++) {
            boolean measured = present[c];
            if (measured && c != serving && c != hoTarget) {
                if (c < tnCount) {
                    measured = Math.abs(ueX - tnX[c]) <= tnRadius;
                } else {
                    final int s = (c - tnCount) / beams;
                    final int b = (c - tnCount) % beams;
                    final double dx = satTrackX[s] + beamDx[b] - ueX;
                    final double dy = satY0[s] - vSat * t + beamDy[b];
                    measured = dx * dx + dy * dy <= beamRadius * beamRadius;
                }
            }
            candidate[c] = measured;
            if (!measured) {
                filterCount[c] = 0;
                continue;
            }
            candidates[candidateCount++] = c;
            final double m = trueRsrpDbm[c] + cfg.measurement().noiseStdDb() * gaussianAt(measurementSeed, c, tick);
            filtered[c] = filterCount[c] == 0 ? m : L3Filter.update(filtered[c], m, filterA);
            history[c][filterCount[c] % (trendWindow + 1)] = filtered[c];
            filterCount[c]++;
        }
    }

    /** SINR of a cell against co-channel cells of its own layer (full load) and thermal noise. */
    private double sinrDb(final int cell) {
        if (cell == NO_CELL || !present[cell]) {
            return Double.NEGATIVE_INFINITY;
        }
        final double s = dbmToMw(trueRsrpDbm[cell]);
        final double interference;
        final double noise;
        if (cell < tnCount) {
            interference = tnInterferenceMw - s;
            noise = tnNoiseMw;
        } else {
            interference = ntnInterferenceMw[beamColor[(cell - tnCount) % beams]] - s;
            noise = ntnNoiseMw;
        }
        return 10.0 * StrictMath.log10(s / (Math.max(0.0, interference) + noise));
    }

    /** Measurement noise as a function of (seed, cell, tick): independent of which cells a policy made us measure. */
    static double gaussianAt(final long seed, final int cell, final int tick) {
        final SplitMix64 r = new SplitMix64(SplitMix64.mix(seed, cell, tick));
        return r.nextGaussian();
    }

    private static double[] toSphere(final double x, final double y, final double altitudeM) {
        final double rho = StrictMath.hypot(x, y);
        final double r = EARTH_RADIUS_M + altitudeM;
        if (rho == 0.0) {
            return new double[] {0.0, 0.0, r};
        }
        final double theta = rho / EARTH_RADIUS_M;
        final double st = StrictMath.sin(theta);
        return new double[] {r * st * x / rho, r * st * y / rho, r * StrictMath.cos(theta)};
    }

    private static double[] minus(final double[] a, final double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double norm(final double[] a) {
        return StrictMath.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    }

    /** Angle between two vectors, atan2(|a x b|, a.b): accurate for small angles too. */
    private static double angle(final double[] a, final double[] b) {
        final double cx = a[1] * b[2] - a[2] * b[1];
        final double cy = a[2] * b[0] - a[0] * b[2];
        final double cz = a[0] * b[1] - a[1] * b[0];
        final double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        return StrictMath.atan2(StrictMath.sqrt(cx * cx + cy * cy + cz * cz), dot);
    }

    /** Soft-LOS blend in dB: s = 1 is line of sight, s = 0 is non-line of sight. */
    private static double blend(final double soft, final double los, final double nlos) {
        return nlos + soft * (los - nlos);
    }

    static double dbmToMw(final double dbm) {
        return StrictMath.pow(10.0, dbm / 10.0);
    }

    private static double dbToLinear(final double db) {
        return StrictMath.pow(10.0, db / 10.0);
    }

    private static double log2(final double x) {
        return StrictMath.log(x) / StrictMath.log(2.0);
    }

    // ---- MeasurementView ---------------------------------------------------------------------

    @Override
    public int tick() {
        return tick;
    }

    @Override
    public double tickS() {
        return tickS;
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public int servingCell() {
        return serving;
    }

    @Override
    public int cellCount() {
        return cellCount;
    }

    @Override
    public int candidateCount() {
        return candidateCount;
    }

    @Override
    public int candidate(final int index) {
        if (index < 0 || index >= candidateCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return candidates[index];
    }

    @Override
    public boolean isCandidate(final int cell) {
        return cell >= 0 && cell < cellCount && candidate[cell];
    }

    @Override
    public double filteredRsrpDbm(final int cell) {
        if (!isCandidate(cell)) {
            throw new IllegalArgumentException("cell " + cell + " is not measured");
        }
        return filtered[cell];
    }

    @Override
    public double trendDbPerS(final int cell) {
        if (!isCandidate(cell) || filterCount[cell] < 2) {
            return 0.0;
        }
        final int n = filterCount[cell];
        final int span = Math.min(n - 1, trendWindow);
        final double now = history[cell][(n - 1) % (trendWindow + 1)];
        final double then = history[cell][(n - 1 - span) % (trendWindow + 1)];
        return (now - then) / (span * tickS);
    }

    @Override
    public boolean isNtn(final int cell) {
        return cell >= tnCount;
    }

    @Override
    public double timeToExitS(final int cell) {
        final double cap = cfg.baselines().tteCapS();
        if (!isCandidate(cell)) {
            return 0.0;
        }
        if (cell < tnCount) {
            final double f = filtered[cell];
            final double exit = cfg.baselines().tteExitRsrpDbm();
            if (f <= exit) {
                return 0.0;
            }
            final double slope = trendDbPerS(cell);
            return slope >= 0.0 ? cap : Math.min(cap, (f - exit) / -slope);
        }
        // Ephemeris: the beam centre moves at ground-track speed; time until the UE is outside its radius.
        final int s = (cell - tnCount) / beams;
        final int b = (cell - tnCount) % beams;
        final double vSat = cfg.ntn().groundSpeedKmps() * 1000.0;
        final double dx = ueX - (satTrackX[s] + beamDx[b]);
        final double dy = 0.0 - (satY0[s] - vSat * tick * tickS + beamDy[b]);
        if (Math.abs(dx) >= beamRadiusM) {
            return 0.0;
        }
        final double exitT = (-dy + StrictMath.sqrt(beamRadiusM * beamRadiusM - dx * dx)) / vSat;
        return Math.max(0.0, Math.min(cap, exitT));
    }

    @Override
    public double servingSinrDb() {
        return servingSinrDb;
    }

    @Override
    public boolean t310Running() {
        return linkMonitor.t310Running();
    }

    @Override
    public int ticksSinceHandover() {
        return tick - lastHandoverTick;
    }

    @Override
    public EpisodeMetrics metrics() {
        return metrics;
    }

    public int tnCellCount() {
        return tnCount;
    }

    public double trueRsrpDbm(final int cell) {
        return trueRsrpDbm[cell];
    }

    public double satelliteElevationDeg(final int satellite) {
        return satElevationDeg[satellite];
    }
}
