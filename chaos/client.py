"""HTTP calls to the instances and the simulator, as a patient client makes them: a refused
connection, a timeout or a 5xx is tried again on the next instance."""

import collections
import json
import time
import urllib.error
import urllib.request


class Answer:
    def __init__(self, status, body):
        self.status = status
        self.body = body

    def json(self):
        return json.loads(self.body) if self.body else None


def call(method, url, body=None, headers=None, timeout=15):
    """One attempt; an HTTP error status is an answer, a transport failure raises."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read())


class Instances:
    """The base URLs of the `tickets serve` instances; `send` fails over between them."""

    def __init__(self, urls):
        self.urls = urls
        self.next = 0
        self.failovers = 0
        self.server_errors = collections.Counter()

    def send(self, method, path, body=None, headers=None, attempts=60):
        """The first answer below 500, trying instance after instance (with a pause after each
        full round) while they are down or answer 5xx. Raises when all attempts fail."""
        last = None
        for attempt in range(attempts):
            url = self.urls[(self.next + attempt) % len(self.urls)] + path
            try:
                answer = call(method, url, body, headers)
                if answer.status < 500:
                    self.next = (self.next + attempt + 1) % len(self.urls)
                    return answer
                last = f"{answer.status} {answer.body[:200]!r}"
                self.server_errors[f"{answer.status} {answer.body[:120].decode(errors='replace')}"] += 1
            except Exception as error:  # refused, reset, timed out: the instance may be down
                last = repr(error)
            self.failovers += 1
            if attempt % len(self.urls) == len(self.urls) - 1:
                time.sleep(0.5)
        raise RuntimeError(f"{method} {path}: no instance answered ({last})")


class Simulator:
    def __init__(self, url):
        self.url = url

    def get(self, path):
        return call("GET", self.url + path, timeout=60).json()

    def fault(self, api, rule):
        call("PUT", f"{self.url}/_sim/faults/{api}", rule)

    def clear_fault(self, api):
        call("DELETE", f"{self.url}/_sim/faults/{api}")
