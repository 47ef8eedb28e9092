"""Benchmark of the bulk contacts import against django-import-export and a raw COPY.

Usage (from the project root; the `bench` extra installs django-import-export):
    .venv/bin/python bench/import_contacts.py [--rows 1000000] [--db sqlite] [--db postgres]

See bench/README.md ("Bulk contacts import") for what is measured and the figures.

One CSV of N contacts (alias, part, phone, email, legal name, assessment) is generated in
bench/out/, then, for each database, imported into a fresh database three ways, each in its
own process (its peak RSS is the process's own, from wait4):

- nucleus: ``fieldwork.csv_io.import_contacts`` as the cell secretary under their database
  scope (on PostgreSQL as the app role, behind the row-level wall): identities sealed
  (AES-GCM), phone and email blind indexes, person + status change + profile + assessment
  per row, duplicate checks, an import run, audit rows;
- import-export: django-import-export 4.x ``ModelResource`` with ``use_bulk=True`` into a
  plain model of the same six columns (a bench-only app, ``bench/importexport_bench``,
  enabled in that worker only), the dataset read with tablib as its docs show;
- copy: ``psql \\copy`` into a plain table of the same columns (SQLite: the sqlite3 shell's
  ``.import --csv``), the floor of what loading these rows can cost.

Times are the import call's wall time (Django's start-up and the fresh database's
migrations are not counted; the copy's is the client's whole run). PostgreSQL: a private
PostgreSQL 15 server is started on a free port of 127.0.0.1 (fsync off, as in .ci/run) in
bench/out/import-pg and stopped at the end, unless --pg-url points at a server (a role with
CREATEDB that may create roles is needed then).
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
COLUMNS = ("alias", "part", "phone", "email", "legal_name", "assessment")
PARTS = ("Rolling mill", "Night shift")
METHODS = ("nucleus", "import-export", "copy")

# This file sits beside bench/fieldwork.py, which would shadow the fieldwork package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))


# -- the data ---------------------------------------------------------------------------------

def generate(rows: int) -> Path:
    """The CSV of ``rows`` contacts (reused when it exists); phones are distinct Iranian
    mobile numbers written as people write them, emails distinct."""
    path = OUT / f"import-contacts-{rows}.csv"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two runs may generate at once
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i in range(1, rows + 1):
            phone = f"+98 935 {i // 10000:03d} {i % 10000:04d}"
            writer.writerow([f"c-{i:07d}", PARTS[i % 2], phone, f"contact{i}@example.org",
                             f"Legal Name {i}", rng.randint(1, 5)])
    tmp.rename(path)
    return path


# -- databases --------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Postgres:
    """A throwaway PostgreSQL 15 server with the two roles of docs/deployment.md."""

    def __init__(self) -> None:
        self.dir = OUT / "import-pg"
        self.port = _free_port()

    def _as_postgres(self, *command: str, **kwargs: Any) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, **kwargs)

    def start(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._as_postgres(str(PG_BIN / "initdb"), "-D", str(self.dir / "data"), "-U",
                          "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
                          stdout=subprocess.DEVNULL)
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-l",
                          str(self.dir / "server.log"), "-w", "-o",
                          f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} "
                          "-c fsync=off -c max_wal_size=4GB -c shared_buffers=256MB",
                          "start", stdout=subprocess.DEVNULL)
        self.psql("postgres", "CREATE ROLE nucleus_owner LOGIN CREATEDB",
                  "CREATE ROLE nucleus_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB")

    def stop(self) -> None:
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast",
                          "-w", "stop", stdout=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, role: str, db: str) -> str:
        return f"postgres://{role}@127.0.0.1:{self.port}/{db}"

    def psql(self, db: str, *commands: str) -> None:
        args = ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                str(self.port), "-U", "postgres", "-d", db]
        for command in commands:
            args += ["-c", command]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)

    def fresh(self, name: str) -> None:
        self.psql("postgres", f"DROP DATABASE IF EXISTS {name}",
                  f"CREATE DATABASE {name} OWNER nucleus_owner")


def _identity_key() -> str:
    path = OUT / "identity.key"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        key_id = secrets.token_hex(4)
        path.write_text(json.dumps({"current": key_id, "keys": {
            key_id: base64.b64encode(secrets.token_bytes(32)).decode()}}))
        path.chmod(0o600)
    return path.read_text()


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "DATABASE_OWNER_URL", "NUCLEUS_DB_APP_ROLE",
                 "NUCLEUS_IDENTITY_KEY_FILE"):
        env.pop(name, None)
    env.update({"DJANGO_SETTINGS_MODULE": "nucleus.settings",
                "NUCLEUS_DATA_DIR": str(OUT / "import-data"),
                "NUCLEUS_IDENTITY_KEY": _identity_key(), "DEBUG": "0", **extra})
    return env


def _measured(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB, stdout) of one process."""
    started = time.perf_counter()
    with subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stdout is not None
        out = proc.stdout.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{command[:3]} failed ({proc.returncode})")
    return time.perf_counter() - started, usage.ru_maxrss // 1024, out


def _worker(step: str, csv_path: Path, env: dict[str, str]) -> tuple[float, int, dict]:
    wall, rss, out = _measured([sys.executable, str(Path(__file__).resolve()), "--worker",
                                step, "--csv", str(csv_path)], env)
    return wall, rss, json.loads(out.strip().splitlines()[-1])


def run_database(engine: str, csv_path: Path, rows: int, pg: Postgres | None) -> list[dict]:
    results = []
    for method in METHODS:
        if engine == "sqlite":
            db = OUT / f"import-{method}.sqlite3"
            db.unlink(missing_ok=True)
            env = _env(DATABASE_URL=f"sqlite:///{db}")
        else:
            assert pg is not None
            name = "bench_import_" + method.replace("-", "_")
            pg.fresh(name)
            env = _env(DATABASE_URL=pg.url("nucleus_app", name),
                       DATABASE_OWNER_URL=pg.url("nucleus_owner", name))
            if method != "nucleus":  # plain tables, no wall: the owner writes them
                env = _env(DATABASE_URL=pg.url("nucleus_owner", name))
        _worker("setup-" + method, csv_path, env)  # migrations and the world: not timed
        if method == "copy":
            started = time.perf_counter()
            command = (["sqlite3", str(OUT / "import-copy.sqlite3"),
                        f".import --csv --skip 1 {csv_path} bench_copy_contact"]
                       if engine == "sqlite" else
                       ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                        str(pg.port if pg else 0), "-U", "nucleus_owner", "-d",
                        "bench_import_copy", "-c",
                        f"\\copy bench_copy_contact ({','.join(COLUMNS)}) FROM "
                        f"'{csv_path}' WITH (FORMAT csv, HEADER true)"])
            _wall, rss, _out = _measured(command, env)
            seconds = time.perf_counter() - started
            got: dict[str, Any] = {"seconds": seconds, "rows": rows}
        else:
            _wall, rss, got = _worker(method, csv_path, env)
        got.update(engine=engine, method=method, peak_rss_mb=rss)
        print(f"  {engine} {method}: {got['seconds']:.1f} s, {rss} MB", flush=True)
        results.append(got)
    return results


# -- workers ------------------------------------------------------------------------------------

def _django(with_bench_app: bool) -> None:
    import django

    if with_bench_app:
        import nucleus.settings as project_settings

        # Bench-only: this process alone gets the plain model's app.
        project_settings.INSTALLED_APPS = [*project_settings.INSTALLED_APPS,
                                           "bench.importexport_bench"]
    django.setup()
    from access import dbwall

    dbwall.set_process_default(dbwall.sign(dbwall.SYSTEM_PAYLOAD))  # as manage.py does


def _setup(method: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if method == "copy":
        # The same columns without an id: the sqlite3 shell's .import fills every column.
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_copy_contact (alias varchar(100) NOT NULL, "
                           "part varchar(100), phone varchar(40), email varchar(200), "
                           "legal_name varchar(200), assessment integer)")
        return
    if method == "import-export":
        from bench.importexport_bench.models import PlainContact

        with connection.schema_editor() as editor:
            editor.create_model(PlainContact)
        return
    from fieldwork.actions import (
        do_create_field,
        do_create_field_part,
        ensure_default_demands,
        ensure_default_scale,
    )
    from tests.cast import build_world

    world = build_world()
    ensure_default_scale(world.orgs["rp"])
    ensure_default_demands(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"], data={
        "name": "Steelworks", "kind": "workplace", "employer": "Steel Co", "sector": "metal",
        "headcount": 20})
    for name in PARTS:
        do_create_field_part(acting_user=secretary, field=field,
                             data={"name": name, "kind": "department", "headcount": 10})


def _import_nucleus(csv_path: Path) -> dict:
    from accounts.models import User
    from fieldwork.csv_io import import_contacts
    from fieldwork.models import Field
    from people.models import Person

    user = User.objects.get(username="cell_secretary")
    field = Field.objects.get(name="Steelworks")
    from access import dbwall

    mapping = {c: c for c in COLUMNS}
    with dbwall.user_scope(user):
        started = time.perf_counter()
        result = import_contacts(user, field, csv_path, mapping)
        seconds = time.perf_counter() - started
        stored = Person.objects.filter(kind="contact", unit=field.unit).count()
    if not result.saved:
        raise SystemExit(f"not imported: {result.errors[:5]}")
    return {"seconds": seconds, "rows": result.created, "stored": stored}


def _import_export(csv_path: Path) -> dict:
    import tablib
    from import_export import resources

    from bench.importexport_bench.models import PlainContact

    class PlainContactResource(resources.ModelResource):
        class Meta:
            model = PlainContact
            fields = COLUMNS
            import_id_fields: tuple[str, ...] = ()
            use_bulk = True
            batch_size = 1000
            skip_diff = True
            force_init_instance = True

    started = time.perf_counter()
    dataset = tablib.Dataset().load(csv_path.read_text(encoding="utf-8"), format="csv")
    result = PlainContactResource().import_data(dataset, use_transactions=True,
                                                raise_errors=True)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": result.totals["new"],
            "stored": PlainContact._default_manager.count()}


def worker(step: str, csv_path: Path) -> None:
    _django(with_bench_app=step in ("import-export", "setup-import-export"))
    if step.startswith("setup-"):
        _setup(step.removeprefix("setup-"))
        print(json.dumps({}))
        return
    got = _import_nucleus(csv_path) if step == "nucleus" else _import_export(csv_path)
    print(json.dumps(got))


# -- the table --------------------------------------------------------------------------------

def report(results: list[dict], rows: int) -> None:
    print(f"\n{rows:,} contacts\n")
    print("| database | method | rows/s | wall s | peak RSS MB |")
    print("|---|---|---|---|---|")
    for r in results:
        print(f"| {r['engine']} | {r['method']} | {r['rows'] / r['seconds']:,.0f} | "
              f"{r['seconds']:.1f} | {r['peak_rss_mb']} |")
    print("\n| database | Nucleus / import-export | Nucleus / copy |")
    print("|---|---|---|")
    for engine in dict.fromkeys(r["engine"] for r in results):
        by = {r["method"]: r["rows"] / r["seconds"] for r in results if r["engine"] == engine}
        print(f"| {engine} | {by['nucleus'] / by['import-export']:.2f}× | "
              f"{100 * by['nucleus'] / by['copy']:.2f} % |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", action="append", choices=("sqlite", "postgres"))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.csv)
        return
    csv_path = generate(args.rows)
    results = []
    for engine in args.db or ["sqlite", "postgres"]:
        pg = Postgres() if engine == "postgres" else None
        if pg is not None:
            pg.start()
        try:
            results += run_database(engine, csv_path, args.rows, pg)
        finally:
            if pg is not None:
                pg.stop()
    (OUT / f"import-contacts-{args.rows}.json").write_text(json.dumps(results, indent=1))
    report(results, args.rows)


if __name__ == "__main__":
    main()
