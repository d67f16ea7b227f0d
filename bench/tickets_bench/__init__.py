"""`make bench`: measures the Tickets service against the ceilings of its own SQL (issue 6).

The driver starts private servers (PostgreSQL cluster, Redis, gateway simulator, one service
instance) on free loopback ports, runs the scenarios, prints a table and writes
bench/results/<timestamp>.json. It needs only the Python standard library, wrk and the
PostgreSQL and Redis server binaries that scripts/services.sh installs.
"""
