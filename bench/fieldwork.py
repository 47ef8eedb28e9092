"""Benchmark of the fieldwork pages (work among the masses) on generated data.

Usage (from the project root):
    .venv/bin/python bench/fieldwork.py [--db sqlite] [--db postgres] [--scale 1.0]
                                        [--small-scale 0.01] [--runs 5] [--seed 1]
                                        [--notes-share 0.3] [--regenerate] [--explain]
                                        [--profile]

See bench/README.md ("Fieldwork pages") for what is generated and measured, and the figures.

Without --db both databases are measured. Scale 1.0 is one organization with 1,000 workplaces,
200,000 contacts and 1,000,000 activities; the same pages are also measured on a small
instance (--small-scale, default 1/100) in the same run, so that query counts and times can be
compared side by side. Baselines timed in the same run: a trivial page (/healthz) and a
`SELECT 1` round trip.

PostgreSQL: with DATABASE_URL set, its server is used (the benchmark creates and owns the
databases nucleus_bench_fieldwork_<scale> there; it needs CREATEDB); otherwise a private
PostgreSQL 15 server is started from /usr/lib/postgresql/15/bin on a free port of 127.0.0.1
(cluster kept in bench/out/postgres-15 so that the generated data is reused) and stopped at
the end. Generated databases are reused while the generator's parameters are unchanged (a
marker table holds them); dates are shifted forward when the data was generated on an earlier
day, so "the last two years" always end today.

Each database size runs in its own process (Django reads DATABASE_URL once): the parent
orchestrates, the workers (--worker) generate, measure and write JSON to bench/out/.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import random
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    # Django is set up at run time, so the project's modules are imported where used.
    from accounts.models import User

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_DIR = OUT / "postgres-15"
MARKER = "bench_fieldwork_marker"
# Bump when the generated data changes shape: older generated databases are then rebuilt.
GENERATOR_VERSION = 1
TARGET_MS = 300.0

# This file is named like the fieldwork app: its own folder must not shadow the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))


# =====================================================================================
# Sizes
# =====================================================================================

@dataclass(frozen=True)
class Size:
    scale: float
    fields: int
    contacts: int
    activities: int
    cells: int
    regions: int
    local_committees: int
    members_per_cell: int = 5

    @property
    def tag(self) -> str:
        return f"s{self.scale:g}".replace(".", "_")


def size_for(scale: float) -> Size:
    fields = max(5, round(1000 * scale))
    return Size(scale=scale, fields=fields, contacts=200 * fields,
                activities=max(1000, round(1_000_000 * scale)),
                cells=max(2, round(200 * scale)), regions=max(1, round(10 * scale)),
                local_committees=max(1, round(40 * scale)))


# =====================================================================================
# Parent: orchestration (no Django here)
# =====================================================================================

def _today() -> date:
    """Today as the application sees it (settings.TIME_ZONE is UTC)."""
    return datetime.now(UTC).date()


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command]


class PrivatePostgres:
    """A PostgreSQL 15 server of our own on 127.0.0.1, trust authentication, cluster kept in
    bench/out so that generated databases survive between runs. fsync is off: it only changes
    the durability of writes (the generation), not how reads are planned or executed."""

    def __init__(self, directory: Path = PG_DIR) -> None:
        self.directory = directory
        self.port = _free_port()
        self.started = False

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise SystemExit(f"PostgreSQL 15 binaries not found in {PG_BIN}; set DATABASE_URL")
        OUT.mkdir(parents=True, exist_ok=True)
        if not (self.directory / "PG_VERSION").exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            shutil.chown(self.directory, "postgres", "postgres")
            self.directory.chmod(0o700)
            _log(f"initdb {self.directory}")
            subprocess.run(_as_postgres(str(PG_BIN / "initdb"), "-D", str(self.directory),
                                        "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                        "--locale=C.UTF-8"),
                           check=True, stdout=subprocess.DEVNULL)
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   f"-c unix_socket_directories={self.directory} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_wal_size=4GB")
        subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.directory), "-w",
                                    "-t", "120", "-l", str(self.directory / "server.log"),
                                    "-o", options, "start"),
                       check=True, stdout=subprocess.DEVNULL)
        self.started = True
        _log(f"PostgreSQL 15 started on 127.0.0.1:{self.port}")

    def stop(self) -> None:
        if self.started:
            subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.directory),
                                        "-w", "-m", "fast", "stop"),
                           check=False, stdout=subprocess.DEVNULL)
            self.started = False
            _log("PostgreSQL stopped")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _identity_key() -> str:
    """One keyring for every generated database (kept in bench/out: the data stays readable)."""
    path = OUT / "identity.key"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        key_id = secrets.token_hex(4)
        path.write_text(json.dumps({"current": key_id, "keys": {
            key_id: base64.b64encode(secrets.token_bytes(32)).decode()}}))
        path.chmod(0o600)
    return path.read_text()


def _worker_env(database_url: str, maintenance_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "nucleus.settings",
        "DATABASE_URL": database_url,
        "BENCH_MAINTENANCE_URL": maintenance_url,
        "NUCLEUS_DATA_DIR": str(OUT / "data"),
        "NUCLEUS_IDENTITY_KEY": _identity_key(),
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    })
    env.pop("NUCLEUS_IDENTITY_KEY_FILE", None)
    return env


def _run_worker(args: argparse.Namespace, engine: str, scale: float,
                database_url: str, maintenance_url: str, script: Path, name: str) -> dict:
    result = OUT / f"{name}-{engine}-{size_for(scale).tag}.json"
    result.unlink(missing_ok=True)
    command = [sys.executable, str(script), "--worker", "--db", engine,
               "--scale", repr(scale), "--runs", str(args.runs), "--seed", str(args.seed),
               "--notes-share", repr(args.notes_share), "--json", str(result)]
    command += [flag for flag, on in (("--regenerate", args.regenerate),
                                      ("--profile", args.profile)) if on]
    subprocess.run(command, env=_worker_env(database_url, maintenance_url), check=True,
                   cwd=ROOT)
    return json.loads(result.read_text())


def orchestrate(args: argparse.Namespace, *, script: Path | None = None,
                name: str = "fieldwork",
                report_of: Callable[[dict, argparse.Namespace], str] | None = None,
                small_runs: int | None = None) -> None:
    """Every database and size in a worker process of ``script`` (this file, or
    bench/pages.py on the same databases), then the report of ``report_of``. ``small_runs``:
    timed runs per page on the small instance, when fewer than ``args.runs`` will do."""
    script = script or Path(__file__).resolve()
    engines = args.db or ["sqlite", "postgres"]
    small = args.small_scale if args.small_scale is not None else args.scale / 100
    OUT.mkdir(parents=True, exist_ok=True)
    # A terminated benchmark still stops its PostgreSQL server (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    results: dict[str, dict[str, dict]] = {}
    server = None
    try:
        for engine in engines:
            results[engine] = {}
            if engine == "postgres":
                external = os.environ.get("DATABASE_URL", "")
                if external.startswith(("postgres://", "postgresql://", "pgsql://")):
                    maintenance = external
                else:
                    server = PrivatePostgres()
                    server.start()
                    maintenance = server.url
            for label, scale in (("small", small), ("large", args.scale)):
                size = size_for(scale)
                if engine == "sqlite":
                    url = f"sqlite:///{OUT / f'fieldwork-{size.tag}.sqlite3'}"
                    maintenance_url = url
                else:
                    url = _with_database(maintenance, f"nucleus_bench_fieldwork_{size.tag}")
                    maintenance_url = maintenance
                _log(f"{engine} {label} (scale {scale:g}) ...")
                runs = small_runs if label == "small" and small_runs is not None else args.runs
                results[engine][label] = _run_worker(
                    argparse.Namespace(**{**vars(args), "runs": runs}), engine, scale, url,
                    maintenance_url, script, name)
    finally:
        if server is not None:
            server.stop()
    report = (report_of or format_report)(results, args)
    print(report, flush=True)
    (OUT / f"{name}-report.txt").write_text(report)
    (OUT / f"{name}-results.json").write_text(json.dumps(results, indent=1, default=str))
    _log(f"done in {time.perf_counter() - started:.0f} s; results in {OUT}")


def _verdict(page: dict) -> str:
    if page["max_ms"] < TARGET_MS:
        return "ok"
    return "median ok" if page["median_ms"] < TARGET_MS else "MISSED"


def format_report(results: dict[str, dict[str, dict]], args: argparse.Namespace) -> str:
    lines = []
    for engine, by_size in results.items():
        large, small = by_size["large"], by_size["small"]
        base = large["baseline"]
        lines += ["", f"== {large['database']} =="]
        for label, r in (("large", large), ("small", small)):
            g, c = r["generation"], r["counts"]
            how = (f"reused (dates shifted {g['shifted_days']} days)" if g["reused"]
                   else f"generated in {g['seconds']:.0f} s")
            lines.append(f"{label}: {c['fields']:,} fields, {c['contacts']:,} contacts, "
                         f"{c['activities']:,} activities, {c['activity_people']:,} activity "
                         f"people; {how}; database {r['database_mb']:,.0f} MB")
        load = large["load_average"]
        lines.append(f"baseline (large run): /healthz median {base['healthz_ms']:.2f} ms, "
                     f"SELECT 1 median {base['select1_ms']:.3f} ms; load average "
                     f"{load['before'][0]:.2f} before, {load['after'][0]:.2f} after")
        header = (f"{'page':<27} {'mode':<6} {'median':>7} {'max':>7} {'min':>6} {'x healthz':>9} "
                  f"{'compute':>7} {'small':>6} {'L/S':>5} {'queries L/S':>11}  "
                  + ("target 300 ms" if engine == "postgres" else ""))
        lines += [header, "-" * len(header)]
        for name, page in large["pages"].items():
            other = small["pages"][name]
            lines.append(
                f"{name:<27} {page['mode']:<6} {page['median_ms']:>7.1f} {page['max_ms']:>7.1f} "
                f"{page['min_ms']:>6.1f} {page['median_ms'] / base['healthz_ms']:>9.1f} "
                f"{page['metric_median_ms']:>7.1f} {other['median_ms']:>6.1f} "
                f"{page['median_ms'] / other['median_ms']:>5.2f} "
                f"{page['queries']:>5} / {other['queries']:<5}  "
                + (_verdict(page) if engine == "postgres" else ""))
        lines.append("(ms; compute: the metrics function alone; small: median at the small "
                     "scale; L/S: large median / small median)")
        if engine == "sqlite":
            # SQLite computes rows while they are fetched; Django times execute() only.
            lines.append("(per-query times are not meaningful on SQLite: see --profile)")
            continue
        lines.append("slowest query per page (large):")
        for name, page in large["pages"].items():
            q = page["slowest_query"]
            lines.append(f"  {name}: {q['ms']:.1f} ms  {q['sql'][:100]}")
        if args.explain:
            for name, page in large["pages"].items():
                lines += [f"-- plan of the slowest query of {name}:",
                          page["slowest_query"].get("plan", "")]
    return "\n".join(lines)


# =====================================================================================
# Worker: database preparation before Django starts
# =====================================================================================

def _params(args: argparse.Namespace, key_id: str) -> str:
    return json.dumps({"generator": GENERATOR_VERSION, "scale": args.scale, "seed": args.seed,
                       "notes_share": args.notes_share, "key": key_id}, sort_keys=True)


def _sqlite_path(url: str) -> Path:
    return Path(urlsplit(url).path)


def prepare_database(engine: str, url: str, maintenance_url: str, params: str,
                     regenerate: bool) -> date | None:
    """The generation date of a reusable database (same parameters), or None after emptying
    it (a missing or outdated database, or --regenerate)."""
    if engine == "sqlite":
        path = _sqlite_path(url)
        found = None
        if path.exists() and not regenerate:
            with closing(sqlite3.connect(path)) as db:
                try:
                    found = db.execute(f"SELECT params, generated_on FROM {MARKER}").fetchone()  # noqa: S608
                except sqlite3.OperationalError:
                    found = None
        if found and found[0] == params:
            return date.fromisoformat(found[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return None

    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_conninfo(maintenance_url), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                               [name]).fetchone()
        found = None
        if exists and not regenerate:
            with psycopg.connect(_conninfo(url)) as db:
                regclass = db.execute("SELECT to_regclass(%s)", [MARKER]).fetchone()
                if regclass is not None and regclass[0]:
                    found = db.execute(f"SELECT params, generated_on FROM {MARKER}").fetchone()  # noqa: S608
        if found and found[0] == params:
            return date.fromisoformat(found[1])
        if exists:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return None


def _conninfo(url: str) -> str:
    # psycopg understands postgresql:// URLs; dj-database-url also accepts postgres/pgsql.
    parts = urlsplit(url)
    return urlunsplit(("postgresql",) + tuple(parts)[1:])


# =====================================================================================
# Worker: fast inserts and sealing (Django is set up from here on)
# =====================================================================================

class Inserter:
    """Rows as tuples straight into a table: COPY on PostgreSQL, executemany on SQLite.
    Values are given as the database stores them (see ``uuid`` and ``moment``)."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        connection.ensure_connection()
        if not self.postgres:
            # A large page cache keeps the randomly ordered index inserts (uuid, person_id)
            # in memory; durability does not matter while generating.
            connection.connection.execute("PRAGMA cache_size = -1000000")
            connection.connection.execute("PRAGMA synchronous = OFF")

    def uuid(self, value: uuid.UUID) -> str:
        return str(value) if self.postgres else value.hex  # Django stores char(32) in SQLite

    def moment(self, day: date, hour: int = 18) -> str:
        text = f"{day.isoformat()} {hour:02d}:30:00"
        return text + "+00:00" if self.postgres else text

    def insert(self, model, columns: list[str], rows: Iterable[tuple]) -> int:
        from django.utils import timezone

        from access.records import Record

        # The record base's own columns (uid, times, version), as Record.save would write.
        extra = [c for c in ("uid", "created_at", "updated_at", "version")
                 if issubclass(model, Record) and c not in columns]
        if extra:
            now = timezone.now().isoformat(sep=" ")
            now = now if self.postgres else now.split("+")[0]
            fill = {"created_at": now, "updated_at": now, "version": 1}
            columns = [*columns, *extra]
            rows = (row + tuple(self.uuid(uuid.uuid4()) if c == "uid" else fill[c]
                                for c in extra) for row in rows)
        qn = self.connection.ops.quote_name
        table = qn(model._meta.db_table)
        names = ", ".join(qn(model._meta.get_field(c).column) for c in columns)
        count = 0
        with self.connection.cursor() as cursor:
            if self.postgres:
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
                return count
            sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
            raw = self.connection.connection
            batch: list[tuple] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 5000:
                    raw.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                raw.executemany(sql, batch)
                count += len(batch)
        return count

    def next_id(self, model) -> int:
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def reset_sequences(self, models: list) -> None:
        if not self.postgres:
            return
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


class Sealer:
    """vault.crypto's AES-256-GCM sealing and HMAC blind indexes with the AEAD object and the
    organization's index key built once (crypto derives the index key per call: 35 us)."""

    def __init__(self, salt: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        from vault import crypto
        from vault.keyring import get_keyring

        ring = get_keyring()
        self.crypto, self.salt = crypto, salt
        self.key_id = ring.current
        self.aead = AESGCM(ring.current_key)
        self.index_key = crypto._index_key(salt, ring)

    def seal(self, text: str, aad: str) -> str:
        nonce = os.urandom(12)
        body = self.aead.encrypt(nonce, text.encode(), aad.encode())
        return f"{self.key_id}${base64.b64encode(nonce + body).decode()}"

    def seal_json(self, data: dict, aad: str) -> str:
        return self.seal(json.dumps(data, ensure_ascii=False, sort_keys=True), aad)

    def index(self, value: str, kind: str) -> str:
        normalized = self.crypto.normalized(value, kind)
        if not normalized or normalized == "+":
            return ""
        return hmac.new(self.index_key, f"{kind}:{normalized}".encode(),
                        hashlib.sha256).hexdigest()[:40]

    def check(self) -> None:
        """The fast path must agree with vault.crypto (or the data would be unreadable)."""
        aad = "person:check"
        sealed = self.seal_json({"legal_name": "x"}, aad)
        agree = self.crypto.decrypt_json(sealed, aad=aad) == {"legal_name": "x"} and all(
            self.index(value, kind) == self.crypto.blind_index(value, scope_salt=self.salt,
                                                                kind=kind)
            for kind, value in (("phone", "+98 912 111 2233"), ("email", "A@b.org")))
        if not agree:
            raise RuntimeError("the generator's sealing no longer matches vault.crypto")


# =====================================================================================
# Worker: the generator
# =====================================================================================

FIRST = ["Reza", "Maryam", "Ali", "Zahra", "Hossein", "Fatemeh", "Mehdi", "Leila", "Omid",
         "Sara", "Kaveh", "Nasrin", "Bahram", "Shirin", "Farhad", "Parvin", "Hamid", "Roya",
         "Saeed", "Mina", "Arash", "Azadeh", "Jamal", "Nahid", "Karim", "Soheila"]
LAST = ["Ahmadi", "Karimi", "Hosseini", "Rahimi", "Moradi", "Jafari", "Rostami", "Sadeghi",
        "Kazemi", "Mohammadi", "Bagheri", "Nouri", "Ebrahimi", "Azizi", "Heidari", "Sharifi"]
WORKPLACES = ["Steel Mill", "Car Plant", "Refinery", "Textile Mill", "Power Station", "Depot",
              "Hospital", "Cement Works", "Petrochemical Plant", "Sugar Factory", "Port",
              "Copper Mine", "Tile Factory", "Warehouse", "Bus Company", "Telecom Centre"]
PARTS = [("Assembly", "department"), ("Maintenance", "department"), ("Warehouse", "department"),
         ("Paint shop", "department"), ("Administration", "department"),
         ("Canteen", "department"), ("Day shift", "shift"), ("Night shift", "shift"),
         ("Line 1", "line"), ("Line 2", "line"), ("Line 3", "line"), ("Transport", "other")]
JOBS = ["welder", "fitter", "operator", "driver", "electrician", "nurse", "clerk", "loader",
        "technician", "cook", "guard", "machinist", ""]
UNIONS = [("Metalworkers' Union", "class"), ("Oil Workers' Syndicate", "class"),
          ("Islamic Labour Council", "bureaucratic"), ("Drivers' Association", "reformist"),
          ("Nurses' Union", "reformist"), ("Textile Workers' Union", "class")]
SECTORS = ["energy", "transport", "communication", "health", "education", "other"]
KINDS = ["one_to_one", "home_visit", "distribution", "agitation_meeting", "education_session",
         "union_meeting", "strike_support", "public_statement"]
KIND_SHARE = [0.42, 0.10, 0.15, 0.12, 0.08, 0.07, 0.03, 0.03]
# (members lo, hi), (contacts lo, hi) taking part, per kind.
PEOPLE = {"one_to_one": ((1, 1), (1, 1)), "home_visit": ((1, 2), (1, 1)),
          "distribution": ((1, 3), (0, 0)), "agitation_meeting": ((1, 3), (3, 12)),
          "education_session": ((1, 2), (2, 6)), "union_meeting": ((1, 1), (0, 5)),
          "strike_support": ((2, 4), (0, 0)), "public_statement": ((0, 0), (0, 0))}
OUTCOMES = ["Agreed to come to the meeting", "Will talk to workmates on the night shift",
            "Afraid of dismissal, needs time", "Gave two names in the paint shop",
            "Took the bulletin", "Angry about unpaid overtime", "Not interested now"]
NOTES = ["Talked about the wage arrears and the contract workers.",
         "Foreman threatened the workers who signed; keep contact outside the gate.",
         "Knows the drivers of the night bus; could bring three more.",
         "Family problems, call again after the holiday."]
HISTORY_DAYS = 730


@dataclass
class Generated:
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)


class Generator:
    def __init__(self, size: Size, seed: int, notes_share: float) -> None:
        import numpy as np
        from django.db import connection
        from django.utils import timezone

        self.np = np
        self.size = size
        self.rng = np.random.default_rng(seed)
        self.py = random.Random(seed)
        self.notes_share = notes_share
        self.today = timezone.localdate()
        self.db = Inserter(connection)
        self.rows: dict[str, int] = {}

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.py.getrandbits(128), version=4)

    def _day(self, days_ago: int) -> date:
        return self.today - timedelta(days=int(days_ago))

    def run(self) -> None:
        from django.db import transaction

        steps = [self.structure, self.fields, self.people, self.assessments_and_profiles,
                 self.ties, self.activities, self.pulse, self.structure_tests]
        with transaction.atomic():
            for step in steps:
                started = time.perf_counter()
                step()
                _log(f"  {step.__name__}: {time.perf_counter() - started:.1f} s")
            from fieldwork.models import Activity, ContactProfile
            from people.models import Person

            self.db.reset_sequences([Person, ContactProfile, Activity])

    # --- organization, units, the secretary ---
    def structure(self) -> None:
        from accounts.models import User
        from fieldwork.actions import ensure_default_demands, ensure_default_scale
        from organizations.actions import do_create_organization, do_create_unit

        self.user = User.objects.create_user("bench-secretary", password=None)
        self.org = do_create_organization(acting_user=self.user, data={
            "name": "Bench Workers' Party", "acronym": "BWP", "country": "Benchland"})
        top = self.org.units.get()

        def unit(parent, name: str, kind: str, field_kind: str = ""):
            return do_create_unit(acting_user=self.user, organization=self.org, parent=parent,
                                  data={"name": name, "kind": kind, "field_kind": field_kind})

        cc = unit(top, "Central Committee", "central_committee")
        regions = [unit(cc, f"Region {i + 1} Committee", "committee")
                   for i in range(self.size.regions)]
        local = [unit(regions[i % len(regions)], f"Local Committee {i + 1}", "local_committee")
                 for i in range(self.size.local_committees)]
        self.cells = [unit(local[i % len(local)], f"Cell {i + 1}", "cell", "workplace")
                      for i in range(self.size.cells)]
        self.levels = {lv.value: lv.pk for lv in ensure_default_scale(self.org)}
        self.demands = [d.pk for d in ensure_default_demands(self.org)]
        self.sealer = Sealer(self.org.index_salt)
        self.sealer.check()
        self.rows["units"] = 2 + len(regions) + len(local) + len(self.cells)

    # --- fields, parts, mass organizations ---
    def fields(self) -> None:
        from fieldwork.models import Field, FieldPart, MassOrganization, UnionPresence

        np, py, n = self.np, self.py, self.size.fields
        # Contacts per field: at least 20, 200 on average, the exact total.
        weights = self.rng.uniform(0.5, 1.5, n)
        self.contacts_per_field = (20 + self.rng.multinomial(
            self.size.contacts - 20 * n, weights / weights.sum())).tolist()
        kinds = self.rng.choice(["workplace", "institution", "school", "locality", "village"],
                                size=n, p=[0.8, 0.07, 0.05, 0.05, 0.03]).tolist()
        objs = []
        for i in range(n):
            strategic = py.random() < 0.1
            located = py.random() < 0.6
            objs.append(Field(
                unit=self.cells[i * len(self.cells) // n], kind=kinds[i],
                name=f"{py.choice(WORKPLACES)} {i + 1}", employer=f"{py.choice(LAST)} Co.",
                sector=py.choice(SECTORS), strategic=strategic,
                strategic_sector=py.choice(SECTORS[:4]) if strategic else "",
                priority=py.randint(1, 5) if py.random() < 0.3 else 0,
                latitude=round(35.6 + py.uniform(-2, 2), 6) if located else None,
                longitude=round(51.4 + py.uniform(-3, 3), 6) if located else None))
        self.field_objs = Field.objects.bulk_create(objs, batch_size=5000)
        self.field_ids = [f.pk for f in self.field_objs]
        self.field_unit = [f.unit_id for f in self.field_objs]

        parts, self.part_shares = [], []
        for i, f in enumerate(self.field_objs):
            k = py.randint(3, 8)
            shares = self.rng.dirichlet(np.ones(k) * 2).tolist()
            headcount = self.contacts_per_field[i] * py.randint(2, 6)
            for (name, kind), share in zip(py.sample(PARTS, k), shares, strict=True):
                parts.append(FieldPart(field=f, name=name, kind=kind,
                                       headcount=max(1, round(share * headcount))))
            self.part_shares.append(shares)
        parts = FieldPart.objects.bulk_create(parts, batch_size=5000)
        self.parts_of: list[list[int]] = [[] for _ in range(n)]
        headcounts = [0] * n
        index = {pk: i for i, pk in enumerate(self.field_ids)}
        for p in parts:
            self.parts_of[index[p.field_id]].append(p.pk)
            headcounts[index[p.field_id]] += p.headcount
        for f, headcount in zip(self.field_objs, headcounts, strict=True):
            f.headcount = headcount
        Field.objects.bulk_update(self.field_objs, ["headcount"], batch_size=5000)

        unions = MassOrganization.objects.bulk_create([
            MassOrganization(organization=self.org, name=name, orientation=orientation)
            for name, orientation in UNIONS])
        presences, self.unions_of = [], []
        for f in self.field_objs:
            here = py.sample(unions, py.choice([0, 1, 1, 2]))
            self.unions_of.append([u.pk for u in here])
            presences += [UnionPresence(field=f, mass_organization=u,
                                        members_approx=py.randint(5, 400)) for u in here]
        UnionPresence.objects.bulk_create(presences, batch_size=5000)
        self.rows.update(fields=n, parts=len(parts), union_presences=len(presences))

    # --- members and contacts (people with sealed identities) ---
    def people(self) -> None:
        from people.models import Person, StatusChange

        py, db = self.py, self.db
        next_id = db.next_id(Person)
        self.members_of: dict[int, list[int]] = {}
        self.contacts_of: list[list[int]] = []
        rows: list[tuple] = []

        def person(unit_id: int, kind: str, status: str, since: date) -> int:
            nonlocal next_id
            pk, uid = next_id, self._uuid()
            next_id += 1
            first, last = py.choice(FIRST), py.choice(LAST)
            phone = f"+98 9{py.randint(10, 39)} {py.randint(100, 999)} {py.randint(1000, 9999)}"
            email = f"{first}.{last}{pk}@example.org".lower() if py.random() < 0.4 else ""
            identity = {"legal_name": f"{first} {last}", "phone": phone, "email": email,
                        "address": f"{py.randint(1, 200)} {py.choice(LAST)} Street",
                        "notes": ""}
            rows.append((pk, unit_id, f"{first}-{pk}", kind, status, since.isoformat(),
                         since.isoformat() if kind == "member" else None, db.uuid(uid),
                         self.sealer.seal_json(identity, f"person:{uid}"),
                         self.sealer.index(phone, "phone"), self.sealer.index(email, "email"),
                         db.moment(since, 9), db.moment(since, 9)))
            return pk

        for cell in self.cells:
            self.members_of[cell.pk] = [
                person(cell.pk, "member", "member", self._day(py.randint(100, 3000)))
                for _ in range(self.size.members_per_cell)]
        for i, count in enumerate(self.contacts_per_field):
            unit_id = self.field_unit[i]
            self.contacts_of.append([
                person(unit_id, "contact", "candidate", self._day(py.randint(0, HISTORY_DAYS)))
                for _ in range(count)])
        columns = ["id", "unit", "alias", "kind", "status", "status_since", "joined_on", "uid",
                   "identity_sealed", "phone_index", "email_index", "created_at", "updated_at"]
        self.rows["people"] = db.insert(Person, columns, rows)
        db.insert(StatusChange, ["person", "status", "on", "recorded_at"],
                  ((r[0], r[4], r[5], r[11]) for r in rows))

    # --- assessments (history) and contact profiles with the current level ---
    def assessments_and_profiles(self) -> None:
        from fieldwork.models import Assessment, ContactProfile

        py, db = self.py, self.db
        assessments: list[tuple] = []
        profiles: list[tuple] = []
        next_id = db.next_id(ContactProfile)
        for i, people in enumerate(self.contacts_of):
            assessed_share = py.uniform(0.6, 0.95)
            bias = py.uniform(-1.0, 1.0)  # some workplaces are further organized
            parts, shares, unions = self.parts_of[i], self.part_shares[i], self.unions_of[i]
            for person_id in people:
                level = on = None
                if py.random() < assessed_share:
                    r = py.random()
                    count = 1 + (r < 0.3) + (r < 0.05)
                    for ago in sorted((py.randint(0, HISTORY_DAYS) for _ in range(count)),
                                      reverse=True):
                        value = min(5, max(1, round(py.gauss(3.2 - bias, 1.1))))
                        level, on = self.levels[value], self._day(ago)
                        assessments.append((person_id, level, on.isoformat(), self.user.pk, "",
                                            db.moment(on)))
                part = py.choices(parts, shares)[0] if py.random() < 0.9 else None
                union = py.choice(unions) if unions and py.random() < 0.25 else None
                profiles.append((next_id, person_id, self.field_ids[i], part,
                                 py.choice(JOBS), union, py.random() < 0.05,
                                 "night shift" if py.random() < 0.1 else "", level,
                                 on.isoformat() if on else None))
                next_id += 1
        self.rows["assessments"] = db.insert(
            Assessment, ["person", "level", "assessed_on", "assessed_by", "note_sealed",
                         "created_at"],
            assessments)
        self.rows["contact_profiles"] = db.insert(
            ContactProfile, ["id", "person", "field", "part", "job", "union", "leader", "tags",
                             "current_level", "current_assessed_on"], profiles)

    def ties(self) -> None:
        from fieldwork.models import Tie

        py = self.py
        rows = []
        for i, people in enumerate(self.contacts_of):
            pairs = set()
            for _ in range(len(people) // 4):
                a, b = sorted(py.sample(people, 2))
                pairs.add((a, b, py.choice(["knows", "works_beside", "family"])))
            members = self.members_of[self.field_unit[i]]
            for person_id in py.sample(people, min(len(people), 10)):
                pairs.add((py.choice(members), person_id, "in_touch"))
            rows += [(a, b, kind, "") for a, b, kind in pairs]
        self.rows["ties"] = self.db.insert(Tie, ["from_person", "to_person", "kind", "note"],
                                           rows)

    # --- one million activities with their members and contacts ---
    def _activity_plan(self) -> tuple[list[int], list[int]]:
        """Per activity: the field index (-1: a unit's own activity without a field) and how
        many days ago, oldest first. Fields are steady (85%), stopped 25-400 days ago (10%),
        started recently (3%) or never worked (2%); their rates differ (log-normal)."""
        np, rng, n = self.np, self.rng, self.size.fields
        state = rng.choice(4, size=n, p=[0.85, 0.10, 0.03, 0.02])
        begin = np.where(state == 2, rng.integers(30, 150, n), HISTORY_DAYS - 1)
        end = np.where(state == 1, rng.integers(25, 400, n), 0)
        span = begin - end + 1
        weight = rng.lognormal(0.0, 0.9, n) * span * (state != 3)
        total = self.size.activities
        with_field = round(total * 0.97)
        of_field = rng.choice(n, size=with_field, p=weight / weight.sum())
        ago = end[of_field] + (rng.random(with_field) * span[of_field]).astype(np.int64)
        unit_only = total - with_field
        of_field = np.concatenate([of_field, -np.ones(unit_only, dtype=np.int64)])
        ago = np.concatenate([ago, rng.integers(0, HISTORY_DAYS, unit_only)])
        order = np.argsort(-ago, kind="stable")
        return of_field[order].tolist(), ago[order].tolist()

    def activities(self) -> None:
        from fieldwork.models import Activity

        py, db = self.py, self.db
        fields, agos = self._activity_plan()
        kinds = self.rng.choice(len(KINDS), size=len(fields), p=KIND_SHARE).tolist()
        reached = [max(1, int(len(c) * py.uniform(0.7, 0.85))) for c in self.contacts_of]
        cells = [c.pk for c in self.cells]
        first_id = db.next_id(Activity)
        columns = ["id", "unit", "field", "kind", "quantity", "date", "outcome_sealed",
                   "follow_up_on",
                   "follow_up_done", "uid", "notes_sealed", "created_by", "created_at"]
        members_through, contacts_through = Activity.members.through, Activity.contacts.through
        counts = {"activities": 0, "activity_members": 0, "activity_contacts": 0}
        chunk = 50_000
        for start in range(0, len(fields), chunk):
            rows, members, contacts = [], [], []
            for j in range(start, min(len(fields), start + chunk)):
                aid, f, kind = first_id + j, fields[j], KINDS[kinds[j]]
                if f < 0:  # a unit's own work: statements, leaflets, schooling
                    kind = py.choice(["public_statement", "distribution", "education_session"])
                    unit_id, field_id = py.choice(cells), None
                else:
                    unit_id, field_id = self.field_unit[f], self.field_ids[f]
                day = self._day(agos[j])
                (m_lo, m_hi), (c_lo, c_hi) = PEOPLE[kind]
                for m in py.sample(self.members_of[unit_id], py.randint(m_lo, m_hi)):
                    members.append((aid, m))
                if f >= 0 and c_hi:
                    pool, n_reached = self.contacts_of[f], reached[f]
                    chosen = {pool[int(n_reached * py.random() ** 2)]
                              for _ in range(py.randint(c_lo, c_hi))}
                    contacts += [(aid, c) for c in chosen]
                follow_up, done = None, False
                if kind in ("one_to_one", "home_visit") and py.random() < 0.35:
                    follow_up = day + timedelta(days=py.randint(3, 14))
                    done = follow_up < self.today and py.random() < 0.93
                uid = self._uuid()
                notes = (self.sealer.seal(py.choice(NOTES), f"activity:{uid}")
                         if py.random() < self.notes_share else "")
                rows.append((aid, unit_id, field_id, kind,
                             py.randint(20, 1500) if kind == "distribution" else None,
                             day.isoformat(),
                             # Sealed like the app seals it (fieldwork.models.sealing).
                             self.sealer.seal(py.choice(OUTCOMES), f"activity-outcome:{uid}")
                             if kind == "one_to_one" else "",
                             follow_up.isoformat() if follow_up else None, done,
                             db.uuid(uid), notes, self.user.pk, db.moment(day)))
            counts["activities"] += db.insert(Activity, columns, rows)
            counts["activity_members"] += db.insert(members_through, ["activity", "person"],
                                                    members)
            counts["activity_contacts"] += db.insert(contacts_through, ["activity", "person"],
                                                     contacts)
            if (start // chunk) % 4 == 3:
                _log(f"    {counts['activities']:,} activities")
        self.rows.update(counts)

    # --- mood, demands, struggles ---
    def pulse(self) -> None:
        from fieldwork.models import DemandRaised, MoodReading, Struggle

        py, db = self.py, self.db
        mood, raised = [], []
        for field_id in self.field_ids:
            ago, value = HISTORY_DAYS - py.randint(0, 60), py.randint(1, 4)
            while ago >= 0:
                note = "Talk of a strike over the bonus" if py.random() < 0.1 else ""
                mood.append((field_id, self._day(ago).isoformat(), value, note))
                value = min(5, max(1, value + py.choice([-1, 0, 0, 1])))
                ago -= py.randint(14, 45)
            for _ in range(py.randint(2, 12)):
                raised.append((field_id, py.choice(self.demands),
                               self._day(py.randint(0, HISTORY_DAYS)).isoformat(), ""))
        self.rows["mood_readings"] = db.insert(MoodReading, ["field", "taken_on", "value", "note"],
                                               mood)
        self.rows["demands_raised"] = db.insert(DemandRaised,
                                                ["field", "demand", "raised_on", "note"], raised)
        struggles = []
        for f in self.field_objs:
            if py.random() < 0.25:
                started = self._day(py.randint(5, HISTORY_DAYS))
                ended = (started + timedelta(days=py.randint(1, 20))
                         if py.random() < 0.8 else None)
                struggles.append(Struggle(
                    field=f, kind=py.choice(["strike", "protest", "resistance"]),
                    started_on=started, ended_on=min(ended, self.today) if ended else None,
                    participants=py.randint(10, 900), outcome="Partial wage increase",
                    involvement=py.choice(["none", "support", "participation", "leadership"])))
        struggles = Struggle.objects.bulk_create(struggles, batch_size=5000)
        db.insert(Struggle.demands.through, ["struggle", "demand"],
                  [(s.pk, d) for s in struggles for d in py.sample(self.demands, 2)])
        self.rows["struggles"] = len(struggles)

    def structure_tests(self) -> None:
        from fieldwork.models import Participation, StructureTest

        py = self.py
        planned = []
        for i, f in enumerate(self.field_objs):
            for _ in range(py.choice([0, 0, 1, 1, 2])):
                planned.append((i, StructureTest(
                    field=f, kind=py.choice(["petition", "sign_up", "badge_day", "meeting"]),
                    title="Petition for the wage arrears",
                    held_on=self._day(py.randint(0, 365)))))
        tests = StructureTest.objects.bulk_create([t for _, t in planned], batch_size=5000)
        rows = []
        for (i, _), test in zip(planned, tests, strict=True):
            people = self.contacts_of[i]
            rows += [(test.pk, p) for p in py.sample(people, int(len(people) *
                                                                   py.uniform(0.2, 0.7)))]
        self.rows["structure_tests"] = len(tests)
        self.rows["participations"] = self.db.insert(Participation, ["test", "person"], rows)


# =====================================================================================
# Worker: reuse (date shift), housekeeping
# =====================================================================================

# Every date column the generator fills, shifted together when the data is reused later.
DATE_COLUMNS = {
    ("fieldwork", "Activity"): ["date", "follow_up_on"],
    ("fieldwork", "Assessment"): ["assessed_on"],
    ("fieldwork", "ContactProfile"): ["current_assessed_on"],
    ("fieldwork", "MoodReading"): ["taken_on"],
    ("fieldwork", "DemandRaised"): ["raised_on"],
    ("fieldwork", "Struggle"): ["started_on", "ended_on"],
    ("fieldwork", "StructureTest"): ["held_on"],
    ("people", "Person"): ["status_since", "joined_on"],
    ("people", "StatusChange"): ["on"],
}


def shift_dates(days: int) -> None:
    from django.apps import apps
    from django.db import connection, transaction

    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for (app, name), columns in DATE_COLUMNS.items():
            meta = apps.get_model(app, name)._meta
            cols = [qn(meta.get_field(c).column) for c in columns]
            if connection.vendor == "postgresql":
                sets = ", ".join(f"{c} = {c} + {int(days)}" for c in cols)
            else:
                sets = ", ".join(f"{c} = date({c}, '+{int(days)} days')" for c in cols)
            cursor.execute(f"UPDATE {qn(meta.db_table)} SET {sets}")  # noqa: S608
        cursor.execute(f"UPDATE {MARKER} SET generated_on = %s",  # noqa: S608
                       [_today().isoformat()])


def analyze() -> None:
    """Planner statistics, and on PostgreSQL the visibility map that index-only scans need
    (what autovacuum does soon after a load; SQLite's equivalent is PRAGMA optimize)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            # Fold the write-ahead log into the database: reads then do not consult it.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def write_marker(params: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {MARKER} (params text NOT NULL, generated_on text NOT NULL)")
        cursor.execute(f"INSERT INTO {MARKER} VALUES (%s, %s)",  # noqa: S608
                       [params, _today().isoformat()])


def database_mb() -> float:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 2**20
    path = Path(connection.settings_dict["NAME"])
    return sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal")
               if Path(f"{path}{s}").exists()) / 2**20


def database_version() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


def row_counts() -> dict[str, int]:
    from fieldwork.models import Activity, ContactProfile, Field

    return {"fields": Field.objects.count(), "contacts": ContactProfile.objects.count(),
            "activities": Activity.objects.count(),
            "activity_people": (Activity.members.through.objects.count()
                                + Activity.contacts.through.objects.count())}


# =====================================================================================
# Worker: the measurements
# =====================================================================================

@dataclass
class Page:
    name: str
    url_name: str
    pk: int
    uid: Any  # the page's address names the record by uid
    metric: Callable  # metric(user, pk): used while the view does not exist yet


def _targets() -> tuple[User, list[Page]]:
    from django.db.models import Count

    from accounts.models import User
    from fieldwork import continuity, metrics
    from fieldwork.models import ContactProfile, Field
    from organizations.models import Organization, Unit

    user = User.objects.get(username="bench-secretary")
    org = Organization.objects.get(name="Bench Workers' Party")
    top = Unit.objects.get(organization=org, parent=None)
    committee = Unit.objects.get(organization=org, name="Region 1 Committee")
    # The heaviest wall chart: the field with the most contacts.
    busiest_row = (ContactProfile.objects.values("field_id").annotate(n=Count("pk"))
                   .order_by("-n", "field_id").first())
    assert busiest_row is not None, "the bench database has no contacts"
    busiest = Field.objects.get(pk=busiest_row["field_id"])
    return user, [
        Page("organization dashboard", "fieldwork:organization_dashboard", org.pk, org.uid,
             metrics.organization_dashboard),
        Page("wall chart (largest field)", "fieldwork:wall_chart", busiest.pk, busiest.uid,
             metrics.wall_chart),
        Page("continuity (organization)", "fieldwork:continuity", top.pk, top.uid,
             continuity.continuity),
        Page("continuity (one committee)", "fieldwork:continuity", committee.pk, committee.uid,
             continuity.continuity),
    ]


def _url(page: Page) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(page.url_name, kwargs={"uid": page.uid})
    except NoReverseMatch:
        return None


def _measure(call: Callable[[], object], runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm-up: templates compiled, caches and database pages loaded
    with CaptureQueriesContext(connection) as captured:
        call()
    # A copy now: the next request clears the connection's query log.
    queries = list(captured.captured_queries)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    slowest = max(queries, key=lambda q: float(q["time"]), default={"sql": "", "time": "0"})
    return {"median_ms": statistics.median(times), "max_ms": max(times),
            "min_ms": min(times), "runs_ms": times, "queries": len(queries),
            "slowest_query": {"sql": slowest["sql"], "ms": float(slowest["time"]) * 1000}}


def _plan(sql: str) -> str:
    from django.db import connection

    if not sql.lstrip().upper().startswith("SELECT"):
        return ""
    prefix = ("EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql"
              else "EXPLAIN QUERY PLAN ")
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return "\n".join(" | ".join(str(c) for c in row) for row in cursor.fetchall())


def _profile(call: Callable[[], object], path: Path) -> str:
    """One more run under cProfile: the functions that took the most time, for the report."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(call)
    profiler.dump_stats(path)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(15)
    return text.getvalue()


def measure(runs: int, profile_dir: Path | None) -> dict:
    from django.db import connection
    from django.test import Client

    from access.scope import forget_scope
    from accounts.tests.second_factor import pass_second_factor

    user, pages = _targets()
    client = Client()
    client.force_login(user)
    # The founder's oversight asks for a second factor: marked as passed, as the tests do.
    pass_second_factor(client, user)
    load_before = os.getloadavg()
    with connection.cursor() as cursor:
        select1 = []
        for _ in range(200):
            started = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchone()
            select1.append((time.perf_counter() - started) * 1000)

    def healthz() -> None:
        assert client.get("/healthz").status_code == 200

    baseline = {"healthz_ms": _measure(healthz, max(runs, 20))["median_ms"],
                "select1_ms": statistics.median(select1)}
    results = {}
    for page in pages:
        def compute(page=page) -> None:
            forget_scope(user)  # the scope is loaded once per request, as in a view
            page.metric(user, page.pk)

        # The computation alone, then (when the view exists) the page as a server renders
        # it: the difference is templates and middleware.
        computed = _measure(compute, runs)
        url = _url(page)
        call: Callable[[], None]
        if url is None:
            result, call = computed, compute
        else:
            def render(url=url) -> None:
                response = client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"GET {url} answered {response.status_code}")
            call = render
            result = _measure(call, runs)
        result.update(mode="view" if url else "metric",
                      url=url or f"{page.metric.__module__}.{page.metric.__name__}", pk=page.pk,
                      metric_median_ms=computed["median_ms"], metric_queries=computed["queries"])
        result["slowest_query"]["plan"] = _plan(result["slowest_query"]["sql"])
        if profile_dir is not None:
            name = page.name.split(" (")[0].replace(" ", "_") + f"_{page.pk}"
            result["profile"] = _profile(call, profile_dir / f"{name}.pstats")
        results[page.name] = result
        _log(f"  {page.name} [{result['mode']}]: median {result['median_ms']:.1f} ms, max "
             f"{result['max_ms']:.1f} ms, {result['queries']} queries; computation alone "
             f"{computed['median_ms']:.1f} ms")
    return {"baseline": baseline, "pages": results,
            "load_average": {"before": load_before, "after": os.getloadavg()}}


def prepare(args: argparse.Namespace) -> dict:
    """Set Django up on the worker's database and make sure it holds the generated data
    (reused, dates shifted, or generated now): what this run's report says about it. Also
    used by bench/pages.py, which measures other pages on the same databases."""
    engine = args.db[0]
    size = size_for(args.scale)
    key_id = json.loads(os.environ["NUCLEUS_IDENTITY_KEY"])["current"]
    params = _params(args, key_id)
    generated_on = prepare_database(engine, os.environ["DATABASE_URL"],
                                    os.environ["BENCH_MAINTENANCE_URL"], params,
                                    args.regenerate)
    import warnings

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nucleus.settings")
    # WhiteNoise warns that the bench data directory has no collected static files.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    generation = {"reused": generated_on is not None, "seconds": 0.0, "shifted_days": 0,
                  "rows": {}}
    if generated_on is None:
        _log(f"generating {size} ...")
        started = time.perf_counter()
        generator = Generator(size, args.seed, args.notes_share)
        generator.run()
        analyze()
        write_marker(params)
        # Measure on a fresh connection: the generator's SQLite pragmas must not carry over.
        connection.close()
        generation.update(seconds=time.perf_counter() - started, rows=generator.rows)
        _log(f"generated in {generation['seconds']:.0f} s: {generator.rows}")
    elif (shift := (_today() - generated_on).days) > 0:
        _log(f"reusing the data of {generated_on}: shifting dates by {shift} days")
        shift_dates(shift)
        analyze()
        generation["shifted_days"] = shift
    else:
        _log("reusing the generated data")
    return {"database": database_version(), "engine": engine, "size": asdict(size),
            "generation": generation, "counts": row_counts(), "database_mb": database_mb()}


def work(args: argparse.Namespace) -> None:
    result = prepare(args)
    profile_dir = None
    if args.profile:
        profile_dir = OUT / "profiles" / f"{args.db[0]}-{size_for(args.scale).tag}"
        profile_dir.mkdir(parents=True, exist_ok=True)
    result.update(measure(args.runs, profile_dir))
    Path(args.json).write_text(json.dumps(result, indent=1, default=str))


# =====================================================================================

def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"],
                        help="repeat for both (default: both)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="1.0: 1,000 workplaces, 200,000 contacts, 1,000,000 activities")
    parser.add_argument("--small-scale", type=float, default=None,
                        help="the small instance measured alongside (default: scale/100)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page after a warm-up")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--notes-share", type=float, default=0.3,
                        help="share of activities with sealed notes")
    parser.add_argument("--regenerate", action="store_true",
                        help="rebuild the generated databases even if they could be reused")
    parser.add_argument("--explain", action="store_true",
                        help="print the plan of the slowest query of each page")
    parser.add_argument("--profile", action="store_true",
                        help="profile one more run of each page (bench/out/profiles/)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        work(args)
    else:
        orchestrate(args)


if __name__ == "__main__":
    main()
