package space.tokenta.chain.escrow;

import java.util.Optional;

/**
 * A contract call or transaction the chain rejected: carries the revert data and, when the data
 * starts with one of the contract's custom errors, that error's name (e.g. {@code DealNotOpen}).
 */
public final class ContractCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorName;
    private final String revertData;

    public ContractCallException(String message, String errorName, String revertData) {
        super(message + (errorName == null ? "" : " [" + errorName + "]"));
        this.errorName = errorName;
        this.revertData = revertData;
    }

    /** The custom error's name, if the revert data carries one of the contract's errors. */
    public Optional<String> errorName() {
        return Optional.ofNullable(errorName);
    }

    /** 0x revert data as the node returned it, or empty when the node gave none. */
    public String revertData() {
        return revertData == null ? "" : revertData;
    }
}
