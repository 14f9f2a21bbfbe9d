-- Deduplication is backed by the unique (event_id, network_epoch) index alone: an event id names
-- one event on a network, so the dedup key (which hashes it with the contract, type and ledger)
-- can never be unique where the event id is not. Its own unique index was keyed by a random
-- hash, so every insert landed on a random page of a growing index: work a backfill can skip.
DROP INDEX events_dedup_key;
