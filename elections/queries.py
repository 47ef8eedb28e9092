"""What the election pages read: nominations, results and office terms as the reader may
see them.

A candidate of an organ's election is a member of the electing unit, seen by whoever sees
the election. A term's holder may be a person of another compartment (a delegate elected
to a committee): the holder is named by alias only to a reader who may see that person,
else by the delegate's credential, else as "a member".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from elections.models import Election, Nomination, OfficeTerm
from organizations.models import Unit
from people.models import Person


def nominations_of(user: Any, election: Election) -> list[Nomination]:
    return list(Nomination.objects.restrict(user).filter(election=election).select_related(
        "candidate", "nominated_by", "delegate__sending_unit",
        "nominated_by_delegate__sending_unit", "in_favour_of__candidate",
        "in_favour_of__delegate__sending_unit"))


@dataclass(frozen=True)
class TermRow:
    term: OfficeTerm
    name: str


def _rows(user: Any, terms: list[OfficeTerm]) -> list[TermRow]:
    visible = set(Person.objects.restrict(user).filter(
        pk__in=[t.holder_id for t in terms if t.holder_id]).values_list("pk", flat=True))
    rows = []
    for term in terms:
        if term.public_name:
            name = term.public_name
        elif term.holder_id in visible and term.holder is not None:
            name = term.holder.alias
        elif term.delegate is not None:
            name = _("Delegate %(number)s (%(unit)s)") % {
                "number": term.delegate.number, "unit": term.delegate.sending_unit.name}
        else:
            name = _("a member")
        rows.append(TermRow(term, name))
    return rows


def terms_of(user: Any, unit: Unit) -> list[TermRow]:
    return _rows(user, list(OfficeTerm.objects.restrict(user).filter(unit=unit).select_related(
        "holder", "delegate__sending_unit", "election")))


def election_terms(user: Any, election: Election) -> list[TermRow]:
    return _rows(user, list(OfficeTerm.objects.restrict(user).filter(
        election=election).select_related("holder", "delegate__sending_unit")))


@dataclass(frozen=True)
class Line:
    name: str
    values: list[Any]
    elected: bool


def results_of(election: Election) -> dict[str, Any] | None:
    """The stored count made readable: candidates by name instead of uid, per round."""
    result = election.result
    if not result:
        return None
    names = {str(n.uid): n.name() for n in election.nominations.select_related(
        "candidate", "delegate__sending_unit")}
    elected = set(result.get("elected", []))
    counted = result.get("candidates", list(names))
    rounds = result.get("rounds") or []
    lines = [Line(names.get(uid, "?"), [r.get("counts", {}).get(uid, "") for r in rounds]
                  if rounds else [result.get("counts", {}).get(uid, 0)], uid in elected)
             for uid in counted]
    return {"lines": lines, "rounds": [{
        "number": i + 1,
        "elected": [names.get(u, "?") for u in r.get("elected", [])],
        "eliminated": [names.get(u, "?") for u in r.get("eliminated", [])],
    } for i, r in enumerate(rounds)], "elected": [names.get(u, "?") for u in
                                                  result.get("elected", [])],
        "raw": result}
