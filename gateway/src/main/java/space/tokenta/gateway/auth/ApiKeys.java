package space.tokenta.gateway.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** HMAC API keys: key id → secret, account and scopes. Bounded. */
public final class ApiKeys {
    public static final int MAX_KEYS = 100_000;

    public record ApiKey(String keyId, String secret, long accountId, Set<Scope> scopes) {
    }

    private final ConcurrentHashMap<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final space.tokenta.gateway.persist.CredentialStore store;

    /** Keys kept in memory only. */
    public ApiKeys() {
        this(space.tokenta.gateway.persist.CredentialStore.inMemory(), List.of());
    }

    /** Keys loaded from {@code stored} and written through to {@code store} when created. */
    public ApiKeys(final space.tokenta.gateway.persist.CredentialStore store, final List<ApiKey> stored) {
        this.store = store;
        for (final ApiKey key : stored) {
            if (keys.size() < MAX_KEYS) {
                keys.put(key.keyId(), key);
            }
        }
    }

    public ApiKey create(final long accountId, final Set<Scope> scopes) {
        if (keys.size() >= MAX_KEYS) {
            throw new IllegalStateException("API key table full");
        }
        final byte[] id = new byte[8];
        final byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        final ApiKey key = new ApiKey("tk_" + HexFormat.of().formatHex(id), HexFormat.of().formatHex(secret), accountId,
                scopes);
        store.saveApiKey(key);
        keys.put(key.keyId(), key);
        return key;
    }

    public ApiKey find(final String keyId) {
        return keyId == null ? null : keys.get(keyId);
    }

    public List<ApiKey> forAccount(final long accountId) {
        return keys.values().stream().filter(k -> k.accountId() == accountId).toList();
    }
}
