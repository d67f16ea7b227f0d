-- Ceiling (a): the service's booking transaction, statement for statement and round trip for
-- round trip, as PostgresBookingsRepository (BookingWriter) + OutboxWriter issue it (read
-- committed; BookingMade_v1 on the `events` firehose and its own topic, one message UUID; then
-- the forwarders' wake-up, in a statement of its own that does not wait for the disk). Two
-- round trips, as the driver sends them in pipeline mode: BEGIN with the seats statement, then
-- the outbox insert with COMMIT and the wake-up. Run with `pgbench -M prepared` (the driver
-- prepares each statement once per connection). The show is md5('bench-show-<n>')::uuid
-- with n drawn from :first_show..:last_show (pgbench -D), as bench/tickets_bench creates them.
\set n random(:first_show, :last_show)
\startpipeline
BEGIN ISOLATION LEVEL READ COMMITTED;
WITH seats AS (
    UPDATE shows SET booked_seats = booked_seats + 2::bigint
    WHERE show_id = md5('bench-show-' || :n::text)::uuid AND booked_seats + held_seats + 2::bigint <= number_of_tickets
    RETURNING show_id
)
INSERT INTO bookings (booking_id, show_id, number_of_tickets, customer_email)
SELECT gen_random_uuid(), show_id, 2, 'bench@example.com' FROM seats;
\endpipeline
\startpipeline
INSERT INTO outbox (topic, message_uuid, payload, metadata) VALUES
    ('events', '0b6a4f3e-8f8e-4f0e-9c55-3d2b1a0e9f11', '{"header":{"id":"5c3e2b1a-0f9e-4d8c-b7a6-958473625140","published_at":"2026-05-01T10:00:00.123456789Z","idempotency_key":"0b6a4f3e-8f8e-4f0e-9c55-3d2b1a0e9f11"},"booking_id":"0b6a4f3e-8f8e-4f0e-9c55-3d2b1a0e9f11","show_id":"7d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a","number_of_tickets":2,"customer_email":"bench@example.com"}'::bytea, '{"name":"BookingMade_v1","correlation_id":"bench-8f7e6d5c4b3a","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}'::jsonb),
    ('events.BookingMade_v1', '0b6a4f3e-8f8e-4f0e-9c55-3d2b1a0e9f11', '{"header":{"id":"5c3e2b1a-0f9e-4d8c-b7a6-958473625140","published_at":"2026-05-01T10:00:00.123456789Z","idempotency_key":"0b6a4f3e-8f8e-4f0e-9c55-3d2b1a0e9f11"},"booking_id":"0b6a4f3e-8f8e-4f0e-9c55-3d2b1a0e9f11","show_id":"7d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a","number_of_tickets":2,"customer_email":"bench@example.com"}'::bytea, '{"name":"BookingMade_v1","correlation_id":"bench-8f7e6d5c4b3a","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}'::jsonb);
COMMIT;
SELECT set_config('synchronous_commit', 'off', true), pg_notify('outbox', '');
\endpipeline
