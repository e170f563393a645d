-- Who pays an instrument's fees: MAKER_TAKER (by role) or SELLER_PAYS (escrow-settled markets: the
-- seller pays its rate whichever side rested, the buyer none). Earlier instruments were maker-taker.
ALTER TABLE instruments ADD COLUMN fee_model text NOT NULL DEFAULT 'MAKER_TAKER';
