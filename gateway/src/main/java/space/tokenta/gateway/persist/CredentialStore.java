package space.tokenta.gateway.persist;

import java.util.List;
import space.tokenta.gateway.auth.ApiKeys.ApiKey;
import space.tokenta.gateway.auth.WalletAuth.Agent;
import space.tokenta.gateway.auth.WalletAuth.Wallet;
import space.tokenta.gateway.webhook.WebhookDispatcher.Subscription;

/**
 * Where the gateway keeps what clients registered with it (API keys, wallets, agent approvals,
 * webhook subscriptions) so that they survive a restart. The gateway's tables stay in memory and
 * write through to this store; they are loaded from it once at start. Writes may block (JDBC): the
 * gateway makes them on its worker pool. Implementations bound nothing themselves; the tables do.
 */
public interface CredentialStore {

    /** Everything stored, read once at start. */
    record Contents(List<ApiKey> apiKeys, List<Wallet> wallets, List<Agent> agents, List<Subscription> webhooks) {
        public Contents {
            apiKeys = List.copyOf(apiKeys);
            wallets = List.copyOf(wallets);
            agents = List.copyOf(agents);
            webhooks = List.copyOf(webhooks);
        }
    }

    Contents load();

    void saveApiKey(ApiKey key);

    /** Inserts or replaces the wallet (one row per address). */
    void saveWallet(Wallet wallet);

    /** Inserts or replaces the approval (one row per wallet and agent). */
    void saveAgent(Agent agent);

    void saveWebhook(Subscription subscription);

    /** Keeps nothing across restarts (the in-process exchange, tests). */
    static CredentialStore inMemory() {
        return new MemoryCredentialStore();
    }
}
