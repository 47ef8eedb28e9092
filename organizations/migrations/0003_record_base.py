"""Every organizations record gets the common record columns (uid, created_at, updated_at,
version): existing rows keep everything and get their own uid."""

from django.db import migrations

from nucleus.migration_ops import record_fields


class Migration(migrations.Migration):

    dependencies = [("organizations", "0002_translated_labels")]

    operations = record_fields("organizations", {
        "coalition": (),
        "ideologytag": (),
        "organization": (),
        "coalitionmembership": (),
        "lineageevent": (),
        "sisterlink": (),
        "publicoffice": (),
        "publication": (),
        "unit": (),
    })
