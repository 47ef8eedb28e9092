from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.models import Role
from access.records import Record
from nucleus.preferences import Calendar, Digits
from people.references import FollowsAlone


class User(AbstractUser):
    """A login. Linked to the person it belongs to, when that person is in the system."""

    person = models.OneToOneField("people.Person", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="account",
                                  verbose_name=_("person"))
    # Set when a secretary resets the password (the one-time password is then known to two
    # people): every page leads to the password change until the user picks their own.
    must_change_password = models.BooleanField(_("must change password"), default=False)
    # The reader's own choices (blank: what the language implies, nucleus.preferences); the
    # language follows the login from device to device.
    language = models.CharField(_("language"), max_length=10, blank=True,
                                choices=settings.LANGUAGES)
    calendar = models.CharField(_("calendar"), max_length=10, blank=True,
                                choices=Calendar.choices)
    digits = models.CharField(_("digits"), max_length=10, blank=True, choices=Digits.choices)

    # A login goes with its person (people.references).
    person_references = {"person": FollowsAlone(_(
        "Both people have a login. Remove the link between one login and its person first."))}


class ApiToken(models.Model):
    """An API token: only the SHA-256 of its secret is stored, so a copied database file
    gives no working token. The secret is shown once, when the token is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("user"))
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    # The first characters of the secret, to tell tokens apart on the page; not enough to use.
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    label = models.CharField(_("label"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    # Never in an audit row: a hash of the secret is no business of the log.
    sealed_fields = ("key_hash",)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class FoundingInvitation(models.Model):
    """A one-time code from an install administrator that lets its holder found one
    organization or coalition (when NUCLEUS_FOUNDERS keeps founding to administrators).
    Only the SHA-256 of the code is stored."""

    code_hash = models.CharField(_("code hash"), max_length=64, unique=True, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("used by"))
    # What was founded with it ("organizations.Organization:12"), for the administrator.
    used_for = models.CharField(_("used for"), max_length=80, blank=True)

    sealed_fields = ("code_hash",)

    class Meta:
        verbose_name = _("founding invitation")
        verbose_name_plural = _("founding invitations")

    def __str__(self) -> str:
        return f"{self.note or self.pk} ({'used' if self.used_at else 'open'})"


class RoleOffer(Record):
    """A role offered to a username. The secretary never learns from the offer whether the
    username exists: every offer looks the same on the unit's page until it is accepted or
    expires. The user accepts with a code the secretary gives them in person (only its
    SHA-256 is stored), so a stranger holding a mistyped username learns nothing."""

    username = models.CharField(_("username"), max_length=150)
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE,
                             related_name="role_offers", verbose_name=_("unit"))
    kind = models.CharField(_("role"), max_length=12, choices=Role.Kind.choices)
    oversight = models.BooleanField(_("oversight"), default=False)
    identity_access = models.BooleanField(_("may reveal identities"), default=False)
    international_work = models.BooleanField(_("international work"), default=False)
    since = models.DateField(_("since"), null=True, blank=True)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("offered by"))
    code_hash = models.CharField(_("code hash"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))

    anchor = Anchor(at.ROLE, "unit")
    sealed_fields = ("code_hash",)

    class Meta:
        verbose_name = _("role offer")
        verbose_name_plural = _("role offers")
        indexes = [models.Index(fields=["username"])]

    def __str__(self) -> str:
        return f"{self.username} ({self.unit_id})"
