"""``manage.py export_campaign``: the public pages as a self-contained folder with relative
links, for mirrors."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from campaigns import actions
from campaigns.tests.helpers import announce, campaign

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src)="([^"]*)"')


@pytest.fixture
def exported(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    made = campaign(world)
    announce(world, made, what="Fictional: rally at the harbour", published=True)
    announce(world, made, what="Fictional: secret meeting")
    actions.do_add_material(acting_user=None, campaign=made, title="Slogans", kind="slogan",
                            language="en", content=b"Down with the regime!\n", public=True)
    actions.do_add_material(acting_user=None, campaign=made, title="Office notes",
                            kind="document", language="en", content=b"internal\n")
    out = StringIO()
    call_command("export_campaign", str(made.uid), str(tmp_path / "mirror"), stdout=out)
    assert "files written" in out.getvalue()
    return tmp_path / "mirror"


def test_it_writes_a_page_per_language_the_feed_the_style_and_the_public_files(exported):
    names = {p.relative_to(exported).as_posix() for p in exported.rglob("*") if p.is_file()}
    assert {"index.html", "index.fa.html", "index.ar.html", "feed.atom", "public.css"} <= names
    assert len([n for n in names if n.startswith("files/")]) == 1  # the public one only
    assert '<html lang="fa" dir="rtl">' in (exported / "index.fa.html").read_text()
    everything = "".join(p.read_text() for p in exported.glob("*.html"))
    assert "secret meeting" not in everything and "Office notes" not in everything
    assert "rally at the harbour" in (exported / "feed.atom").read_text()


def test_every_link_in_the_folder_resolves_to_a_file_in_it(exported):
    for page in exported.glob("*.html"):
        links = LINK.findall(page.read_text())
        assert links
        for link in links:
            assert not link.startswith(("/", "http:", "https:", "//")), (page.name, link)
            target = link.split("#")[0]
            if target:
                assert (exported / target).is_file(), (page.name, link)


def test_it_refuses_an_unpublished_or_unknown_campaign(world, tmp_path):
    draft = campaign(world, published=False)
    with pytest.raises(CommandError, match="Only a published campaign"):
        call_command("export_campaign", str(draft.uid), str(tmp_path / "x"))
    with pytest.raises(CommandError, match="No campaign"):
        call_command("export_campaign", "not-a-uid", str(tmp_path / "x"))
    assert not Path(tmp_path / "x").exists()
