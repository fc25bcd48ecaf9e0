"""The HTTP part: gunicorn on one core, the load generator on another, every page in turn.

wrk when installed, else keep-alive threads in Python. Only ever aimed at 127.0.0.1: every run
stops by itself after the given duration. Any answer that is not 2xx counts as an error (a
redirect to the sign-in page is a failure, not a fast page), and so do socket errors and
answers slower than 10 s.

With two cores or more, gunicorn (its master and workers) is pinned to the first core this
process may use and the load generator to the second, with ``taskset``: before issue 11 wrk ran
on the same two cores as the two workers and took a share of them. On one core they share it,
and the benchmark says so.
"""

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

NON_2XX_SCRIPT = Path(__file__).with_name("non2xx.lua")
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class LoadFigures:
    key: str
    path: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


@dataclass(frozen=True)
class Cores:
    server: int | None  # None: not pinned
    load: int | None
    warning: str = ""

    @property
    def described(self) -> str:
        if self.server is None:
            return "not pinned"
        if self.server == self.load:
            return f"both on core {self.server}"
        return f"gunicorn on core {self.server}, load generator on core {self.load}"


def choose_cores() -> Cores:
    """Two distinct cores for server and load when there are two, else a warning."""
    try:
        usable = sorted(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return Cores(None, None, "cannot pin processes to cores here: server and load share")
    if shutil.which("taskset") is None:
        return Cores(None, None, "taskset is not installed: server and load share the cores")
    if len(usable) < 2:
        warning = "only one core: gunicorn and the load generator share it, req/s is pessimistic"
        return Cores(usable[0], usable[0], warning)
    return Cores(usable[0], usable[1])


def pinned(command: list[str], core: int | None) -> list[str]:
    return command if core is None else ["taskset", "-c", str(core), *command]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, workers: int, core: int | None):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    process = subprocess.Popen(  # noqa: S603
        pinned([*command, "--log-level", "warning"], core),
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start: " + process.stderr.read().decode()[-2000:])


def check_page(port: int, path: str, headers: dict[str, str]) -> None:
    """One GET through gunicorn: it must answer 200, not a redirect or an error."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status} through gunicorn, not 200")


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "python threads"


def measure(key, url, headers, *, connections, duration, warmup, core) -> LoadFigures:
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError("the benchmark only loads this machine (127.0.0.1)")
    run = _wrk if shutil.which("wrk") else _threads
    if warmup:
        run(url, headers, connections, warmup, core)
    rps, p50, p99, requests, errors = run(url, headers, connections, duration, core)
    return LoadFigures(key, urlsplit(url).path, rps, p50, p99, requests, errors)


def _wrk(url, headers, connections, duration, core):
    threads = 1 if core is not None else 2  # one core: one wrk thread
    seconds = max(1, round(duration))  # wrk takes whole seconds
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "10s", "-s", str(NON_2XX_SCRIPT)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    finished = subprocess.run(  # noqa: S603
        pinned([*command, url], core),
        capture_output=True,
        text=True,
        check=False,
        timeout=seconds + 30,
    )
    if finished.returncode != 0:
        raise SystemExit(f"wrk failed on {url}: {(finished.stderr or finished.stdout)[-500:]}")
    out = finished.stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = int(re.search(r"^Non-2xx responses: (\d+)", out, re.M).group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(n) for n in match.groups())
    requests = int(re.search(r"^\s*(\d+) requests in", out, re.M).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, latency("50"), latency("99"), requests, errors


def _threads(url, headers, connections, duration, core):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine = []
        bad = 0
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if not 200 <= response.status < 300:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    # Threads inherit the affinity of the thread that starts them: this one, for the while.
    previous = os.sched_getaffinity(0) if core is not None else None
    if core is not None:
        os.sched_setaffinity(0, {core})
    try:
        threads = [threading.Thread(target=worker) for _ in range(connections)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        if previous is not None:
            os.sched_setaffinity(0, previous)
    latencies.sort()
    if not latencies:
        return 0.0, 0.0, 0.0, 0, errors[0]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    median_ms = statistics.median(latencies) * 1000
    return len(latencies) / duration, median_ms, p99 * 1000, len(latencies), errors[0]
