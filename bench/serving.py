"""Serving throughput: gunicorn with the production config against a demo database, measured
with wrk at 50 connections, each page against a hello-world view of the same process.

    .venv/bin/python bench/serving.py --compare-ref main

Steps: a demo database in a scratch NUCLEUS_DATA_DIR (`manage.py load_demo`, ~2 minutes; kept
with --data-dir), gunicorn started as scripts/serve starts it (nucleus/gunicorn_conf.py: 2
workers, 4 threads unless NUCLEUS_WORKERS / NUCLEUS_THREADS say otherwise) with
NUCLEUS_BENCH_HELLO=1 (nucleus/bench_hello.py), a real login of the demo user `member`
through the login form (its session cookie is what wrk sends), then wrk against the
hello-world view, /healthz, the member's unit page, the unit's contact list and the login
page. With --compare-ref REF the same runs first against a git worktree of REF (given the
hello-world view, and nothing else, from this tree) on a copy of the same database.

The machine is shared: the load average is printed with every row.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "member", "nucleus-demo-2026"
HELLO = "/bench/hello"
_UNIT = {"s": 1000.0, "ms": 1.0, "us": 0.001, "m": 60000.0}


@dataclass
class Result:
    tree: str
    target: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    load: str


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        print("==> Installing wrk (apt-get install -y wrk)", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env).returncode:
            subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=True)
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is missing: apt-get install -y wrk")
    return found


def tree_env(tree: Path, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(NUCLEUS_DATA_DIR=str(data_dir), NUCLEUS_DEMO="1",
               NUCLEUS_SEEDS_DIR=str(ROOT.parent / "shared" / "seeds"),
               DJANGO_SETTINGS_MODULE="nucleus.settings", **extra)
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return env


def manage(tree: Path, data_dir: Path, *args: str) -> str:
    done = subprocess.run([str(tree / ".venv/bin/python"), "manage.py", *args], cwd=tree,
                          env=tree_env(tree, data_dir), capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed in {tree}:\n{done.stdout}{done.stderr}")
    return done.stdout


def prepare(tree: Path, data_dir: Path, *, demo: bool) -> None:
    manage(tree, data_dir, "migrate", "--noinput", "-v", "0")
    manage(tree, data_dir, "collectstatic", "--noinput", "-v", "0")
    manage(tree, data_dir, "init_identity_key")
    if demo:
        print(f"==> load_demo into {data_dir} (kept as is when already loaded)", flush=True)
        manage(tree, data_dir, "load_demo")


def unit_uid(tree: Path, data_dir: Path) -> str:
    code = ("from accounts.models import User; from access.scope import scope_for; "
            "from organizations.models import Unit; "
            f"g = scope_for(User.objects.get(username={USER!r})).grants[0]; "
            "print(Unit.objects.get(pk=g.unit_id).uid)")
    return manage(tree, data_dir, "shell", "-c", code).strip().splitlines()[-1]


def ref_tree(ref: str, where: Path) -> Path:
    """A worktree of REF with this tree's hello-world view mounted (what the benchmark needs
    to time a baseline there too), sharing this tree's virtualenv."""
    subprocess.run(["git", "worktree", "add", "-q", "--detach", str(where), ref], cwd=ROOT,
                   check=True)
    (where / ".venv").symlink_to((ROOT / ".venv").resolve())
    hello = where / "nucleus" / "bench_hello.py"
    if not hello.exists():
        shutil.copy(ROOT / "nucleus" / "bench_hello.py", hello)
        with (where / "nucleus" / "urls.py").open("a") as urls:
            urls.write("\nfrom nucleus import bench_hello  # noqa: E402 (bench/serving.py)\n"
                       "urlpatterns += bench_hello.urlpatterns\n")
    return where


class Server:
    def __init__(self, tree: Path, data_dir: Path, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        env = tree_env(tree, data_dir, NUCLEUS_BIND=f"127.0.0.1:{port}", NUCLEUS_BENCH_HELLO="1")
        # A file, not a pipe: a pipe nobody reads would stop gunicorn once it is full.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [str(tree / ".venv/bin/gunicorn"), "--config", "nucleus/gunicorn_conf.py",
             "nucleus.wsgi"], cwd=tree, env=env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                sys.exit(f"gunicorn ended: {self.log.read().decode()[-2000:]}")
            try:
                if get(self.base + HELLO)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit("gunicorn did not answer within 90 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def get(url: str, cookie: str = "") -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=30)
    connection.request("GET", parts.path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def login(base: str) -> str:
    """The session and CSRF cookies of a real login through the login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login/").read().decode()  # noqa: S310 (http://127.0.0.1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        sys.exit("the login page has no CSRF token")
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "username": USER,
                                   "password": PASSWORD}).encode()
    landed = opener.open(urllib.request.Request(base + "/login/", data=form))  # noqa: S310
    if "/login/" in urllib.parse.urlsplit(landed.geturl()).path:
        sys.exit(f"the login of {USER!r} failed")
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        sys.exit("the login set no session cookie")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def to_ms(text: str) -> float:
    value = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if value is None:
        raise ValueError(f"wrk latency {text!r}")
    return float(value.group(1)) * _UNIT[value.group(2)]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_wrk(wrk: str, url: str, cookie: str, seconds: int, connections: int) -> tuple[
        float, float, float, int]:
    args = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                        out)
    errors = (int(bad.group(1)) if bad else 0) + (
        sum(int(n) for n in sockets.groups()) if sockets else 0)
    return rps, p50, p99, errors


def measure(name: str, tree: Path, data_dir: Path, args: argparse.Namespace, wrk: str,
            uid: str) -> list[Result]:
    server = Server(tree, data_dir, args.port)
    try:
        cookie = login(server.base)
        targets = [("hello-world", HELLO, ""), ("/healthz", "/healthz", ""),
                   ("unit page", f"/units/{uid}/", cookie),
                   ("contact list", f"/fieldwork/units/{uid}/contacts/", cookie),
                   ("login page", "/login/", "")]
        results = []
        for label, path, sent in targets:
            status, body = get(server.base + path, sent)
            if status != 200:
                sys.exit(f"{name}: {path} answered {status}, not 200: {body[:300]!r}")
            run_wrk(wrk, server.base + path, sent, 2, args.connections)  # warm-up
            rps, p50, p99, errors = run_wrk(wrk, server.base + path, sent, args.duration,
                                            args.connections)
            results.append(Result(name, label, rps, p50, p99, errors, load()))
            print(f"  {name:>8} {label:<13} {rps:8.1f} req/s  p50 {p50:7.1f} ms  "
                  f"p99 {p99:7.1f} ms  errors {errors}  load {load()}", flush=True)
        return results
    finally:
        server.stop()


def table(results: list[Result]) -> str:
    hello = {r.tree: r.rps for r in results if r.target == "hello-world"}
    rows = ["| tree | target | req/s | p50 ms | p99 ms | errors | ×hello | load 1/5/15 |",
            "|---|---|---|---|---|---|---|---|"]
    for r in results:
        rows.append(f"| {r.tree} | {r.target} | {r.rps:,.1f} | {r.p50_ms:.1f} | "
                    f"{r.p99_ms:.1f} | {r.errors} | {r.rps / hello[r.tree]:.3f} | {r.load} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per target")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data-dir", type=Path, help="keep the demo database here (reused)")
    parser.add_argument("--compare-ref", metavar="REF", help="also measure this git ref")
    args = parser.parse_args()
    if not 15 <= args.duration <= 300:
        print("note: the issue's figures use 15-30 s per target", file=sys.stderr)
    wrk = ensure_wrk()
    scratch = Path(tempfile.mkdtemp(prefix="nucleus-serving-"))
    ref_dir: Path | None = None
    try:
        data_dir = args.data_dir or scratch / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        prepare(ROOT, data_dir, demo=True)
        uid = unit_uid(ROOT, data_dir)
        print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout}",
              flush=True)
        results: list[Result] = []
        if args.compare_ref:
            ref_dir = ref_tree(args.compare_ref, scratch / "ref")
            ref_data = scratch / "ref-data"
            shutil.copytree(data_dir, ref_data, ignore=shutil.ignore_patterns("staticfiles"))
            prepare(ref_dir, ref_data, demo=False)
            results += measure(args.compare_ref, ref_dir, ref_data, args, wrk, uid)
        results += measure("this tree", ROOT, data_dir, args, wrk, uid)
        database = ("PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres")
                    else "SQLite")
        print(f"\nwrk -t2 -c{args.connections} -d{args.duration}s; gunicorn "
              f"{os.environ.get('NUCLEUS_WORKERS', '2')} workers x "
              f"{os.environ.get('NUCLEUS_THREADS', '4')} threads; database {database}"
              f"; uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout}")
        print(table(results))
    finally:
        if ref_dir is not None:
            subprocess.run(["git", "worktree", "remove", "--force", str(ref_dir)], cwd=ROOT)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
