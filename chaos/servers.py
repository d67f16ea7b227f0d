"""The processes the chaos suite drives: a private PostgreSQL and Redis, three `tickets serve`
instances and the gateway simulator, each on a free loopback port, all under one temp folder."""

import glob
import os
import random
import shutil
import socket
import subprocess
import time
import urllib.request

PORT_RANGE = (21000, 32000)


def free_port(taken):
    """A port in PORT_RANGE nothing listens on, not handed out before."""
    while True:
        port = random.randint(*PORT_RANGE)
        if port in taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        taken.add(port)
        return port


def wait_until(what, check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} not ready after {timeout} s")


def http_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except Exception:
        return False


class Postgres:
    """A cluster of its own. initdb refuses root, so as root it belongs to the `postgres` user."""

    def __init__(self, root, port):
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in p.split("/")[4].split(".")])[-1]
        self.data = os.path.join(root, "postgres")
        self.port = port
        self.url = f"postgresql://postgres@127.0.0.1:{port}/tickets"

    def _as_owner(self, args, **kwargs):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(prefix + args, check=True, stdout=subprocess.DEVNULL, **kwargs)

    def create(self):
        os.makedirs(self.data)
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
            shutil.chown(os.path.dirname(self.data), "postgres", "postgres")
        os.chmod(self.data, 0o700)
        self._as_owner([f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
                        "--encoding=UTF8", "--locale=C.UTF-8"])
        self.start()
        subprocess.run([f"{self.bin}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "tickets"], check=True)

    def start(self):
        # fsync off: the suite restarts the server, it never crashes the machine.
        self._as_owner([f"{self.bin}/pg_ctl", "-D", self.data, "-l", f"{self.data}/server.log", "-w", "-t", "60", "start",
                        "-o", f"-h 127.0.0.1 -p {self.port} -k '' -c max_connections=300 -c fsync=off"])

    def restart(self):
        """Fast shutdown (sessions get 57P01, as in a real restart), then start again."""
        self._as_owner([f"{self.bin}/pg_ctl", "-D", self.data, "-w", "-m", "fast", "stop"])
        time.sleep(1)
        self.start()

    def stop(self):
        subprocess.run((["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else [])
                       + [f"{self.bin}/pg_ctl", "-D", self.data, "-w", "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def query(self, sql):
        """Rows of `sql` as lists of strings."""
        out = subprocess.run([f"{self.bin}/psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "tickets",
                              "-XtA", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]


class Redis:
    """A server of its own with an append-only file, so a restart keeps streams and groups."""

    def __init__(self, root, port):
        self.dir = os.path.join(root, "redis")
        self.port = port
        self.address = f"127.0.0.1:{port}"
        os.makedirs(self.dir)

    def start(self):
        subprocess.run(["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--dir", self.dir,
                        "--daemonize", "yes", "--pidfile", f"{self.dir}/redis.pid", "--logfile", f"{self.dir}/redis.log",
                        "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--protected-mode", "no"],
                       check=True)
        wait_until("redis", lambda: self.cli("PING") == "PONG", 10)

    def restart(self):
        """SHUTDOWN (writes the append-only file), then start again."""
        subprocess.run(["redis-cli", "-p", str(self.port), "SHUTDOWN"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until("redis down", lambda: subprocess.run(["redis-cli", "-p", str(self.port), "PING"], capture_output=True).returncode != 0, 10)
        time.sleep(1)
        self.start()

    def stop(self):
        subprocess.run(["redis-cli", "-p", str(self.port), "SHUTDOWN", "NOSAVE"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def cli(self, *args):
        return subprocess.run(["redis-cli", "-p", str(self.port), *args], check=True, capture_output=True, text=True).stdout.strip()


class Process:
    """A child process with its output in a log file; `kill9` and `start` again at will."""

    def __init__(self, name, args, env, log_path):
        self.name = name
        self.args = args
        self.env = env
        self.log_path = log_path
        self.process = None

    def start(self):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.args, env={**os.environ, **self.env}, stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def kill9(self):
        self.process.kill()
        self.process.wait()

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
