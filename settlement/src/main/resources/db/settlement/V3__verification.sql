-- Verification runs, their evidence and signatures, and the reputation they feed. Written by the
-- settlement worker's verification path (idempotent: a retried step rewrites the same rows) and read
-- by the gateway's /v1/verifications, /v1/evidence and /v1/reputation routes.

-- One row per verification round of an escrow: round 0 is the first verification, round 1 the fresh
-- one after a buyer's dispute. A retried attempt in the same round reuses the row.
CREATE TABLE verification_runs (
    run_id        BIGSERIAL PRIMARY KEY,
    escrow_id     TEXT   NOT NULL,
    chain_id      BIGINT NOT NULL,
    deal_id       TEXT,
    symbol        TEXT,
    asset_class   TEXT   NOT NULL,
    seller_account BIGINT,
    buyer_account  BIGINT,
    outcome       TEXT   NOT NULL CHECK (outcome IN ('RUNNING', 'PASS', 'FAIL')),
    failed_stage  TEXT,
    -- [{"stage":"S1","name":"LISTING","passed":true,"detail":"..."}]
    stages        JSONB  NOT NULL,
    evidence_cid  TEXT,
    -- the S1-S5 statement the attestors re-checked (the envelope under evidence_cid wraps it)
    statement_cid TEXT,
    signatures    INT    NOT NULL DEFAULT 0,
    quorum        INT    NOT NULL,
    round         INT    NOT NULL DEFAULT 0,
    verdict_score_bps INT,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    UNIQUE (escrow_id, round)
);
CREATE INDEX verification_runs_evidence ON verification_runs (evidence_cid);

-- Every attestor answer with a signed verdict on a quorum envelope (dissenting verdicts too).
CREATE TABLE verification_signatures (
    evidence_cid  TEXT NOT NULL,
    attestor      TEXT NOT NULL,           -- 0x address, lower case
    attestor_name TEXT NOT NULL,
    verdict       TEXT NOT NULL,           -- PASS | FAIL
    score_bps     INT  NOT NULL DEFAULT 0,
    signed_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (evidence_cid, attestor)
);

-- Evidence bodies by CIDv1 (raw, sha2-256); at most 16 MiB each, the evidence store's own bound.
CREATE TABLE evidence (
    cid        TEXT PRIMARY KEY,
    escrow_id  TEXT NOT NULL,
    media_type TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'ENVELOPE', -- STATEMENT (S1-S5) | ENVELOPE (DSSE + quorum verdicts)
    body       BYTEA NOT NULL CHECK (octet_length(body) <= 16777216),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX evidence_created ON evidence (created_at DESC);

-- Sellers' reputation (decayed Beta, see the reputation module). exposure_limit_lots holds the limit
-- sent to the engine's SET_EXPOSURE_LIMIT, in the engine's quote units; exposure_limit_sent is what
-- the engine last acknowledged (the worker re-sends while they differ).
CREATE TABLE reputation_sellers (
    seller_account      BIGINT PRIMARY KEY,
    score               DOUBLE PRECISION NOT NULL,
    lower_bound         DOUBLE PRECISION NOT NULL,
    deals               INT NOT NULL,
    passes              INT NOT NULL,
    fails               INT NOT NULL,
    exposure_limit_lots BIGINT,
    exposure_limit_sent BIGINT,
    history             JSONB NOT NULL,    -- last <= 50 [{"at":"ISO-8601","score":0.9,"lowerBound":0.8}]
    updated_at          TIMESTAMPTZ NOT NULL
);

CREATE TABLE reputation_attestors (
    attestor   TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    agreement  DOUBLE PRECISION NOT NULL,  -- the agreement EMA T
    stake      NUMERIC NOT NULL,
    trust      DOUBLE PRECISION NOT NULL,  -- selection share stake x T / sum(stake x T)
    slashed    BOOLEAN NOT NULL,
    signatures INT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The reputation event log, one row per settled escrow (the idempotency key): the books above are a
-- fold of it in seq order, and the worker rebuilds its in-memory books from it after a restart.
CREATE TABLE reputation_events (
    seq            BIGSERIAL PRIMARY KEY,
    escrow_id      TEXT NOT NULL UNIQUE,
    counted        BOOLEAN NOT NULL,        -- false: never opened on chain, not the seller's doing
    seller_account BIGINT NOT NULL,
    buyer_account  BIGINT NOT NULL,
    notional       BIGINT NOT NULL,
    kind           TEXT NOT NULL,           -- PASS | FAIL
    sla_bps        INT NOT NULL,
    at_sec         BIGINT NOT NULL,
    buyer_tau      DOUBLE PRECISION NOT NULL,
    votes          JSONB NOT NULL,          -- [{"attestor":"0x..","name":"N-01","pass":true,"scoreBps":9900}]
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
