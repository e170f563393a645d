-- Tokenta read models, projected from the engine's event stream by log position.
-- Amounts are integer minor units, prices integer ticks, quantities integer lots, times ns since the epoch.

-- The log position each projection has applied, written in the same transaction as its rows.
CREATE TABLE projection_position (
    projection      text PRIMARY KEY,
    log_position    bigint NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE assets (
    asset_id        integer PRIMARY KEY,
    created_ns      bigint NOT NULL,
    log_position    bigint NOT NULL
);

CREATE TABLE instruments (
    instrument_id           integer PRIMARY KEY,
    symbol                  text NOT NULL UNIQUE,
    instrument_class        text NOT NULL,
    quote_asset_id          integer NOT NULL,
    tick_value_quote_units  bigint NOT NULL,
    lot_size_units          bigint NOT NULL,
    min_quantity_lots       bigint NOT NULL,
    max_quantity_lots       bigint NOT NULL,
    min_price_ticks         bigint NOT NULL,
    max_price_ticks         bigint NOT NULL,
    maker_fee_bps           integer NOT NULL,
    taker_fee_bps           integer NOT NULL,
    settlement_timeout_ns   bigint NOT NULL,
    created_ns              bigint NOT NULL,
    log_position            bigint NOT NULL
);

CREATE TABLE accounts (
    account_id      bigint PRIMARY KEY,
    created_ns      bigint NOT NULL,
    log_position    bigint NOT NULL
);

-- A seller's registered capacity per instrument (REGISTER_LISTING replaces the figure).
CREATE TABLE listings (
    account_id      bigint NOT NULL,
    instrument_id   integer NOT NULL,
    capacity_lots   bigint NOT NULL,
    updated_ns      bigint NOT NULL,
    log_position    bigint NOT NULL,
    PRIMARY KEY (account_id, instrument_id)
);

-- The current state of each order; order_events is its full history.
CREATE TABLE orders (
    order_id        bigint PRIMARY KEY,
    account_id      bigint NOT NULL,
    instrument_id   integer NOT NULL,
    client_order_id bigint NOT NULL,
    side            text NOT NULL,
    order_type      text NOT NULL,
    time_in_force   text NOT NULL,
    price_ticks     bigint NOT NULL,
    quantity_lots   bigint NOT NULL,
    filled_lots     bigint NOT NULL,
    remaining_lots  bigint NOT NULL,
    status          text NOT NULL,
    created_ns      bigint NOT NULL,
    updated_ns      bigint NOT NULL,
    log_position    bigint NOT NULL
);
CREATE INDEX orders_by_account ON orders (account_id, order_id DESC);
CREATE INDEX orders_open_by_account ON orders (account_id, order_id) WHERE status IN ('OPEN', 'PARTIALLY_FILLED');

-- Every order event (accepted, rejected, duplicate, fill, amend, cancel, expire, self-trade prevention),
-- keyed by (log position, index of the event within its command).
CREATE TABLE order_events (
    log_position    bigint NOT NULL,
    event_index     integer NOT NULL,
    order_id        bigint NOT NULL,
    account_id      bigint NOT NULL,
    instrument_id   integer NOT NULL,
    event_type      text NOT NULL,
    price_ticks     bigint NOT NULL,
    quantity_lots   bigint NOT NULL,
    remaining_lots  bigint NOT NULL,
    reason          text,
    event_ns        bigint NOT NULL,
    PRIMARY KEY (log_position, event_index)
);
CREATE INDEX order_events_by_order ON order_events (order_id, log_position, event_index);
CREATE INDEX order_events_by_account ON order_events (account_id, log_position DESC, event_index DESC);

CREATE TABLE trades (
    instrument_id       integer NOT NULL,
    trade_id            bigint NOT NULL,
    maker_order_id      bigint NOT NULL,
    maker_account_id    bigint NOT NULL,
    taker_order_id      bigint NOT NULL,
    taker_account_id    bigint NOT NULL,
    taker_side          text NOT NULL,
    price_ticks         bigint NOT NULL,
    quantity_lots       bigint NOT NULL,
    notional            bigint NOT NULL,
    buyer_fee           bigint NOT NULL,
    seller_fee          bigint NOT NULL,
    settlement_id_hi    bigint NOT NULL,
    settlement_id_lo    bigint NOT NULL,
    trade_ns            bigint NOT NULL,
    log_position        bigint NOT NULL,
    PRIMARY KEY (instrument_id, trade_id)
);
CREATE INDEX trades_by_time ON trades (instrument_id, trade_ns DESC, trade_id DESC);

-- One row per side of each trade, for an account's fills.
CREATE TABLE fills (
    instrument_id   integer NOT NULL,
    trade_id        bigint NOT NULL,
    liquidity       text NOT NULL, -- MAKER or TAKER
    account_id      bigint NOT NULL,
    order_id        bigint NOT NULL,
    side            text NOT NULL,
    price_ticks     bigint NOT NULL,
    quantity_lots   bigint NOT NULL,
    notional        bigint NOT NULL,
    fee             bigint NOT NULL,
    fill_ns         bigint NOT NULL,
    log_position    bigint NOT NULL,
    PRIMARY KEY (instrument_id, trade_id, liquidity)
);
CREATE INDEX fills_by_account ON fills (account_id, log_position DESC, instrument_id, trade_id, liquidity);

-- Double-entry ledger accounts, named by (owner, asset, purpose) as in the engine.
CREATE TABLE balances (
    owner_id        bigint NOT NULL,
    asset_id        integer NOT NULL,
    purpose         text NOT NULL,
    debits_posted   bigint NOT NULL DEFAULT 0,
    credits_posted  bigint NOT NULL DEFAULT 0,
    debits_pending  bigint NOT NULL DEFAULT 0,
    credits_pending bigint NOT NULL DEFAULT 0,
    updated_ns      bigint NOT NULL,
    log_position    bigint NOT NULL,
    PRIMARY KEY (owner_id, asset_id, purpose)
);

-- Every transfer event. phase: POSTED (immediate), PENDING (reservation), POST (pending posted), VOID.
-- A PENDING row's pending_state follows it: PENDING until a POST or VOID row with the same id arrives.
CREATE TABLE transfers (
    id_hi           bigint NOT NULL,
    id_lo           bigint NOT NULL,
    phase           text NOT NULL,
    debit_owner     bigint NOT NULL,
    debit_purpose   text NOT NULL,
    credit_owner    bigint NOT NULL,
    credit_purpose  text NOT NULL,
    asset_id        integer NOT NULL,
    amount          bigint NOT NULL,
    kind            text NOT NULL,
    flags           integer NOT NULL,
    pending_state   text,
    transfer_ns     bigint NOT NULL,
    log_position    bigint NOT NULL,
    event_index     integer NOT NULL,
    PRIMARY KEY (id_hi, id_lo, phase)
);
CREATE INDEX transfers_by_debit ON transfers (debit_owner, log_position DESC, event_index DESC);
CREATE INDEX transfers_by_credit ON transfers (credit_owner, log_position DESC, event_index DESC);

-- OHLCV per instrument and interval; bucket_start_ns = trade time floored to the interval.
CREATE TABLE candles (
    instrument_id   integer NOT NULL,
    interval_s      integer NOT NULL,
    bucket_start_ns bigint NOT NULL,
    open_ticks      bigint NOT NULL,
    high_ticks      bigint NOT NULL,
    low_ticks       bigint NOT NULL,
    close_ticks     bigint NOT NULL,
    volume_lots     bigint NOT NULL,
    trade_count     bigint NOT NULL,
    notional        bigint NOT NULL,
    PRIMARY KEY (instrument_id, interval_s, bucket_start_ns)
);

-- Escrows (one per fill settlement), written by settlement; keyed by the settlement transfer id.
CREATE TABLE escrows (
    escrow_id           text PRIMARY KEY,
    settlement_id_hi    bigint NOT NULL,
    settlement_id_lo    bigint NOT NULL,
    instrument_id       integer NOT NULL,
    trade_id            bigint NOT NULL,
    chain_id            integer NOT NULL,
    buyer_account_id    bigint NOT NULL,
    seller_account_id   bigint NOT NULL,
    asset_id            integer NOT NULL,
    amount              bigint NOT NULL,
    state               text NOT NULL,
    open_tx_hash        text,
    last_tx_hash        text,
    opened_ns           bigint NOT NULL,
    updated_ns          bigint NOT NULL,
    UNIQUE (settlement_id_hi, settlement_id_lo)
);
CREATE INDEX escrows_open ON escrows (escrow_id) WHERE state IN ('OPENING', 'OPEN', 'DELIVERED', 'DISPUTED');
