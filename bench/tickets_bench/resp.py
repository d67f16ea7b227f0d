"""A minimal blocking Redis client (RESP2) for the bench's own reads: PING, XLEN, XREAD,
XINFO GROUPS, FLUSHALL. Not for the service: it has its own driver over hiredis."""
import socket


class RedisError(Exception):
    pass


class RedisConnection:
    def __init__(self, host, port, timeout=5.0):
        self.address = (host, port)
        self.socket = socket.create_connection(self.address, timeout=timeout)
        self.reader = self.socket.makefile("rb")

    def close(self):
        self.reader.close()
        self.socket.close()

    def command(self, *arguments, timeout=None):
        """Sends one command and returns its decoded reply (bytes, int, list or None)."""
        if timeout is not None:
            self.socket.settimeout(timeout)
        parts = [b"*%d\r\n" % len(arguments)]
        for argument in arguments:
            data = argument if isinstance(argument, bytes) else str(argument).encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
        self.socket.sendall(b"".join(parts))
        return self._reply()

    def _reply(self):
        line = self.reader.readline()
        if not line:
            raise RedisError(f"connection to {self.address} closed")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest
        if kind == b"-":
            raise RedisError(f"{rest.decode()} (from {self.address})")
        if kind == b":":
            return int(rest)
        if kind == b"$":
            length = int(rest)
            if length < 0:
                return None
            data = self.reader.read(length + 2)
            return data[:-2]
        if kind == b"*":
            count = int(rest)
            return None if count < 0 else [self._reply() for _ in range(count)]
        raise RedisError(f"unexpected reply {line!r} from {self.address}")


def pairs(flat):
    """A flat [key, value, key, value...] reply as a dict with str keys."""
    return {flat[index].decode(): flat[index + 1] for index in range(0, len(flat), 2)}
