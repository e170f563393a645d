package space.tokenta.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Short-lived ES256 session tokens for the web terminal. Keys rotate: the newest signs, the last
 * {@link #KEPT_KEYS} verify (so tokens issued just before a rotation stay valid until they expire)
 * and are published as a JWKS.
 */
public final class JwtSessions {
    public static final int KEPT_KEYS = 2;
    public static final String ISSUER = "tokenta-gateway";
    private final ArrayDeque<ECKey> keys = new ArrayDeque<>();
    private final long ttlMs;

    public JwtSessions(final long ttlMs) {
        if (ttlMs <= 0 || ttlMs > 86_400_000L) {
            throw new IllegalArgumentException("ttlMs out of range");
        }
        this.ttlMs = ttlMs;
        rotate();
    }

    public synchronized String rotate() {
        try {
            final ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
            keys.addFirst(key);
            while (keys.size() > KEPT_KEYS) {
                keys.removeLast();
            }
            return key.getKeyID();
        } catch (final JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized String issue(final long accountId, final Set<Scope> scopes, final long nowMs) {
        final ECKey key = keys.getFirst();
        final JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(Long.toString(accountId))
                .issueTime(new Date(nowMs)).expirationTime(new Date(nowMs + ttlMs)).jwtID(UUID.randomUUID().toString())
                .claim("scope", scopes.stream().map(s -> s.name().toLowerCase()).sorted().toList()).build();
        final SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (final JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** @return the principal, or throws {@link AuthException} for a forged, expired or foreign token. */
    public Principal verify(final String token, final long nowMs) {
        try {
            final SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "unsupported algorithm");
            }
            final ECKey key = keyFor(jwt.getHeader().getKeyID());
            if (key == null || !jwt.verify(new ECDSAVerifier(key.toECPublicKey()))) {
                throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "token signature invalid");
            }
            final JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null) {
                throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "token not issued here");
            }
            if (claims.getExpirationTime().getTime() <= nowMs) {
                throw new AuthException(AuthException.Kind.EXPIRED, "token expired");
            }
            final Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            final List<String> names = claims.getStringListClaim("scope");
            for (final String name : names == null ? List.<String>of() : names) {
                scopes.add(Scope.valueOf(name.toUpperCase()));
            }
            return new Principal(Long.parseLong(claims.getSubject()), scopes, "jwt", jwt.getHeader().getKeyID());
        } catch (final ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "malformed token");
        }
    }

    private synchronized ECKey keyFor(final String kid) {
        for (final ECKey key : keys) {
            if (key.getKeyID().equals(kid)) {
                return key;
            }
        }
        return null;
    }

    public synchronized String jwksJson() {
        return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList()).toString();
    }
}
