-- the gateway's escrows channel follows escrows by their last change
CREATE INDEX escrows_by_change ON escrows (updated_ns);
