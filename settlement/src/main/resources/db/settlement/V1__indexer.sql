-- Reorg-safe indexer state per chain. Every derived row carries the block it came from, so a
-- rollback to a fork point is "delete where block_number > fork" in one transaction.
CREATE TABLE indexer_checkpoint (
    chain_id      BIGINT PRIMARY KEY,
    block_number  BIGINT NOT NULL,
    block_hash    TEXT   NOT NULL,
    final_number  BIGINT NOT NULL,
    state         TEXT   NOT NULL,
    halt_reason   TEXT
);

CREATE TABLE indexer_blocks (
    chain_id     BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    block_hash   TEXT   NOT NULL,
    parent_hash  TEXT   NOT NULL,
    PRIMARY KEY (chain_id, block_number)
);

CREATE TABLE escrow_events (
    chain_event_id TEXT PRIMARY KEY,
    chain_id       BIGINT NOT NULL,
    block_number   BIGINT NOT NULL,
    block_hash     TEXT   NOT NULL,
    log_index      INT    NOT NULL,
    tx_hash        TEXT   NOT NULL,
    kind           TEXT   NOT NULL,
    deal_id        TEXT,
    detail         TEXT   NOT NULL
);
CREATE INDEX escrow_events_block ON escrow_events (chain_id, block_number);

CREATE TABLE deposits (
    chain_event_id TEXT PRIMARY KEY,
    chain_id       BIGINT NOT NULL,
    block_number   BIGINT NOT NULL,
    account        TEXT   NOT NULL,
    token          TEXT   NOT NULL,
    amount         NUMERIC(78, 0) NOT NULL,
    is_final       BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX deposits_block ON deposits (chain_id, block_number);

CREATE TABLE deals (
    chain_id       BIGINT NOT NULL,
    deal_id        TEXT   NOT NULL,
    buyer          TEXT   NOT NULL,
    seller         TEXT   NOT NULL,
    token          TEXT   NOT NULL,
    amount         NUMERIC(78, 0) NOT NULL,
    state          TEXT   NOT NULL,
    opened_block   BIGINT NOT NULL,
    updated_block  BIGINT NOT NULL,
    PRIMARY KEY (chain_id, deal_id)
);

-- Outbox of final events handed to the FinalEventSink: inserted once per chain event id, in the
-- same transaction that marks the row final; delivered_at is set after the sink accepted it.
CREATE TABLE final_events (
    chain_event_id TEXT PRIMARY KEY,
    chain_id       BIGINT NOT NULL,
    block_number   BIGINT NOT NULL,
    kind           TEXT   NOT NULL,
    account        TEXT   NOT NULL,
    token          TEXT   NOT NULL,
    amount         NUMERIC(78, 0) NOT NULL,
    delivered      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE dead_letters (
    id             BIGSERIAL PRIMARY KEY,
    chain_id       BIGINT NOT NULL,
    block_number   BIGINT NOT NULL,
    block_hash     TEXT   NOT NULL,
    log_index      INT    NOT NULL,
    reason         TEXT   NOT NULL,
    attempts       INT    NOT NULL,
    raw_log        TEXT   NOT NULL,
    replayed       BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (chain_id, block_hash, log_index)
);

CREATE TABLE indexer_alerts (
    id         BIGSERIAL PRIMARY KEY,
    chain_id   BIGINT NOT NULL,
    kind       TEXT   NOT NULL,
    message    TEXT   NOT NULL,
    raised_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
