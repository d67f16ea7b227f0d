"""Dead Nation's side of the pipeline: POST /tickets-status bodies of confirmed tickets."""
import uuid


def confirmed_tickets(count):
    """A booking id, its `count` new ticket ids, and the /tickets-status body confirming them."""
    booking_id = str(uuid.uuid4())
    ticket_ids = [str(uuid.uuid4()) for _ in range(count)]
    body = {"tickets": [
        {"ticket_id": ticket_id, "status": "confirmed", "customer_email": "bench@example.com",
         "price": {"amount": "50.00", "currency": "EUR"}, "booking_id": booking_id}
        for ticket_id in ticket_ids
    ]}
    return booking_id, ticket_ids, body


def post_confirmed(session, body):
    """Posts one callback under a fresh idempotency key; raises unless the service answered 200."""
    status, answer = session.request("POST", "/tickets-status", body, {"Idempotency-Key": str(uuid.uuid4())})
    if status != 200:
        raise RuntimeError(f"POST /tickets-status answered {status}: {answer[:300]!r}")
