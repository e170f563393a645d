package space.tokenta.chain.escrow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Sends one account's transactions to one contract ABI: estimates first (so a revert surfaces as a
 * typed {@link ContractCallException} before any gas is spent), signs locally, and waits for the
 * receipt with a fast polling loop (web3j's default polls every 15 s).
 */
public final class EvmSender {
    /** Gas head-room over the node's estimate, in percent. */
    private static final int GAS_MARGIN_PERCENT = 25;

    private final Web3j web3j;
    private final Credentials credentials;
    private final RawTransactionManager transactions;
    private final PollingTransactionReceiptProcessor receipts;
    private final List<ContractArtifact> abis;

    /**
     * @param web3j          the node connection
     * @param credentials    the sending account's key
     * @param chainId        the chain id the transactions are signed for
     * @param abis           the contracts whose custom errors name reverts
     * @param pollIntervalMs receipt polling interval
     * @param pollAttempts   receipt polling attempts before giving up
     */
    public EvmSender(Web3j web3j, Credentials credentials, long chainId, List<ContractArtifact> abis, long pollIntervalMs,
            int pollAttempts) {
        this.web3j = Objects.requireNonNull(web3j, "web3j");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.abis = List.copyOf(abis);
        if (pollIntervalMs <= 0 || pollAttempts <= 0) {
            throw new IllegalArgumentException("polling interval and attempts must be positive");
        }
        this.receipts = new PollingTransactionReceiptProcessor(web3j, pollIntervalMs, pollAttempts);
        this.transactions = new RawTransactionManager(web3j, credentials, chainId, receipts);
    }

    public String address() {
        return credentials.getAddress();
    }

    public Web3j web3j() {
        return web3j;
    }

    /** Read-only call at the latest block; returns the 0x result. */
    public String call(String to, String data) {
        try {
            EthCall result = web3j.ethCall(
                    Transaction.createEthCallTransaction(address(), to, data), DefaultBlockParameterName.LATEST).send();
            if (result.hasError()) {
                throw reverted("call reverted", result.getError());
            }
            return result.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_call failed", e);
        }
    }

    /** Sends a transaction to {@code to} (null: contract creation) and returns its successful receipt. */
    public TransactionReceipt send(String to, String data) {
        try {
            EthEstimateGas estimate = web3j.ethEstimateGas(
                    Transaction.createFunctionCallTransaction(address(), null, null, null, to, BigInteger.ZERO, data))
                    .send();
            if (estimate.hasError()) {
                throw reverted("transaction would revert", estimate.getError());
            }
            BigInteger gasLimit = estimate.getAmountUsed()
                    .multiply(BigInteger.valueOf(100 + GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100));
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
            EthSendTransaction sent = transactions.sendTransaction(gasPrice, gasLimit, to == null ? "" : to, data,
                    BigInteger.ZERO, to == null);
            if (sent.hasError()) {
                throw reverted("transaction rejected", sent.getError());
            }
            return requireSuccess(receipts.waitForTransactionReceipt(sent.getTransactionHash()));
        } catch (TransactionException e) {
            throw new IllegalStateException("no receipt in time", e);
        } catch (IOException e) {
            throw new UncheckedIOException("sending a transaction failed", e);
        }
    }

    private TransactionReceipt requireSuccess(TransactionReceipt receipt) {
        if (!receipt.isStatusOK()) {
            throw new ContractCallException("transaction " + receipt.getTransactionHash() + " reverted", null,
                    receipt.getRevertReason());
        }
        return receipt;
    }

    private ContractCallException reverted(String message, Response.Error error) {
        // nodes return the data as a JSON string; web3j keeps the quotes
        String data = error.getData() == null ? null : error.getData().replace("\"", "").trim();
        String name = null;
        for (ContractArtifact abi : abis) {
            Optional<String> found = abi.errorName(data);
            if (found.isPresent()) {
                name = found.get();
                break;
            }
        }
        return new ContractCallException(name != null ? message : message + ": " + error.getMessage(), name, data);
    }
}
