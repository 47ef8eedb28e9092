"""Migration steps that give existing tables the common record columns (``access.records``)
without losing or duplicating anything.

A unique ``uid`` cannot be added in one step: a default would give every existing row the
same value. So it is added nullable, every row gets its own UUID, and only then is it made
unique and required. ``created_at``/``updated_at`` of existing rows are the migration's time.
One data step per app, not per model: each one makes Django render the app registry.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import migrations, models
from django.db.migrations.operations.base import Operation


def _fill_uids(app_label: str, model_names: Sequence[str]) -> Any:
    def fill(apps: Any, schema_editor: Any) -> None:
        for name in model_names:
            model = apps.get_model(app_label, name)
            rows = model._base_manager.filter(uid__isnull=True).values_list("pk", flat=True)
            for pk in list(rows):
                model._base_manager.filter(pk=pk).update(uid=uuid.uuid4())

    return fill


def record_fields(app_label: str, models_having: Mapping[str, Sequence[str]]) -> list[Operation]:
    """Operations adding ``uid``, ``created_at``, ``updated_at`` and ``version`` to each model
    (``models_having[name]`` lists those it has already; they are only brought in line)."""
    ops: list[Operation] = []
    without_uid = [name for name, has in models_having.items() if "uid" not in has]
    for name in without_uid:
        ops.append(migrations.AddField(name, "uid", models.UUIDField(null=True,
                                                                     editable=False)))
    if without_uid:
        ops.append(migrations.RunPython(_fill_uids(app_label, without_uid),
                                        migrations.RunPython.noop, elidable=False))
    for name, has in models_having.items():
        ops.append(migrations.AlterField(name, "uid", models.UUIDField(
            default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier")))
        if "created_at" not in has:
            # auto_now(_add) fields fill existing rows with the migration's time.
            ops.append(migrations.AddField(name, "created_at", models.DateTimeField(
                auto_now_add=True, verbose_name="created at")))
        if "updated_at" not in has:
            ops.append(migrations.AddField(name, "updated_at", models.DateTimeField(
                auto_now=True, verbose_name="updated at")))
        ops.append(migrations.AddField(name, "version", models.PositiveIntegerField(
            default=1, editable=False, verbose_name="version")))
    return ops
