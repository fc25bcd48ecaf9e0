"""The headline: every page through Django's test client in the benchmark's own process, with
production settings, in shuffled rounds.

No server, no sockets, no second process on the same cores: what is timed is Django handling
the request (middleware, session, view, queries on SQLite, templates) and nothing else. Each
sample is the wall-clock time of one request; its CPU time is kept beside it, which moves less
when other programs share the machine.
"""

import gc
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.pages import Page
from bench.stats import median, percentile, shuffled_rounds


@dataclass
class PageFigures:
    page: Page
    median_ms: float
    p90_ms: float
    cpu_ms: float
    queries: int  # a repeat request: what the rounds run
    queries_uncached: int  # a request right after every cache was emptied
    kb: float
    errors: int  # answers other than 200 during the rounds
    rounds: int


def clients_for(owner, member) -> dict[str, Client]:
    """One client per persona, signed in the way a browser would be (a session cookie)."""
    signed_in = {}
    for persona, user in (("owner", owner), ("member", member)):
        client = Client()
        client.force_login(user)
        signed_in[persona] = client
    return {**signed_in, "anonymous": Client()}


def empty_caches() -> None:
    """Forget every cached region and PDF, as a fresh worker process would have none."""
    for cache in caches.all(initialized_only=True):
        cache.clear()


def checked_get(client: Client, page: Page):
    response = client.get(page.path)
    if response.status_code != 200:
        raise SystemExit(f"{page.path} ({page.key}) answered {response.status_code}, not 200")
    return response


def count_queries(client: Client, page: Page) -> int:
    with CaptureQueriesContext(connection) as context:
        checked_get(client, page)
    return len(context.captured_queries)


def measure_pages(
    pages: list[Page],
    clients: dict[str, Client],
    *,
    rounds: int,
    warmup_rounds: int,
    rng: random.Random,
    progress: Callable[[str], None],
) -> list[PageFigures]:
    """Queries and size per page, then ``rounds`` shuffled rounds of one request per page."""
    by_key = {page.key: page for page in pages}
    sizes, queries, uncached = {}, {}, {}
    for key in shuffled_rounds(list(by_key), warmup_rounds, rng):  # imports, fonts, caches
        page = by_key[key]
        sizes[key] = len(checked_get(clients[page.persona], page).content) / 1024
    for page in pages:
        empty_caches()
        uncached[page.key] = count_queries(clients[page.persona], page)
        queries[page.key] = count_queries(clients[page.persona], page)

    wall: dict[str, list[float]] = {key: [] for key in by_key}
    cpu: dict[str, list[float]] = {key: [] for key in by_key}
    errors = dict.fromkeys(by_key, 0)
    order = shuffled_rounds(list(by_key), rounds, rng)
    progress(f"  {len(order):,} requests in-process ({rounds} shuffled rounds of {len(pages)})…")
    gc.collect()
    for key in order:
        page = by_key[key]
        client = clients[page.persona]
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(page.path)
        cpu[key].append((time.process_time() - started_cpu) * 1000)
        wall[key].append((time.perf_counter() - started) * 1000)
        errors[key] += response.status_code != 200
    return [
        PageFigures(
            page=page,
            median_ms=median(wall[page.key]),
            p90_ms=percentile(wall[page.key], 0.9),
            cpu_ms=median(cpu[page.key]),
            queries=queries[page.key],
            queries_uncached=uncached[page.key],
            kb=sizes[page.key],
            errors=errors[page.key],
            rounds=rounds,
        )
        for page in pages
    ]
