"""Drop the plain coordinates and notes of member capacities: 0006 sealed their values (and
its reverse restores them into the columns this migration's reverse adds back)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("deployment", "0006_seal_capacity_location_and_notes")]

    operations = [
        migrations.RemoveField(model_name="membercapacity", name=name)
        for name in ("home_latitude", "home_longitude", "work_latitude", "work_longitude",
                     "notes")
    ]
