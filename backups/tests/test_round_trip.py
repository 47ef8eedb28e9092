"""Back up, empty the database, restore: every row and file back, identities readable, ids
that go on where they stopped (issue 9, build 7). Runs on SQLite and PostgreSQL."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from backups.contents import backed_up_models, label
from backups.tests.helpers import install
from organizations.models import Unit
from people.models import Person
from tests.database_roles import as_owner
from vault import custody
from vault.models import KeyCheck


def _counts() -> dict[str, int]:
    return {label(m): m._base_manager.count() for m in backed_up_models()}


def _identities() -> dict[str, dict]:
    return {str(p.uid): p.unseal_identity().as_dict()
            for p in Person._base_manager.select_related("unit__organization")}


def _flush() -> None:
    # What a new install's database is: migrated, no rows but what migrate writes.
    call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_it_restores_every_row_file_and_identity_into_an_empty_database(world, settings,
                                                                         tmp_path):
    # Backups and restores run as the owner role (docs/deployment.md): on PostgreSQL with the
    # database wall the app role may not reset sequences.
    with as_owner():
        _round_trip(world, settings, tmp_path)


def _round_trip(world, settings, tmp_path) -> None:
    site = install(settings, tmp_path)
    custody.record_check(site.keyring)
    before, identities = _counts(), _identities()
    assert before["people.person"] == len(world.people) and len(identities) > 10
    leaflet = (site.data / "uploads" / "leaflet.txt").read_bytes()
    archive = tmp_path / "nucleus.backup"

    call_command("backup", str(archive), stdout=StringIO())
    out = StringIO()
    call_command("backup", str(archive), "--verify", stdout=out)
    assert "is intact" in out.getvalue()

    _flush()
    (site.data / "uploads" / "leaflet.txt").unlink()
    assert Person._base_manager.count() == 0

    out = StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Restored" in out.getvalue()
    after = _counts()
    # The restore's own audit row comes on top of the archived ones.
    assert after.pop("audit.auditevent") == before.pop("audit.auditevent") + 1
    assert after == before
    assert _identities() == identities
    assert (site.data / "uploads" / "leaflet.txt").read_bytes() == leaflet
    assert custody.inspect().state is custody.State.OK
    call_command("verify_audit", stdout=StringIO())

    # New rows take ids after the restored ones (PostgreSQL: the sequences were reset).
    top = Unit.objects.filter(parent=None).order_by("pk")[0]
    newest = max(Person._base_manager.values_list("pk", flat=True))
    person = Person.objects.create(unit=top, alias="after-restore", status_since="2026-01-01")
    assert person.pk > newest
    assert KeyCheck.objects.create(key_id="another", check_value="x").pk > 1


@pytest.mark.django_db(transaction=True)
def test_it_restores_nothing_when_the_identity_key_does_not_open_the_archive(world, settings,
                                                                          tmp_path):
    with as_owner():
        _refused_restore(settings, tmp_path)


def _refused_restore(settings, tmp_path) -> None:
    site = install(settings, tmp_path)
    custody.record_check(site.keyring)
    archive = tmp_path / "nucleus.backup"
    call_command("backup", str(archive), stdout=StringIO())
    _flush()
    # The key file was lost and a new key minted on the new install.
    site.key_file.write_text(site.keyring.with_new_key().only_current().to_json())
    with pytest.raises(CommandError, match="does not open the restored data.*Nothing was "
                                           "restored"):
        call_command("restore", str(archive), stdout=StringIO())
    assert sum(_counts().values()) == sum(
        _counts()[name] for name in ("contenttypes.contenttype", "auth.permission",
                                     "audit.auditchainhead", "audit.auditevent"))
    assert Person._base_manager.count() == 0
    assert not list(site.data.glob(".restore-*"))
