package space.tokenta.chain.rpc;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local nonce allocation per sender: the first send reads the pending nonce from the send upstream,
 * later sends count up locally (so concurrent sends never reuse a nonce). A rejection releases the
 * nonce when it was the last one handed out; a nonce error forgets the sender so the next send
 * re-reads the chain.
 */
public final class NonceAllocator {
    public static final int MAX_SENDERS = 10_000;

    private static final class Sender {
        final CompletableFuture<Long> base;
        long next = -1;

        Sender(final CompletableFuture<Long> base) {
            this.base = base;
        }
    }

    private final UpstreamPool pool;
    private final ConcurrentHashMap<String, Sender> senders = new ConcurrentHashMap<>();

    NonceAllocator(final UpstreamPool pool) {
        this.pool = pool;
    }

    public CompletableFuture<Long> reserve(final String address) {
        final String key = normalise(address);
        if (senders.size() >= MAX_SENDERS && !senders.containsKey(key)) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.OVERLOADED, "more than " + MAX_SENDERS + " senders"));
        }
        final Sender sender = senders.computeIfAbsent(key, k -> new Sender(fetchPending(k)));
        return sender.base.thenApply(base -> {
            synchronized (sender) {
                if (sender.next < 0) {
                    sender.next = base;
                }
                return sender.next++;
            }
        }).whenComplete((n, e) -> {
            if (e != null) {
                senders.remove(key, sender);
            }
        });
    }

    private CompletableFuture<Long> fetchPending(final String address) {
        final Upstream u = pool.sendUpstream();
        if (u == null) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.NO_UPSTREAM, "no upstream for sends"));
        }
        return u.call("eth_getTransactionCount", JsonRpcCodec.params(address, "pending"), pool.policy().attemptTimeoutMs(),
                System.currentTimeMillis()).thenApply(JsonRpcCodec::quantity);
    }

    /** The send with {@code nonce} failed with {@code error}. */
    public void onRejected(final String address, final long nonce, final RpcException error) {
        final String key = normalise(address);
        final Sender sender = senders.get(key);
        if (sender == null) {
            return;
        }
        final String text = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("nonce")) {
            senders.remove(key, sender);
            return;
        }
        synchronized (sender) {
            if (sender.next == nonce + 1) {
                sender.next = nonce;
            } else {
                senders.remove(key, sender);
            }
        }
    }

    public void forget(final String address) {
        senders.remove(normalise(address));
    }

    private static String normalise(final String address) {
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new RpcException(RpcErrorKind.BAD_REQUEST, "sender must be a 0x address: " + address);
        }
        return address.toLowerCase(Locale.ROOT);
    }
}
