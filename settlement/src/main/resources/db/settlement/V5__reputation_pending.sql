-- The reputation feed looked for settled escrows with no reputation event by an anti-join over every
-- RELEASED/REFUNDED escrow, four times a second: work that grew with the whole history. A flag set in
-- the same transaction as the event, and a partial index over the few settled escrows not yet applied,
-- make each poll touch only those.
ALTER TABLE settlement_escrows ADD COLUMN reputation_applied BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE settlement_escrows e SET reputation_applied = TRUE
 WHERE EXISTS (SELECT 1 FROM reputation_events r WHERE r.escrow_id = e.escrow_id);

CREATE INDEX settlement_escrows_reputation_pending ON settlement_escrows (settled_at_ms NULLS FIRST, escrow_id)
    WHERE phase IN ('RELEASED', 'REFUNDED') AND NOT reputation_applied;
