-- Equivocation proofs found at S6 (two different signed verdicts by one attestor on one deal), and
-- the slashes a settled escrow caused, folded with its reputation event so a rebuild repeats them.
CREATE TABLE attestor_equivocations (
    escrow_id   TEXT NOT NULL,
    attestor    TEXT NOT NULL,
    proof       JSONB NOT NULL,
    detected_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (escrow_id, attestor)
);

ALTER TABLE reputation_events ADD COLUMN slashes JSONB NOT NULL DEFAULT '[]'::jsonb;
