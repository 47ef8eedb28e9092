from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.references import FollowsAlone


class User(AbstractUser):
    """A login. Linked to the person it belongs to, when that person is in the system."""

    person = models.OneToOneField("people.Person", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="account",
                                  verbose_name=_("person"))

    # A login goes with its person (people.references).
    person_references = {"person": FollowsAlone(_(
        "Both people have a login. Remove the link between one login and its person first."))}
