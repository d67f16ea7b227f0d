/// The service's schema, as versioned migrations applied once at start (`PostgresMigrator`).
/// Tables named in CONTRACT.md §5 keep their names and columns: operators and tools rely on them.
public enum TicketsSchema {
    public static let migrations: [PostgresMigration] = [
        PostgresMigration(version: 1, name: "shows, bookings, tickets, refunds", sql: """
            CREATE TABLE shows (
                show_id uuid PRIMARY KEY,
                dead_nation_id uuid UNIQUE NOT NULL,
                number_of_tickets int NOT NULL CHECK (number_of_tickets > 0),
                -- Seats sold so far: the capacity check is one row update, never a SUM over bookings.
                booked_seats int NOT NULL DEFAULT 0 CHECK (booked_seats BETWEEN 0 AND number_of_tickets),
                start_time timestamptz NOT NULL,
                title text NOT NULL,
                venue text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE bookings (
                booking_id uuid PRIMARY KEY,
                show_id uuid NOT NULL REFERENCES shows (show_id),
                number_of_tickets int NOT NULL CHECK (number_of_tickets > 0),
                customer_email text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX bookings_show_id ON bookings (show_id);
            -- Each status Dead Nation reported, under its idempotency key (request key + ticket id).
            CREATE TABLE ticket_status_changes (
                idempotency_key text PRIMARY KEY,
                ticket_id uuid NOT NULL,
                status text NOT NULL CHECK (status IN ('confirmed', 'canceled')),
                booking_id uuid NOT NULL,
                customer_email text NOT NULL,
                price_amount numeric(10,2) NOT NULL,
                price_currency char(3) NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX ticket_status_changes_ticket_id ON ticket_status_changes (ticket_id);
            CREATE TABLE tickets (
                ticket_id uuid PRIMARY KEY,
                booking_id uuid NOT NULL,
                price_amount numeric(10,2) NOT NULL,
                price_currency char(3) NOT NULL,
                customer_email text NOT NULL,
                deleted_at timestamptz NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE refund_requests (
                ticket_id uuid PRIMARY KEY,
                idempotency_key text NOT NULL,
                requested_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        PostgresMigration(version: 2, name: "outbox and processed messages", sql: """
            CREATE TABLE outbox (
                id bigserial PRIMARY KEY,
                topic text NOT NULL,
                message_uuid text NOT NULL,
                payload bytea NOT NULL,
                metadata jsonb NOT NULL,
                created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                attempts int NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
                last_error text NULL
            );
            CREATE INDEX outbox_deliverable ON outbox (next_attempt_at, id);
            CREATE TABLE processed_messages (
                handler text NOT NULL,
                message_uuid text NOT NULL,
                processed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (handler, message_uuid)
            );
            """),
        PostgresMigration(version: 3, name: "data lake and ops read model", sql: """
            CREATE TABLE events (
                event_id uuid PRIMARY KEY,
                published_at timestamp NOT NULL,
                event_name varchar(255) NOT NULL,
                event_payload jsonb NOT NULL
            );
            CREATE INDEX events_published_at ON events (published_at, event_id);
            CREATE TABLE read_model_ops_bookings (
                booking_id uuid PRIMARY KEY,
                payload jsonb NOT NULL
            );
            -- What the events said about each booking and ticket; the documents above are built
            -- from these, which is what makes the projection independent of arrival order.
            CREATE TABLE ops_booking_facts (
                booking_id uuid PRIMARY KEY,
                booked_at timestamptz NULL,
                last_update timestamptz NULL
            );
            CREATE TABLE ops_ticket_facts (
                ticket_id uuid PRIMARY KEY,
                booking_id uuid NULL,
                facts jsonb NOT NULL,
                last_update timestamptz NOT NULL,
                receipt_issued_at timestamptz NULL
            );
            CREATE INDEX ops_ticket_facts_booking_id ON ops_ticket_facts (booking_id);
            CREATE INDEX ops_ticket_facts_receipt_issued_at ON ops_ticket_facts (receipt_issued_at);
            """),
        PostgresMigration(version: 4, name: "seat holds", sql: """
            -- Seats held and not yet booked, released or swept: like booked_seats, the capacity
            -- check is one row update of the show.
            ALTER TABLE shows ADD COLUMN held_seats int NOT NULL DEFAULT 0 CHECK (held_seats >= 0);
            ALTER TABLE shows ADD CONSTRAINT shows_seats_within_capacity
                CHECK (booked_seats + held_seats <= number_of_tickets);
            CREATE TABLE holds (
                hold_id uuid PRIMARY KEY,
                show_id uuid NOT NULL REFERENCES shows (show_id),
                number_of_tickets int NOT NULL CHECK (number_of_tickets > 0),
                customer_email text NOT NULL,
                expires_at timestamptz NOT NULL,
                -- held: counts in shows.held_seats; booked, released, expired: ended, seats moved on.
                state text NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'booked', 'released', 'expired')),
                booking_id uuid NULL REFERENCES bookings (booking_id),
                ended_at timestamptz NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                CHECK ((state = 'booked') = (booking_id IS NOT NULL))
            );
            -- The sweeper's and a show's look for live holds past their time.
            CREATE INDEX holds_live_by_expiry ON holds (expires_at) WHERE state = 'held';
            CREATE INDEX holds_live_by_show ON holds (show_id, expires_at) WHERE state = 'held';
            """),
    ]
}
