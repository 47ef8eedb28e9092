"""Phone and email blind indexes re-derived with the new normalization (phonenumbers, folded
digits and separators, the unit's phone region): indexes computed with the old rule would no
longer find anyone. Only the index columns are written; the sealed identities are only read.

It needs the identity key: without one (a new installation, a database restored before the
key is put back) there is nothing it could decrypt, and it says to run
``manage.py reindex_identities`` once the key is in place. A key that does not open the
identities leaves every index as it was (the key check at start-up then says what to do).
"""

from django.db import migrations


def reindex(apps, schema_editor):
    from organizations.regions import region_of_country
    from people.reindex import reindex_rows
    from vault.crypto import DecryptionError
    from vault.keyring import KeyringError, get_keyring

    Person = apps.get_model("people", "Person")
    if not Person.objects.exclude(identity_sealed="").exists():
        return
    try:
        keyring = get_keyring()
        reindex_rows(Person, apps.get_model("organizations", "Unit"),
                     apps.get_model("organizations", "Organization"), region_of_country,
                     keyring=keyring)
    except (KeyringError, DecryptionError) as exc:
        # KeyringError covers DecryptionError; both named for the reader.
        print(f"\n  Blind indexes not recomputed ({exc}): run 'manage.py reindex_identities' "
              "once the identity key is in place.")
        raise _Skip from None


class _Skip(Exception):
    pass


def forward(apps, schema_editor):
    from django.db import transaction

    try:
        # Its own savepoint: a key that fails halfway leaves every index as it was.
        with transaction.atomic(using=schema_editor.connection.alias):
            reindex(apps, schema_editor)
    except _Skip:
        pass


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_record_base"),
        ("organizations", "0006_phone_region"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
