"""The default catalogue an organization's fieldwork starts with: the assessment scale and the
demands, as data rows shown in every reader's language.

They are stored in English, the messages' own text, and shown through the translation
catalogues (``shown``) for as long as they keep it: a default level reads "رهبر متعهد" in
Persian and "Committed leader" in English, from the same row. A row an organization renames
is its own text from then on, shown as written. (A column per language would have to be
filled for eight languages by every organization; the defaults are the same everywhere.)
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

# (value, label, colour): 1 is the strongest.
SCALE = (
    (1, gettext_noop("Committed leader"), "#1b7837"),
    (2, gettext_noop("Supporter"), "#7fbf7b"),
    (3, gettext_noop("Undecided"), "#bdbdbd"),
    (4, gettext_noop("Unfriendly"), "#f4a582"),
    (5, gettext_noop("Opposed"), "#b2182b"),
)

# (Demand.Kind value, name)
DEMANDS = (
    ("wages", gettext_noop("Wages")), ("hours", gettext_noop("Working hours")),
    ("safety", gettext_noop("Health and safety")),
    ("dismissals", gettext_noop("Against dismissals")),
    ("union_rights", gettext_noop("Union rights")),
    ("housing", gettext_noop("Housing")), ("other", gettext_noop("Other")),
)

_DEFAULT_TEXTS = frozenset([label for _value, label, _colour in SCALE]
                           + [name for _kind, name in DEMANDS])


def shown(text: str) -> str:
    """A catalogue row's label in the reader's language when it is a default's text."""
    return gettext(text) if text in _DEFAULT_TEXTS else text
