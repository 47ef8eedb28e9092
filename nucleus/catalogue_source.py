"""Messages of the source that a catalogue lacks (``manage.py check_catalogues``).

Django's ``makemessages`` extracts the messages of the Python code and templates, the same
extraction a translator runs (docs/architecture.md, "Languages"); instead of merging them
into the catalogues, each catalogue is compared with them here, so that a new message nobody
added to a catalogue fails the build. Nothing in ``locale/`` is changed: makemessages
removes the template (.pot) it wrote beside the catalogues when it ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.commands import makemessages

from nucleus.catalogues import read_po

#: Not the project's source: the virtualenv, benchmarks, the data directory and collected
#: static files.
IGNORED = [".venv", "bench", "data", "staticfiles", "node_modules"]


class _Compare(makemessages.Command):
    """makemessages whose last step compares instead of merging."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.found: list[str] = []

    def write_po_file(self, potfile: str, locale: str) -> None:
        po = Path(potfile).parent / locale / "LC_MESSAGES" / f"{self.domain}.po"
        if not po.exists():
            self.found.append(f"{po}: missing")
            return
        # Untranslated and fuzzy entries of the catalogue are catalogues.problems' to report.
        present = {entry.key for entry in read_po(po)}
        self.found += [f"{po}: {entry.msgid[:60]!r} is in the source, not in the catalogue"
                       for entry in read_po(Path(potfile))[1:] if entry.key not in present]


def missing(languages: list[str]) -> list[str]:
    """One line per message of the source that a language's catalogue lacks."""
    command = _Compare()
    call_command(command, locale=languages, ignore_patterns=IGNORED, verbosity=0)
    # The same locale directory can be listed more than once (LOCALE_PATHS and ./locale).
    return list(dict.fromkeys(command.found))
