"""Checking a contacts import's rows (``fieldwork.csv_io``): each row's values, then, a batch
at a time, who on file each row is and whether two rows of the file name the same person.

Rows are checked a batch at a time so that a file of any size is checked with flat memory:
the people on file are looked up per batch, in queries that stay under the database's limit
of variables per statement (``connection.features.max_query_params``: SQLite refused an IN
list of every alias, phone and email of an 83,000-row file), and what earlier batches used
(aliases, blind indexes, people matched) is kept as compact keys on disk
(``fieldwork.csv_seen``), never as rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fieldwork.csv_seen import SeenKeys
from fieldwork.models import Assessment, Field, FieldPart, MassOrganization
from fieldwork.queries import current_level, scale_for
from organizations.regions import unit_region
from people.actions import validate_identity
from people.models import Identity, Person
from vault.crypto import blind_index, lookup_keyrings
from vault.keyring import get_keyring

if TYPE_CHECKING:
    # Only for the type checker: django-stubs-ext is a test dependency.
    from typing import TypedDict

    from django_stubs_ext import WithAnnotations


    class _LevelValue(TypedDict):
        level_value: int | None

    # A person as _Lookups.candidates returns them: annotated with their current level.
    PersonWithLevel = WithAnnotations[Person, _LevelValue]

PROFILE_ATTRIBUTES = ("part", "job", "leader", "tags", "union")
IDENTITY_ATTRIBUTES = ("legal_name", "phone", "email", "address")
ASSESSMENT_ATTRIBUTES = ("assessment", "assessed_on")
ATTRIBUTES = ("alias", *PROFILE_ATTRIBUTES, *IDENTITY_ATTRIBUTES, *ASSESSMENT_ATTRIBUTES)
TRUE = {"1", "yes", "y", "true", "x"}
FALSE = {"", "0", "no", "n", "false"}
HEADER_ROW = 1
# Variables a lookup query needs besides the values looked up (the access layer's scope).
_QUERY_MARGIN = 200
# Values per lookup query where the database sets no limit (PostgreSQL).
_UNLIMITED_CHUNK = 5000


@dataclass(frozen=True)
class ImportRow:
    row_number: int
    alias: str
    action: str  # "create" or "update"
    person_id: int | None
    profile: dict
    # Never shown in logs or reprs: identities stay out of tracebacks.
    identity: Identity | None = dc_field(repr=False)
    level_value: int | None = None
    assessed_on: date | None = None
    # Identity columns given for an existing person, which the import leaves untouched.
    ignored_identity: tuple[str, ...] = ()
    # How the existing person was found: "phone", "email", "alias" (fieldwork.csv_duplicates).
    matched_by: tuple[str, ...] = ()
    # The identity's blind indexes, as the match computed them (a new contact stores them).
    phone_index: str = dc_field(default="", repr=False)
    email_index: str = dc_field(default="", repr=False)


def chunk_size() -> int:
    """Values one lookup query may carry on this database."""
    limit = connection.features.max_query_params
    return _UNLIMITED_CHUNK if limit is None else max(1, min(_UNLIMITED_CHUNK,
                                                             limit - _QUERY_MARGIN))


def chunked(values: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _unquote(value: str) -> str:
    # Undo export_contacts' protection against spreadsheet formulas.
    if value[:2] in {"'=", "'+", "'-", "'@"}:
        return value[1:]
    return value


def _check_mapping(header: list[str], mapping: dict[str, str]) -> list[tuple[int, str]]:
    errors = []
    for column, attribute in mapping.items():
        if attribute not in ATTRIBUTES:
            errors.append((HEADER_ROW, _("Unknown attribute “%(a)s” (known: %(known)s).")
                           % {"a": attribute, "known": ", ".join(ATTRIBUTES)}))
        if column not in header:
            errors.append((HEADER_ROW, _("Column “%(c)s” is not in the header.")
                           % {"c": column}))
    attributes = list(mapping.values())
    for attribute in sorted({a for a in attributes if attributes.count(a) > 1}):
        errors.append((HEADER_ROW, _("Several columns are mapped to “%(a)s”.")
                       % {"a": attribute}))
    if "alias" not in attributes:
        errors.append((HEADER_ROW, _("Map a column to “alias”.")))
    return errors


class _Lookups:
    """Everything rows are checked against: the field's parts, unions and scale loaded once;
    people on file looked up a batch at a time."""

    def __init__(self, user, field: Field):
        org = field.unit.organization
        self.field, self.org = field, org
        self.parts = {p.name.casefold(): p for p in FieldPart.objects.filter(field=field)}
        self.unions = {m.name.casefold(): m
                       for m in MassOrganization.objects.filter(organization=org)}
        self.scale = {lv.value for lv in scale_for(org)}
        self.user = user
        # A phone without its country code is a number of the field's country.
        self.region = unit_region(field.unit)
        # Looked up once: get_keyring() checks its source at every call (1 µs × a million).
        self.keyring = get_keyring()
        # The other keys of a rotation under way (vault/rotation.py): a person not yet
        # re-sealed is found by the old key's index.
        self.old_keyrings = lookup_keyrings(self.keyring)[1:]

    def index(self, value: str, kind: str) -> str:
        return blind_index(value, scope_salt=self.org.index_salt, kind=kind,
                           region=self.region, keyring=self.keyring) if value else ""

    def old_indexes(self, value: str, kind: str) -> list[str]:
        return [blind_index(value, scope_salt=self.org.index_salt, kind=kind,
                            region=self.region, keyring=ring)
                for ring in self.old_keyrings] if value else []

    def candidates(self, phones: set[str], emails: set[str],
                   aliases: set[str]) -> list[PersonWithLevel]:
        """People the user can see in the organization matching any alias (only within the
        field's unit), or a phone or email among the people whose identity the user may
        reveal: matching a phone confirms an identity, and an upload must not be a way to
        learn who has a number (without the right, such a row is a new contact, to be merged
        later by someone who may see both). Annotated with their current level. In as many
        queries as the database's variable limit needs."""
        keys = ([("alias", a) for a in aliases] + [("phone", p) for p in phones]
                + [("email", e) for e in emails])
        found: dict[int, PersonWithLevel] = {}
        for chunk in chunked(keys, chunk_size()):
            for person in self._candidates(chunk):
                found[person.pk] = person
        return list(found.values())

    def _candidates(self, keys: list[tuple[str, str]]) -> list[PersonWithLevel]:
        aliases = [v for k, v in keys if k == "alias"]
        phones = [v for k, v in keys if k == "phone"]
        emails = [v for k, v in keys if k == "email"]
        q = Q(unit=self.field.unit, alias__in=aliases) if aliases else Q(pk__in=[])
        by_contact = Q(pk__in=[])
        if phones:
            by_contact |= Q(phone_index__in=phones)
        if emails:
            by_contact |= Q(email_index__in=emails)
        if phones or emails:
            revealable = Person.objects.restrict(self.user, "reveal").values("pk")
            q |= by_contact & Q(pk__in=revealable)
        return list(Person.objects.restrict(self.user).filter(unit__organization=self.org)
                    .filter(q).annotate(level_value=current_level("pk", "level__value")))

    @staticmethod
    def assessments_of(people: Sequence[Person]) -> set[tuple[int, int, date]]:
        """(person, level value, date) of every assessment of these people."""
        known: set[tuple[int, int, date]] = set()
        for chunk in chunked([p.pk for p in people], chunk_size()):
            known.update(Assessment.objects.filter(person_id__in=chunk)
                         .values_list("person_id", "level__value", "assessed_on"))
        return known


def _parse_row(values: dict[str, str], look: _Lookups, errors: list[str],
               checked: bool = False) -> dict:
    """Check one row's values; append reasons to ``errors``; return the parsed values.
    ``checked``: the same record passed the check before, its identity is not checked
    again."""
    out: dict = {"alias": values.get("alias", "")}
    if not out["alias"]:
        errors.append(_("Missing alias."))
    elif len(out["alias"]) > 100:
        errors.append(_("The alias is longer than 100 characters."))
    profile: dict = {}
    if "part" in values:
        part = values["part"]
        profile["part"] = look.parts.get(part.casefold()) if part else None
        if part and profile["part"] is None:
            errors.append(_("Unknown part “%(p)s” in this field.") % {"p": part})
    if "union" in values:
        union = values["union"]
        profile["union"] = look.unions.get(union.casefold()) if union else None
        if union and profile["union"] is None:
            errors.append(_("Unknown mass organization “%(u)s”.") % {"u": union})
    if "leader" in values:
        flag = values["leader"].casefold()
        if flag not in TRUE | FALSE:
            errors.append(_("Leader must be yes or no, not “%(v)s”.") % {"v": values["leader"]})
        profile["leader"] = flag in TRUE
    for name, limit in (("job", 120), ("tags", 300)):
        if name in values:
            if len(values[name]) > limit:
                errors.append(_("%(n)s is too long.") % {"n": name})
            profile[name] = values[name]
    out["profile"] = profile
    given = {n: values[n] for n in IDENTITY_ATTRIBUTES if values.get(n)}
    out["identity"] = Identity(**given) if given else None
    if out["identity"] is not None and not checked:
        try:
            validate_identity(out["identity"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.extend(f"{name}: {m}" for m in messages)
    out["level_value"] = out["assessed_on"] = None
    if values.get("assessment"):
        try:
            out["level_value"] = int(values["assessment"])
        except ValueError:
            errors.append(_("The assessment “%(v)s” is not a number.")
                          % {"v": values["assessment"]})
        else:
            if out["level_value"] not in look.scale:
                errors.append(_("The assessment %(v)s is outside the scale.")
                              % {"v": out["level_value"]})
    if values.get("assessed_on"):
        try:
            out["assessed_on"] = date.fromisoformat(values["assessed_on"])
        except ValueError:
            errors.append(_("“%(v)s” is not a date (YYYY-MM-DD).")
                          % {"v": values["assessed_on"]})
        else:
            if out["assessed_on"] > timezone.localdate():
                errors.append(_("The date %(d)s is in the future.") % {"d": out["assessed_on"]})
        if out["level_value"] is None and not values.get("assessment"):
            errors.append(_("A date of assessment without an assessment."))
    return out




def record_digest(record: list[str]) -> bytes:
    # A record's fields as read (a CSV field cannot hold NUL: csv_source refuses it).
    return hashlib.blake2b("\0".join(record).encode(), digest_size=16).digest()


def parse_record(number: int, record: list[str], header: list[str], columns: dict[str, int],
                 look: _Lookups, errors: list[tuple[int, str]],
                 checked: tuple[bytes, str, str] | None = None) -> dict | None:
    """One data record checked: its parsed values, or None (its errors appended).

    The values carry the record's ``digest``; ``checked`` is what the checking pass kept of
    this row (``SeenKeys.checked``): when the record is the one checked then, its identity
    is not checked again and its blind indexes are taken from there (``keys``)."""
    if len(record) != len(header):
        errors.append((number, _("%(n)s columns where the header has %(h)s.")
                       % {"n": len(record), "h": len(header)}))
        return None
    values = {a: _unquote(record[i].strip()) for a, i in columns.items()}
    digest = record_digest(record)
    same = checked is not None and checked[0] == digest
    reasons: list[str] = []
    row = _parse_row(values, look, reasons, checked=same)
    errors.extend((number, reason) for reason in reasons)
    if reasons:
        return None
    row["digest"] = digest
    if same:
        assert checked is not None
        row["keys"] = checked[1:]
    return row


class Matcher:
    """Who on file each row of a batch is, and which rows name a person an earlier row of
    the file named. ``seen`` None: the file was checked before (the writing pass), only the
    people on file are looked up again."""

    def __init__(self, look: _Lookups, seen: SeenKeys | None):
        self.look, self.seen = look, seen

    def match(self, parsed: list[tuple[int, dict]],
              errors: list[tuple[int, str]]) -> list[ImportRow]:
        look = self.look
        keys = []
        for _number, row in parsed:
            ident = row["identity"]
            keys.append(row["keys"] if "keys" in row else (
                look.index(ident.phone, "phone") if ident else "",
                look.index(ident.email, "email") if ident else ""))
        if self.seen is not None:
            self.seen.remember((number, row["digest"], *key)
                               for (number, row), key in zip(parsed, keys, strict=True))
        # Old key's index -> this key's, while a rotation is under way (else empty).
        old_phones: dict[str, str] = {}
        old_emails: dict[str, str] = {}
        for (_number, row), (phone, email) in zip(parsed, keys, strict=True):
            ident = row["identity"]
            if look.old_keyrings and ident:
                old_phones.update((o, phone) for o in look.old_indexes(ident.phone, "phone"))
                old_emails.update((o, email) for o in look.old_indexes(ident.email, "email"))
        people = look.candidates({p for p, _e in keys if p} | set(old_phones),
                                 {e for _p, e in keys if e} | set(old_emails),
                                 {row["alias"] for _n, row in parsed})
        by_phone = {old_phones.get(p.phone_index, p.phone_index): p
                    for p in people if p.phone_index}
        by_email = {old_emails.get(p.email_index, p.email_index): p
                    for p in people if p.email_index}
        by_alias = {p.alias: p for p in people if p.unit_id == look.field.unit_id}
        known = look.assessments_of(people)
        found_rows = []
        for (number, row), (phone, email) in zip(parsed, keys, strict=True):
            found = (("phone", by_phone.get(phone)), ("email", by_email.get(email)),
                     ("alias", by_alias.get(row["alias"])))
            found_rows.append((number, row, found, _own_keys(row, found, phone, email),
                               (phone, email)))
        earlier = (self.seen.earlier(k for *_r, own, _keys in found_rows for k in own)
                   if self.seen is not None else {})
        seen: dict[str, int] = {}
        rows = []
        for number, row, found, own, (phone, email) in found_rows:
            matched = self._row(number, row, found, own, known, errors, earlier, seen)
            if matched is not None:
                if matched.action == "create":
                    matched = replace(matched, phone_index=phone, email_index=email)
                rows.append(matched)
        if self.seen is not None:
            self.seen.add(seen)
        return rows

    def _row(self, number: int, row: dict, found: tuple, own: list[str],
             known: set[tuple[int, int, date]], errors: list[tuple[int, str]],
             earlier: dict[str, int], seen: dict[str, int]) -> ImportRow | None:
        matches = {p.pk: p for _by, p in found if p is not None}
        if len(matches) > 1:
            errors.append((number, _("The phone, email and alias match different people.")))
            return None
        person = next(iter(matches.values()), None)
        if person is not None and person.unit_id != self.look.field.unit_id:
            errors.append((number, _("This person (%(a)s) is in another unit: move them "
                                     "first.") % {"a": person.alias}))
            return None
        if person is not None and person.kind != Person.Kind.CONTACT:
            errors.append((number, _("%(a)s is a member, not a contact.")
                           % {"a": person.alias}))
            return None
        if self.seen is not None:
            # The same person twice in one file would be imported twice.
            twice = [earlier.get(k) or seen[k] for k in own if k in earlier or k in seen]
            if twice:
                errors.append((number, _("The same person as row %(r)s.") % {"r": twice[0]}))
                return None
            seen.update(dict.fromkeys(own, number))
        level_value = row["level_value"]
        if person is not None and level_value is not None and (
                (person.pk, level_value, row["assessed_on"]) in known
                or (not row["assessed_on"] and level_value == person.level_value)):
            level_value = None  # already recorded: a re-import adds no assessment
        ignored = (tuple(n for n in IDENTITY_ATTRIBUTES if getattr(row["identity"], n))
                   if person is not None and row["identity"] is not None else ())
        return ImportRow(
            row_number=number, alias=row["alias"],
            action="update" if person is not None else "create",
            person_id=person.pk if person else None, profile=row["profile"],
            identity=row["identity"] if person is None else None,
            level_value=level_value, assessed_on=row["assessed_on"],
            ignored_identity=ignored, matched_by=tuple(by for by, p in found if p is not None))


def _own_keys(row: dict, found: tuple, phone: str, email: str) -> list[str]:
    person = next((p for _by, p in found if p is not None), None)
    own = [f"person:{person.pk}"] if person is not None else []
    own.append(f"alias:{row['alias']}")
    own += [f"{k}:{v}" for k, v in (("phone", phone), ("email", email)) if v]
    return own
