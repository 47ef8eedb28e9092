"""A reader's calendar and digits: their own choice, else what their language implies.

The calendar is not the language's: a Kurd or an Arab in Iran lives by the Solar Hijri
calendar, a Kurd in Iraq or an Arab in Tunisia by the Gregorian one. The request's choice is
set by ``accounts.preferences.PreferencesMiddleware`` (from the profile and the user's units)
and read here by ``nucleus.calendars``; outside a request (commands, tests) the defaults of
the active language apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Calendar(models.TextChoices):
    GREGORIAN = "gregorian", _("Gregorian")
    JALALI = "jalali", _("Solar Hijri (Jalali)")
    HIJRI = "hijri", _("Lunar Hijri (Umm al-Qura)")


class Digits(models.TextChoices):
    LATIN = "latin", _("Latin (0123456789)")
    PERSIAN = "persian", _("Persian (۰۱۲۳۴۵۶۷۸۹)")
    ARABIC = "arabic", _("Arabic-Indic (٠١٢٣٤٥٦٧٨٩)")


@dataclass(frozen=True)
class Preferences:
    calendar: str = Calendar.GREGORIAN
    digits: str = Digits.LATIN


# What each language implies when the reader chose nothing, after CLDR's default numbering
# systems: fa "arabext" (Persian digits) with the Solar Hijri calendar; ckb "arab"
# (Arabic-Indic), but ckb_IR "arabext", and Sorani in Iran is written with the Solar Hijri
# calendar (``in_iran``); ar "arab" in most locales and "latn" in the Maghreb (ar_DZ, ar_MA,
# ar_TN, ar_LY): Arabic-Indic here, because the organizations that use Nucleus in Arabic work
# in the Mashriq (Iraq, Syria, the Gulf); a reader in the Maghreb chooses Latin digits on
# their profile. Every other language: Gregorian, Latin digits. The one table: pages
# (nucleus/digits.py), dates (nucleus/calendars.py) and charts all read ``current()``.
BY_LANGUAGE = {
    "fa": Preferences(Calendar.JALALI, Digits.PERSIAN),
    "ckb": Preferences(Calendar.GREGORIAN, Digits.ARABIC),
    "ar": Preferences(Calendar.GREGORIAN, Digits.ARABIC),
}
IN_IRAN = {"ckb": Preferences(Calendar.JALALI, Digits.PERSIAN)}


def defaults(language: str | None, *, in_iran: bool = False) -> Preferences:
    """What a reader of ``language`` expects when they chose nothing; ``in_iran``: their
    units work in Iran (Sorani there is written with the Solar Hijri calendar)."""
    code = (language or "").split("-")[0]
    if in_iran and code in IN_IRAN:
        return IN_IRAN[code]
    return BY_LANGUAGE.get(code, Preferences())


def chosen(calendar: str, digits: str, base: Preferences) -> Preferences:
    """A profile's choices over the defaults (blank: the default)."""
    return Preferences(calendar if calendar in Calendar.values else base.calendar,
                       digits if digits in Digits.values else base.digits)


_current: ContextVar[Preferences | None] = ContextVar("nucleus_preferences", default=None)


def current() -> Preferences:
    return _current.get() or defaults(get_language())


@contextmanager
def activated(preferences: Preferences | None) -> Iterator[None]:
    token = _current.set(preferences)
    try:
        yield
    finally:
        _current.reset(token)
