"""manage.py import_contacts / export_contacts: the same access layer as the given user."""

import csv
import io
import os
import stat

import pytest
from django.core.management import CommandError, call_command

from fieldwork.models import ContactProfile

pytestmark = pytest.mark.django_db

CSV = ("Alias,Phone,Department,Level\n"
       "c-cmd1,+98 935 222 3344,Rolling mill,2\n"
       "c-cmd2,,Night shift,\n")
MAP = "alias=Alias,phone=Phone,part=Department,assessment=Level"


def _import(fw, path, *extra, user="cell_secretary", field=None):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_contacts", str(path), "--field", str(field or fw.field.pk),
                 "--user", user, "--map", MAP, *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_it_imports_with_a_progress_bar_on_stderr(fw, csv_file):
    out, err = _import(fw, csv_file)
    assert "Imported 2 new and 0 existing contacts (1 assessments)" in out
    assert "contacts" in err and "2/2" in err
    assert ContactProfile.objects.count() == 2
    out, _err = _import(fw, csv_file)
    assert "0 new and 2 existing" in out and ContactProfile.objects.count() == 2


def test_it_saves_nothing_in_a_dry_run(fw, csv_file):
    out, _err = _import(fw, csv_file, "--dry-run")
    assert "Would import 2 new" in out and not ContactProfile.objects.exists()


def test_it_reports_bad_rows_and_saves_nothing(fw, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CSV + "c-cmd3,,Paint shop,\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 error"):
        call_command("import_contacts", str(path), "--field", str(fw.field.pk), "--user",
                     "cell_secretary", "--map", MAP, "--no-progress", stderr=err)
    assert "row 4: Unknown part" in err.getvalue()
    assert not ContactProfile.objects.exists()


def test_it_answers_the_same_for_an_unknown_and_a_forbidden_field(fw, csv_file):
    with pytest.raises(CommandError) as missing:
        _import(fw, csv_file, field=10**9)
    with pytest.raises(CommandError) as forbidden:
        _import(fw, csv_file, user="sibling_secretary")
    assert str(missing.value) == "Unknown field 1000000000."
    assert str(forbidden.value) == f"Unknown field {fw.field.pk}."
    with pytest.raises(CommandError, match="Unknown field"):
        _import(fw, csv_file, user="cell_member")  # may see it, may not add to it
    with pytest.raises(CommandError, match="Unknown user 'nobody'"):
        _import(fw, csv_file, user="nobody")
    with pytest.raises(CommandError, match="attribute=Column"):
        call_command("import_contacts", str(csv_file), "--field", str(fw.field.pk),
                     "--user", "cell_secretary", "--map", "alias")


def test_it_exports_a_unit_as_the_given_user(fw, csv_file):
    _import(fw, csv_file, "--no-progress")
    out, err = io.StringIO(), io.StringIO()
    call_command("export_contacts", "--unit", str(fw.world.units["north"].uid), "--user",
                 "overseer", stdout=out, stderr=err)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["alias"] for r in rows] == ["c-cmd1", "c-cmd2"]
    assert rows[0]["uid"] == str(ContactProfile.objects.get(person__alias="c-cmd1").person.uid)
    assert "phone" not in rows[0] and "2/2" in err.getvalue()
    cell_a = fw.world.units["cell_a"]
    for key in (str(cell_a.uid), str(cell_a.pk), "not-a-unit"):
        with pytest.raises(CommandError, match=f"Unknown unit {key}"):
            call_command("export_contacts", "--unit", key, "--user", "sibling_secretary",
                         stdout=io.StringIO())


def test_it_writes_identities_to_a_private_file(fw, csv_file, tmp_path):
    _import(fw, csv_file, "--no-progress")
    target = tmp_path / "out.csv"
    call_command("export_contacts", "--field", str(fw.field.pk), "--user", "cell_secretary",
                 "--identities", "--output", str(target), "--no-progress",
                 stderr=io.StringIO())
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert rows[0]["phone"] == "+98 935 222 3344"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
