import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("organizations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True,
                                         verbose_name="identifier")),
                ("created_at", models.DateTimeField(auto_now_add=True,
                                                    verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("version", models.PositiveIntegerField(default=1, editable=False,
                                                        verbose_name="version")),
                ("kind", models.CharField(max_length=40, verbose_name="kind of import")),
                ("state", models.CharField(choices=[("running", "running"), ("done", "done"),
                                                    ("undone", "undone")],
                                           default="running", max_length=10,
                                           verbose_name="state")),
                ("rows_total", models.PositiveIntegerField(default=0, verbose_name="rows")),
                ("rows_written", models.PositiveIntegerField(default=0,
                                                             verbose_name="rows written")),
                ("journal", models.JSONField(blank=True, default=dict, verbose_name="journal")),
                ("error", models.CharField(blank=True, max_length=300,
                                           verbose_name="why it was undone")),
                ("unit", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                           related_name="+", to="organizations.unit",
                                           verbose_name="unit")),
                ("user", models.ForeignKey(null=True,
                                           on_delete=django.db.models.deletion.SET_NULL,
                                           related_name="+", to=settings.AUTH_USER_MODEL,
                                           verbose_name="user")),
            ],
            options={
                "verbose_name": "import run",
                "verbose_name_plural": "import runs",
                "indexes": [models.Index(fields=["unit", "state"],
                                         name="nucleus_importrun_unit_state")],
            },
        ),
    ]
