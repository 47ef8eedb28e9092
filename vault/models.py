"""Key check values: proof, stored next to the data, of which key sealed it.

The identity key lives outside the database (file or variable). Without a record in the
database of which key sealed the rows, a replaced or corrupt key file is only noticed when a
reveal fails. One row per key id holds an AES-GCM encryption of a constant under that key:
a key that does not open it is not the key that sealed the data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyCheck(models.Model):
    # Infrastructure, not a unit's record: no anchor, never shown on a page.
    key_id = models.CharField(_("key id"), max_length=32, unique=True)
    check_value = models.TextField(_("check value"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("identity key check value")
        verbose_name_plural = _("identity key check values")

    def __str__(self) -> str:
        return f"check value of key {self.key_id}"
