"""One size of the benchmark, in a process of its own: ``python -m bench.size CONFIG OUT``.

Seeds a throw-away SQLite database with ``size`` opportunities, measures every page in-process,
then the PDFs, then every page through gunicorn, and writes the figures to OUT as JSON for
``python -m bench`` to print. A process per size, because what a process keeps (cached regions
and PDFs, parsed stylesheets, lru caches) must not carry from one database into the next.
"""

import json
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from bench import load
from bench.machine import load_average

EMAIL = "bench@example.com"
PASSWORD = "bench-password-1234"  # noqa: S105


def progress(step: str) -> None:
    """What the benchmark is doing, on stderr, so the tables on stdout stay clean."""
    print(step, file=sys.stderr, flush=True)


def production_env(database_url: str) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATABASE_URL": database_url,
        "EMAIL_URL": "smtp://127.0.0.1:25",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def _seed(size: int):
    from django.core.management import call_command

    from bench.seed import seed

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    return seed(email=EMAIL, password=PASSWORD, opportunities=size)


def _cookie(client) -> dict[str, str]:
    from django.conf import settings

    name = settings.SESSION_COOKIE_NAME
    return {"Cookie": f"{name}={client.cookies[name].value}"} if name in client.cookies else {}


def _load(pages, clients, env, config) -> dict:
    """Every page through gunicorn, /healthz first as the server's own ceiling."""
    cores = load.choose_cores()
    if cores.warning:
        progress(f"  warning: {cores.warning}")
    port = load.free_port()
    server = load.start_gunicorn(env, port, config["workers"], cores.server)
    targets = [("healthz", "/healthz", {})]
    targets += [(page.key, page.path, _cookie(clients[page.persona])) for page in pages]
    results = []
    try:
        for _, path, headers in targets:
            load.check_page(port, path, headers)
        for key, path, headers in targets:
            progress(f"  loading {path} for {config['duration']:g} s…")
            url = f"http://127.0.0.1:{port}{path}"
            figures = load.measure(
                key,
                url,
                headers,
                connections=config["connections"],
                duration=config["duration"],
                warmup=config["warmup"],
                core=cores.load,
            )
            results.append(asdict(figures))
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
        if log.strip():
            progress("gunicorn said:\n" + log.decode(errors="replace")[-3000:])
    return {
        "tool": load.tool(),
        "cores": cores.described,
        "warning": cores.warning,
        "workers": config["workers"],
        "connections": config["connections"],
        "duration": config["duration"],
        "pages": results,
    }


def run(config: dict) -> dict:
    size = config["size"]
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix=f"jobmission-bench-{size}-"))
    try:
        env = production_env(f"sqlite:///{workdir / 'bench.sqlite3'}")
        os.environ.update(env)
        import django

        django.setup()
        from bench.inprocess import clients_for, measure_pages
        from bench.pages import pages_for, select
        from bench.pdf import measure_pdfs

        load_at_start = load_average()
        progress(f"{size:,} opportunities: seeding…")
        seeded = _seed(size)
        seed_seconds = time.monotonic() - started
        pages = select(pages_for(seeded.ids, seeded.share_token), config["only"])
        clients = clients_for(seeded.owner, seeded.member)
        figures = measure_pages(
            pages,
            clients,
            rounds=config["rounds"],
            warmup_rounds=config["warmup_rounds"],
            rng=random.Random(config["shuffle_seed"]),  # noqa: S311 (an order, not a secret)
            progress=progress,
        )
        pdf = None
        if any(page.key == "mission pdf" for page in pages):
            progress("  timing the PDFs…")
            pdf_path = next(page.path for page in pages if page.key == "mission pdf")
            pdf = asdict(measure_pdfs(clients["owner"], pdf_path, repeats=config["pdf_repeats"]))
        http = None if config["no_load"] else _load(pages, clients, env, config)
        return {
            "size": size,
            "opportunities": seeded.ids["opportunities"],
            "seed_seconds": seed_seconds,
            "load_at_start": load_at_start,
            "load_at_end": load_average(),
            "pages": [
                {**asdict(each), "page": asdict(each.page), "target": each.page.target}
                for each in figures
            ],
            "pdf": pdf,
            "http": http,
            "seconds": time.monotonic() - started,
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    config_json, out = sys.argv[1:3]
    Path(out).write_text(json.dumps(run(json.loads(config_json))))
