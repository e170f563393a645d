package space.tokenta.settlement.account;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which on-chain address an engine account uses on which chain, both ways. An account has at most
 * one address per chain and an address belongs to one account per chain. Immutable.
 */
public final class AccountDirectory {
    public static final int MAX_ENTRIES = 1_000_000;

    /** One binding: engine {@code accountId} is {@code address} on {@code chainId}. */
    public record Entry(long accountId, long chainId, String address) {
        public Entry {
            if (accountId <= 0 || chainId <= 0 || address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
                throw new IllegalArgumentException("entry needs a positive account, a positive chain and a 0x address");
            }
            address = address.toLowerCase(Locale.ROOT);
        }
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byAddress = new HashMap<>();
    private final Map<String, Entry> byAccount = new HashMap<>();

    public AccountDirectory(final List<Entry> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " entries");
        }
        this.entries = List.copyOf(entries);
        for (final Entry e : this.entries) {
            if (byAddress.put(e.chainId() + "/" + e.address(), e) != null) {
                throw new IllegalArgumentException("address " + e.address() + " bound twice on chain " + e.chainId());
            }
            if (byAccount.put(e.chainId() + "/" + e.accountId(), e) != null) {
                throw new IllegalArgumentException("account " + e.accountId() + " has two addresses on chain " + e.chainId());
            }
        }
    }

    public Optional<Long> accountOf(final long chainId, final String address) {
        final Entry e = byAddress.get(chainId + "/" + address.toLowerCase(Locale.ROOT));
        return e == null ? Optional.empty() : Optional.of(e.accountId());
    }

    public Optional<String> addressOf(final long chainId, final long accountId) {
        final Entry e = byAccount.get(chainId + "/" + accountId);
        return e == null ? Optional.empty() : Optional.of(e.address());
    }

    /** Every binding on one chain. */
    public List<Entry> onChain(final long chainId) {
        return entries.stream().filter(e -> e.chainId() == chainId).toList();
    }

    public List<Entry> entries() {
        return entries;
    }
}
