"""Real worker processes (``manage.py run_jobs`` through worker_main.py) on a database of
their own: a file SQLite database, and PostgreSQL when the session has one (CI's PostgreSQL
run, or NUCLEUS_TEST_POSTGRES_URL: an owner role that may create databases).

Two workers share 24 queued jobs — enqueued by another process before either started, as
after a restart — and no job runs twice. A worker killed mid-job (SIGKILL: no goodbye) leaves
its job running with a heartbeat that stops; the next worker's housekeeping queues it again
(the kind is idempotent) and runs it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

MAIN = str(Path(__file__).with_name("worker_main.py"))
WORK = ("work", "--no-startup-delay", "--interval", "0.05")


def _postgres_owner_url() -> str | None:
    url = os.environ.get("NUCLEUS_TEST_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture(params=["sqlite", "postgresql"])
def worker_env(request, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "NUCLEUS_DB_APP_ROLE", "NUCLEUS_TEST_POSTGRES_URL")}
    env.update(NUCLEUS_DATA_DIR=str(tmp_path), NUCLEUS_JOBS_HEARTBEAT_S="1",
               NUCLEUS_JOBS_STALE_AFTER_S="3", NUCLEUS_JOBS_BACKEND="database")
    if request.param == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'workers.sqlite3'}"
        yield env
        return
    owner = _postgres_owner_url()
    if owner is None:
        pytest.skip("no PostgreSQL server for this session")
    import psycopg

    name = f"nucleus_workers_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(owner)
    with psycopg.connect(owner, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    # The schema's owner runs the workers: the tables are built without migrations (no
    # wall); what is tested is the queue's locking between processes.
    env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    try:
        yield env
    finally:
        with psycopg.connect(owner, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _main(env, *args, timeout=180):
    done = subprocess.run([sys.executable, MAIN, *args], env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _report(env):
    """The jobs, read straight from the workers' database (no process to start)."""
    query = "SELECT uid, status, attempts, done, worker_id FROM jobs_job ORDER BY id"
    url = env["DATABASE_URL"]
    if url.startswith("sqlite"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            rows = db.execute(query).fetchall()
    else:
        import psycopg

        with psycopg.connect(url) as db:
            rows = db.execute(query).fetchall()
    names = ("uid", "status", "attempts", "done", "worker_id")
    return [dict(zip(names, (str(uuid.UUID(str(row[0]))), *row[1:]), strict=True))
            for row in rows]


def test_two_workers_never_run_the_same_job_twice(worker_env, tmp_path):
    log = tmp_path / "runs.log"
    _main(worker_env, "setup", "24", json.dumps({"steps": 3, "sleep": 0.1, "log": str(log)}))
    assert Counter(j["status"] for j in _report(worker_env)) == {"queued": 24}
    workers = [subprocess.Popen([sys.executable, MAIN, *WORK, "--batch"], env=worker_env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(2)]
    for worker in workers:
        _out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err[-3000:]
    jobs = _report(worker_env)
    assert Counter((j["status"], j["attempts"], j["done"]) for j in jobs) == {("done", 1, 3): 24}
    runs = [line.split() for line in log.read_text().splitlines()]
    assert sorted(uid for uid, _pid in runs) == sorted(j["uid"] for j in jobs)  # once each
    assert len({pid for _uid, pid in runs}) == 2  # both workers took jobs
    assert len({j["worker_id"] for j in jobs}) == 2


def test_a_killed_workers_job_is_run_again_by_the_next_worker(worker_env):
    _main(worker_env, "setup", "1", json.dumps({"steps": 100, "sleep": 0.1}))
    first = subprocess.Popen([sys.executable, MAIN, *WORK], env=worker_env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _report(worker_env)[0]["status"] != "running":
            assert time.monotonic() < deadline, "the first worker never started the job"
            time.sleep(0.5)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    job = _report(worker_env)[0]
    assert job["status"] == "running" and job["attempts"] == 1 and job["done"] < 100
    time.sleep(4)  # past NUCLEUS_JOBS_STALE_AFTER_S: its heartbeat is stale
    _main(worker_env, *WORK, "--batch", timeout=300)
    job = _report(worker_env)[0]
    assert (job["status"], job["attempts"], job["done"]) == ("done", 2, 100)
