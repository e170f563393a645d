package space.tokenta.gateway.auth;

import java.util.Set;

/** Who a request acts for: the account, the scopes granted and how it authenticated. */
public record Principal(long accountId, Set<Scope> scopes, String method, String keyId) {
    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(final Scope scope) {
        return scope == Scope.PUBLIC || scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }
}
