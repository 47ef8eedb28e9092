"""Benchmark of every page in the cast's reach at full size (issue #15, point 4).

Usage (from the project root):
    .venv/bin/python bench/pages.py [--db sqlite] [--db postgres] [--scale 1.0]
                                    [--small-scale 0.01] [--runs 3]

See bench/README.md ("Pages at full size"). The databases are those of bench/fieldwork.py
(its generator, its reuse rules, its private PostgreSQL server; `--regenerate` rebuilds them):
this file adds four logins like the test cast (tests/cast.py) and measures, for each, the pages
reached from the home page by following same-origin links (the parser of
tests/test_no_dead_ends.py, `tests/links.py`), one address per URL
pattern, plus every list endpoint of the REST API. Per page: the SQL query count at the small
and the full scale (which must not grow), the server time at full size (median of `--runs`
requests after a warm-up; target 300 ms) and the size of the answer (target 150 KiB), against
`/healthz` timed in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# bench/ holds a file named like the fieldwork app: this folder must not shadow the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

_spec = importlib.util.spec_from_file_location("bench_fieldwork", ROOT / "bench" / "fieldwork.py")
assert _spec is not None and _spec.loader is not None
fw = importlib.util.module_from_spec(_spec)
sys.modules["bench_fieldwork"] = fw
_spec.loader.exec_module(fw)

TARGET_MS = 300.0
TARGET_KIB = 150.0
MAX_PAGES = 150  # per login: a guard against a crawl that never ends
PER_PATTERN = 1  # addresses measured per URL pattern and login
SLOW_MS = 5000.0  # a page slower than this is timed once

# Logins like the test cast, on the generated organization: (username, unit, role kind,
# oversight, identity access). The founder is the generator's own secretary of the top unit.
CAST = [
    ("bench-region-secretary", "Region 1 Committee", "secretary", True, False),
    ("bench-cell-secretary", "Cell 1", "secretary", False, True),
    ("bench-cell-member", "Cell 1", "member", False, False),
]
FOUNDER = "bench-secretary"
LOGINS = {FOUNDER: "founder", "bench-region-secretary": "region secretary",
          "bench-cell-secretary": "cell secretary", "bench-cell-member": "cell member"}


def _cast() -> list[Any]:
    """The four logins, the three new ones granted their roles through the action (once)."""
    from access.actions import do_grant_role
    from accounts.models import User
    from organizations.models import Organization, Unit

    founder = User.objects.get(username=FOUNDER)
    org = Organization.objects.get(name="Bench Workers' Party")
    users = [founder]
    for username, unit_name, kind, oversight, identity in CAST:
        user, _ = User.objects.get_or_create(username=username)
        do_grant_role(acting_user=founder, user=user, unit=Unit.objects.get(
            organization=org, name=unit_name), kind=kind, oversight=oversight,
            identity_access=identity)
        users.append(user)
    return users


def _api_lists() -> list[str]:
    from django.urls import reverse

    from nucleus.api_urls import router

    return [reverse(f"{basename}-list") for _, _, basename in router.registry]


def _request(client, url: str):
    if url.startswith("/api/"):
        return client.get(url, HTTP_ACCEPT="application/json")
    return client.get(url)


def _timed(call: Callable[[], Any]) -> dict:
    """One request under query capture: its time, queries, status and size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The log keeps its last 9,000 queries: once full, a capture would count 0.
    connection.queries_log.clear()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = call()
    ms = (time.perf_counter() - started) * 1000
    size = len(b"".join(response.streaming_content)) if getattr(response, "streaming", False) \
        else len(response.content)
    return {"ms": ms, "queries": len(captured.captured_queries), "status": response.status_code,
            "kib": size / 1024, "response": response,
            "file": "attachment" in response.get("Content-Disposition", "")}


def crawl(client, per_pattern: int, runs: int) -> list[tuple[str, dict]]:
    """(pattern, measurement) of the pages reached from the home page, breadth first, at most
    ``per_pattern`` addresses per URL pattern, then the API's list endpoints. The crawl's own
    request of a page is its first measurement; ``runs - 1`` more follow, except for a file
    (an export) and a page that took over ``SLOW_MS``: timed once."""
    from tests.links import internal, parsed, pattern

    seen: dict[str, int] = {}
    done: set[str] = set()
    found: list[tuple[str, dict]] = []
    queue = ["/"]

    def visit(url: str, name: str) -> dict:
        first = _timed(lambda: _request(client, url))
        times = [first["ms"]]
        if first["status"] == 200 and not first["file"] and first["ms"] < SLOW_MS:
            times += [_timed(lambda: _request(client, url))["ms"] for _ in range(runs - 1)]
        result = {k: v for k, v in first.items() if k not in ("ms", "response")}
        result.update(url=url, median_ms=statistics.median(times), max_ms=max(times))
        fw._log(f"  {name} {url}: {result['median_ms']:.0f} ms, {result['queries']} queries, "
                f"{result['kib']:.0f} KiB, status {result['status']}")
        return {**result, "response": first["response"]}

    while queue and len(found) < MAX_PAGES:
        url = queue.pop(0)
        name = pattern(url)
        if url in done or seen.get(name, 0) >= per_pattern:
            continue
        done.add(url)
        result = visit(url, name)
        response = result.pop("response")
        if result["status"] in (301, 302):
            continue  # a redirect is no page of its own (its target is reached by its link)
        seen[name] = seen.get(name, 0) + 1
        found.append((name, result))
        page = parsed(response)
        if page is not None:
            queue += [t for href in page.links if (t := internal(url, href)) is not None]
    for url in _api_lists():
        result = visit(url, pattern(url))
        result.pop("response")
        found.append((pattern(url), result))
    return found


def measure(runs: int, per_pattern: int) -> dict:
    from django.db import connection
    from django.test import Client

    from accounts.tests.second_factor import pass_second_factor

    # The generator writes people as rows; the kept counts follow them as the migration does.
    try:
        from people.headcounts import rebuild
    except ImportError:  # before the kept counts existed
        pass
    else:
        rebuild()
    users = _cast()
    load_before = os.getloadavg()
    client = Client()
    client.force_login(users[0])
    pass_second_factor(client, users[0])
    client.get("/healthz")
    healthz = statistics.median(_timed(lambda: client.get("/healthz"))["ms"] for _ in range(20))
    pages: dict[str, dict] = {}
    for user in users:
        client = Client()
        client.force_login(user)
        pass_second_factor(client, user)  # the cast's roles ask for it; as the tests do
        login = LOGINS[user.username]
        fw._log(f"{login}:")
        counter: dict[str, int] = {}
        for name, result in crawl(client, per_pattern, runs):
            counter[name] = counter.get(name, 0) + 1
            pages[f"{login} | {name} #{counter[name]}"] = result
        connection.close()  # each login starts on a fresh connection, as a new worker would
    return {"baseline": {"healthz_ms": healthz}, "pages": pages,
            "load_average": {"before": load_before, "after": os.getloadavg()}}


def work(args: argparse.Namespace) -> None:
    result = fw.prepare(args)
    result.update(measure(args.runs, PER_PATTERN))
    Path(args.json).write_text(json.dumps(result, indent=1, default=str))


def _flags(page: dict, small: dict | None) -> str:
    flags = []
    if small is not None and small.get("queries") is not None and page["queries"] > small[
            "queries"]:
        flags.append("QUERIES GROW")
    if page["median_ms"] >= TARGET_MS:
        flags.append("SLOW")
    if page["kib"] > TARGET_KIB and not page["file"]:
        flags.append("HEAVY")
    if page["file"]:
        flags.append("file")
    return ", ".join(flags)


def format_report(results: dict[str, dict[str, dict]], args: argparse.Namespace) -> str:
    lines: list[str] = []
    for by_size in results.values():
        large, small = by_size["large"], by_size["small"]
        base = large["baseline"]["healthz_ms"]
        c = large["counts"]
        lines += ["", f"== {large['database']}: {c['fields']:,} fields, {c['contacts']:,} "
                  f"contacts, {c['activities']:,} activities; /healthz median {base:.1f} ms; "
                  f"load {large['load_average']['before'][0]:.2f} ==",
                  f"{'login | page':<62} {'q S':>4} {'q L':>4} {'median':>7} {'max':>7} "
                  f"{'x hz':>6} {'KiB':>6}  misses"]
        misses = 0
        for key, page in large["pages"].items():
            other = small["pages"].get(key)
            if page["status"] != 200:
                lines.append(f"{key[:62]:<62} status {page['status']}")
                continue
            flags = _flags(page, other)
            misses += bool(flags and flags != "file")
            q_small = other.get("queries", "-") if other else "-"
            lines.append(f"{key[:62]:<62} {q_small:>4} {page['queries']:>4} "
                         f"{page['median_ms']:>7.1f} {page['max_ms']:>7.1f} "
                         f"{page['median_ms'] / base:>6.1f} {page['kib']:>6.1f}  {flags}")
        lines.append(f"({len(large['pages'])} pages; {misses} miss a target: queries at small "
                     f"(S) and full (L) scale, ms at full scale, x hz: median / /healthz median)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"],
                        help="repeat for both (default: both)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--small-scale", type=float, default=None)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per page after a warm-up")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--notes-share", type=float, default=0.3)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--profile", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        work(args)
    else:
        # The small instance is there for its query counts: one timed run is enough.
        fw.orchestrate(args, script=Path(__file__).resolve(), name="pages",
                       report_of=format_report, small_runs=1)


if __name__ == "__main__":
    main()
