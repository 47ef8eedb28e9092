"""Issues in preparation: the editorial unit's drafts of a periodical's next issues, and their
publishing as an ``Issue`` (through ``do_add_issue``: the same checks and messages).

Callers check access first: a draft is loaded with ``access_object(IssueDraft, user, uid,
"change")``, a new one is allowed by ``check_may_prepare``. These functions do the work, in
one transaction, with an audit row for each write.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import Field
from django.utils.translation import gettext as _

from access.scope import scope_for
from audit.log import record, snapshot
from publications.actions import ArticleLine, do_add_issue
from publications.models import Issue, IssueDraft, Periodical, editorial_unit_of

EDITABLE = ("edition", "number", "planned_on", "contents", "status", "note")


def parse_contents(text: str) -> list[ArticleLine]:
    """Article lines as an issue's contents are entered: one per line, a title, then | and
    the author's pen name; empty lines are skipped."""
    lines = []
    for line in (text or "").splitlines():
        title, _bar, pen_name = line.partition("|")
        if title.strip():
            lines.append(ArticleLine(title=" ".join(title.split())[:300],
                                     pen_name=" ".join(pen_name.split())[:120]))
    return lines


def contents_text(lines: list[ArticleLine]) -> str:
    return "\n".join(f"{a.title} | {a.pen_name}" if a.pen_name else a.title for a in lines)


def check_may_prepare(user, periodical: Periodical) -> None:
    """A periodical's issues are prepared by those who may add its editorial unit's records
    (a ValidationError for anyone else who sees the periodical)."""
    if not scope_for(user).sees_records_of(editorial_unit_of(periodical), "add"):
        raise ValidationError(_("That one is not available here."))


def _draft_data(periodical: Periodical, data: dict) -> dict:
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not a draft's field: {sorted(unknown)}")
    edition = data.get("edition")
    if edition is not None and edition.periodical_id != periodical.pk:
        raise ValidationError({"edition": _("That one is not available here.")})
    return data


@transaction.atomic
def do_create_draft(*, acting_user, periodical: Periodical, data: dict) -> IssueDraft:
    draft = IssueDraft(periodical=periodical, unit=editorial_unit_of(periodical),
                       **_draft_data(periodical, data))
    draft.full_clean()
    draft.save()
    record(actor=acting_user, action="create", obj=draft)
    return draft


@transaction.atomic
def do_update_draft(*, acting_user, draft: IssueDraft, data: dict) -> IssueDraft:
    draft = IssueDraft.objects.select_for_update().get(pk=draft.pk)
    before = snapshot(draft)
    for key, value in _draft_data(draft.periodical, data).items():
        setattr(draft, key, value)
    draft.full_clean()
    if snapshot(draft) != before:
        draft.save()
        record(actor=acting_user, action="update", obj=draft, before=before)
    return draft


@transaction.atomic
def do_publish_draft(*, acting_user, draft: IssueDraft) -> Issue:
    """A ready draft becomes the issue that appeared (number unique per edition, date not in
    the future: ``do_add_issue``'s messages), and the draft is deleted. A refusal leaves the
    draft as it was and writes nothing."""
    draft = IssueDraft.objects.select_for_update().select_related("edition").get(pk=draft.pk)
    if draft.status != IssueDraft.Status.READY:
        raise ValidationError({"status": _("Mark the issue ready before publishing it.")})
    required = str(Field.default_error_messages["required"])
    missing = {name: required for name, value in (("number", draft.number),
                                                   ("planned_on", draft.planned_on))
               if value is None}
    if missing:
        raise ValidationError(missing)
    # The right to write this organization-level record comes from the draft (the caller
    # loaded it for "change": the user holds the editorial unit's records), not from the
    # organization's top unit. No wider database scope is needed for the insert: the wall
    # covers RECORD and ROLE tables only (access/dbwall.py WALLED_KINDS), and Issue and
    # Article are ORGANIZATION-anchored, so the unit secretary's own scope may insert them
    # (the audit tables take any insert). Unlike do_send_correspondence, nothing here is
    # written into another unit's compartment, so no system_scope().
    issue = do_add_issue(acting_user=acting_user, edition=draft.edition,
                         data={"number": draft.number, "published_on": draft.planned_on},
                         articles=parse_contents(draft.contents))
    record(actor=acting_user, action="delete", obj=draft)
    draft.delete()
    return issue
