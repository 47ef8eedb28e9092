"""``migrate``, run as the owner role and followed by the database wall.

With ``DATABASE_OWNER_URL`` set, the migrations run on a connection of that role (the app's
role owns nothing and may not change the schema); afterwards the wall (access/dbwall.py) is
rebuilt from the current models' anchors, so that a new model is walled by the migrate that
creates its table. Without PostgreSQL roles configured this is Django's migrate unchanged.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands import migrate
from django.db import connections

from access import dbwall
from nucleus.env import env_database


class Command(migrate.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        connection = connections[alias]
        saved = dict(connection.settings_dict)
        if settings.DATABASE_OWNER_URL:
            owner: dict[str, Any] = dict(env_database("DATABASE_OWNER_URL",
                                                      settings.DATABASE_OWNER_URL))
            connection.close()
            connection.settings_dict.update(
                {key: owner[key] for key in ("USER", "PASSWORD", "HOST", "PORT") if key in owner})
        try:
            super().handle(*args, **options)
            if dbwall.enabled() and connection.vendor == "postgresql":
                count = dbwall.apply(connection, settings.NUCLEUS_DB_APP_ROLE)
                if options["verbosity"] >= 1:
                    self.stdout.write(f"Database wall: {count} tables with row-level security "
                                      f"for {settings.NUCLEUS_DB_APP_ROLE}.")
        finally:
            if settings.DATABASE_OWNER_URL:
                connection.close()
                connection.settings_dict.clear()
                connection.settings_dict.update(saved)
