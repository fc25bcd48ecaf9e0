"""A bounded load generator: wrk when installed, else keep-alive threads in Python.

Only ever aimed at 127.0.0.1: every run stops by itself after the given duration. Any answer
that is not 2xx counts as an error (a redirect to the sign-in page is a failure, not a page).
"""

import http.client
import re
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

NON_2XX_SCRIPT = Path(__file__).with_name("non2xx.lua")


@dataclass
class Result:
    tool: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def measure(url: str, headers: dict[str, str], args) -> Result:
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError("the benchmark only loads this machine (127.0.0.1)")
    if shutil.which("wrk"):
        _wrk(url, headers, args, duration=1)  # warm-up
        return _wrk(url, headers, args, duration=args.duration)
    _threads(url, headers, args.connections, duration=1)
    return _threads(url, headers, args.connections, duration=args.duration)


def _wrk(url, headers, args, duration) -> Result:
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{duration:g}s", "--latency"]
    command += ["--timeout", "10s"]  # a slow answer is slow, not an error; 10 s is an error
    command += ["-s", str(NON_2XX_SCRIPT)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True, timeout=duration + 30
    ).stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = int(re.search(r"^Non-2xx responses: (\d+)", out, re.M).group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(n) for n in match.groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return Result("wrk", rps, latency("50"), latency("99"), errors)


def _threads(url, headers, connections, duration) -> Result:
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

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    if not latencies:
        return Result("python threads", 0.0, 0.0, 0.0, errors[0])
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Result(
        "python threads",
        len(latencies) / duration,
        statistics.median(latencies) * 1000,
        p99 * 1000,
        errors[0],
    )
