// Generated from openapi.yaml by scripts/embed-openapi.sh; do not edit.

/// The OpenAPI document of the API (openapi.yaml at the repository root), served at
/// `GET /openapi.yaml`.
public enum OpenAPIDocument {
    public static let yaml = #"""
openapi: 3.0.3
info:
  title: Tickets
  version: 1.0.0
  description: >-
    The HTTP API of the Tickets box-office service (CONTRACT.md §2). Bodies are JSON unless
    stated. Errors are `{"error": "<human message>"}`; a 5xx never carries internals. Every
    response carries `Correlation-ID` (the request's, or a generated one). Request bodies are
    limited to 1 MiB (413 beyond) and to 32 levels of JSON nesting (400 beyond); request headers
    to 80 KiB in all.
servers:
  - url: http://127.0.0.1:8080
tags:
  - name: public
  - name: ops
  - name: health
paths:
  /health:
    get:
      tags: [health]
      operationId: health
      summary: Readiness
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
      responses:
        '200':
          description: The API can serve.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            text/plain:
              schema: {type: string, enum: [ok]}
        '503':
          description: Something the API needs is down.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: object
                required: [error, down]
                properties:
                  error: {type: string}
                  down:
                    type: array
                    items: {type: string}
  /health/details:
    get:
      tags: [health]
      operationId: healthDetails
      summary: Each dependency with its last error, outbox backlog and dead letters
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
      responses:
        '200':
          description: The state of the service.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: object
                required: [status, problems, dependencies]
                properties:
                  status: {type: string, enum: [ok, not ready]}
                  problems:
                    type: array
                    items: {type: string}
                  dependencies:
                    type: object
                    additionalProperties:
                      type: object
                      required: [up]
                      properties:
                        up: {type: boolean}
                        last_error: {type: string, nullable: true}
                        last_error_at: {type: string, format: date-time, nullable: true}
                  messaging:
                    type: object
                    nullable: true
                    required: [outbox_backlog, dead_letters]
                    properties:
                      outbox_backlog: {type: integer, minimum: 0}
                      dead_letters: {type: integer, minimum: 0}
  /metrics:
    get:
      tags: [health]
      operationId: metrics
      summary: Prometheus text exposition
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
      responses:
        '200':
          description: The metrics.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            text/plain:
              schema: {type: string}
  /openapi.yaml:
    get:
      tags: [health]
      operationId: openAPIDocument
      summary: This document
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
      responses:
        '200':
          description: The OpenAPI document of the API.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/yaml:
              schema: {type: string}
  /tickets-status:
    post:
      tags: [public]
      operationId: ticketsStatus
      summary: Dead Nation's callback with the status of tickets
      description: >-
        The idempotency key of the event made for each ticket is the header value followed by
        the ticket id, so repeating a request changes nothing.
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
        - name: Idempotency-Key
          in: header
          required: true
          schema: {type: string, minLength: 1}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [tickets]
              properties:
                tickets:
                  type: array
                  items:
                    type: object
                    required: [ticket_id, status, customer_email, price, booking_id]
                    properties:
                      ticket_id: {type: string, format: uuid}
                      status: {type: string, enum: [confirmed, canceled]}
                      customer_email: {$ref: '#/components/schemas/Email'}
                      price: {$ref: '#/components/schemas/Price'}
                      booking_id: {type: string, format: uuid}
      responses:
        '200':
          description: Recorded; empty body.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '413': {$ref: '#/components/responses/TooLarge'}
        '503': {$ref: '#/components/responses/Busy'}
  /tickets:
    get:
      tags: [public]
      operationId: listTickets
      summary: Every ticket not canceled
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
      responses:
        '200':
          description: The tickets (`[]` when none).
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  required: [ticket_id, customer_email, price]
                  properties:
                    ticket_id: {type: string, format: uuid}
                    customer_email: {type: string}
                    price: {$ref: '#/components/schemas/Price'}
        '503': {$ref: '#/components/responses/Busy'}
  /shows:
    post:
      tags: [public]
      operationId: createShow
      summary: Creates a show
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/CreateShowRequest'}
      responses:
        '201':
          description: Created.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: object
                required: [show_id]
                properties:
                  show_id: {type: string, format: uuid}
        '400': {$ref: '#/components/responses/BadRequest'}
        '409':
          description: A show with this `dead_nation_id` exists already.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: object
                required: [error, show_id]
                properties:
                  error: {type: string}
                  show_id: {type: string, format: uuid}
        '413': {$ref: '#/components/responses/TooLarge'}
        '503': {$ref: '#/components/responses/Busy'}
  /book-tickets:
    post:
      tags: [public]
      operationId: bookTickets
      summary: Books free seats of a show, or turns a live hold into a booking
      description: With `hold_id` alone, the hold gives the show, the seats and the customer.
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
        - name: Idempotency-Key
          in: header
          required: false
          description: Carried as the idempotency key of `BookingMade_v1` (the booking id when absent).
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              oneOf:
                - {$ref: '#/components/schemas/BookSeatsRequest'}
                - {$ref: '#/components/schemas/BookHoldRequest'}
      responses:
        '201':
          description: Booked.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: object
                required: [booking_id]
                properties:
                  booking_id: {type: string, format: uuid}
        '400':
          description: Invalid, or not enough seats (`"not enough seats available"`).
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
        '404':
          description: Unknown show or hold.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
        '409':
          description: The hold expired, was released, or was booked already (then `booking_id` names that booking).
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/HoldConflict'}
        '413': {$ref: '#/components/responses/TooLarge'}
        '503': {$ref: '#/components/responses/Busy'}
  /shows/bulk:
    post:
      tags: [public]
      operationId: createShowsInBulk
      summary: Creates many shows in one transaction, all or nothing
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [shows]
              properties:
                shows:
                  type: array
                  minItems: 1
                  maxItems: 1000
                  items: {$ref: '#/components/schemas/CreateShowRequest'}
      responses:
        '201':
          description: Every show was created; their ids in the order of the batch.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: object
                required: [show_ids]
                properties:
                  show_ids:
                    type: array
                    items: {type: string, format: uuid}
        '400':
          description: The body is invalid, holds no show or more than 1,000, or items are invalid (each listed; none created).
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/BatchError'}
        '409':
          description: Items whose `dead_nation_id` has a show already (each listed with that `show_id`; none created).
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/BatchError'}
        '413': {$ref: '#/components/responses/TooLarge'}
        '503': {$ref: '#/components/responses/Busy'}
  /shows/{show_id}:
    get:
      tags: [public]
      operationId: getShow
      summary: A show with its booked, held and available seats
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
        - {name: show_id, in: path, required: true, schema: {type: string, format: uuid}}
      responses:
        '200':
          description: The show. Holds whose time ran out count as free, even before they are swept.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ShowDetails'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '404': {$ref: '#/components/responses/NotFound'}
        '503': {$ref: '#/components/responses/Busy'}
  /shows/{show_id}/holds:
    post:
      tags: [public]
      operationId: holdSeats
      summary: Holds seats until they are booked, released, or the hold expires
      description: Publishes `SeatsHeld_v1`; expiry publishes `SeatsReleased_v1` with reason `expired`.
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
        - {name: show_id, in: path, required: true, schema: {type: string, format: uuid}}
        - name: Idempotency-Key
          in: header
          required: false
          description: Carried as the idempotency key of `SeatsHeld_v1` (`hold-<hold id>` when absent).
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [number_of_tickets, customer_email, ttl_seconds]
              properties:
                number_of_tickets: {$ref: '#/components/schemas/Count'}
                customer_email: {$ref: '#/components/schemas/Email'}
                ttl_seconds: {type: integer, minimum: 1, maximum: 3600}
      responses:
        '201':
          description: The seats are held.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: object
                required: [hold_id, expires_at]
                properties:
                  hold_id: {type: string, format: uuid}
                  expires_at: {type: string, format: date-time}
        '400':
          description: Invalid, or not enough seats (`"not enough seats available"`).
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
        '404': {$ref: '#/components/responses/NotFound'}
        '413': {$ref: '#/components/responses/TooLarge'}
        '503': {$ref: '#/components/responses/Busy'}
  /holds/{hold_id}:
    delete:
      tags: [public]
      operationId: releaseHold
      summary: Releases a hold (idempotent)
      description: >-
        Gives the seats back at once and publishes `SeatsReleased_v1` (reason `released`). A hold
        released or expired before answers 204 again and publishes nothing.
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
        - {name: hold_id, in: path, required: true, schema: {type: string, format: uuid}}
        - name: Idempotency-Key
          in: header
          required: false
          description: Carried as the idempotency key of `SeatsReleased_v1` (`release-<hold id>` when absent).
          schema: {type: string}
      responses:
        '204':
          description: The hold holds no seats any more.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '404': {$ref: '#/components/responses/NotFound'}
        '409':
          description: The hold was booked; its seats are sold.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/HoldConflict'}
        '503': {$ref: '#/components/responses/Busy'}
  /ticket-refund/{ticket_id}:
    put:
      tags: [public]
      operationId: refundTicket
      summary: Requests the refund of a ticket (at most once per ticket)
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
        - name: ticket_id
          in: path
          required: true
          schema: {type: string, format: uuid}
        - name: Idempotency-Key
          in: header
          required: false
          schema: {type: string}
      responses:
        '202':
          description: Accepted (every time; only the first request refunds).
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: object
                required: [ticket_id]
                properties:
                  ticket_id: {type: string, format: uuid}
        '400': {$ref: '#/components/responses/BadRequest'}
        '404': {$ref: '#/components/responses/NotFound'}
        '503': {$ref: '#/components/responses/Busy'}
  /ops/bookings:
    get:
      tags: [ops]
      operationId: opsBookings
      summary: The ops read model, optionally of one receipt day, paged
      security:
        - opsToken: []
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
        - name: receipt_issue_date
          in: query
          required: false
          description: Bookings having a ticket whose receipt was issued on this day (UTC).
          schema: {type: string, format: date}
        - name: limit
          in: query
          required: false
          schema: {type: integer, minimum: 1, maximum: 1000, default: 100}
        - name: after
          in: query
          required: false
          description: The last `booking_id` of the previous page.
          schema: {type: string, format: uuid}
      responses:
        '200':
          description: The bookings, ordered by booking id.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/OpsBooking'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '503': {$ref: '#/components/responses/Busy'}
  /ops/bookings/{booking_id}:
    get:
      tags: [ops]
      operationId: opsBooking
      summary: The ops read model of one booking
      security:
        - opsToken: []
      parameters:
        - $ref: '#/components/parameters/CorrelationID'
        - name: booking_id
          in: path
          required: true
          schema: {type: string, format: uuid}
      responses:
        '200':
          description: The booking.
          headers:
            Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/OpsBooking'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '404': {$ref: '#/components/responses/NotFound'}
        '503': {$ref: '#/components/responses/Busy'}
components:
  securitySchemes:
    opsToken:
      type: http
      scheme: bearer
      description: Required on `/ops/*` when the service runs with `OPS_API_TOKEN`.
  parameters:
    CorrelationID:
      name: Correlation-ID
      in: header
      required: false
      description: Travels on every message and gateway call the request causes; generated when absent.
      schema: {type: string}
  headers:
    CorrelationID:
      description: The request's `Correlation-ID`, or the one generated for it.
      required: true
      schema: {type: string, minLength: 1}
    RetryAfter:
      description: Seconds to wait before trying again.
      required: true
      schema: {type: integer, minimum: 1}
  schemas:
    Error:
      type: object
      required: [error]
      properties:
        error: {type: string}
    Count:
      type: integer
      minimum: 1
      maximum: 2147483647
    Text:
      type: string
      minLength: 1
      maxLength: 500
      pattern: '^[^\x00]*[^\x00\s][^\x00]*$'
      description: Not only blanks; no NUL.
    Email:
      type: string
      maxLength: 254
      pattern: '^[^\x00]*@[^\x00]*$'
      description: Any text holding an `@` and no NUL; stored trimmed of blanks.
    Price:
      type: object
      required: [amount, currency]
      properties:
        amount:
          type: string
          pattern: '^[0-9]{1,8}(\.[0-9]{1,2})?$'
          description: A decimal string, read back with two decimals (`"100"` → `"100.00"`).
        currency:
          type: string
          pattern: '^[A-Z]{3}$'
    OpsBooking:
      type: object
      required: [booking_id, booked_at, last_update, tickets]
      properties:
        booking_id: {type: string, format: uuid}
        booked_at: {type: string, format: date-time, nullable: true}
        last_update: {type: string, format: date-time}
        tickets:
          type: object
          description: Keyed by ticket id.
          additionalProperties: {$ref: '#/components/schemas/OpsTicket'}
    OpsTicket:
      type: object
      required: [price_amount, price_currency, customer_email, confirmed_at, refunded_at, printed_at,
                 printed_file_name, receipt_issued_at, receipt_number]
      properties:
        price_amount: {type: string, nullable: true}
        price_currency: {type: string, nullable: true}
        customer_email: {type: string, nullable: true}
        confirmed_at: {type: string, format: date-time, nullable: true}
        refunded_at: {type: string, format: date-time, nullable: true}
        printed_at: {type: string, format: date-time, nullable: true}
        printed_file_name: {type: string, nullable: true}
        receipt_issued_at: {type: string, format: date-time, nullable: true}
        receipt_number: {type: string, nullable: true}
    CreateShowRequest:
      type: object
      required: [dead_nation_id, number_of_tickets, start_time, title, venue]
      properties:
        dead_nation_id: {type: string, format: uuid}
        number_of_tickets: {$ref: '#/components/schemas/Count'}
        start_time: {type: string, format: date-time}
        title: {$ref: '#/components/schemas/Text'}
        venue: {$ref: '#/components/schemas/Text'}
    BookSeatsRequest:
      type: object
      required: [show_id, number_of_tickets, customer_email]
      properties:
        show_id: {type: string, format: uuid}
        number_of_tickets: {$ref: '#/components/schemas/Count'}
        customer_email: {$ref: '#/components/schemas/Email'}
    BookHoldRequest:
      type: object
      required: [hold_id]
      additionalProperties: false
      properties:
        hold_id: {type: string, format: uuid}
    ShowDetails:
      type: object
      required: [show_id, dead_nation_id, number_of_tickets, start_time, title, venue, seats]
      properties:
        show_id: {type: string, format: uuid}
        dead_nation_id: {type: string, format: uuid}
        number_of_tickets: {type: integer, description: The capacity.}
        start_time: {type: string, format: date-time}
        title: {type: string}
        venue: {type: string}
        seats:
          type: object
          required: [capacity, booked, held, available]
          properties:
            capacity: {type: integer}
            booked: {type: integer}
            held: {type: integer, description: Seats of live holds (not expired).}
            available: {type: integer, description: capacity - booked - held}
    BatchError:
      type: object
      required: [error]
      properties:
        error: {type: string}
        errors:
          type: array
          items:
            type: object
            required: [index, error]
            properties:
              index: {type: integer, minimum: 0, description: Position of the item in `shows`.}
              error: {type: string}
              show_id: {type: string, format: uuid, description: 'On 409: the show that has the item''s dead_nation_id.'}
    HoldConflict:
      type: object
      required: [error]
      properties:
        error: {type: string}
        booking_id: {type: string, format: uuid, description: When the hold was booked already.}
    EventHeader:
      description: The common header of every event (CONTRACT.md §3).
      type: object
      required: [id, published_at, idempotency_key]
      properties:
        id: {type: string, format: uuid}
        published_at: {type: string, format: date-time}
        idempotency_key: {type: string}
    SeatsHeld_v1:
      description: Event on topics `events` and `events.SeatsHeld_v1` (not an HTTP body).
      type: object
      required: [header, hold_id, show_id, number_of_tickets, customer_email, expires_at]
      properties:
        header: {$ref: '#/components/schemas/EventHeader'}
        hold_id: {type: string, format: uuid}
        show_id: {type: string, format: uuid}
        number_of_tickets: {type: integer}
        customer_email: {type: string}
        expires_at: {type: string, format: date-time}
    SeatsReleased_v1:
      description: Event on topics `events` and `events.SeatsReleased_v1` (not an HTTP body).
      type: object
      required: [header, hold_id, show_id, number_of_tickets, reason]
      properties:
        header: {$ref: '#/components/schemas/EventHeader'}
        hold_id: {type: string, format: uuid}
        show_id: {type: string, format: uuid}
        number_of_tickets: {type: integer}
        reason: {type: string, enum: [released, expired]}
  responses:
    BadRequest:
      description: Invalid request (the message names the field).
      headers:
        Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    NotFound:
      description: Unknown resource.
      headers:
        Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    Unauthorized:
      description: A valid bearer token is required.
      headers:
        Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    TooLarge:
      description: The request body is larger than 1 MiB.
      headers:
        Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    Busy:
      description: Every database connection stayed busy, or the database is briefly out of reach (a restart); try again after `Retry-After` seconds.
      headers:
        Correlation-ID: {$ref: '#/components/headers/CorrelationID'}
        Retry-After: {$ref: '#/components/headers/RetryAfter'}
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}

"""#
}
