"""Every deployment record gets the common record columns (uid, created_at, updated_at,
version): existing rows keep everything and get their own uid."""

from django.db import migrations

from nucleus.migration_ops import record_fields


class Migration(migrations.Migration):

    dependencies = [("deployment", "0003_planned_assignment_reasons")]

    operations = record_fields("deployment", {
        "membercapacity": ("updated_at",),
        "fieldneed": ("updated_at",),
        "temporaryteam": ("created_at",),
        "planrun": ("created_at",),
        "plannedassignment": (),
        "deploymentassignment": ("created_at",),
    })
