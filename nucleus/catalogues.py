"""The translation catalogues are complete, or the build fails (``manage.py check_catalogues``,
run by ``scripts/test``; ``nucleus/tests/test_i18n.py`` runs the same checks).

For every language of ``settings.LANGUAGES`` but English: the catalogue exists and says its
language and plural forms; no message is untranslated or fuzzy; plural messages have every
form; placeholders are those of the source; the compiled ``.mo`` is the ``.po``; ``msgfmt
--check`` accepts it. Templates hold no interface text outside ``{% translate %}`` and
``{% blocktranslate %}`` (``unmarked_template_text``).
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.base import Lexer, TokenType

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w+\}|%[sd]")
_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (".*")$')
#: The number of plural forms each language's grammar has (CLDR, as gettext writes them).
PLURALS = {"fa": 2, "ckb": 2, "kmr": 2, "az": 2, "tr": 2, "ar": 6, "de": 2}
#: Scripts whose translations must use them: a message left in English would pass the
#: emptiness check.
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
ARABIC_SCRIPT_LANGUAGES = {"fa", "ckb", "ar"}


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


def catalogues() -> Iterator[tuple[str, Path]]:
    """(language, .po) of every catalogue the install ships: one per language, and Django's
    own messages where Django ships none (locale_core/)."""
    for code, _name in settings.LANGUAGES:
        if code != "en":
            yield code, Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po"
    for po in sorted((Path(settings.BASE_DIR) / "locale_core").glob("*/LC_MESSAGES/django.po")):
        yield po.parts[-3], po


def problems(language: str, po: Path) -> list[str]:
    """What is wrong with one catalogue (empty: nothing)."""
    if not po.exists():
        return [f"{po}: missing"]
    entries = read_po(po)
    if not entries or entries[0].msgid != "":
        return [f"{po}: no header"]
    found = _header_problems(language, po, entries[0]) + _message_problems(language, po,
                                                                           entries[1:])
    found += _compiled_problems(po, entries[1:]) + _msgfmt_problems(po)
    return found


def _header_problems(language: str, po: Path, header: Entry) -> list[str]:
    text = header.msgstr.get(0, "")
    found = []
    if f"Language: {language}\n" not in text:
        found.append(f"{po}: the header does not say Language: {language}")
    if "fuzzy" in header.flags:
        found.append(f"{po}: the header is fuzzy")
    if f"nplurals={PLURALS[language]};" not in text:
        found.append(f"{po}: Plural-Forms must have nplurals={PLURALS[language]}")
    return found


def _message_problems(language: str, po: Path, entries: list[Entry]) -> list[str]:
    found = []
    forms = list(range(PLURALS[language]))
    for entry in entries:
        name = f"{po}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{name} is fuzzy")
        if not entry.msgstr or not all(entry.msgstr.values()):
            found.append(f"{name} is untranslated")
            continue
        if entry.msgid_plural is not None and sorted(entry.msgstr) != forms:
            found.append(f"{name} needs {len(forms)} plural forms")
        wanted = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        for text in entry.msgstr.values():
            if sorted(set(PLACEHOLDER.findall(text))) != wanted:
                found.append(f"{name}: placeholders {wanted} differ in {text[:60]!r}")
        if (language in ARABIC_SCRIPT_LANGUAGES and not ARABIC_SCRIPT.search(entry.msgstr[0])
                and re.search("[A-Za-z]{2}", PLACEHOLDER.sub("", entry.msgid))
                and po.parts[-4] == "locale"):
            found.append(f"{name} is not in the language's script")
    return found


def _compiled_problems(po: Path, entries: list[Entry]) -> list[str]:
    mo = po.with_suffix(".mo")
    if not mo.exists():
        return [f"{mo}: missing (msgfmt -o {mo} {po})"]
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for entry in entries:
        if entry.msgid_plural is None:
            expected[entry.key] = entry.msgstr.get(0, "")
        else:
            for index, text in entry.msgstr.items():
                expected[(entry.key, index)] = text
    compiled = {k: v for k, v in catalog.items() if k != ""}
    if compiled != {k: v for k, v in expected.items() if v}:
        return [f"{mo}: not compiled from the .po (msgfmt -o {mo} {po})"]
    return []


def _msgfmt_problems(po: Path) -> list[str]:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return ["msgfmt (gettext) is not installed"]
    # Our own catalogue file, a fixed program: no untrusted input reaches the command line.
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(po)],  # noqa: S603
                            capture_output=True, text=True, check=False)
    return [f"{po}: msgfmt --check: {result.stderr.strip()}"] if result.returncode else []


# --- templates ---

#: Text in a template that is no interface message: names, symbols, code.
_NOT_WORDS = re.compile(r"&\w+;|&#\d+;|\bNucleus\b|\bAPI\b|\bCSV\b|\bTOTP\b|\bURL\b|\bUTC\b|"
                        r"\bOpenAPI\b|\bHTMX\b|\bTor\b")
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->|<[^>]*>", re.S)
_ATTRIBUTE_TEXT = re.compile(r'\b(?:placeholder|title|alt|aria-label)="([^"]*[A-Za-z]{2}[^"]*)"')


def unmarked_template_text(template: Path) -> list[str]:
    """Interface text of a template outside the translation tags: the text between HTML
    tags and in the attributes a reader sees (title, placeholder, alt, aria-label)."""
    pieces = []
    depth = 0  # inside {% blocktranslate %} ... {% endblocktranslate %}: translated
    for token in Lexer(template.read_text(encoding="utf-8")).tokenize():
        if token.token_type == TokenType.BLOCK:
            word = (token.contents.split() or [""])[0]
            depth += word in ("blocktranslate", "blocktrans")
            depth -= word in ("endblocktranslate", "endblocktrans")
        if token.token_type == TokenType.TEXT and not depth:
            pieces.append(token.contents)
        elif token.token_type != TokenType.COMMENT:
            pieces.append("\x00")  # a value the template inserts: no letters of its own
    source = "".join(pieces)
    found = [f"{template}: {value.replace(chr(0), '…')!r}"
             for value in _ATTRIBUTE_TEXT.findall(source)]
    for text in _TAG.sub("\x01", source).split("\x01"):
        words = " ".join(_NOT_WORDS.sub(" ", text).replace("\x00", " ").split())
        if re.search(r"[A-Za-z]{2}", words):
            found.append(f"{template}: {words[:80]!r}")
    return found


def project_templates() -> Iterator[Path]:
    base = Path(settings.BASE_DIR)
    for path in sorted(base.glob("**/templates/**/*.html")):
        if not {".venv", "node_modules", "data"} & set(path.relative_to(base).parts):
            yield path
