"""Columns for a member's sealed location and notes (filled by 0006)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("deployment", "0004_record_base")]

    operations = [
        migrations.AddField(
            model_name="membercapacity", name="location_sealed",
            field=models.TextField(blank=True, editable=False)),
        migrations.AddField(
            model_name="membercapacity", name="notes_sealed",
            field=models.TextField(blank=True, editable=False)),
    ]
