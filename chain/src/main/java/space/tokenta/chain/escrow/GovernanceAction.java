package space.tokenta.chain.escrow;

/** The escrow multisig's actions, in the contract's {@code Action} enum order. */
public enum GovernanceAction {
    ADD_ATTESTOR,
    REMOVE_ATTESTOR,
    SET_QUORUM,
    SET_OPERATOR,
    SET_FEE_RECIPIENT,
    SET_FEE_BPS,
    UNPAUSE;

    static GovernanceAction of(int ordinal) {
        GovernanceAction[] all = values();
        if (ordinal < 0 || ordinal >= all.length) {
            throw new IllegalArgumentException("unknown governance action " + ordinal);
        }
        return all[ordinal];
    }
}
