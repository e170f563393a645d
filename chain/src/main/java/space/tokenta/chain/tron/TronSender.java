package space.tokenta.chain.tron;

import java.math.BigInteger;
import java.util.List;
import org.tron.trident.abi.TypeReference;
import org.tron.trident.abi.datatypes.Address;
import org.tron.trident.abi.datatypes.Bool;
import org.tron.trident.abi.datatypes.Function;
import org.tron.trident.abi.datatypes.generated.Uint256;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.transaction.TransactionBuilder;
import org.tron.trident.proto.Chain;
import space.tokenta.chain.rpc.RpcErrorKind;
import space.tokenta.chain.rpc.RpcException;

/**
 * Sends TRC-20 transfers through a Tron full node's gRPC API with trident. Tron's JSON-RPC cannot
 * send transactions, so sends go this way. Not exercised against a live node here (none can run
 * offline); failures surface as typed {@link RpcException}s.
 */
public final class TronSender implements AutoCloseable {
    public static final long MAX_FEE_LIMIT_SUN = 1_000_000_000L;

    private final ApiWrapper api;

    /** {@code grpcEndpoint} like "127.0.0.1:50051", {@code solidityEndpoint} like "127.0.0.1:50061". */
    public TronSender(final String grpcEndpoint, final String solidityEndpoint, final String privateKeyHex) {
        this.api = new ApiWrapper(grpcEndpoint, solidityEndpoint, privateKeyHex);
    }

    /** The ABI function trident encodes for transfer(to, amount). */
    public static Function transferFunction(final TronAddress to, final BigInteger amount) {
        return new Function("transfer", List.of(new Address(to.toBase58()), new Uint256(amount)), List.of(new TypeReference<Bool>() {
        }));
    }

    /** Builds, signs and broadcasts transfer(to, amount) on {@code token}; returns the transaction id. */
    public String transferTrc20(final TronAddress from, final TronAddress token, final TronAddress to, final BigInteger amount,
                                final long feeLimitSun) {
        if (feeLimitSun <= 0 || feeLimitSun > MAX_FEE_LIMIT_SUN) {
            throw new RpcException(RpcErrorKind.BAD_REQUEST, "feeLimitSun in (0, " + MAX_FEE_LIMIT_SUN + "]");
        }
        try {
            final TransactionBuilder builder = api.triggerCall(from.toBase58(), token.toBase58(), transferFunction(to, amount));
            builder.setFeeLimit(feeLimitSun);
            final Chain.Transaction signed = api.signTransaction(builder.build());
            return api.broadcastTransaction(signed);
        } catch (RuntimeException e) {
            throw new RpcException(RpcErrorKind.TRANSPORT, "tron send failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
