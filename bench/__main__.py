"""Benchmark: `make bench` (or `python -m bench --help`).

Seeds a throw-away SQLite database with the demo account scaled up (200 opportunities,
20 missions, 2 councils with 200 comments: bench/seed.py), serves it with gunicorn and
production settings on 127.0.0.1, and prints one table: requests per second and latency per
page, as ratios to /healthz and to the simplest signed-in page of the same run, with queries
per page and the CPU time of one request in-process; then the warm render time of the mission
PDF against a one-line WeasyPrint document. Absolute numbers depend on the machine; compare
ratios within one run (docs/performance.md).
"""

import argparse
import atexit
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

from bench.load import measure

ROOT = Path(__file__).resolve().parent.parent
DEMO_EMAIL = "bench@example.com"
DEMO_PASSWORD = "bench-password-1234"  # noqa: S105


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url: str) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "EMAIL_URL": "smtp://127.0.0.1:25",
        "LOG_LEVEL": "WARNING",
    }


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def seed(opportunities: int):
    """Create the demo account, scaled to ``opportunities`` opportunities; return (user, ids)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench.seed import scale_up

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("demo", email=DEMO_EMAIL, password=DEMO_PASSWORD, force=True, stdout=StringIO())
    user = get_user_model().objects.get(email=DEMO_EMAIL)
    return user, scale_up(user, opportunities)


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def measure_in_process(user, paths: list[str], runs: int = 20) -> dict[str, tuple[int, float]]:
    """Queries per page, and the median CPU time of one request through Django's test client.

    CPU time of this process only: unlike requests per second, it barely moves when other
    programs load the machine, so its ratios are the ones to trust on a busy machine.
    """
    import statistics

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    signed_in = Client()
    signed_in.force_login(user)
    results = {}
    for path in paths:
        client = Client() if path == "/healthz" else signed_in  # as the load generator asks
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, headers={"host": "127.0.0.1"})
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}, not 200")
        queries = len(ctx.captured_queries)  # now: the next request empties Django's log
        samples = []
        for _ in range(runs):
            start = time.process_time()
            client.get(path, headers={"host": "127.0.0.1"})
            samples.append(time.process_time() - start)
        results[path] = (queries, statistics.median(samples) * 1000)
    return results


def time_pdfs(mission) -> tuple[float, float]:
    """Median warm render time of the mission PDF and of a one-line document, in seconds.

    The one-line document is WeasyPrint with its defaults: no stylesheet of ours, no fonts of
    ours, so the ratio shows everything the mission PDF costs on top of WeasyPrint itself.
    """
    import statistics

    import weasyprint

    from missions.pdf import render_mission_pdf

    def median_of(fn, runs=7):
        fn()  # warm: fonts, imports, caches
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    one_line = "<!doctype html><html><body><p>One line.</p></body></html>"
    return median_of(lambda: render_mission_pdf(mission)), median_of(
        lambda: weasyprint.HTML(string=one_line).write_pdf()
    )


def machine() -> str:
    """CPU model, cores, memory, OS and Python: what the figures were measured on."""
    cpu = memory = ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        models = [line.split(":", 1)[1] for line in cpuinfo.splitlines() if "model name" in line]
        cpu = models[0].strip() if models else ""
        kib = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        system = f"{platform.system()} {platform.release()}"
    load = " · load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    parts = [cpu or platform.processor() or platform.machine(), f"{os.cpu_count()} cores"]
    parts += [memory] if memory else []
    return " · ".join([*parts, system, f"Python {platform.python_version()}"]) + load


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(  # noqa: S603
        [
            str(gunicorn),
            "config.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
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


def check_pages(port: int, pages, cookie: str) -> None:
    """One GET per page through gunicorn: each must answer 200, not a redirect or an error."""
    import http.client

    for _, path in pages:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path, headers={} if path == "/healthz" else {"Cookie": cookie})
        status = connection.getresponse().status
        connection.close()
        if status != 200:
            raise SystemExit(f"{path} answered {status} through gunicorn, not 200")


def progress(step: str) -> None:
    """What the benchmark is doing, on stderr, so the table on stdout stays clean."""
    print(step, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--opportunities", type=int, default=200)
    parser.add_argument("--only", help="measure only the pages whose name contains this")
    args = parser.parse_args()

    started = time.strftime("%Y-%m-%d %H:%M %Z")
    workdir = Path(tempfile.mkdtemp(prefix="jobmission-bench-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)  # also when a step fails
    env = production_env(f"sqlite:///{workdir / 'bench.sqlite3'}")
    setup_django(env)
    progress(f"Seeding {args.opportunities} opportunities, 20 missions, 2 councils…")
    user, ids = seed(args.opportunities)

    from missions.models import Mission

    pages = [
        ("healthz", "/healthz"),
        ("simplest signed-in page", "/accounts/email/"),
        ("dashboard", "/"),
        ("pipeline (first 50 of 200)", "/opportunities/"),
        (
            f"mission editor ({ids['editor_comments']} council comments)",
            f"/opportunities/{ids['mission_opportunity']}/mission/",
        ),
        ("negotiation plan", f"/opportunities/{ids['plan_opportunity']}/plan/"),
        ("council feed", f"/councils/{ids['council']}/"),
        ("offers compared", "/offers/compare/"),
    ]
    if args.only:
        pages = pages[:2] + [page for page in pages[2:] if args.only in page[0]]
    progress("Counting queries and CPU time per page in-process…")
    in_process = measure_in_process(user, [path for _, path in pages])
    cookie = session_cookie(user)
    progress("Timing the mission PDF against a one-line document…")
    pdf_time, one_line_time = time_pdfs(Mission.objects.get(pk=ids["pdf_mission"]))

    port = free_port()
    server = start_gunicorn(env, port, args.workers)
    try:
        check_pages(port, pages, cookie)
        results = []
        for name, path in pages:
            progress(f"Loading {path} for {args.duration:g} s ({name})…")
            headers = {} if path == "/healthz" else {"Cookie": cookie}
            results.append((name, path, measure(f"http://127.0.0.1:{port}{path}", headers, args)))
    finally:
        server.terminate()
        _, log = server.communicate(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
        if log.strip():
            print("gunicorn said:\n" + log.decode(errors="replace")[-3000:], file=sys.stderr)

    print_report(results, in_process, pdf_time, one_line_time, args, started)


def print_report(results, in_process, pdf_time, one_line_time, args, started) -> None:
    health = results[0][2].rps or 1
    simplest = results[1][2].rps or 1
    print()
    print(f"JobMission benchmark · {started}")
    print(f"Machine: {machine()}")
    print(
        f"gunicorn {args.workers} sync workers, production settings (DEBUG off), SQLite · "
        f"{results[0][2].tool}, {args.connections} connections × {args.duration:g} s per page "
        "on 127.0.0.1 · data: the demo account scaled to 200 opportunities, 20 missions, "
        "2 councils with 200 comments"
    )
    print()
    cpu_simplest = in_process[results[1][1]][1] or 1
    print(
        "| page | path | req/s | p50 ms | p99 ms | errors | × /healthz | × signed-in | queries "
        "| CPU ms in-process | × signed-in (CPU) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, path, r in results:
        queries, cpu_ms = in_process[path]
        print(
            f"| {name} | `{path}` | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
            f"{r.errors} | {r.rps / health:.2f} | {r.rps / simplest:.2f} | {queries} | "
            f"{cpu_ms:.1f} | {cpu_simplest / cpu_ms:.2f} |"
        )
    print()
    ratio = pdf_time / one_line_time
    print("| PDF (warm, median of 7, in one process) | seconds | × one-line document |")
    print("|---|---:|---:|")
    print(f"| one line of text, WeasyPrint's defaults | {one_line_time:.3f} | 1.00 |")
    print(f"| mission: 5 objectives × 4 key results, 10 questions | {pdf_time:.3f} | {ratio:.2f} |")
    print()
    slow = [name for name, _, r in results[2:] if r.rps < 0.5 * simplest]
    errors = sum(r.errors for _, _, r in results)
    verdict = "met" if not slow else "NOT met: " + ", ".join(slow)
    print(f"Targets: main pages ≥ 0.5 × the simplest signed-in page: {verdict}")
    print(f"         zero errors under load: {'met' if not errors else f'NOT met ({errors})'}")
    print(f"         mission PDF ≤ 8 × the one-line document: {'met' if ratio <= 8 else 'NOT met'}")
    print(f"         mission PDF < 0.5 s warm: {'met' if pdf_time < 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
