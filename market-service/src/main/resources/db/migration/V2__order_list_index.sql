-- The owner's order list: an integration's newest orders first.
CREATE INDEX market_order_newest ON market_order (integration_id, created_at DESC, id DESC);
