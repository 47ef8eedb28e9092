"""A coalition's campaigns (issue #10, 4 and 5): the campaign with its components and day of
action, run by the coalition's office (``COALITION``-anchored: its office changes, its
members' users read), and its material package.

What member organizations send to the campaign (the components they take up, the actions
they announce) are records sent to the coalition: they carry the organization, never the
person or unit who wrote them (``uptakes.py``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Coalition

#: A language tag as the texts carry it ("en", "fa", "pt-BR"): the resolution's languages are
#: not limited to the interface's eight.
language_code = RegexValidator(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$",
                               _("Give a language code such as en, fa or pt-BR."))
#: Languages written right to left among those the texts use.
RTL_LANGUAGES = frozenset({"fa", "ckb", "ar", "he", "ur", "ps", "sd", "ug", "yi"})


def is_rtl(language: str) -> bool:
    return language.split("-")[0] in RTL_LANGUAGES


class Campaign(Record):
    """A campaign of a coalition, standing alone or carrying out one of its resolutions. Its
    public page (``/public/campaigns/<uid>/``) exists once the office publishes it."""

    coalition = models.ForeignKey(Coalition, on_delete=models.PROTECT, related_name="campaigns",
                                  verbose_name=_("coalition"))
    resolution = models.ForeignKey("coalitions.CoalitionResolution", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="campaigns",
                                   verbose_name=_("resolution"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language of the title and description"), max_length=12,
                                default="en", validators=[language_code])
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    anchor = Anchor(at.COALITION, "coalition")

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})
        if self.resolution is not None and self.resolution.coalition_id != self.coalition_id:
            raise ValidationError({"resolution": _("That resolution is another coalition's.")})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def day_of_action(self) -> DayOfAction | None:
        """The current day of action: the latest one set (the earlier ones are its history)."""
        return self.days_of_action.order_by("-created_at", "-pk").first()


class Component(Record):
    """One line of what the campaign asks the members to do ("Broad educational work ...")."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="components",
                                 verbose_name=_("campaign"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    anchor = Anchor(at.COALITION, "campaign__coalition")

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("component")
        verbose_name_plural = _("components")
        constraints = [models.UniqueConstraint(fields=["campaign", "number"],
                                               name="component_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class DayOfAction(Record):
    """A day of action as it was set: a window in words with its dates ("end of November,
    beginning of December", 25 November to 5 December), or a fixed date. Setting it again
    adds a row, so the window stays in the history once the date is fixed."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE,
                                 related_name="days_of_action", verbose_name=_("campaign"))
    window_text = models.CharField(_("window in words"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    anchor = Anchor(at.COALITION, "campaign__coalition")

    class Meta:
        ordering = ["campaign", "created_at", "pk"]
        verbose_name = _("day of action")
        verbose_name_plural = _("days of action")

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})

    @property
    def is_fixed(self) -> bool:
        return self.starts_on == self.ends_on


class Material(Record):
    """A file of the campaign's material package. Member organizations' users download it;
    marked public (and the campaign published), so may anyone, from the public page."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        STATEMENT = "statement", _("statement")
        POSTER = "poster", _("poster")
        SONG = "song", _("song")
        SLOGAN = "slogan", _("slogan")
        OTHER = "other", _("other cultural contribution")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="materials",
                                 verbose_name=_("campaign"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=12, validators=[language_code])
    public = models.BooleanField(_("public"), default=False)
    # The stored file (campaigns/files.py): named by its content's SHA-256.
    file_sha256 = models.CharField(max_length=64, editable=False)
    file_type = models.CharField(_("file type"), max_length=40, editable=False)
    file_size = models.PositiveIntegerField(_("file size"), editable=False)

    anchor = Anchor(at.COALITION, "campaign__coalition")

    class Meta:
        ordering = ["campaign", "kind", "title"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title


# --- sent to the coalition by member organizations ---
# Records an organization sends: the organization, and a name only when it chooses to sign
# with one (``signed_as``); never the person, user or unit who wrote them.


class Uptake(Record):
    """A member organization takes up a component of the campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="uptakes",
                                 verbose_name=_("campaign"))
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="uptakes",
                                  verbose_name=_("component"))
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="campaign_uptakes",
                                     verbose_name=_("organization"))
    signed_as = models.CharField(_("signed as"), max_length=120, blank=True)

    anchor = Anchor(at.COALITION_SENT, "campaign__coalition", sender="organization")

    class Meta:
        ordering = ["campaign", "component__number", "organization__name"]
        verbose_name = _("component taken up")
        verbose_name_plural = _("components taken up")
        constraints = [models.UniqueConstraint(fields=["component", "organization"],
                                               name="uptake_once_per_organization")]


class ActionAnnouncement(Record):
    """An action a member organization announces: what, where, when, for which component.
    Never people: there is no field for a name. The office publishes it (``published``): then
    the other members see it, and the public page shows it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE,
                                 related_name="announcements", verbose_name=_("campaign"))
    component = models.ForeignKey(Component, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="announcements", verbose_name=_("component"))
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="campaign_actions",
                                     verbose_name=_("organization"))
    what = models.CharField(_("what"), max_length=300)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    date = models.DateField(_("date"))
    signed_as = models.CharField(_("signed as"), max_length=120, blank=True)
    published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        editable=False)

    anchor = Anchor(at.COALITION_SENT, "campaign__coalition", sender="organization",
                    shared="published")

    class Meta:
        ordering = ["campaign", "date", "city"]
        verbose_name = _("announced action")
        verbose_name_plural = _("announced actions")

    def __str__(self) -> str:
        return self.what

    def clean(self) -> None:
        if self.component is not None and self.component.campaign_id != self.campaign_id:
            raise ValidationError({"component": _("That component is not this campaign's.")})
