package space.tokenta.gateway.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import space.tokenta.gateway.Ports;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.port.ReadModels;

/**
 * Public routes over settlement's verification record: pipeline runs, evidence by CID with the
 * attestors' signatures, and seller/attestor reputation (the terminal's Verification and Reputation
 * panels). A node without settlement has none of these tables: every route answers NOT_FOUND there.
 */
public final class VerificationRoutes {
    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_ESCROW_ID_CHARS = 64;
    /** CIDv1, base32 lower case, raw codec, sha2-256: "bafkrei" + 52 base32 characters. */
    static final Pattern CID = Pattern.compile("bafkrei[a-z2-7]{52}");
    static final Pattern ESCROW_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ESCROW_ID_CHARS + "}");

    private final Ports ports;

    public VerificationRoutes(final Ports ports) {
        this.ports = ports;
    }

    public List<Route> routes() {
        final List<Route> r = new ArrayList<>();
        r.add(new Route(HttpMethod.GET, "/v1/verifications/runs", Scope.PUBLIC, 2, c -> {
            final String escrowId = c.query().get("escrowId");
            if (escrowId != null && !ESCROW_ID.matcher(escrowId).matches()) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "escrowId is an escrow id such as ESC-1",
                        new JsonObject().put("field", "escrowId"));
            }
            final List<ReadModels.VerificationRunView> runs = ports.readModels()
                    .verificationRuns(escrowId, limit(c)).orElseThrow(VerificationRoutes::noRecord);
            final JsonArray out = new JsonArray();
            runs.forEach(v -> out.add(Views.verificationRun(v)));
            return done(new JsonObject().put("runs", out));
        }));
        r.add(new Route(HttpMethod.GET, "/v1/verifications/evidence", Scope.PUBLIC, 2, c -> {
            final List<ReadModels.EvidenceView> evidence = ports.readModels().evidence(limit(c))
                    .orElseThrow(VerificationRoutes::noRecord);
            final JsonArray out = new JsonArray();
            for (final ReadModels.EvidenceView e : evidence) {
                final JsonArray attestors = new JsonArray();
                e.attestors().forEach(a -> attestors.add(new JsonObject().put("address", a.address())
                        .put("name", a.name()).put("verdict", a.verdict()).put("signedAt", iso(a.signedAtMs()))));
                out.add(new JsonObject().put("cid", e.cid()).put("escrowId", e.escrowId()).put("outcome", e.outcome())
                        .put("createdAt", iso(e.createdAtMs())).put("attestors", attestors).put("kind", e.kind())
                        .put("mediaType", e.mediaType()));
            }
            return done(new JsonObject().put("evidence", out));
        }));
        r.add(new Route(HttpMethod.GET, "/v1/evidence/{cid}", Scope.PUBLIC, 2, c -> {
            final String cid = c.path("cid");
            if (cid == null || !CID.matcher(cid).matches()) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "cid is a CIDv1 (raw, sha2-256), bafkrei…",
                        new JsonObject().put("field", "cid"));
            }
            final ReadModels.EvidenceBody body = ports.readModels().evidenceBody(cid)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no evidence stored for " + cid,
                            new JsonObject()));
            // evidence objects are canonical JSON (RFC 8785): UTF-8 text
            return CompletableFuture.completedFuture(new Reply(200, new String(body.body(), StandardCharsets.UTF_8),
                    body.mediaType()));
        }));
        r.add(new Route(HttpMethod.GET, "/v1/reputation/sellers", Scope.PUBLIC, 2, c -> {
            final List<ReadModels.SellerReputationView> sellers = ports.readModels().sellerReputation(limit(c))
                    .orElseThrow(VerificationRoutes::noRecord);
            final JsonArray out = new JsonArray();
            sellers.forEach(s -> out.add(Views.sellerReputation(s)));
            return done(new JsonObject().put("sellers", out));
        }));
        r.add(new Route(HttpMethod.GET, "/v1/reputation/attestors", Scope.PUBLIC, 2, c -> {
            final List<ReadModels.AttestorReputationView> attestors = ports.readModels().attestorReputation(limit(c))
                    .orElseThrow(VerificationRoutes::noRecord);
            final JsonArray out = new JsonArray();
            attestors.forEach(a -> out.add(new JsonObject().put("address", a.address()).put("name", a.name())
                    .put("agreement", a.agreement()).put("stake", a.stake()).put("trust", a.trust())
                    .put("slashed", a.slashed()).put("signatures", a.signatures()).put("updatedAt", iso(a.updatedAtMs()))));
            return done(new JsonObject().put("attestors", out));
        }));
        return r;
    }

    private static int limit(final Call c) {
        return (int) c.queryLong("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    private static ApiException noRecord() {
        return new ApiException(ErrorCode.NOT_FOUND, "this node records no verifications (it runs no settlement)",
                new JsonObject());
    }

    static String iso(final long epochMs) {
        return Views.iso(epochMs);
    }

    private static CompletableFuture<Reply> done(final JsonObject json) {
        return CompletableFuture.completedFuture(Reply.json(200, json));
    }
}
