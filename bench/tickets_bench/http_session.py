"""One keep-alive HTTP/1.1 connection to the service or the simulator, reopened when the
server closed it."""
import http.client
import json


class HTTPSession:
    def __init__(self, host, port, timeout=10.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, body bytes); raises OSError when the server cannot be reached."""
        payload = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) else body
        all_headers = {"Content-Type": "application/json"} if payload is not None else {}
        all_headers.update(headers or {})
        try:
            return self._send(method, path, payload, all_headers)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # A keep-alive connection the server closed meanwhile: once more on a new one.
            self.close()
            return self._send(method, path, payload, all_headers)

    def _send(self, method, path, payload, headers):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.connection.request(method, path, body=payload, headers=headers)
            response = self.connection.getresponse()
            return response.status, response.read()
        except OSError:
            self.close()
            raise

    def json(self, method, path, body=None, headers=None, expect=200):
        status, data = self.request(method, path, body, headers)
        if status != expect:
            raise RuntimeError(f"{method} http://{self.host}:{self.port}{path} answered {status}: {data[:300]!r}")
        return json.loads(data) if data else None

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None
