-- Settlement worker state: every step's intent is written here before it is sent (to the chain or
-- to the engine), so a restart after kill -9 resumes from the row and reconciles with the chain.

-- How far a consumer has read the engine's event journal (log position), stored in the same
-- transaction as the rows it derived.
CREATE TABLE settlement_cursor (
    name          TEXT PRIMARY KEY,
    log_position  BIGINT NOT NULL
);

-- One row per fill: ESC-<tradeId>. amount is the on-chain deal amount (notional + buyer fee, token units).
CREATE TABLE settlement_escrows (
    escrow_id          TEXT PRIMARY KEY,
    settlement_id_hi   BIGINT NOT NULL,
    settlement_id_lo   BIGINT NOT NULL,
    trade_id           BIGINT NOT NULL,
    instrument_id      INT    NOT NULL,
    asset_id           INT    NOT NULL,
    buyer_account_id   BIGINT NOT NULL,
    seller_account_id  BIGINT NOT NULL,
    amount             BIGINT NOT NULL,
    trade_ns           BIGINT NOT NULL,
    chain_id           BIGINT,
    buyer              TEXT,
    seller             TEXT,
    token              TEXT,
    deal_id            TEXT UNIQUE,
    release_after      BIGINT,
    expires_at         BIGINT,
    auth_deadline      BIGINT,
    buyer_signature    TEXT,
    phase              TEXT   NOT NULL,
    disputed           BOOLEAN NOT NULL DEFAULT FALSE,
    verdict_code       INT,
    verdict            TEXT,
    verdict_signatures TEXT,
    evidence_cid       TEXT,
    verified_at_ms     BIGINT,
    settled_at_ms      BIGINT,
    open_tx            TEXT,
    settle_tx          TEXT,
    engine_outcome     TEXT,
    attempts           INT    NOT NULL DEFAULT 0,
    next_attempt_ms    BIGINT NOT NULL DEFAULT 0,
    last_error         TEXT,
    UNIQUE (settlement_id_hi, settlement_id_lo)
);
CREATE INDEX settlement_escrows_active ON settlement_escrows (phase) WHERE phase NOT IN ('RELEASED', 'REFUNDED');

-- Withdrawals: engine hold, on-chain send, confirmation, post or void.
CREATE TABLE settlement_withdrawals (
    withdrawal_id    TEXT PRIMARY KEY,
    transfer_id_hi   BIGINT NOT NULL,
    transfer_id_lo   BIGINT NOT NULL,
    chain_id         BIGINT NOT NULL,
    account_id       BIGINT NOT NULL,
    asset_id         INT    NOT NULL,
    address          TEXT   NOT NULL,
    token            TEXT   NOT NULL,
    amount           BIGINT NOT NULL,
    phase            TEXT   NOT NULL,
    sender_nonce     BIGINT,
    start_block      BIGINT,
    tx_hash          TEXT,
    engine_outcome   TEXT,
    attempts         INT    NOT NULL DEFAULT 0,
    next_attempt_ms  BIGINT NOT NULL DEFAULT 0,
    last_error       TEXT,
    UNIQUE (transfer_id_hi, transfer_id_lo)
);

-- The terminal's Settlement Activity feed ("indexer confirmed release ESC-8814", ...).
CREATE TABLE settlement_activity (
    id         BIGSERIAL PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    code       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    message    TEXT NOT NULL
);
