"""Where a record hangs: declared once per model, read by the access layer and nowhere else.

A model says what kind of record it is and the path from it to the place in the tree that
owns it, for example ``anchor = Anchor(RECORD, "person__unit")`` on an assessment. From that
one declaration ``access`` derives who may see and change it (``restrict``), what may be
counted (``countable``), the audit row's unit, form and API choices, and the tombstone's
unit. Domain apps declare; they never build access filters themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# A unit's records (people and what is known about them): the unit's roles see them; with
# oversight, the roles above too. Counted (never listed) by every unit above.
RECORD = "record"
# Facts about a field or its parts: seen as structure by every unit above (like the unit
# itself), changed by those holding the unit's records.
STRUCTURE = "structure"
# The unit tree itself.
UNIT = "unit"
# Who holds which role: seen with the unit's records, changed by its secretaries.
ROLE = "role"
# An organization's own catalogue (assessment scale, demands, settings): seen by the users of
# the organization, changed by the secretaries of its top unit.
CATALOGUE = "catalogue"
# Tracked by the whole organization (mass organizations): seen by its users, changed by
# anyone who may change records somewhere in it.
ORGANIZATION_WIDE = "organization_wide"
# The organization itself, and its public profile (lineage, sister links, offices,
# publications): seen by its users, by sister coalitions' offices and the coalition that
# registered it.
ORGANIZATION = "organization"
# The coalition itself, and what its member organizations share with it.
COALITION = "coalition"
# What an organization sends to a coalition (a proposal, an answer): a separate copy that
# names the coalition and the sending organization, never a unit, person or user. Seen by the
# coalition's office and the sending organization's users; with ``shared`` set, also by the
# users of the coalition's member and signatory organizations. Changed by the office only.
COALITION_SENT = "coalition_sent"
# A shared vocabulary without owner (ideology tags): seen by everyone who is logged in.
PUBLIC = "public"

KINDS = frozenset({RECORD, STRUCTURE, UNIT, ROLE, CATALOGUE, ORGANIZATION_WIDE, ORGANIZATION,
                   COALITION, COALITION_SENT, PUBLIC})
# Kinds whose path ends at a unit (the others end at an organization or a coalition).
UNIT_KINDS = frozenset({RECORD, STRUCTURE, UNIT, ROLE})

# What a member (role kind member) of a unit may record themselves among the unit's records
# (``Anchor.member_right``): their own field work always; assessing contacts only where the
# unit's secretary allows it (``organizations.Unit.members_assess``).
LOG, ASSESS = "log", "assess"
MEMBER_RIGHTS = frozenset({LOG, ASSESS})


@dataclass(frozen=True)
class Anchor:
    """``kind`` and ``path``: the lookup from the model to its unit, organization or
    coalition ("" when the model is that thing itself). ``count_path`` counts rows through
    another unit (a contact is counted with the field they are mapped in).

    ``sent_up`` (``RECORD`` only) names a nullable field of the record, or of the record it
    hangs on ("review__sent_up_at"): once it is set, the record is also seen — viewed, never
    changed — by the roles on the unit directly above its unit. A unit's review sent up to
    its committee: before that, the committee only counts it, like every record below.

    ``sender`` (``COALITION_SENT`` only, required there) is the path to the sending
    organization; ``shared`` optionally names a boolean field: when true, the coalition's
    member organizations see the record too.

    ``member_right`` (``RECORD`` only: ``LOG`` or ``ASSESS``) lets the members of the unit
    add such records, not only its secretaries and organizers, and change or delete the ones
    they recorded themselves: ``own`` names the field holding the user who recorded the row
    ("created_by"). Without ``own`` members only add."""

    kind: str
    path: str = ""
    count_path: str | None = None
    sent_up: str | None = None
    sender: str | None = None
    shared: str | None = None
    member_right: str | None = None
    own: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown anchor kind {self.kind!r}")
        if self.sent_up is not None and self.kind != RECORD:
            raise ValueError("only a unit's records can be sent up to the unit above")
        if (self.kind == COALITION_SENT) != (self.sender is not None):
            raise ValueError("a record sent to a coalition, and only such a record, names "
                             "its sender")
        if self.shared is not None and self.kind != COALITION_SENT:
            raise ValueError("only a record sent to a coalition is shared with its members")
        if self.member_right is not None and (self.kind != RECORD
                                              or self.member_right not in MEMBER_RIGHTS):
            raise ValueError(f"a member right is one of {sorted(MEMBER_RIGHTS)} on a record")
        if self.own is not None and self.member_right is None:
            raise ValueError("only a record members may add says which rows are their own")

    @property
    def prefix(self) -> str:
        """The path as a lookup prefix: "person__unit__" ("" for the thing itself)."""
        return f"{self.path}__" if self.path else ""

    @property
    def has_unit(self) -> bool:
        return self.kind in UNIT_KINDS

    @property
    def many_valued(self) -> bool:
        # Organizations and coalitions are reached through memberships: rows can repeat.
        return self.kind in (ORGANIZATION, COALITION, COALITION_SENT)

    def _follow(self, obj: Any, path: str) -> Any:
        for part in filter(None, path.split("__")):
            if obj is None:
                return None
            obj = getattr(obj, part)
        return obj

    def unit_id_of(self, obj: Any) -> int | None:
        """The id of the unit the record hangs on (None for organization-level records)."""
        if not self.has_unit:
            return None
        if not self.path:
            return int(obj.pk)
        head, _, last = self.path.rpartition("__")
        owner = self._follow(obj, head)
        value = getattr(owner, f"{last}_id", None) if owner is not None else None
        return int(value) if value is not None else None

    def unit_lookup(self) -> str:
        """The lookup of the unit's id from the model ("person__unit_id", "id")."""
        return f"{self.path}_id" if self.path else "id"
