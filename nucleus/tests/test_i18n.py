"""Persian is a complete language of the interface: every message of the catalog is translated,
the compiled catalog is the one the .po says, and switching to Persian turns pages
right-to-left."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PO = Path(settings.BASE_DIR) / "locale" / "fa" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w+\}")
_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (".*")$')


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header first; obsolete (``#~``) entries are comments."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = Entry()
        target: tuple[str, int] | None = None
        for line in (raw.strip() for raw in block.splitlines()):
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#") or not line:
                continue
            elif match := _LINE.match(line):
                keyword, index, text = match.groups()
                target = ("msgstr" if keyword.startswith("msgstr") else keyword, int(index or 0))
                _append(entry, target, ast.literal_eval(text), reset=True)
            elif target is not None:
                _append(entry, target, ast.literal_eval(line))
        if target is not None:
            entries.append(entry)
    return entries


def _append(entry: Entry, target: tuple[str, int], text: str, reset: bool = False) -> None:
    keyword, index = target
    if keyword == "msgstr":
        entry.msgstr[index] = ("" if reset else entry.msgstr.get(index, "")) + text
    else:
        setattr(entry, keyword, ("" if reset else getattr(entry, keyword) or "") + text)


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    found = read_po(PO)
    assert found and found[0].msgid == "", "the catalog has no header"
    return found


def test_the_persian_catalog_has_a_header_for_persian(entries):
    header = entries[0].msgstr[0]
    assert "Language: fa\n" in header
    assert "charset=UTF-8" in header
    assert "fuzzy" not in entries[0].flags


def test_it_translates_every_message(entries):
    messages = entries[1:]
    assert len(messages) > 300
    untranslated = [e.msgid for e in messages if not all(e.msgstr.values()) or not e.msgstr]
    fuzzy = [e.msgid for e in messages if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"
    for entry in messages:
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr) == [0, 1], entry.msgid


def test_it_keeps_every_placeholder(entries):
    for entry in entries[1:]:
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in entry.msgstr.values():
            assert sorted(PLACEHOLDER.findall(text)) == wanted, (entry.msgid, text)


def test_it_translates_into_persian_script(entries):
    # A translation left in English (copied msgid) would pass the emptiness check.
    persian = re.compile("[\u0600-\u06ff]")
    same = [e.msgid for e in entries[1:]
            if not persian.search(e.msgstr[0]) and PLACEHOLDER.sub("", e.msgid).strip(" .—")
            and e.msgid not in {"—"}]
    assert not same, f"not translated into Persian: {same}"


def test_the_compiled_catalog_matches_the_po(entries):
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    expected: dict[object, str] = {}
    for entry in entries[1:]:
        if entry.msgid_plural is None:
            expected[entry.key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                expected[(entry.key, index)] = text
    compiled = {k: v for k, v in catalog.items() if k != ""}
    assert compiled == expected, "run manage.py compilemessages after changing the .po"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_finds_the_catalog_valid_and_complete(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(PO)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


def _switch(client, language: str, next_url: str):
    return client.post(reverse("set_language"), {"language": language, "next": next_url},
                       follow=True)


def test_switching_to_persian_renders_the_home_page_right_to_left(world, login):
    client = login(world.user("cell_secretary"))
    home = reverse("accounts:home")
    page = client.get(home).content.decode()
    assert 'lang="en"' in page and 'dir="ltr"' in page and "My units" in page

    response = _switch(client, "fa", home)
    assert response.redirect_chain[-1][0] == home
    page = response.content.decode()
    assert 'lang="fa"' in page and 'dir="rtl"' in page
    assert "واحدهای من" in page and "My units" not in page
    # Choices come from the models' translated labels: a secretary's role is دبیر.
    assert "دبیر" in page
    # The switch offers the way back, named in its own language.
    assert 'value="en"' in page and "English" in page


def test_switching_back_to_english_renders_left_to_right(world, login):
    client = login(world.user("cell_secretary"))
    home = reverse("accounts:home")
    _switch(client, "fa", home)
    page = _switch(client, "en", home).content.decode()
    assert 'lang="en"' in page and 'dir="ltr"' in page and "My units" in page


def test_it_shows_the_unit_page_in_persian(world, login):
    client = login(world.user("cell_secretary"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    unit = world.units["cell_a"]
    page = client.get(reverse("organizations:unit_detail", kwargs={"uid": unit.uid}))
    text = page.content.decode()
    assert "هسته" in text and "محل کار" in text and "افزودن فرد" in text
    assert "Add a person" not in text
