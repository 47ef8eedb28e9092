"""Export, as CSV, the contacts a given user may see in a unit's subtree or a field.

    manage.py export_contacts --unit <uid> --user maryam [--identities] [--output file.csv]

Rows name contacts by uid (the first column); --unit and --field take a uid (an integer id
still works on the server's own command line).
"""

import os
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fieldwork.csv_export import export_contacts
from fieldwork.management.commands._common import acting_user, in_scope
from fieldwork.models import Field
from fieldwork.queries import contacts_in
from organizations.models import Unit


def _target(model, user, key: str, label: str):
    """The unit or field named by uid (or id), through the access layer: unknown and
    out-of-scope ones fail with the same message."""
    try:
        uid = uuid.UUID(key)
    except ValueError:
        if not key.isdigit():
            raise CommandError(f"Unknown {label} {key}.") from None
        return in_scope(model, user, int(key), "view", label)
    found = model.objects.restrict(user, "view").filter(uid=uid).first()
    if found is None:
        raise CommandError(f"Unknown {label} {key}.")
    return found


def _write_private(path: Path, text: str) -> None:
    # Readable by the owner only: an export may hold identities.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


class Command(BaseCommand):
    help = "Export contacts (aliases, parts, assessments) within what the user may see."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--unit", help="uid of the unit (with its subtree)")
        target.add_argument("--field", help="uid of the field")
        parser.add_argument("--user", required=True, help="username the export runs as")
        parser.add_argument("--identities", action="store_true",
                            help="add identity columns where the user may reveal them "
                                 "(each one is recorded as a reveal)")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        user = acting_user(options["user"])
        if options["unit"] is not None:
            target = _target(Unit, user, options["unit"], "unit")
            total = contacts_in(user, unit=target).count()
        else:
            target = _target(Field, user, options["field"], "field")
            total = contacts_in(user, field=target).count()
        bar = tqdm(total=total, desc="contacts", unit="row", file=self.stderr,
                   disable=options["no_progress"])
        text = export_contacts(user, target, identities=options["identities"],
                               progress=bar.update)
        bar.close()
        if options["output"]:
            try:
                _write_private(Path(options["output"]), text)
            except OSError as exc:
                raise CommandError(f"Cannot write {options['output']}: {exc}") from None
            self.stderr.write(f"Wrote {total} contacts to {options['output']}.")
        else:
            self.stdout.write(text, ending="")
