-- Placements the engine rejected get an orders row (status REJECTED) carrying the placement's fields and
-- the reason, so order history shows them like any other order. A command that reached the engine without
-- side, type or time in force is rejected too: those columns may be null on REJECTED rows only.
-- (V3 and V4 are left free: store's migrations keep their own history table.)
ALTER TABLE orders ADD COLUMN reject_reason text;
ALTER TABLE orders ALTER COLUMN side DROP NOT NULL;
ALTER TABLE orders ALTER COLUMN order_type DROP NOT NULL;
ALTER TABLE orders ALTER COLUMN time_in_force DROP NOT NULL;
ALTER TABLE orders ADD CONSTRAINT orders_fields_unless_rejected
    CHECK (status = 'REJECTED' OR (side IS NOT NULL AND order_type IS NOT NULL AND time_in_force IS NOT NULL));

-- Rejected placements projected before this version have only their order_events row: carry them over
-- with what that row knows (a rebuild from the log fills in the placement's fields).
INSERT INTO orders (order_id, account_id, instrument_id, client_order_id, side, order_type, time_in_force,
                    price_ticks, quantity_lots, filled_lots, remaining_lots, status, created_ns, updated_ns,
                    log_position, reject_reason)
SELECT order_id, account_id, instrument_id, 0, NULL, NULL, NULL, 0, 0, 0, 0, 'REJECTED', event_ns, event_ns,
       log_position, substring(reason FROM position(':' IN reason) + 1)
FROM order_events
WHERE event_type = 'REJECTED' AND reason LIKE 'PLACE_ORDER:%' AND order_id > 0
ON CONFLICT (order_id) DO NOTHING;
