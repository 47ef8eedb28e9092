"""Motions on an agenda item, their votes and their outcome.

A motion is proposed by a member of the organ (named by alias) or by the organ's secretariat
(no proposer). An amendment is a motion on the motion (``amends``). A motion is voted openly
(the counts for, against and abstaining are recorded), by name (each voting member's vote is
a ``NamedVote``, audited) or by secret ballot (the ``ballots`` app adds the ballot box). Its
majority rule is its own or the organ's (``OrganRules``); an adopted motion becomes a
``Decision`` of the organ."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organs.models.meetings import AgendaItem, MajorityRule
from people.models import Person
from people.references import STAYS

TEXT_MAX = 20000


class Motion(Record):
    class VoteMode(models.TextChoices):
        OPEN = "open", _("Open vote (counts)")
        NAMED = "named", _("Named vote (each member's vote recorded)")
        SECRET = "secret", _("Secret ballot")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT,
                                    related_name="motions", verbose_name=_("agenda item"))
    amends = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="amendments", verbose_name=_("amends"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    # Empty: proposed by the organ's secretariat.
    proposer = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("proposed by"))
    vote_mode = models.CharField(_("vote"), max_length=8, choices=VoteMode.choices,
                                 default=VoteMode.OPEN)
    # Empty: the organ's majority rule.
    majority = models.CharField(_("majority rule"), max_length=12, blank=True,
                                choices=MajorityRule.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PROPOSED, editable=False)
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True, editable=False)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True,
                                                editable=False)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True,
                                              editable=False)
    # The voting members when it was decided (the absolute majority's base), kept so the
    # outcome reads the same after members come and go.
    voting_members = models.PositiveIntegerField(_("voting members"), null=True, blank=True,
                                                 editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)

    anchor = Anchor(at.RECORD, "agenda_item__meeting__unit")
    person_references = {"proposer": STAYS}

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["agenda_item", "id"]
        constraints = [
            # Decided exactly when it has a date.
            models.CheckConstraint(
                condition=Q(status__in=["adopted", "rejected"], decided_on__isnull=False)
                | (Q(status__in=["proposed", "withdrawn"]) & Q(decided_on__isnull=True)),
                name="motion_decided_has_date"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PROPOSED

    @property
    def unit(self):  # type: ignore[no-untyped-def]
        return self.agenda_item.meeting.unit


class NamedVote(Record):
    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="named_votes",
                               verbose_name=_("motion"))
    person = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("member"))
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)

    anchor = Anchor(at.RECORD, "motion__agenda_item__meeting__unit")
    person_references = {"person": STAYS}

    class Meta:
        verbose_name = _("named vote")
        verbose_name_plural = _("named votes")
        ordering = ["motion", "person__alias"]
        constraints = [models.UniqueConstraint(fields=["motion", "person"],
                                               name="named_vote_once_per_member")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.choice} on {self.motion_id}"
