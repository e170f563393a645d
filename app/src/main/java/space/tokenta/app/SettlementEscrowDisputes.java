package space.tokenta.app;

import java.util.Optional;
import space.tokenta.gateway.port.EscrowDisputes;
import space.tokenta.settlement.SettlementService;
import space.tokenta.settlement.escrow.DisputeAnswer;

/** The gateway's dispute port over the settlement service: the buyer's dispute sent on chain. */
final class SettlementEscrowDisputes implements EscrowDisputes {
    private final SettlementService settlement;

    SettlementEscrowDisputes(final SettlementService settlement) {
        this.settlement = settlement;
    }

    @Override
    public Optional<Answer> dispute(final String escrowId, final long accountId) {
        final DisputeAnswer a = settlement.dispute(escrowId, accountId);
        return Optional.of(new Answer(Outcome.valueOf(a.outcome().name()), a.escrowId(), a.state(),
                a.chainId() == null ? 0 : a.chainId(), a.dealId(), a.releaseAfterSec(), a.disputedAtSec()));
    }
}
