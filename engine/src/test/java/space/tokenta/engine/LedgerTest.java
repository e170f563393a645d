package space.tokenta.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static space.tokenta.engine.Commands.USDT;
import static space.tokenta.engine.Market.of;
import static space.tokenta.engine.ledger.AccountPurpose.AVAILABLE;
import static space.tokenta.engine.ledger.AccountPurpose.FEES;
import static space.tokenta.engine.ledger.AccountPurpose.HOLD;
import static space.tokenta.engine.ledger.AccountPurpose.OMNIBUS;

import java.util.List;
import org.junit.jupiter.api.Test;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.ledger.TransferFlags;
import space.tokenta.engine.ledger.TransferKind;

class LedgerTest {

    @Test
    void depositsCreditFromTheChainOmnibusAndAreIdempotentByChainEventId() {
        final Market m = new Market();
        assertEquals(1_000_000, m.engine.balance(1, USDT, AVAILABLE));
        assertEquals(-4_000_000, m.engine.balance(Commands.CHAIN, USDT, OMNIBUS), "balances sum to zero");
        final List<Event> again = m.apply(Commands.deposit(m.next(), 101, 1, 1_000_000));
        assertEquals(RejectReason.DUPLICATE_TRANSFER_ID, of(again, Event.CommandRejected.class).get(0).reason());
        assertEquals(1_000_000, m.engine.balance(1, USDT, AVAILABLE));
    }

    @Test
    void aBuyHoldsNotionalPlusTheLargerFee() {
        final Market m = new Market();
        final List<Event> events = m.buy(1, 10, 1_000, 5);
        final Event.Transfer hold = of(events, Event.Transfer.class).get(0);
        assertEquals(TransferKind.ORDER_HOLD, hold.kind());
        assertEquals(5_000 + 10, hold.amount(), "5000 notional + 20 bps");
        assertEquals(1_000_000 - 5_010, m.engine.availableBalance(1, USDT, AVAILABLE));
        assertEquals(5_010, m.engine.balance(1, USDT, HOLD));
    }

    @Test
    void aFillBecomesAPendingSettlementThatEscrowPostsToTheSellerWithFees() {
        final Market m = new Market();
        m.sell(2, 10, 1_000, 5);
        final List<Event> events = m.buy(1, 20, 1_000, 5);
        final Event.Trade trade = of(events, Event.Trade.class).get(0);
        assertEquals(5_000, trade.notional());
        assertEquals(10, trade.buyerFee(), "taker buyer pays 20 bps");
        assertEquals(5, trade.sellerFee(), "maker seller pays 10 bps");
        final List<Event.Transfer> transfers = of(events, Event.Transfer.class);
        final Event.Transfer settlement = transfers.stream().filter(t -> t.kind() == TransferKind.SETTLEMENT)
                .findFirst().orElseThrow();
        assertEquals(TransferFlags.PENDING, settlement.flags());
        assertEquals(4_995, settlement.amount());
        assertEquals(trade.settlementIdLo(), settlement.idLo());
        assertEquals(0, m.engine.balance(2, USDT, AVAILABLE) - 1_000_000, "seller not paid before escrow releases");
        assertEquals(1, m.engine.pendingTransferCount());
        assertEquals(5_000, m.engine.exposureUsed(2), "unsettled sale counts against exposure");

        m.apply(Commands.finish(m.next(), CommandType.POST_PENDING_TRANSFER, trade.settlementIdHi(),
                trade.settlementIdLo()));
        assertEquals(1_000_000 + 4_995, m.engine.balance(2, USDT, AVAILABLE));
        assertEquals(15, m.engine.balance(Limits.FEE_OWNER, USDT, FEES));
        assertEquals(1_000_000 - 5_010, m.engine.balance(1, USDT, AVAILABLE));
        assertEquals(0, m.engine.balance(1, USDT, HOLD));
        assertEquals(0, m.engine.exposureUsed(2));
        final List<Event> twice = m.apply(Commands.finish(m.next(), CommandType.POST_PENDING_TRANSFER,
                trade.settlementIdHi(), trade.settlementIdLo()));
        assertEquals(RejectReason.PENDING_TRANSFER_NOT_FOUND, of(twice, Event.CommandRejected.class).get(0).reason());
    }

    @Test
    void underSellerPaysABuyHoldsOnlyTheNotional() {
        final Market m = new Market(0, FeeModel.SELLER_PAYS);
        final Event.Transfer hold = of(m.buy(1, 10, 1_000, 5), Event.Transfer.class).get(0);
        assertEquals(TransferKind.ORDER_HOLD, hold.kind());
        assertEquals(5_000, hold.amount(), "no buyer fee to hold for");
        assertEquals(5_000, m.engine.balance(1, USDT, HOLD));
    }

    /** Seller-pays: the buyer pays exactly the notional and the seller its role's rate, whoever rested. */
    @Test
    void underSellerPaysTheSellerPaysTheFeeWhicheverSideRested() {
        final Market m = new Market(0, FeeModel.SELLER_PAYS);
        // the seller rests (maker 10 bps), the buyer takes
        m.sell(2, 10, 1_999, 1);
        final Event.Trade sellerRested = of(m.buy(1, 11, 1_999, 1), Event.Trade.class).get(0);
        assertEquals(0, sellerRested.buyerFee());
        assertEquals(1, sellerRested.sellerFee(), "1,999 × 10 bps = 1.999, rounded down as the escrow rounds");
        // the buyer rests, the seller takes (taker 20 bps)
        m.buy(3, 12, 2_000, 5);
        final List<Event> taken = m.sell(4, 13, 2_000, 5);
        final Event.Trade buyerRested = of(taken, Event.Trade.class).get(0);
        assertEquals(0, buyerRested.buyerFee(), "a resting buyer pays no maker fee");
        assertEquals(20, buyerRested.sellerFee(), "10,000 × 20 bps");
        assertTrue(of(taken, Event.Transfer.class).stream()
                .anyMatch(t -> t.kind() == TransferKind.SETTLEMENT && t.amount() == 10_000 - 20));
        for (final Event.Trade t : List.of(sellerRested, buyerRested)) {
            m.apply(Commands.finish(m.next(), CommandType.POST_PENDING_TRANSFER, t.settlementIdHi(), t.settlementIdLo()));
        }
        assertEquals(1_000_000 - 1_999, m.engine.balance(1, USDT, AVAILABLE), "buyer debited the notional only");
        assertEquals(1_000_000 - 10_000, m.engine.balance(3, USDT, AVAILABLE));
        assertEquals(0, m.engine.balance(3, USDT, HOLD));
        assertEquals(1_000_000 + 1_999 - 1, m.engine.balance(2, USDT, AVAILABLE));
        assertEquals(1_000_000 + 10_000 - 20, m.engine.balance(4, USDT, AVAILABLE));
        assertEquals(21, m.engine.balance(Limits.FEE_OWNER, USDT, FEES));
    }

    @Test
    void aVoidedSettlementRefundsTheBuyer() {
        final Market m = new Market();
        m.sell(2, 10, 1_000, 5);
        final Event.Trade trade = of(m.buy(1, 20, 1_000, 5), Event.Trade.class).get(0);
        final List<Event> events = m.apply(Commands.finish(m.next(), CommandType.VOID_PENDING_TRANSFER,
                trade.settlementIdHi(), trade.settlementIdLo()));
        assertTrue(of(events, Event.Transfer.class).stream()
                .anyMatch(t -> t.kind() == TransferKind.HOLD_RELEASE && t.amount() == 5_010));
        assertEquals(1_000_000, m.engine.balance(1, USDT, AVAILABLE));
        assertEquals(1_000_000, m.engine.balance(2, USDT, AVAILABLE));
        assertEquals(0, m.engine.balance(Limits.FEE_OWNER, USDT, FEES));
    }

    @Test
    void anUnsettledFillIsVoidedWhenItsTimeoutPasses() {
        final Market m = new Market(1_000);
        m.sell(2, 10, 1_000, 5);
        m.buy(1, 20, 1_000, 5);
        m.apply(Commands.tick(m.ts + 999));
        assertEquals(1, m.engine.pendingTransferCount());
        final List<Event> events = m.apply(Commands.tick(m.ts + 1_000));
        final Event.Transfer voided = of(events, Event.Transfer.class).get(0);
        assertEquals(TransferFlags.VOID_PENDING | TransferFlags.TIMEOUT, voided.flags());
        assertEquals(0, m.engine.pendingTransferCount());
        assertEquals(1_000_000, m.engine.balance(1, USDT, AVAILABLE));
    }

    @Test
    void withdrawalsArePendingUntilPostedOrVoided() {
        final Market m = new Market();
        m.apply(Commands.withdraw(m.next(), 1, 1, 400_000, 0));
        assertEquals(600_000, m.engine.availableBalance(1, USDT, AVAILABLE));
        m.apply(Commands.finish(m.next(), CommandType.POST_PENDING_TRANSFER, 9, 1));
        assertEquals(600_000, m.engine.balance(1, USDT, AVAILABLE));
        assertEquals(-3_600_000, m.engine.balance(Commands.CHAIN, USDT, OMNIBUS));
        m.apply(Commands.withdraw(m.next(), 2, 1, 100_000, 0));
        m.apply(Commands.finish(m.next(), CommandType.VOID_PENDING_TRANSFER, 9, 2));
        assertEquals(600_000, m.engine.availableBalance(1, USDT, AVAILABLE));
        final List<Event> tooMuch = m.apply(Commands.withdraw(m.next(), 3, 1, 600_001, 0));
        assertEquals(RejectReason.INSUFFICIENT_FUNDS, of(tooMuch, Event.CommandRejected.class).get(0).reason());
        m.buy(1, 10, 1_000, 5);
        final List<Event> held = m.apply(Commands.withdraw(m.next(), 4, 1, 600_000, 0));
        assertEquals(RejectReason.INSUFFICIENT_FUNDS, of(held, Event.CommandRejected.class).get(0).reason(),
                "held funds cannot be withdrawn");
        m.apply(Commands.withdraw(m.next(), 5, 1, 1_000, 500));
        m.apply(Commands.tick(m.ts + 500));
        assertEquals(0, m.engine.pendingTransferCount(), "withdrawal timed out");
    }

    @Test
    void sellersSellListedCapacityWithinTheirExposureLimit() {
        final Market m = new Market();
        m.apply(Commands.listing(m.next(), 2, Market.INSTRUMENT, 10));
        m.sell(2, 10, 1_000, 6);
        assertEquals(4, m.engine.listingFreeLots(2, Market.INSTRUMENT));
        m.buy(1, 20, 1_000, 6);
        assertEquals(4, m.engine.listingFreeLots(2, Market.INSTRUMENT), "sold capacity is gone");
        final List<Event> shrink = m.apply(Commands.listing(m.next(), 2, Market.INSTRUMENT, 5));
        assertEquals(RejectReason.INSUFFICIENT_CAPACITY, of(shrink, Event.CommandRejected.class).get(0).reason());
    }
}
