package space.tokenta.settlement.verification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.tokenta.reputation.AttestorReputation;
import space.tokenta.reputation.BuyerTrust;
import space.tokenta.reputation.DealOutcome;
import space.tokenta.reputation.ExposureLimit;
import space.tokenta.reputation.ReputationParams;
import space.tokenta.reputation.SellerReputation;
import space.tokenta.reputation.SellerScore;
import space.tokenta.settlement.engine.EngineCommands;
import space.tokenta.verify.evidence.CanonicalJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feeds the reputation module from settlement outcomes, a {@link #doWork()} duty cycle on the
 * settlement thread. Every escrow that reached RELEASED (a PASS) or REFUNDED (a FAIL verdict or
 * expiry) becomes one row of {@code reputation_events}, keyed by escrow id, in the same transaction
 * as the books it changes ({@code reputation_sellers}, {@code reputation_attestors}): a replay or a
 * second worker finds the key taken and changes nothing. The in-memory books are a fold of that log
 * and are rebuilt from it after a restart or any failed write.
 *
 * <p>Sellers: the decayed, value-weighted, saturated Beta of {@link SellerReputation}, deal notional
 * in whole quote-currency units, buyer weight τ from {@link BuyerTrust} (EigenTrust, recomputed every
 * {@link Policy#eigenTrustIntervalMs}); a settled PASS vouches both ways between buyer and seller.
 * Escrows never opened on chain (voided before opening) are recorded but not counted: not the
 * seller's doing. Attestors: each settled verdict is a round of {@link AttestorReputation} over every
 * signed answer recorded for its evidence. The exposure limit max(floor, ⌊k·bond·L⌋) of every changed
 * seller goes to the engine as SET_EXPOSURE_LIMIT; it is re-sent until the engine has answered.
 */
public final class ReputationFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ReputationFeed.class);
    public static final int MAX_HISTORY = 50;
    public static final int MAX_REPLAY_EVENTS = 5_000_000;
    /** Quote units per whole currency unit: the dev stablecoins (USDT, USDC) have 6 decimals. */
    public static final double QUOTE_UNITS_PER_CURRENCY = 1_000_000.0;
    /** Share of stake an attestor loses for a PASS a dispute overturned. */
    public static final double OVERTURN_SIGMA = 0.5;

    /**
     * @param bondUnits            every seller's bond until sellers post their own (quote units)
     * @param k                    exposure multiple of bond·score
     * @param floorUnits           a seller's limit never drops below this (a new seller's L is 0)
     * @param preTrustedAccounts   EigenTrust's pre-trusted seeds (engine account ids)
     * @param eigenTrustIntervalMs how often the EigenTrust batch runs
     * @param pollIntervalMs       how often settled escrows are looked for
     * @param batch                escrows applied (and limits sent) per cycle
     */
    public record Policy(long bondUnits, double k, long floorUnits, Set<Long> preTrustedAccounts,
                         long eigenTrustIntervalMs, long pollIntervalMs, int batch) {
        /** Dev figures: bond 10^9 USDT (the dev seller's standing limit), floor 10^7 USDT, account 1 (the dev buyer) pre-trusted. */
        public static final Policy DEFAULTS = new Policy(1_000_000_000L * 1_000_000L, 1.0, 10_000_000L * 1_000_000L,
                Set.of(1L), 60_000, 250, 64);

        public Policy {
            if (bondUnits < 0 || !(k >= 0) || floorUnits < 0 || preTrustedAccounts.isEmpty() || eigenTrustIntervalMs < 1
                    || pollIntervalMs < 0 || batch < 1 || batch > 10_000) {
                throw new IllegalArgumentException("exposure policy out of range");
            }
            preTrustedAccounts = Set.copyOf(preTrustedAccounts);
        }
    }

    /** One attestor's vote in a settled round. */
    record Vote(String attestor, String name, boolean pass, int scoreBps) {
    }

    /** One settled escrow as the books see it. */
    record Event(String escrowId, boolean counted, long seller, long buyer, long notional, DealOutcome.Kind kind,
                 int slaBps, long atSec, double buyerTau, List<Vote> votes, List<Slash> slashes) {
    }

    /** Why an attestor loses stake with a settled escrow. */
    enum SlashKind {
        /** Two different signed verdicts on the deal (a verified proof at S6): all of its stake. */
        EQUIVOCATION,
        /** It signed PASS on a deal whose dispute panel then found FAIL: {@link #OVERTURN_SIGMA} of its stake. */
        OVERTURNED_PASS
    }

    record Slash(String attestor, SlashKind kind) {
    }

    private static final class SellerBook {
        int deals;
        int passes;
        int fails;
        long limit;
        SellerScore score;
        final ArrayDeque<ObjectNode> history = new ArrayDeque<>();
    }

    private final DataSource dataSource;
    private final EngineCommands engine;
    private final Policy policy;
    private BuyerTrust trust;
    private SellerReputation sellers;
    private AttestorReputation attestors;
    private final Map<Long, SellerBook> sellerBooks = new HashMap<>();
    private final Map<String, String> attestorNames = new TreeMap<>();
    private final Map<String, Integer> attestorVotes = new HashMap<>();
    private long lastAtSec;
    private boolean loaded;
    private long nextPollMs;
    private long nextEigenTrustMs;

    public ReputationFeed(final DataSource dataSource, final EngineCommands engine, final Policy policy) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.policy = policy;
    }

    /** One cycle: apply newly settled escrows, run EigenTrust when due, send changed exposure limits. @return work done */
    public int doWork() {
        final long nowMs = System.currentTimeMillis();
        if (nowMs < nextPollMs) {
            return 0;
        }
        nextPollMs = nowMs + policy.pollIntervalMs();
        try {
            if (!loaded) {
                rebuild();
                loaded = true;
            }
            int work = applySettled();
            if (nowMs >= nextEigenTrustMs) {
                trust.recompute();
                nextEigenTrustMs = nowMs + policy.eigenTrustIntervalMs();
            }
            work += sendLimits();
            return work;
        } catch (final RuntimeException e) {
            // the books in memory may be ahead of the database now: fold them again from the log next time
            loaded = false;
            LOG.warn("reputation feed cycle failed: {}", e.toString());
            return 0;
        }
    }

    private void reset() {
        trust = new BuyerTrust(ReputationParams.DEFAULTS.tauMin(),
                policy.preTrustedAccounts().stream().map(ReputationFeed::id).collect(Collectors.toSet()));
        sellers = new SellerReputation(ReputationParams.DEFAULTS, trust);
        attestors = new AttestorReputation();
        sellerBooks.clear();
        attestorNames.clear();
        attestorVotes.clear();
        lastAtSec = 0;
    }

    /** Folds every recorded event, in order, into fresh books. */
    void rebuild() {
        reset();
        int events = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT escrow_id, counted, seller_account, buyer_account, notional, kind, sla_bps, at_sec, buyer_tau, "
                        + "votes::text, slashes::text FROM reputation_events ORDER BY seq")) {
            s.setFetchSize(1_000);
            c.setAutoCommit(false); // a cursor, not the whole log in memory at once
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (++events > MAX_REPLAY_EVENTS) {
                        throw new IllegalStateException("more than " + MAX_REPLAY_EVENTS + " reputation events");
                    }
                    apply(new Event(r.getString(1), r.getBoolean(2), r.getLong(3), r.getLong(4), r.getLong(5),
                            DealOutcome.Kind.valueOf(r.getString(6)), r.getInt(7), r.getLong(8), r.getDouble(9),
                            votes(r.getString(10)), slashes(r.getString(11))));
                }
            }
            c.commit();
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read the reputation log", e);
        }
        trust.recompute();
    }

    /** Settled escrows whose reputation event is not written yet, oldest first (served by a partial index). */
    static final String SETTLED_NOT_APPLIED = "SELECT e.escrow_id, e.seller_account_id, e.buyer_account_id, e.amount, e.phase, e.verdict, "
            + "e.evidence_cid, e.settled_at_ms, EXISTS (SELECT 1 FROM deals d WHERE d.chain_id = e.chain_id "
            + "AND d.deal_id = e.deal_id) FROM settlement_escrows e WHERE e.phase IN ('RELEASED', 'REFUNDED') "
            + "AND NOT e.reputation_applied "
            + "ORDER BY e.settled_at_ms NULLS FIRST, e.escrow_id LIMIT ?";

    /** Applies up to {@code batch} settled escrows not in the log yet, each in its own transaction. */
    int applySettled() {
        final List<Event> pending = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SETTLED_NOT_APPLIED)) {
            s.setInt(1, policy.batch());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pending.add(event(c, r));
                }
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read settled escrows", e);
        }
        for (final Event e : pending) {
            commit(e);
        }
        return pending.size();
    }

    private Event event(final Connection c, final ResultSet r) throws SQLException {
        final String escrowId = r.getString(1);
        final boolean released = r.getString(5).equals("RELEASED");
        final String verdict = r.getString(6);
        final String evidenceCid = r.getString(7);
        final long settledMs = r.getLong(8);
        final boolean opened = r.getBoolean(9);
        // the verdict's score (SLA attainment) is field 5 of the stored verdict; a release always has one
        final int slaBps = released && verdict != null ? Integer.parseInt(verdict.split(" ")[4]) : released ? 10_000 : 0;
        final long atSec = (settledMs > 0 ? settledMs : System.currentTimeMillis()) / 1_000;
        final long buyer = r.getLong(3);
        final List<Vote> votes = new ArrayList<>();
        if (evidenceCid != null && !evidenceCid.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("SELECT attestor, attestor_name, verdict, score_bps "
                    + "FROM verification_signatures WHERE evidence_cid = ? ORDER BY attestor")) {
                s.setString(1, evidenceCid);
                try (ResultSet v = s.executeQuery()) {
                    while (v.next()) {
                        votes.add(new Vote(v.getString(1), v.getString(2), v.getString(3).equals("PASS"), v.getInt(4)));
                    }
                }
            }
        }
        return new Event(escrowId, opened, r.getLong(2), buyer, r.getLong(4),
                released ? DealOutcome.Kind.PASS : DealOutcome.Kind.FAIL, slaBps, atSec, trust.tau(id(buyer)), votes,
                slashes(c, escrowId, released));
    }

    /**
     * The slashes an escrow's settlement causes: every attestor with a recorded equivocation proof on it;
     * and when it was refunded after a dispute (a second round ran), every attestor that signed PASS in
     * the first round.
     */
    private static List<Slash> slashes(final Connection c, final String escrowId, final boolean released)
            throws SQLException {
        final List<Slash> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT attestor FROM attestor_equivocations WHERE escrow_id = ? ORDER BY attestor")) {
            s.setString(1, escrowId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Slash(r.getString(1), SlashKind.EQUIVOCATION));
                }
            }
        }
        if (released) {
            return out;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT g.attestor FROM verification_runs r "
                + "JOIN verification_signatures g ON g.evidence_cid = r.evidence_cid WHERE r.escrow_id = ? AND r.round = 0 "
                + "AND r.outcome = 'PASS' AND g.verdict = 'PASS' AND EXISTS (SELECT 1 FROM verification_runs d "
                + "WHERE d.escrow_id = r.escrow_id AND d.round > 0 AND d.outcome = 'FAIL') ORDER BY g.attestor")) {
            s.setString(1, escrowId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Slash(r.getString(1), SlashKind.OVERTURNED_PASS));
                }
            }
        }
        return out;
    }

    /** The escrow's event is in the log: later polls skip it (same transaction as the event). */
    private static void markApplied(final Connection c, final String escrowId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE settlement_escrows SET reputation_applied = TRUE WHERE escrow_id = ?")) {
            s.setString(1, escrowId);
            s.executeUpdate();
        }
    }

    /** Writes the event under its escrow id and the books it changes, in one transaction; a taken key changes nothing. */
    private void commit(final Event settled) {
        // event time never runs backwards in the log (the seller books refuse that)
        final Event e = new Event(settled.escrowId(), settled.counted(), settled.seller(), settled.buyer(),
                settled.notional(), settled.kind(), settled.slaBps(), Math.max(lastAtSec, settled.atSec()),
                settled.buyerTau(), settled.votes(), settled.slashes());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO reputation_events (escrow_id, counted, "
                        + "seller_account, buyer_account, notional, kind, sla_bps, at_sec, buyer_tau, votes, slashes) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) ON CONFLICT (escrow_id) DO NOTHING")) {
                    s.setString(1, e.escrowId());
                    s.setBoolean(2, e.counted());
                    s.setLong(3, e.seller());
                    s.setLong(4, e.buyer());
                    s.setLong(5, e.notional());
                    s.setString(6, e.kind().name());
                    s.setInt(7, e.slaBps());
                    s.setLong(8, e.atSec());
                    s.setDouble(9, e.buyerTau());
                    s.setString(10, votesJson(e.votes()));
                    s.setString(11, slashesJson(e.slashes()));
                    if (s.executeUpdate() == 0) {
                        // another writer applied it: our books are behind the log; the escrow is done either way
                        markApplied(c, e.escrowId());
                        c.commit();
                        loaded = false;
                        return;
                    }
                }
                markApplied(c, e.escrowId());
                apply(e);
                if (e.counted()) {
                    writeSeller(c, e.seller());
                }
                if (!e.slashes().isEmpty() || e.counted() && !e.votes().isEmpty()) {
                    writeAttestors(c);
                }
                c.commit();
            } catch (final SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        } catch (final SQLException ex) {
            throw new IllegalStateException("cannot record reputation for " + e.escrowId(), ex);
        }
    }

    /** The in-memory fold of one event (used live and by {@link #rebuild()}). */
    private void apply(final Event e) {
        lastAtSec = Math.max(lastAtSec, e.atSec());
        for (final Slash slash : e.slashes()) {
            if (!attestorNames.containsKey(slash.attestor())) {
                attestors.register(slash.attestor(), AttestorQuorumVerifier.ATTESTOR_STAKE);
                attestorNames.put(slash.attestor(), slash.attestor());
            }
            if (slash.kind() == SlashKind.EQUIVOCATION) {
                attestors.slashEquivocation(slash.attestor());
            } else {
                attestors.slashOverturnedPass(slash.attestor(), OVERTURN_SIGMA);
            }
        }
        if (!e.counted()) {
            return;
        }
        final String seller = id(e.seller());
        final String buyer = id(e.buyer());
        final double notional = e.notional() / QUOTE_UNITS_PER_CURRENCY;
        final SellerScore score = sellers.apply(new DealOutcome(seller, buyer, notional, e.kind(), e.slaBps(), e.atSec()),
                e.buyerTau());
        if (e.kind() == DealOutcome.Kind.PASS) {
            final double w = SellerReputation.dealWeight(notional, ReputationParams.DEFAULTS);
            if (w > 0) {
                trust.vouch(buyer, seller, w);
                trust.vouch(seller, buyer, w);
            }
        }
        final SellerBook book = sellerBooks.computeIfAbsent(e.seller(), k -> new SellerBook());
        book.deals++;
        if (e.kind() == DealOutcome.Kind.PASS) {
            book.passes++;
        } else {
            book.fails++;
        }
        book.score = score;
        book.limit = Math.max(policy.floorUnits(),
                ExposureLimit.limitUnits(policy.bondUnits(), policy.k(), score.lowerBound()));
        final ObjectNode point = CanonicalJson.object();
        point.put("at", Instant.ofEpochSecond(e.atSec()).toString());
        point.put("score", score.expected());
        point.put("lowerBound", score.lowerBound());
        book.history.addLast(point);
        while (book.history.size() > MAX_HISTORY) {
            book.history.removeFirst();
        }
        if (!e.votes().isEmpty()) {
            final List<AttestorReputation.Vote> round = new ArrayList<>();
            for (final Vote v : e.votes()) {
                if (!attestorNames.containsKey(v.attestor())) {
                    attestors.register(v.attestor(), AttestorQuorumVerifier.ATTESTOR_STAKE);
                }
                attestorNames.put(v.attestor(), v.name());
                attestorVotes.merge(v.attestor(), 1, Integer::sum);
                round.add(new AttestorReputation.Vote(v.attestor(), v.pass(), v.scoreBps()));
            }
            attestors.recordRound(round);
        }
    }

    private void writeSeller(final Connection c, final long seller) throws SQLException {
        final SellerBook book = sellerBooks.get(seller);
        final ArrayNode history = CanonicalJson.MAPPER.createArrayNode();
        book.history.forEach(history::add);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO reputation_sellers (seller_account, score, lower_bound, "
                + "deals, passes, fails, exposure_limit_lots, history, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) "
                + "ON CONFLICT (seller_account) DO UPDATE SET score = EXCLUDED.score, lower_bound = EXCLUDED.lower_bound, "
                + "deals = EXCLUDED.deals, passes = EXCLUDED.passes, fails = EXCLUDED.fails, "
                + "exposure_limit_lots = EXCLUDED.exposure_limit_lots, history = EXCLUDED.history, "
                + "updated_at = EXCLUDED.updated_at")) {
            s.setLong(1, seller);
            s.setDouble(2, book.score.expected());
            s.setDouble(3, book.score.lowerBound());
            s.setInt(4, book.deals);
            s.setInt(5, book.passes);
            s.setInt(6, book.fails);
            s.setLong(7, book.limit);
            s.setString(8, history.toString());
            s.setTimestamp(9, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
    }

    private void writeAttestors(final Connection c) throws SQLException {
        double total = 0;
        for (final String a : attestorNames.keySet()) {
            final AttestorReputation.Standing st = attestors.standing(a);
            total += st.stake() * st.trust();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO reputation_attestors (attestor, name, agreement, stake, "
                + "trust, slashed, signatures, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (attestor) DO UPDATE "
                + "SET name = EXCLUDED.name, agreement = EXCLUDED.agreement, stake = EXCLUDED.stake, trust = EXCLUDED.trust, "
                + "slashed = EXCLUDED.slashed, signatures = EXCLUDED.signatures, updated_at = EXCLUDED.updated_at")) {
            final Timestamp now = Timestamp.from(Instant.now());
            for (final Map.Entry<String, String> a : attestorNames.entrySet()) {
                final AttestorReputation.Standing st = attestors.standing(a.getKey());
                s.setString(1, a.getKey());
                s.setString(2, a.getValue());
                s.setDouble(3, st.trust());
                s.setBigDecimal(4, java.math.BigDecimal.valueOf(st.stake()));
                s.setDouble(5, total > 0 ? st.stake() * st.trust() / total : 0);
                // slashed: for equivocation, or stake lost to an overturned PASS
                s.setBoolean(6, st.equivocated() || st.stake() < AttestorQuorumVerifier.ATTESTOR_STAKE);
                s.setInt(7, attestorVotes.getOrDefault(a.getKey(), 0));
                s.setTimestamp(8, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Sends every seller limit the engine has not acknowledged yet (SET_EXPOSURE_LIMIT is absolute: a repeat is harmless). */
    int sendLimits() {
        final List<long[]> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT seller_account, exposure_limit_lots FROM reputation_sellers WHERE exposure_limit_lots IS NOT NULL "
                        + "AND exposure_limit_lots IS DISTINCT FROM exposure_limit_sent ORDER BY seller_account LIMIT ?")) {
            s.setInt(1, policy.batch());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    due.add(new long[] {r.getLong(1), r.getLong(2)});
                }
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read exposure limits", e);
        }
        for (final long[] d : due) {
            final EngineCommands.Result result = engine.setExposureLimit(d[0], d[1]);
            if (!result.done()) {
                // refused (unknown account, out of range): re-sending the same figure cannot help
                LOG.warn("engine refused exposure limit {} for seller {}: {}", d[1], d[0], result.detail());
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "UPDATE reputation_sellers SET exposure_limit_sent = ? WHERE seller_account = ?")) {
                s.setLong(1, d[1]);
                s.setLong(2, d[0]);
                s.executeUpdate();
            } catch (final SQLException e) {
                throw new IllegalStateException("cannot record the exposure limit sent to seller " + d[0], e);
            }
        }
        return due.size();
    }

    /** The seller's score now, as the books hold it (tests, tools). */
    public SellerScore score(final long seller) {
        return sellers == null ? SellerScore.of(0, 0, ReputationParams.DEFAULTS)
                : sellers.score(id(seller), System.currentTimeMillis() / 1_000);
    }

    static String id(final long account) {
        return "acct:" + account;
    }

    static String votesJson(final List<Vote> votes) {
        final ArrayNode array = CanonicalJson.MAPPER.createArrayNode();
        for (final Vote v : votes) {
            array.addObject().put("attestor", v.attestor()).put("name", v.name()).put("pass", v.pass())
                    .put("scoreBps", v.scoreBps());
        }
        return array.toString();
    }

    static String slashesJson(final List<Slash> slashes) {
        final ArrayNode array = CanonicalJson.MAPPER.createArrayNode();
        for (final Slash x : slashes) {
            array.addObject().put("attestor", x.attestor()).put("kind", x.kind().name());
        }
        return array.toString();
    }

    static List<Slash> slashes(final String json) {
        final List<Slash> out = new ArrayList<>();
        for (final JsonNode x : CanonicalJson.MAPPER.readTree(json)) {
            out.add(new Slash(x.path("attestor").asString(""), SlashKind.valueOf(x.path("kind").asString(""))));
        }
        return out;
    }

    static List<Vote> votes(final String json) {
        final List<Vote> out = new ArrayList<>();
        final JsonNode array = CanonicalJson.MAPPER.readTree(json);
        for (final JsonNode v : array) {
            out.add(new Vote(v.path("attestor").asString(""), v.path("name").asString(""), v.path("pass").asBoolean(),
                    v.path("scoreBps").asInt()));
        }
        return out;
    }
}
