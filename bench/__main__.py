"""Benchmark: `make bench` (or `python -m bench --help`); the method is in docs/performance.md.

For each size (20, 200 and 1,000 opportunities by default) a process of its own seeds a
throw-away SQLite database with the demo account grown to that size (bench/seed.py), then:

1. the headline, in-process: every page through Django's test client with production settings
   (DEBUG off), in shuffled rounds (200 by default), median and p90 ms, and the speed ratio
   baseline ÷ page against /accounts/email/ (≥ 1.0× is as fast as the baseline);
2. the mission PDF against one-line documents (WeasyPrint's defaults, and our own pipeline),
   uncached and cached;
3. every page through gunicorn pinned to one core, loaded by wrk (or Python threads) pinned to
   another: req/s, p50/p99 and errors (every answer that is not 2xx).

Then it prints one report: the machine, its load, the commit, the tables, and the targets of
issue 11 beside the figures. Compare ratios within one run; absolute figures follow the machine.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import report
from bench.machine import ROOT, code_state, load_average, machine

QUICK = {"rounds": 30, "duration": 1, "warmup": 1, "pdf_repeats": 3, "warmup_rounds": 1}


def parse_sizes(text: str) -> list[int]:
    sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are numbers of opportunities, e.g. 20,200,1000")
    return sizes


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="JobMission's benchmark: pages in-process at several sizes, the mission "
        "PDF, and HTTP load through gunicorn. See docs/performance.md.",
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=[20, 200, 1000],
        help="numbers of opportunities, one seeded database each (default 20,200,1000)",
    )
    parser.add_argument(
        "--rounds", type=int, help="in-process rounds per page, shuffled (default 200)"
    )
    parser.add_argument(
        "--only",
        help="measure only pages whose name contains one of these comma-separated words "
        "(the baseline is always measured), e.g. --only editor,plan",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: 30 rounds, 1 s of load per page, 3 PDF repeats (about 3 minutes)",
    )
    parser.add_argument("--duration", type=int, help="whole seconds of HTTP load per page (3)")
    parser.add_argument("--connections", type=int, default=8, help="HTTP connections (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--no-load", action="store_true", help="skip the HTTP part")
    parser.add_argument(
        "--shuffle-seed", type=int, default=11, help="seed of the shuffled order (11)"
    )
    args = parser.parse_args(argv)
    defaults = {"rounds": 200, "duration": 3, "warmup": 1, "pdf_repeats": 7}
    defaults["warmup_rounds"] = 3
    for name, value in (QUICK if args.quick else defaults).items():
        if getattr(args, name, None) is None:
            setattr(args, name, value)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def check_static_files() -> None:
    """Production settings read the collected static files' manifest: without it, pages fail."""
    if not (ROOT / "staticfiles" / "staticfiles.json").is_file():
        raise SystemExit(
            "Collect the static files first: make collectstatic (make bench does it for you)."
        )


def measure_size(size: int, args: argparse.Namespace) -> dict:
    config = {
        "size": size,
        **{
            name: getattr(args, name)
            for name in (
                "rounds",
                "warmup_rounds",
                "only",
                "duration",
                "warmup",
                "connections",
                "workers",
                "no_load",
                "shuffle_seed",
                "pdf_repeats",
            )
        },
    }
    with tempfile.TemporaryDirectory(prefix="jobmission-bench-") as folder:
        out = Path(folder) / "figures.json"
        command = [sys.executable, "-m", "bench.size", json.dumps(config), str(out)]
        finished = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603
        if finished.returncode != 0:
            raise SystemExit(f"the benchmark at {size:,} opportunities failed")
        return json.loads(out.read_text())


def main() -> None:
    args = arguments()
    check_static_files()
    started, started_at = time.monotonic(), time.strftime("%Y-%m-%d %H:%M %Z")
    load_at_start, code = load_average(), code_state()
    results = [measure_size(size, args) for size in args.sizes]
    took = time.monotonic() - started

    print()
    print(f"JobMission benchmark · {started_at} · took {took // 60:.0f} min {took % 60:.0f} s")
    print(f"Machine: {machine()}")
    print(f"Load average: {load_at_start} at the start, {load_average()} at the end")
    print(f"Code: {code}")
    print(
        f"Method: in-process through Django's test client, production settings (DEBUG off), "
        f"a throw-away SQLite database per size seeded by bench/seed.py; {args.rounds} rounds "
        f"per page in shuffled order after {args.warmup_rounds} warm-up rounds; wall-clock "
        "median and p90, median CPU time; speed = baseline median ÷ page median (≥ 1.0× is "
        "as fast as /accounts/email/)"
    )
    print()
    for result in results:
        report.print_in_process(result)
    report.print_growth(results)
    report.print_pdf(results)
    for result in results:
        report.print_http(result)
    report.print_targets(results)


if __name__ == "__main__":
    main()
