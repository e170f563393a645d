package space.tokenta.chain.rpc;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** Signs legacy (EIP-155) transactions locally and sends them through a pool with managed nonces. */
public final class EvmTxSender {
    public static final BigInteger MAX_GAS_LIMIT = BigInteger.valueOf(30_000_000L);

    private final UpstreamPool pool;
    private final long chainId;

    public EvmTxSender(final UpstreamPool pool) {
        this.pool = pool;
        this.chainId = pool.config().profile().chainId();
    }

    /** Sends a call or value transfer ({@code to} set) or a contract creation ({@code to} null); returns the tx hash. */
    public CompletableFuture<String> send(final Credentials from, final String to, final BigInteger valueWei, final String dataHex,
                                          final BigInteger gasLimit, final BigInteger gasPriceWei) {
        if (gasLimit.signum() <= 0 || gasLimit.compareTo(MAX_GAS_LIMIT) > 0) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.BAD_REQUEST, "gasLimit in (0, 30000000]"));
        }
        final String address = from.getAddress();
        return pool.nonces().reserve(address).thenCompose(nonce -> {
            final RawTransaction raw = RawTransaction.createTransaction(BigInteger.valueOf(nonce), gasPriceWei, gasLimit,
                    to == null ? "" : to, valueWei, dataHex == null ? "" : dataHex);
            final String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, from));
            return pool.sendRawTransaction(signed).exceptionallyCompose(failure -> {
                final RpcException e = RpcException.of(failure);
                pool.nonces().onRejected(address, nonce, e);
                return CompletableFuture.failedFuture(e);
            });
        });
    }
}
