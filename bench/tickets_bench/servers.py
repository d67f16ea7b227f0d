"""The private servers of one bench run, each on a free loopback port, each stopped by the
process id it was started with: a PostgreSQL cluster, a Redis server, the gateway simulator and
the Tickets service. Nothing here touches the shared development servers."""
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from .http_session import HTTPSession
from .resp import RedisConnection

HOST = "127.0.0.1"


def free_port(preferred=None):
    """`preferred` when nothing listens there, else a port the kernel picks."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError("no free loopback port")


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.02)
    raise RuntimeError(f"{what} not ready after {timeout} s")


def ensure_running(process, name, log):
    """Raises, naming the exit status, when a server of the run is gone."""
    if process.poll() is not None:
        raise RuntimeError(f"{name} (pid {process.pid}) exited with status {process.returncode}; see {log}")


def stop_process(process, timeout=30):
    """SIGTERM, then SIGKILL after `timeout` s; returns the exit status."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


class PrivatePostgres:
    """A throwaway PostgreSQL cluster with the settings of scripts/services.sh (fsync and
    synchronous commit on), and the database `tickets_bench`."""

    database = "tickets_bench"

    def __init__(self, log_dir):
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: [int(p) for p in path.split("/")[-2].split(".")])[-1]
        self.port = free_port(55532)
        self.as_root = os.getuid() == 0
        # initdb refuses root: the cluster then belongs to `postgres`, in a folder it can reach.
        self.data = tempfile.mkdtemp(prefix="tickets-bench-pg-", dir="/var/tmp")
        if self.as_root:
            shutil.chown(self.data, "postgres", "postgres")
        self.log = os.path.join(self.data, "server.log")
        self.log_copy = os.path.join(log_dir, "postgres.log")

    def _as_owner(self, *command):
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run(prefix + list(command), check=True, stdout=subprocess.DEVNULL)

    def start(self):
        self._as_owner(f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
                       "--encoding=UTF8", "--locale=C.UTF-8")
        self._as_owner(f"{self.bin}/pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "start", "-o",
                       f"-h {HOST} -p {self.port} -k '' -c max_connections=300 -c shared_buffers=256MB "
                       "-c fsync=on -c synchronous_commit=on")
        subprocess.run([f"{self.bin}/createdb", "-h", HOST, "-p", str(self.port), "-U", "postgres", self.database], check=True)

    @property
    def url(self):
        return f"postgresql://postgres@{HOST}:{self.port}/{self.database}"

    @property
    def postmaster_pid(self):
        with open(os.path.join(self.data, "postmaster.pid")) as pid_file:
            return int(pid_file.readline())

    def psql(self, sql):
        """Runs `sql` (one or more statements) and returns the unaligned output, stripped."""
        result = subprocess.run(
            [f"{self.bin}/psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", HOST, "-p", str(self.port),
             "-U", "postgres", "-d", self.database, "-c", sql],
            check=False, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"psql failed ({result.returncode}): {result.stderr.strip()} -- SQL: {sql[:300]}")
        return result.stdout.strip()

    def scalar(self, sql):
        return int(self.psql(sql))

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self._as_owner(f"{self.bin}/pg_ctl", "-D", self.data, "-w", "-m", "fast", "stop")
        if os.path.exists(self.log):
            shutil.copyfile(self.log, self.log_copy)
        shutil.rmtree(self.data, ignore_errors=True)


class PrivateRedis:
    """A redis-server of its own, append-only like scripts/services.sh's, in a temporary folder."""

    def __init__(self, log_dir):
        self.port = free_port(56479)
        self.dir = tempfile.mkdtemp(prefix="tickets-bench-redis-")
        self.log = os.path.join(log_dir, "redis.log")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--bind", HOST, "--port", str(self.port), "--dir", self.dir, "--save", "",
             "--appendonly", "yes", "--appendfsync", "everysec", "--protected-mode", "no", "--logfile", self.log])
        wait_until(lambda: self.connect().command("PING") == b"PONG", 10, f"redis-server on port {self.port}")

    def connect(self):
        ensure_running(self.process, "redis-server", self.log)
        return RedisConnection(HOST, self.port)

    def flush(self):
        connection = self.connect()
        connection.command("FLUSHALL")
        connection.close()

    def stop(self):
        if self.process is not None:
            stop_process(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


class GatewaySimulator:
    """`tickets gateway-sim` without injected latency and with Dead Nation's callbacks off: the
    scenarios post /tickets-status themselves."""

    def __init__(self, tickets_binary, log_dir):
        self.binary = tickets_binary
        self.port = free_port(18888)
        self.log = os.path.join(log_dir, "gateway-sim.log")
        self.process = None

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [self.binary, "gateway-sim", "--address", f"{HOST}:{self.port}", "--no-callbacks"],
                stdout=log, stderr=subprocess.STDOUT)
        session = HTTPSession(HOST, self.port)
        wait_until(lambda: session.request("GET", "/_sim/stats")[0] == 200, 30, "gateway simulator")
        session.close()

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def stop(self):
        if self.process is not None:
            stop_process(self.process)


class TicketsService:
    """One `tickets serve` process; started and stopped once per phase of the run."""

    def __init__(self, tickets_binary, postgres, redis, simulator, log_dir):
        self.binary = tickets_binary
        self.port = free_port(18080)
        self.log = os.path.join(log_dir, "service.log")
        self.environment = dict(
            os.environ,
            HTTP_ADDR=f"{HOST}:{self.port}", POSTGRES_URL=postgres.url, REDIS_ADDR=f"{HOST}:{redis.port}",
            GATEWAY_ADDR=simulator.url, LOG_FORMAT="json", LOG_LEVEL="info")
        self.environment.pop("OPS_API_TOKEN", None)
        self.process = None

    def migrate(self):
        with open(self.log, "ab") as log:
            subprocess.run([self.binary, "migrate"], env=self.environment, stdout=log, stderr=subprocess.STDOUT, check=True)

    def start(self):
        """Starts the service and returns the seconds from process start to /health = ok."""
        session = HTTPSession(HOST, self.port, timeout=2)
        with open(self.log, "ab") as log:
            began = time.monotonic()
            self.process = subprocess.Popen([self.binary, "serve"], env=self.environment, stdout=log, stderr=subprocess.STDOUT)

        def healthy():
            if self.process.poll() is not None:
                raise RuntimeError(f"the service exited with {self.process.returncode}; see {self.log}")
            status, body = session.request("GET", "/health")
            return status == 200 and body.strip() == b"ok"

        deadline = began + 60
        while not _probe(healthy):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the service was not healthy after 60 s; see {self.log}")
            time.sleep(0.005)
        ready = time.monotonic() - began
        session.close()
        return ready

    @property
    def pid(self):
        return self.process.pid

    def session(self):
        return HTTPSession(HOST, self.port)

    def stop(self):
        if self.process is not None:
            status = stop_process(self.process)
            self.process = None
            if status != 0:
                raise RuntimeError(f"the service exited with {status} on SIGTERM; see {self.log}")


def _probe(condition):
    try:
        return condition()
    except OSError:
        return False
