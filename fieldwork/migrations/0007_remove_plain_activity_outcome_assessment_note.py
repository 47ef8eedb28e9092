"""Drop the plain activity outcome and assessment note: 0006 sealed their values (and its
reverse restores them into the columns this migration's reverse adds back)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("fieldwork", "0006_seal_activity_outcome_assessment_note")]

    operations = [
        migrations.RemoveField(model_name="activity", name="outcome"),
        migrations.RemoveField(model_name="assessment", name="note"),
    ]
