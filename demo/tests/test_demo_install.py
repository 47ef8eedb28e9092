"""Demo accounts only on a demo install (#9: the published demo password was on every
install started the documented way): load_demo refuses without NUCLEUS_DEMO, a demo install
says so on every page, and a start without the demo loads nothing."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

BANNER = "Demo install: the passwords are public; do not enter real data."
START = Path(settings.BASE_DIR) / "scripts" / "start"


def test_load_demo_refuses_on_an_install_that_is_not_a_demo(world, settings, tmp_path):
    settings.NUCLEUS_DEMO = False
    settings.NUCLEUS_DEMO_MARKER = tmp_path / "demo-install"
    before = User.objects.count()
    with pytest.raises(CommandError, match="not a demo install"):
        call_command("load_demo")
    assert User.objects.count() == before
    assert not (tmp_path / "demo-install").exists()


@pytest.mark.parametrize(("demo", "shown"), [(True, True), (False, False)])
def test_every_page_of_a_demo_install_says_so(world, login, client, settings, demo, shown):
    settings.NUCLEUS_DEMO = demo
    pages = [client.get(reverse("login")),
             login(world.user("cell_member")).get(reverse("accounts:home"))]
    for page in pages:
        assert (BANNER in page.content.decode()) is shown


def _start(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NUCLEUS_DATA_DIR": str(tmp_path)}
    return subprocess.run(["bash", str(START), *args], env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def test_a_start_without_the_demo_refuses_a_demo_data_directory(tmp_path):
    (tmp_path / "demo-install").write_text("demo")
    result = _start(tmp_path, "--no-demo")
    assert result.returncode == 2 and "public passwords" in result.stderr


def test_the_demo_start_refuses_a_real_install(tmp_path):
    (tmp_path / "real-install").write_text("")
    result = _start(tmp_path)
    assert result.returncode == 2 and "real install" in result.stderr


def test_the_start_script_loads_the_demo_only_on_the_demo_path():
    script = START.read_text()
    no_demo = script[script.index("if (( ! demo )); then"):script.index("manage.py load_demo")]
    # The non-demo start serves (serve() ends the script) before reaching load_demo.
    assert re.search(r"^    serve$", no_demo, re.M)
    serve = script[script.index("serve() {"):]
    assert re.search(r'^    exit "\$status"\n}', serve, re.M)
    assert "--no-demo) demo=0" in script and "export NUCLEUS_DEMO=1" in script


def test_the_check_finds_a_demo_login_with_the_public_password(world):
    from demo.builder import DEMO_PASSWORD

    call_command("check_no_demo_logins")  # the cast has no demo login
    User.objects.create_user("secretary", password="a real secretary's own password")
    call_command("check_no_demo_logins")  # a real login named like a demo one is fine
    user = User.objects.get(username="secretary")
    user.set_password(DEMO_PASSWORD)
    user.save()
    with pytest.raises(CommandError, match="public password"):
        call_command("check_no_demo_logins")
