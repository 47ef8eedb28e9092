"""Secret ballots: the box, who voted (``VoterMark``) and what was voted (``Ballot``), apart.

A ``Ballot`` holds its box and its marks and nothing that could tie it to a voter: no voter
key, no time (the inherited ``created_at``/``updated_at`` are removed), a primary key drawn
at random (on SQLite it is the rowid, so the table's order is not the order of casting), a
random uid, a version that never moves (ballots are never edited). Casting writes one audit
row, on the voter mark; none on the ballot. Closing the box rewrites every ballot in a random
order with fresh keys inside the closing transaction (``ballots/box.py``); what a raw reader
could still learn while a box is open, and after, is in docs/deployment.md ("Secret ballots").

Voters are named by voter keys (``"person:<uid>"``, ``"delegate:<uid>"``; see
``ballots/electorate.py``), never by a foreign key: the electorate is frozen at opening.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from access.anchor import RECORD, Anchor
from access.records import Record
from organs.models.meetings import MajorityRule


def random_key() -> int:
    """A random positive 63-bit key: no order of insertion, no count of rows."""
    return secrets.randbits(63) or 1


class RandomKeyField(models.BigIntegerField):
    """A primary key drawn at random. On SQLite the column is declared ``integer`` so that
    it is the table's rowid (a ``bigint`` primary key would leave a hidden rowid counting up
    in the order of casting)."""

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class BallotBox(Record):
    class Method(models.TextChoices):
        YES_NO = "yes_no", _("For, against or abstain")
        PLURALITY = "plurality", _("Simple majority")
        ABSOLUTE_MAJORITY = "absolute_majority", _("Absolute majority, with a runoff")
        APPROVAL = "approval", _("Approval")
        STV = "stv", _("Single transferable vote")

    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("For, against or abstain")
        CHOOSE = "choose", _("Marks")
        RANK = "rank", _("Ranking")

    # The organs' rules, by their names (organs/rules.py defines them).
    Rule = MajorityRule

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT,
                             related_name="ballot_boxes", verbose_name=_("organ"))
    label = models.CharField(_("what is decided"), max_length=200)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    kind = models.CharField(_("kind of ballot"), max_length=10, choices=Kind.choices)
    # [{"key": "...", "label": "..."}]: keys are the caller's (candidate uids, say).
    options = models.JSONField(_("options"), default=list)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    max_marks = models.PositiveSmallIntegerField(_("most marks per ballot"), default=1)
    rule = models.CharField(_("majority rule"), max_length=12, choices=Rule.choices,
                            blank=True)
    # The voter keys allowed to cast, frozen at opening.
    electorate = models.JSONField(_("electorate"), default=list)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.OPEN)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Voters on paper (they signed the attendance list): counted in the turnout.
    paper_voters = models.PositiveIntegerField(_("paper voters"), default=0)
    # A motion voted by secret ballot (ballots/motions.py): closing the box decides it. The
    # link is here so that organs does not depend on ballots.
    motion = models.OneToOneField("organs.Motion", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="ballot_box",
                                  verbose_name=_("motion"))

    anchor = Anchor(RECORD, "unit")

    class Meta:
        verbose_name = _("ballot box")
        verbose_name_plural = _("ballot boxes")

    def __str__(self) -> str:
        return self.label

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def option_keys(self) -> list[str]:
        return [str(option["key"]) for option in self.options]

    def option_labels(self) -> dict[str, str]:
        return {str(option["key"]): str(option["label"]) for option in self.options}

    def seed(self) -> int:
        """The lot of a tied count, reproducible: drawn from the box's uid."""
        return self.uid.int % 2**32


class VoterMark(Record):
    """That a voter voted in a box: no one votes twice, and turnout is known. Never what."""

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="voter_marks",
                            verbose_name=_("ballot box"))
    voter_key = models.CharField(_("voter"), max_length=80)

    anchor = Anchor(RECORD, "box__unit")

    class Meta:
        verbose_name = _("voter mark")
        verbose_name_plural = _("voter marks")
        constraints = [models.UniqueConstraint(fields=["box", "voter_key"],
                                               name="ballots_one_mark_per_voter")]


class Ballot(Record):
    """What one voter voted, with nothing that names them or the time they voted."""

    id = RandomKeyField(primary_key=True, default=random_key, editable=False)
    created_at = None  # type: ignore[assignment]
    updated_at = None  # type: ignore[assignment]
    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="ballots",
                            verbose_name=_("ballot box"))
    # Option keys: the one mark of a yes/no ballot, the marks (sorted), or the ranking.
    marks = models.JSONField(_("marks"), default=list)

    anchor = Anchor(RECORD, "box__unit")

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")


class PaperCount(Record):
    """A stack of paper ballots entered twice, by two tellers, before it goes into the box.

    Teller A enters the whole stack, teller B enters it again; when the two agree as
    multisets of ballots the ballots go into the box, when they differ nothing goes in and
    both entries stay for the recount (a new paper count)."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the second teller")
        AGREED = "agreed", _("The tellers agree: counted")
        DISAGREED = "disagreed", _("The tellers disagree: not counted")

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="paper_counts",
                            verbose_name=_("ballot box"))
    teller_a = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("first teller"))
    entry_a = models.JSONField(_("first entry"), default=list)
    teller_b = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", null=True, blank=True,
                                 verbose_name=_("second teller"))
    entry_b = models.JSONField(_("second entry"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.WAITING)
    # How many ballots the two entries differ in (0 when they agree).
    differing = models.PositiveIntegerField(_("ballots that differ"), default=0)

    anchor = Anchor(RECORD, "box__unit")

    class Meta:
        verbose_name = _("paper count")
        verbose_name_plural = _("paper counts")
