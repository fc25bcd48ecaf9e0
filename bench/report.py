"""The printed report: Markdown tables, ready for docs/performance.md, and the targets of issue
11 beside the figures, each met or missed."""

from bench.pages import (
    BASELINE,
    CACHED_PDF_TARGET,
    GROWTH_TARGET,
    SPEED_TARGETS,
    UNCACHED_PDF_TARGET,
)
from bench.stats import growth, speed_ratio, verdict


def _n(size: int) -> str:
    return f"{size:,}"


def _figures_by_key(result: dict) -> dict[str, dict]:
    return {each["page"]["key"]: each for each in result["pages"]}


def speed_of(result: dict, key: str) -> float:
    by_key = _figures_by_key(result)
    return speed_ratio(by_key[BASELINE]["median_ms"], by_key[key]["median_ms"])


def print_in_process(result: dict) -> None:
    rounds = result["pages"][0]["rounds"]
    print(
        f"#### {_n(result['size'])} opportunities · in-process, {rounds} shuffled rounds · "
        f"load average {result['load_at_start']} at the start, seeded in "
        f"{result['seed_seconds']:.0f} s"
    )
    print()
    print(
        "| page | path | median ms | p90 ms | CPU ms | × `/accounts/email/` | target | queries "
        "| queries, caches empty | KB |"
    )
    print("|---|---|---:|---:|---:|---:|---|---:|---:|---:|")
    for each in result["pages"]:
        page = each["page"]
        ratio = speed_of(result, page["key"])
        target = each["target"]
        goal = f"≥ {target:.1f}×: {verdict(ratio, at_least=target)}" if target else ""
        errors = f" ({each['errors']} errors)" if each["errors"] else ""
        print(
            f"| {page['label']}{errors} | `{_short(page['path'])}` | {each['median_ms']:.1f} | "
            f"{each['p90_ms']:.1f} | {each['cpu_ms']:.1f} | {ratio:.2f} | {goal} | "
            f"{each['queries']} | {each['queries_uncached']} | {each['kb']:.0f} |"
        )
    print()


def _short(path: str) -> str:
    """A share link's token is long and means nothing in a table."""
    return "/share/<token>/" if path.startswith("/share/") else path


def print_growth(results: list[dict]) -> None:
    """Each page's median at each size, and at the largest against the smallest."""
    if len(results) < 2:
        return
    first, last = results[0], results[-1]
    sizes = " | ".join(f"{_n(r['size'])} ms" for r in results)
    print(
        f"#### Growth: median ms by number of opportunities, and {_n(last['size'])} ÷ "
        f"{_n(first['size'])}"
    )
    print()
    print(f"| page | {sizes} | × own {_n(first['size'])}-row time | target | queries by size |")
    print("|---|" + "---:|" * len(results) + "---:|---|---|")
    for key, each in _figures_by_key(first).items():
        rows = [_figures_by_key(r).get(key) for r in results]
        if any(row is None for row in rows):
            continue
        ratio = growth(rows[-1]["median_ms"], rows[0]["median_ms"])
        medians = " | ".join(f"{row['median_ms']:.1f}" for row in rows)
        queries = " / ".join(str(row["queries"]) for row in rows)
        flat = "" if len({row["queries"] for row in rows}) == 1 else " (grows)"
        goal = f"≤ {GROWTH_TARGET}×: {verdict(ratio, at_most=GROWTH_TARGET)}"
        print(f"| {each['page']['label']} | {medians} | {ratio:.2f} | {goal} | {queries}{flat} |")
    print()


def print_pdf(results: list[dict]) -> None:
    measured = [r for r in results if r["pdf"]]
    if not measured:
        return
    head = " | ".join(f"{_n(r['size'])}" for r in measured)
    print("#### PDF, in-process, warm (the process's first render left out): median ms")
    print()
    print(f"| document | {head} | target |")
    print("|---|" + "---:|" * len(measured) + "---|")
    rows = [
        ("one line, WeasyPrint's defaults (its URL fetcher built once)", "one_line_defaults_ms"),
        (
            "one line, WeasyPrint's defaults, a new URL fetcher (SSL context) each time",
            "one_line_defaults_new_fetcher_ms",
        ),
        ("one line through our pipeline (`documents/pdf.py`)", "one_line_ours_ms"),
        ("mission PDF, uncached (caches emptied before each GET)", "mission_uncached_ms"),
        ("mission PDF, cached (the same GET again)", "mission_cached_ms"),
    ]
    for label, field in rows:
        print(f"| {label} | " + " | ".join(f"{r['pdf'][field]:.1f}" for r in measured) + " | |")
    cached = " | ".join("yes" if r["pdf"]["cached_by_app"] else "no" for r in measured)
    print(f"| the app caches the PDF (2nd GET < ½ the 1st) | {cached} | |")
    for label, field, target in (
        ("cached ÷ one line through our pipeline", "mission_cached_ms", CACHED_PDF_TARGET),
        ("uncached ÷ one line through our pipeline", "mission_uncached_ms", UNCACHED_PDF_TARGET),
    ):
        ratios = [r["pdf"][field] / r["pdf"]["one_line_ours_ms"] for r in measured]
        worst = max(ratios)
        cells = " | ".join(f"{ratio:.1f}×" for ratio in ratios)
        print(f"| {label} | {cells} | ≤ {target:g}×: {verdict(worst, at_most=target)} |")
    ratios = [r["pdf"]["mission_uncached_ms"] / r["pdf"]["one_line_defaults_ms"] for r in measured]
    cells = " | ".join(f"{ratio:.1f}×" for ratio in ratios)
    print(f"| uncached ÷ one line with WeasyPrint's defaults | {cells} | (issue 5: ≤ 8×) |")
    print()


def print_http(result: dict) -> None:
    http = result["http"]
    if not http:
        return
    labels = {each["page"]["key"]: each["page"]["label"] for each in result["pages"]}
    labels["healthz"] = "health check (the server's ceiling)"
    print(
        f"#### {_n(result['size'])} opportunities · HTTP: gunicorn {http['workers']} sync "
        f"workers, {http['tool']} {http['connections']} connections × {http['duration']:g} s "
        f"per page, {http['cores']}"
    )
    if http["warning"]:
        print(f"warning: {http['warning']}")
    print()
    print("| page | req/s | p50 ms | p99 ms | requests | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for each in http["pages"]:
        print(
            f"| {labels[each['key']]} | {each['rps']:,.0f} | {each['p50_ms']:.1f} | "
            f"{each['p99_ms']:.1f} | {each['requests']:,} | {each['errors']} |"
        )
    print()


def print_targets(results: list[dict]) -> None:
    """Issue 11's "Done when", as far as this run can tell."""
    print("#### Targets (issue 11)")
    print()
    for key, target in SPEED_TARGETS.items():
        ratios = [(r["size"], speed_of(r, key)) for r in results if key in _figures_by_key(r)]
        if not ratios:
            continue
        cells = ", ".join(f"{ratio:.2f}× at {_n(size)}" for size, ratio in ratios)
        met = all(verdict(ratio, at_least=target) == "met" for _, ratio in ratios)
        print(f"- {key} ≥ {target:.1f}× `/accounts/email/`: {cells}: {'met' if met else 'missed'}")
    if len(results) >= 2:
        first, last = _figures_by_key(results[0]), _figures_by_key(results[-1])
        grown = {
            key: growth(last[key]["median_ms"], first[key]["median_ms"])
            for key in first
            if key in last
        }
        over = [f"{key} {ratio:.2f}×" for key, ratio in grown.items() if ratio > GROWTH_TARGET]
        said = "met" if not over else "missed by " + ", ".join(over)
        print(
            f"- every page within {GROWTH_TARGET}× of its own {_n(results[0]['size'])}-row time "
            f"at {_n(results[-1]['size'])}: {said}"
        )
        growing = [
            key for key in first if len({_figures_by_key(r)[key]["queries"] for r in results}) > 1
        ]
        said = "met" if not growing else "missed by " + ", ".join(growing)
        print(f"- queries per page constant in row count: {said}")
    pdfs = [r["pdf"] for r in results if r["pdf"]]
    if pdfs:
        for label, field, target in (
            ("cached mission PDF", "mission_cached_ms", CACHED_PDF_TARGET),
            ("uncached mission PDF", "mission_uncached_ms", UNCACHED_PDF_TARGET),
        ):
            worst = max(pdf[field] / pdf["one_line_ours_ms"] for pdf in pdfs)
            print(
                f"- {label} ≤ {target:g}× a one-line document through our pipeline: "
                f"{worst:.1f}× at worst: {verdict(worst, at_most=target)}"
            )
        if not any(pdf["cached_by_app"] for pdf in pdfs):
            print("  (the app does not cache the PDF: a second GET renders it again)")
    loads = [r["http"] for r in results if r["http"]]
    if loads:
        errors = sum(each["errors"] for http in loads for each in http["pages"])
        requests = sum(each["requests"] for http in loads for each in http["pages"])
        said = "met" if not errors else f"missed ({errors:,} errors)"
        print(f"- zero errors under load: {said} in {requests:,} requests")
    in_process_errors = sum(each["errors"] for r in results for each in r["pages"])
    if in_process_errors:
        print(f"- in-process: {in_process_errors} answers were not 200 (see the tables)")
    print()
