"""A login's language, calendar and digits: stored on the profile, applied to every request.

The language on the profile wins over the browser's cookie, so that a member who logs in on
another phone reads the same language; the language menu saves its choice on the profile of
a logged-in user. Calendar and digits left blank follow the language
(``nucleus.preferences.defaults``); for Central Kurdish they depend on where the user's units
work (Iran: the Solar Hijri calendar).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from access.models import Role
from audit.log import record
from nucleus.preferences import Calendar, Digits, activated, chosen, defaults

FIELDS = ("language", "calendar", "digits")
_IRAN = ("iran", "ایران", "ئێران", "îran")


def works_in_iran(user: Any) -> bool:
    """Whether a unit (or the organization) of a role the user holds today is in Iran."""
    countries = Role.objects.active().filter(user=user).values_list(
        "unit__country", "unit__organization__country")
    return any(name.strip().lower().startswith(_IRAN) or name.strip().upper() == "IR"
               for pair in countries for name in pair if name)


def preferences_for(user: Any) -> Any:
    language = translation.get_language()
    if not getattr(user, "is_authenticated", False):
        return defaults(language)
    needs_place = (language or "").startswith("ckb") and not (user.calendar and user.digits)
    base = defaults(language, in_iran=needs_place and works_in_iran(user))
    return chosen(user.calendar, user.digits, base)


class PreferencesMiddleware:
    """After authentication: the profile's language, then the calendar and digits."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        language = getattr(user, "language", "") if user.is_authenticated else ""
        if language and translation.check_for_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        with activated(preferences_for(user)):
            # Templates render inside (TemplateResponse renders before the middleware returns).
            return self.get_response(request)


def do_update_preferences(*, acting_user: Any, language: str | None = None,
                          calendar: str | None = None, digits: str | None = None) -> list[str]:
    """Set the given choices on the acting user's own profile (blank: the default); returns
    the names of what changed. A value outside the choices is refused and nothing changes."""
    values = {"language": language, "calendar": calendar, "digits": digits}
    allowed = {"language": {code for code, _name in settings.LANGUAGES},
               "calendar": set(Calendar.values), "digits": set(Digits.values)}
    for name, value in values.items():
        if value and value not in allowed[name]:
            raise ValidationError({name: _("Choose one of the offered values.")})
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=acting_user.pk)
        changed = [name for name, value in values.items()
                   if value is not None and getattr(user, name) != value]
        if not changed:
            return []
        for name in changed:
            setattr(user, name, values[name])
            setattr(acting_user, name, values[name])
        user.save(update_fields=changed)
        # Names only: a snapshot of a login would carry its password hash.
        record(actor=acting_user, action="update", obj=user, fields=changed)
    return changed
