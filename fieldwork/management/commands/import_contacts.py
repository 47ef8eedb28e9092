"""Import the contacts of a field from a CSV file, as a given user (all rows or none).

    manage.py import_contacts --field 12 --user maryam \
        --map alias=Alias,phone=Phone,part=Department contacts.csv [--dry-run]
    manage.py import_contacts --undo-stale --user maryam

The file is checked first, then written in short batches so that the site stays usable
meanwhile (fieldwork/import_runs.py). Ctrl+C or SIGTERM undoes what was written; a run whose
process was killed is undone by the next import into its unit, or by --undo-stale.
"""

import signal
from pathlib import Path
from types import FrameType

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fieldwork import import_runs
from fieldwork.csv_io import ATTRIBUTES, count_rows, import_contacts
from fieldwork.management.commands._common import acting_user, in_scope
from fieldwork.models import Field


def parse_map(values: list[str]) -> dict[str, str]:
    """``attribute=Column`` pairs (comma separated, option repeatable) -> {column: attribute}."""
    mapping: dict[str, str] = {}
    for value in values:
        for pair in filter(None, (p.strip() for p in value.split(","))):
            attribute, sep, column = pair.partition("=")
            if not sep or not attribute.strip() or not column.strip():
                raise CommandError(f"--map expects attribute=Column pairs, not {pair!r}.")
            mapping[column.strip()] = attribute.strip()
    return mapping


class Command(BaseCommand):
    help = "Import contacts of a field from CSV (nothing is saved if any row has an error)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="CSV file (UTF-8) with a header row")
        parser.add_argument("--field", type=int, help="id of the field")
        parser.add_argument("--user", required=True, help="username the import runs as")
        parser.add_argument("--map", action="append",
                            help="attribute=Column pairs; attributes: " + ", ".join(ATTRIBUTES))
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--undo-stale", action="store_true",
                            help="undo imports whose process died before they had finished")

    def handle(self, *args, **options):
        user = acting_user(options["user"])
        if options["undo_stale"]:
            undone = import_runs.undo_stale_runs(acting_user=user)
            self.stdout.write(f"Undid {undone} stale import(s).")
            return
        if not (options["file"] and options["field"] and options["map"]):
            raise CommandError("A file, --field and --map are needed.")
        # SIGTERM (systemd, kill) undoes the run like Ctrl+C instead of leaving it half done.
        signal.signal(signal.SIGTERM, _interrupt)
        field = in_scope(Field, user, options["field"], "add", "field")
        mapping = parse_map(options["map"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Cannot read {options['file']}: no such file.")
        # The file is streamed twice (checked, then written), never read whole: see csv_io.
        bar = tqdm(total=count_rows(path), desc="contacts", unit="row", file=self.stderr,
                   disable=options["no_progress"] or options["dry_run"])
        result = import_contacts(user, field, path, mapping, dry_run=options["dry_run"],
                                 progress=bar.update)
        bar.close()
        if result.errors:
            for number, reason in result.errors:
                self.stderr.write(f"row {number}: {reason}")
            raise CommandError(f"Nothing imported: {len(result.errors)} error(s).")
        verb = "Would import" if options["dry_run"] else "Imported"
        self.stdout.write(self.style.SUCCESS(
            f"{verb} {result.created} new and {result.updated} existing contacts "
            f"({result.assessed} assessments) into {field.name}."))


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
