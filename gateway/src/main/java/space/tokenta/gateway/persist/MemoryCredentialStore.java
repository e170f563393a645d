package space.tokenta.gateway.persist;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import space.tokenta.gateway.auth.ApiKeys.ApiKey;
import space.tokenta.gateway.auth.WalletAuth.Agent;
import space.tokenta.gateway.auth.WalletAuth.Wallet;
import space.tokenta.gateway.webhook.WebhookDispatcher.Subscription;

/** A credential store that lives as long as the process (no database). */
public final class MemoryCredentialStore implements CredentialStore {
    private final ConcurrentHashMap<String, ApiKey> apiKeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Wallet> wallets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Agent> agents = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Subscription> webhooks = new ConcurrentHashMap<>();

    @Override
    public Contents load() {
        return new Contents(List.copyOf(apiKeys.values()), List.copyOf(wallets.values()), List.copyOf(agents.values()),
                List.copyOf(webhooks.values()));
    }

    @Override
    public void saveApiKey(final ApiKey key) {
        apiKeys.put(key.keyId(), key);
    }

    @Override
    public void saveWallet(final Wallet wallet) {
        wallets.put(wallet.address(), wallet);
    }

    @Override
    public void saveAgent(final Agent agent) {
        agents.put(agent.wallet() + "/" + agent.agent(), agent);
    }

    @Override
    public void saveWebhook(final Subscription subscription) {
        webhooks.put(subscription.id(), subscription);
    }
}
