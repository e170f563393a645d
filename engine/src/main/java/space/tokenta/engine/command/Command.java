package space.tokenta.engine.command;

import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

/**
 * One sequenced command: a reusable, mutable plain-data object (fill it, apply it, {@link #clear()}
 * it, fill it again). The engine reads only the fields its {@link #type} needs and never keeps a
 * reference to the command.
 *
 * <p>Every command reads {@link #timestampNs} (sequencer time; the engine's clock is the largest
 * timestamp seen, a smaller one is rejected with CLOCK_WENT_BACKWARDS). Units: prices in integer
 * ticks, quantities in integer lots, money in the quote asset's minor units. The fields per type:
 *
 * <table>
 * <caption>fields read per command type</caption>
 * <tr><th>type</th><th>fields</th></tr>
 * <tr><td>ADD_ASSET</td><td>{@code assetId} (1..65535): a quote asset such as USDT or USDC.</td></tr>
 * <tr><td>ADD_INSTRUMENT</td><td>{@code instrumentId} (1..{@link space.tokenta.engine.Limits#MAX_INSTRUMENT_ID}),
 *     {@code symbol} (1..64 ASCII chars), {@code instrumentClass}, {@code assetId} (quote asset),
 *     {@code tickValueQuoteUnits} (quote units one tick is worth per lot), {@code lotSizeUnits}
 *     (capacity units per lot, e.g. GPU-hours), {@code minQuantityLots}, {@code maxQuantityLots},
 *     {@code minPriceTicks}, {@code maxPriceTicks} (the static price band), {@code makerFeeBps},
 *     {@code takerFeeBps} (0..1000), {@code feeModel} (who pays them: {@code MAKER_TAKER}, the default, or
 *     {@code SELLER_PAYS}), {@code timeoutNs} (how long a fill's settlement may stay pending before it is
 *     voided by TIME_TICK).</td></tr>
 * <tr><td>ADD_ACCOUNT</td><td>{@code accountId} (1..{@link space.tokenta.engine.Limits#MAX_ACCOUNT_ID}).</td></tr>
 * <tr><td>PLACE_ORDER</td><td>{@code accountId}, {@code instrumentId}, {@code orderId} (assigned by the
 *     sequencer, unique among open orders), {@code clientOrderId} (0 = none; otherwise unique per account
 *     forever: a replay with the same parameters re-reports the original outcome and changes nothing),
 *     {@code side}, {@code orderType}, {@code timeInForce}, {@code priceTicks} (LIMIT),
 *     {@code protectionPriceTicks} (MARKET: worst price it may trade at), {@code quantityLots},
 *     {@code expireAtNs} (GTD only), {@code stpMode}.</td></tr>
 * <tr><td>AMEND_ORDER</td><td>{@code accountId}, {@code orderId}, {@code priceTicks} (new price),
 *     {@code quantityLots} (new open quantity). Quantity down at the same price keeps priority; a price
 *     change or quantity up loses it (and may trade if the new price crosses).</td></tr>
 * <tr><td>CANCEL_ORDER</td><td>{@code accountId}, {@code orderId}.</td></tr>
 * <tr><td>CANCEL_REPLACE</td><td>{@code accountId}, {@code orderId} (the order to cancel), then the new
 *     order's {@code newOrderId}, {@code clientOrderId}, {@code orderType}, {@code timeInForce},
 *     {@code priceTicks}, {@code protectionPriceTicks}, {@code quantityLots}, {@code expireAtNs},
 *     {@code stpMode} (same instrument and side as the old order). If the old order is not open nothing
 *     happens; if the new order is rejected the old one stays cancelled.</td></tr>
 * <tr><td>MASS_CANCEL</td><td>{@code accountId}, {@code instrumentId} (0 = every instrument).</td></tr>
 * <tr><td>CREDIT_DEPOSIT</td><td>{@code transferIdHi}/{@code transferIdLo} (the chain event id
 *     {@code chainId:blockHash:logIndex} hashed to 128 bits; a repeat changes nothing), {@code chainId},
 *     {@code accountId}, {@code assetId}, {@code amount}.</td></tr>
 * <tr><td>REQUEST_WITHDRAWAL</td><td>{@code transferIdHi}/{@code transferIdLo} (new, unique),
 *     {@code chainId}, {@code accountId}, {@code assetId}, {@code amount}, {@code timeoutNs}
 *     (0 = no timeout). A pending transfer AVAILABLE to the chain's omnibus account.</td></tr>
 * <tr><td>POST_PENDING_TRANSFER</td><td>{@code transferIdHi}/{@code transferIdLo}: a pending withdrawal
 *     or fill settlement (its linked fee transfer is posted with it).</td></tr>
 * <tr><td>VOID_PENDING_TRANSFER</td><td>{@code transferIdHi}/{@code transferIdLo}: as POST, but the
 *     reservation is released (a voided settlement's funds go back to the buyer's AVAILABLE).</td></tr>
 * <tr><td>REGISTER_LISTING</td><td>{@code accountId} (seller), {@code instrumentId},
 *     {@code quantityLots} (total capacity the seller may sell; replaces the previous figure, and must
 *     not be below what is reserved by open sell orders plus what was sold).</td></tr>
 * <tr><td>SET_EXPOSURE_LIMIT</td><td>{@code accountId}, {@code amount} (quote units; open sell notional
 *     plus unsettled sales may not exceed it).</td></tr>
 * <tr><td>TIME_TICK</td><td>only {@code timestampNs}: expires GTD orders with {@code expireAtNs <= timestampNs}
 *     and voids pending transfers whose timeout passed, in (time, sequence) order.</td></tr>
 * </table>
 */
public final class Command {
    public CommandType type;
    /** Sequencer time, nanoseconds since the epoch. */
    public long timestampNs;
    public long accountId;
    public int instrumentId;
    public long orderId;
    /** CANCEL_REPLACE: the id of the replacing order. */
    public long newOrderId;
    public long clientOrderId;
    public Side side;
    public OrderType orderType;
    public TimeInForce timeInForce;
    public long priceTicks;
    public long quantityLots;
    public long protectionPriceTicks;
    public long expireAtNs;
    public StpMode stpMode;
    /** 128-bit transfer id, high half (for deposits: the chain event id). */
    public long transferIdHi;
    /** 128-bit transfer id, low half. */
    public long transferIdLo;
    public long amount;
    public int assetId;
    public int chainId;
    public long timeoutNs;

    // ADD_INSTRUMENT only
    public String symbol;
    public InstrumentClass instrumentClass;
    public long tickValueQuoteUnits;
    public long lotSizeUnits;
    public long minQuantityLots;
    public long maxQuantityLots;
    public long minPriceTicks;
    public long maxPriceTicks;
    public int makerFeeBps;
    public int takerFeeBps;
    /** Who pays the fees; {@link FeeModel#MAKER_TAKER} unless set (also after {@link #clear()}). */
    public FeeModel feeModel = FeeModel.MAKER_TAKER;

    /** Resets every field to zero/null (the fee model to its default) so the object can be reused. */
    public Command clear() {
        type = null;
        timestampNs = 0;
        accountId = 0;
        instrumentId = 0;
        orderId = 0;
        newOrderId = 0;
        clientOrderId = 0;
        side = null;
        orderType = null;
        timeInForce = null;
        priceTicks = 0;
        quantityLots = 0;
        protectionPriceTicks = 0;
        expireAtNs = 0;
        stpMode = null;
        transferIdHi = 0;
        transferIdLo = 0;
        amount = 0;
        assetId = 0;
        chainId = 0;
        timeoutNs = 0;
        symbol = null;
        instrumentClass = null;
        tickValueQuoteUnits = 0;
        lotSizeUnits = 0;
        minQuantityLots = 0;
        maxQuantityLots = 0;
        minPriceTicks = 0;
        maxPriceTicks = 0;
        makerFeeBps = 0;
        takerFeeBps = 0;
        feeModel = FeeModel.MAKER_TAKER;
        return this;
    }

    /** Copies every field of {@code other} into this command. */
    public Command copyFrom(final Command other) {
        type = other.type;
        timestampNs = other.timestampNs;
        accountId = other.accountId;
        instrumentId = other.instrumentId;
        orderId = other.orderId;
        newOrderId = other.newOrderId;
        clientOrderId = other.clientOrderId;
        side = other.side;
        orderType = other.orderType;
        timeInForce = other.timeInForce;
        priceTicks = other.priceTicks;
        quantityLots = other.quantityLots;
        protectionPriceTicks = other.protectionPriceTicks;
        expireAtNs = other.expireAtNs;
        stpMode = other.stpMode;
        transferIdHi = other.transferIdHi;
        transferIdLo = other.transferIdLo;
        amount = other.amount;
        assetId = other.assetId;
        chainId = other.chainId;
        timeoutNs = other.timeoutNs;
        symbol = other.symbol;
        instrumentClass = other.instrumentClass;
        tickValueQuoteUnits = other.tickValueQuoteUnits;
        lotSizeUnits = other.lotSizeUnits;
        minQuantityLots = other.minQuantityLots;
        maxQuantityLots = other.maxQuantityLots;
        minPriceTicks = other.minPriceTicks;
        maxPriceTicks = other.maxPriceTicks;
        makerFeeBps = other.makerFeeBps;
        takerFeeBps = other.takerFeeBps;
        feeModel = other.feeModel;
        return this;
    }

    @Override
    public String toString() {
        return "Command{" + type + " ts=" + timestampNs + " acct=" + accountId + " instr=" + instrumentId
                + " order=" + orderId + " newOrder=" + newOrderId + " cl=" + clientOrderId + " " + side + " "
                + orderType + " " + timeInForce + " px=" + priceTicks + " qty=" + quantityLots + " prot="
                + protectionPriceTicks + " exp=" + expireAtNs + " stp=" + stpMode + " xfer=" + transferIdHi
                + ":" + transferIdLo + " amt=" + amount + " asset=" + assetId + " chain=" + chainId
                + " timeout=" + timeoutNs + (symbol == null ? "" : " sym=" + symbol) + "}";
    }
}
