package space.tokenta.settlement.escrow;

/**
 * Verification with a second opinion for disputes: an escrow's delivery is verified by the first
 * panel; once the buyer has disputed the deal on chain, the contract only releases on a verdict issued
 * after the dispute, so the delivery is verified again, from scratch, by an independent dispute panel
 * (its own pipeline run, probes with its own nonces and its own quorum). The dispute panel's verdict,
 * PASS or FAIL, resolves the dispute: {@code release} or {@code refund}.
 */
public final class DisputePanelVerifier implements DeliveryVerifier, AutoCloseable {
    private final DeliveryVerifier first;
    private final DeliveryVerifier dispute;

    public DisputePanelVerifier(final DeliveryVerifier first, final DeliveryVerifier dispute) {
        if (first == null || dispute == null || first == dispute) {
            throw new IllegalArgumentException("two distinct panels: one for deliveries, one for disputes");
        }
        this.first = first;
        this.dispute = dispute;
    }

    @Override
    public Outcome verify(final EscrowRow escrow, final long chainTimeSec) {
        return (escrow.disputed() ? dispute : first).verify(escrow, chainTimeSec);
    }

    @Override
    public void close() throws Exception {
        try {
            if (first instanceof AutoCloseable c) {
                c.close();
            }
        } finally {
            if (dispute instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
