package space.tokenta.settlement.escrow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.chain.escrow.EscrowTypedData;
import space.tokenta.chain.escrow.EvmSender;
import space.tokenta.chain.escrow.MockStablecoinContract;
import space.tokenta.chain.escrow.TokentaEscrowContract;
import space.tokenta.settlement.SettlementConfig;

/** One chain's escrow as settlement uses it: the operator's contract handle, chain time and views. */
public final class EscrowChain {
    public static final long RECEIPT_POLL_MS = 20;
    public static final int RECEIPT_POLL_ATTEMPTS = 1_500;

    private final SettlementConfig.Chain config;
    private final Web3j web3j;
    private final EscrowTypedData typedData;
    private final EvmSender operatorSender;
    private final TokentaEscrowContract operator;

    public EscrowChain(final SettlementConfig.Chain config, final Web3j web3j, final Credentials operatorKey) {
        this.config = config;
        this.web3j = web3j;
        this.typedData = new EscrowTypedData(config.chainId(), config.escrow());
        this.operatorSender = sender(operatorKey);
        this.operator = new TokentaEscrowContract(operatorSender, config.escrow());
    }

    public SettlementConfig.Chain config() {
        return config;
    }

    public long chainId() {
        return config.chainId();
    }

    public EscrowTypedData typedData() {
        return typedData;
    }

    /** The contract as the operator sends to it. */
    public TokentaEscrowContract operator() {
        return operator;
    }

    /** The contract as {@code key} sends to it (a user's own withdrawal). */
    public TokentaEscrowContract as(final Credentials key) {
        return operator.as(sender(key));
    }

    public EvmSender sender(final Credentials key) {
        return new EvmSender(web3j, key, config.chainId(),
                List.of(TokentaEscrowContract.ARTIFACT, MockStablecoinContract.ARTIFACT), RECEIPT_POLL_MS,
                RECEIPT_POLL_ATTEMPTS);
    }

    public DealView deal(final byte[] dealId) {
        return operator.getDeal(dealId);
    }

    /** The latest block's timestamp: the clock the contract's timelock and expiry are checked against. */
    public long chainTimeSec() {
        return latest().getTimestamp().longValueExact();
    }

    public long headBlock() {
        return latest().getNumber().longValueExact();
    }

    /**
     * The transaction count of {@code address} including transactions still in the mempool: a sent but
     * unmined transaction already moved it, so a resumed step never sends a second one beside it.
     */
    public long nonce(final String address) {
        try {
            return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount().longValueExact();
        } catch (final IOException e) {
            throw new UncheckedIOException("eth_getTransactionCount failed", e);
        }
    }

    /** The stablecoin balance the escrow contract holds (free balances plus open deals). */
    public BigInteger tokenBalanceOfEscrow() {
        return new MockStablecoinContract(operatorSender, config.token()).balanceOf(config.escrow());
    }

    private EthBlock.Block latest() {
        try {
            final EthBlock block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
            if (block.hasError() || block.getBlock() == null) {
                throw new IllegalStateException("no latest block on chain " + config.chainId());
            }
            return block.getBlock();
        } catch (final IOException e) {
            throw new UncheckedIOException("eth_getBlockByNumber failed", e);
        }
    }
}
