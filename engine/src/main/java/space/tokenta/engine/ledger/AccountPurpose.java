package space.tokenta.engine.ledger;

/**
 * What a ledger account is for. A ledger account is identified by (owner, asset, purpose). Codes
 * are stable.
 */
public enum AccountPurpose {
    /** A trader's spendable funds. Flag: debits must not exceed credits. */
    AVAILABLE(0),
    /** A trader's funds held for open buy orders and for unsettled fills. Flag: debits must not exceed credits. */
    HOLD(1),
    /** The exchange's fee income (owner {@link space.tokenta.engine.Limits#FEE_OWNER}). */
    FEES(2),
    /** A chain's omnibus account (owner = chain id): the source of deposits, the sink of withdrawals; goes negative. */
    OMNIBUS(3);

    private static final AccountPurpose[] BY_CODE = {AVAILABLE, HOLD, FEES, OMNIBUS};
    private final int code;

    AccountPurpose(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the purpose for {@code code}, or {@code null} when the code is unknown. */
    public static AccountPurpose fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
