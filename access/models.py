from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from access.querysets import RestrictedQuerySet
from access.scope import MEMBER, OBSERVER, ORGANIZER, SECRETARY


class RoleQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        # Who holds which role is itself need-to-know: visible where the unit's records are.
        return scope.records_q("unit__", "view" if action == "view" else "delete")


class Role(models.Model):
    """A user's role on a unit: access to its records (with oversight, to its subtree)."""

    class Kind(models.TextChoices):
        SECRETARY = SECRETARY, _("Secretary")
        ORGANIZER = ORGANIZER, _("Organizer")
        MEMBER = MEMBER, _("Member")
        OBSERVER = OBSERVER, _("Observer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="roles", verbose_name=_("user"))
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE, related_name="roles",
                             verbose_name=_("unit"))
    kind = models.CharField(_("role"), max_length=12, choices=Kind.choices)
    oversight = models.BooleanField(
        _("oversight"), default=False,
        help_text=_("Extends access to the records of every unit below this one."))
    identity_access = models.BooleanField(
        _("may reveal identities"), default=False,
        help_text=_("Separate from seeing aliases; every reveal is recorded."))
    since = models.DateField(_("since"), null=True, blank=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "kind"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="role_unique")]

    def __str__(self) -> str:
        return f"{self.kind} of {self.unit}"


class CoalitionOffice(models.Model):
    """A user working in a coalition's office: sees organizations, never their people."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="coalition_offices", verbose_name=_("user"))
    coalition = models.ForeignKey("organizations.Coalition", on_delete=models.CASCADE,
                                  related_name="office", verbose_name=_("coalition"))

    class Meta:
        verbose_name = _("coalition office user")
        verbose_name_plural = _("coalition office users")
        constraints = [models.UniqueConstraint(fields=["user", "coalition"],
                                               name="coalition_office_unique")]

    def __str__(self) -> str:
        return f"office of {self.coalition_id}"
