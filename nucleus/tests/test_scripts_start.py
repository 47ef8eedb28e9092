"""`bash scripts/start`: the README's first command, documented as it behaves: gunicorn with
the production settings file and the job worker beside it, both stopped together."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START = (ROOT / "scripts" / "start").read_text()


def test_it_keeps_the_readme_first_block_to_the_two_commands():
    first = re.search(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert first is not None
    assert first.group(1).splitlines() == ["bash scripts/start", "bash scripts/test"]


def test_it_serves_with_gunicorn_and_the_production_config():
    assert "runserver" not in START
    assert "gunicorn --config nucleus/gunicorn_conf.py" in START
    assert 'NUCLEUS_BIND="127.0.0.1:$port"' in START


def test_it_starts_the_job_worker_only_where_the_command_exists_and_stops_both():
    assert "manage.py help run_jobs" in START and "manage.py run_jobs &" in START
    assert "trap stop_children EXIT" in START and "trap 'stop_children; exit 130' INT TERM" \
        in START


def test_it_documents_the_server_and_the_worker():
    readme = (ROOT / "README.md").read_text()
    assert "with gunicorn" in readme and "`manage.py run_jobs`" in readme
    assert "Ctrl+C stops both" in readme


def test_it_still_takes_port_and_no_demo():
    done = subprocess.run(["bash", str(ROOT / "scripts" / "start"), "--help"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "--port N" in done.stdout and "--no-demo" in done.stdout
    done = subprocess.run(["bash", str(ROOT / "scripts" / "start"), "--port", "x"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "PORT must be a number" in done.stderr
