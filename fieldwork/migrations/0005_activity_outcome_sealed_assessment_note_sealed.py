"""Columns for the sealed activity outcome and assessment note (filled by 0006)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("fieldwork", "0004_record_base")]

    operations = [
        migrations.AddField(
            model_name="activity", name="outcome_sealed",
            field=models.TextField(blank=True, editable=False)),
        migrations.AddField(
            model_name="assessment", name="note_sealed",
            field=models.TextField(blank=True, editable=False)),
    ]
