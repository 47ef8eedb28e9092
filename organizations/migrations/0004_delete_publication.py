"""Publications moved to the publications app (publications/migrations/0002): the old table
goes only after every row became a periodical."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0003_record_base"),
        ("publications", "0002_from_organizations"),
    ]

    operations = [
        migrations.DeleteModel(
            name="Publication",
        ),
    ]
