"""Seal activity outcomes and assessment notes: forward encrypts every plaintext value into
its sealed column (associated data "<purpose>:<row uid>", as fieldwork.models.sealing), and
backward decrypts it into the plain column again, so no step leaves a row unreadable. The
plain columns are dropped only in 0007, after this has run."""

from django.db import migrations

from vault import crypto

# (model, plain column, sealed column, purpose): the purposes are those of the models.
COLUMNS = (("Activity", "outcome", "outcome_sealed", "activity-outcome"),
           ("Assessment", "note", "note_sealed", "assessment-note"))


def seal(apps, schema_editor):
    for model_name, plain, sealed, purpose in COLUMNS:
        model = apps.get_model("fieldwork", model_name)
        rows = model.objects.exclude(**{plain: ""}).only("pk", "uid", plain)
        for row in rows.iterator(chunk_size=500):
            token = crypto.encrypt(getattr(row, plain), aad=f"{purpose}:{row.uid}")
            model.objects.filter(pk=row.pk).update(**{sealed: token, plain: ""})


def unseal(apps, schema_editor):
    for model_name, plain, sealed, purpose in COLUMNS:
        model = apps.get_model("fieldwork", model_name)
        rows = model.objects.exclude(**{sealed: ""}).only("pk", "uid", sealed)
        for row in rows.iterator(chunk_size=500):
            text = crypto.decrypt(getattr(row, sealed), aad=f"{purpose}:{row.uid}")
            model.objects.filter(pk=row.pk).update(**{plain: text, sealed: ""})


class Migration(migrations.Migration):

    dependencies = [("fieldwork", "0005_activity_outcome_sealed_assessment_note_sealed")]

    operations = [migrations.RunPython(seal, unseal)]
