-- Ceiling of the forwarder: the outbox drain SQL of PostgresRedisOutboxRelay (OutboxTable)
-- alone, one round per transaction: lock and read the oldest 1,000 due rows, delete them by id;
-- two round trips, as the driver pipelines them: BEGIN with the SELECT, the DELETE with COMMIT.
-- pgbench cannot carry the ids from one statement to the next, so the DELETE finds the same
-- rows again (this transaction holds their locks); its cost is the relay's DELETE ... ANY plus
-- one index range scan.
\startpipeline
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT id, topic, message_uuid, payload, metadata, attempts FROM outbox
WHERE next_attempt_at <= now() ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED;
\endpipeline
\startpipeline
DELETE FROM outbox WHERE id = ANY(ARRAY(
    SELECT id FROM outbox WHERE next_attempt_at <= now() ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED));
COMMIT;
\endpipeline
