"""``manage.py export_campaign <uid> <folder>``: the published campaign's public pages as a
static folder (campaigns/export.py), to copy to a mirror."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from access import dbwall
from campaigns.export import export_campaign
from campaigns.models import Campaign


class Command(BaseCommand):
    help = "Write a published campaign's public pages as a self-contained static folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("uid", help="the campaign's uid")
        parser.add_argument("folder", type=Path, help="where to write (created if missing)")

    def handle(self, *args: Any, **options: Any) -> None:
        with dbwall.system_scope():
            campaign = Campaign.objects.filter(uid=options["uid"]).first() if _is_uuid(
                options["uid"]) else None
            if campaign is None:
                raise CommandError(f"No campaign {options['uid']}.")
            try:
                written = export_campaign(campaign, options["folder"])
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{len(written)} files written to {options['folder']}")


def _is_uuid(value: str) -> bool:
    from uuid import UUID

    try:
        UUID(value)
    except ValueError:
        return False
    return True
