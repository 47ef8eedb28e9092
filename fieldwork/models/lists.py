"""Saved contact lists: a unit's named filters, opened again with one tap."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Unit


class SavedList(Record):
    """The filters of a contact list under a name: the query string, not the contacts, so
    the list is always today's (and re-checked against what the reader may see when it is
    opened: fieldwork/filters.py ``clean_query``)."""

    QUERY_MAX = 2000

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="saved_lists",
                             verbose_name=_("unit"))
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filters"), max_length=QUERY_MAX, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("saved by"))

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        verbose_name = _("saved list")
        verbose_name_plural = _("saved lists")
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"],
                                               name="saved_list_unique_name")]

    def __str__(self) -> str:
        return self.name
