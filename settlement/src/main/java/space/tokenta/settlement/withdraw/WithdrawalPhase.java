package space.tokenta.settlement.withdraw;

/** Where one withdrawal is. Each phase is written before the action it names is sent. */
public enum WithdrawalPhase {
    /** Asked for; the engine hold may have been sent. */
    REQUESTED,
    /** The engine holds the amount (pending AVAILABLE → omnibus). */
    HELD,
    /** The sender's nonce and the chain head are stored; {@code withdraw} may have been sent. */
    SENDING,
    /** Mined; waiting until the indexer holds the {@code Withdrawn} event as final. */
    SENT,
    /** Final: confirmed on chain and posted in the engine. */
    POSTED,
    /** Final: the chain refused it; the engine hold was voided (funds back to AVAILABLE). */
    VOIDED,
    /** Final: the engine refused the hold (e.g. insufficient funds); nothing changed. */
    REJECTED;

    public boolean isFinal() {
        return this == POSTED || this == VOIDED || this == REJECTED;
    }
}
