"""Every fieldwork record gets the common record columns (uid, created_at, updated_at,
version): existing rows keep everything and get their own uid."""

from django.db import migrations

from nucleus.migration_ops import record_fields


class Migration(migrations.Migration):

    dependencies = [("fieldwork", "0003_contact_profile_covering_index")]

    operations = record_fields("fieldwork", {
        "field": ("created_at", "updated_at"),
        "fieldpart": (),
        "massorganization": (),
        "unionpresence": (),
        "contactprofile": (),
        "tie": (),
        "assessmentlevel": (),
        "assessment": ("created_at",),
        "fieldworksettings": (),
        "structuretest": (),
        "participation": (),
        "activity": ("uid", "created_at"),
        "moodreading": (),
        "demand": (),
        "demandraised": (),
        "struggle": (),
    })
