"""Every write of the coalitions app: one transaction each, audited.

The office (``CoalitionOffice``) drafts, takes up proposals, circulates, closes and enters
answers received in writing. An organization acts through a user acting for it
(``coalitions.rights``): it drafts a proposal inside the organization (``ProposalDraft``, the
writing unit's record) and sends it (``do_send_proposal``, through ``do_propose``), answers
(once; then changes its answer until the deadline) and signs later. Reaching the coalition's
adoption rule adopts the resolution inside the answer's own transaction, dated the day of the
approval that reached it.

What an organization sends names the organization only. Its audit row names the acting user
(as every write does) but no unit: the coalition office never reads the audit log.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import CoalitionOffice
from access.scope import SHARING_STATUSES
from audit.log import record, snapshot
from coalitions.models import (
    AdoptionRule,
    Answer,
    Circulation,
    CoalitionResolution,
    ProposalDraft,
    ResolutionPoint,
    ResolutionText,
    Signatory,
    StatusChange,
)
from coalitions.rights import acts_for, writing_unit
from organizations.models import Coalition, CoalitionMembership, Organization

Status = CoalitionResolution.Status


def is_office(user: Any, coalition: Coalition) -> bool:
    return bool(user is not None and user.is_authenticated and CoalitionOffice.objects.filter(
        user=user, coalition=coalition).exists())


def _require_office(user: Any, coalition: Coalition) -> None:
    # None is the system: a command or the demo builder (never a request, which has a user).
    if user is not None and not is_office(user, coalition):
        raise ValidationError(_("Only the coalition's office can do this."), code="office")


def _require_acting(user: Any, organization: Organization) -> None:
    if not acts_for(user, organization):
        raise ValidationError(_("You do not act for this organization toward its coalitions."),
                              code="not_acting")


def member_organizations(coalition: Coalition) -> Any:
    """The organizations that take part in the coalition's decisions (members, signatories)."""
    return Organization.objects.filter(
        coalition_memberships__coalition=coalition,
        coalition_memberships__status__in=SHARING_STATUSES).distinct()


def _is_member(coalition: Coalition, organization: Organization) -> bool:
    return CoalitionMembership.objects.filter(coalition=coalition, organization=organization,
                                              status__in=SHARING_STATUSES).exists()


def _status(acting_user: Any, resolution: CoalitionResolution, status: str,
            on: datetime.date) -> None:
    before = snapshot(resolution)
    resolution.status = status
    resolution.save()
    record(actor=acting_user, action="update", obj=resolution, before=before)
    change = StatusChange.objects.create(resolution=resolution, status=status, on=on)
    record(actor=acting_user, action="create", obj=change)


def _write_text(acting_user: Any, resolution: CoalitionResolution, *, language: str,
                body: str, title: str = "", original: bool = False,
                translation_status: str = "", points: Sequence[str] = ()) -> ResolutionText:
    text = ResolutionText(resolution=resolution, language=language.strip(), body=body,
                          title=title, is_original=original,
                          translation_status="" if original else (translation_status
                                                                  or "draft"))
    text.full_clean()
    text.save()
    record(actor=acting_user, action="create", obj=text)
    for number, point in enumerate((p for p in points if p.strip()), start=1):
        row = ResolutionPoint.objects.create(text=text, number=number, body=point.strip())
        record(actor=acting_user, action="create", obj=row)
    return text


def _new_resolution(acting_user: Any, *, coalition: Coalition, kind: str, title: str,
                    language: str, body: str, points: Sequence[str], status: str,
                    proposed_by: Organization | None = None, signed_as: str = "",
                    on: datetime.date | None = None) -> CoalitionResolution:
    resolution = CoalitionResolution(coalition=coalition, kind=kind, title=title.strip(),
                                     status=status, proposed_by=proposed_by,
                                     signed_as=signed_as.strip())
    resolution.full_clean()
    resolution.save()
    record(actor=acting_user, action="create", obj=resolution)
    _write_text(acting_user, resolution, language=language, body=body, original=True,
                points=points)
    change = StatusChange.objects.create(resolution=resolution, status=status,
                                         on=on or timezone.localdate())
    record(actor=acting_user, action="create", obj=change)
    return resolution


@transaction.atomic
def do_set_adoption_rule(*, acting_user: Any, coalition: Coalition, kind: str,
                         approvals: int | None = None,
                         share_percent: int | None = None) -> AdoptionRule:
    _require_office(acting_user, coalition)
    rule = AdoptionRule.objects.filter(coalition=coalition).first()
    before = snapshot(rule) if rule is not None else None
    rule = rule or AdoptionRule(coalition=coalition)
    rule.kind, rule.approvals, rule.share_percent = kind, approvals, share_percent
    if kind == AdoptionRule.Kind.APPROVALS and not approvals:
        raise ValidationError({"approvals": _("Give the number of approvals needed.")})
    if kind == AdoptionRule.Kind.SHARE and not share_percent:
        raise ValidationError({"share_percent": _("Give the share needed.")})
    rule.full_clean()
    rule.save()
    record(actor=acting_user, action="update" if before else "create", obj=rule, before=before)
    return rule


@transaction.atomic
def do_draft_resolution(*, acting_user: Any, coalition: Coalition, title: str, language: str,
                        body: str, kind: str = CoalitionResolution.Kind.RESOLUTION,
                        points: Sequence[str] = (),
                        on: datetime.date | None = None) -> CoalitionResolution:
    """The office's own draft: read by the office alone until it is circulated."""
    _require_office(acting_user, coalition)
    return _new_resolution(acting_user, coalition=coalition, kind=kind, title=title,
                           language=language, body=body, points=points, status=Status.DRAFT,
                           on=on)


@transaction.atomic
def do_propose(*, acting_user: Any, organization: Organization, coalition: Coalition,
               title: str, language: str, body: str, points: Sequence[str] = (),
               kind: str = CoalitionResolution.Kind.RESOLUTION,
               signed_as: str = "") -> CoalitionResolution:
    """A member organization sends a draft to the coalition: a copy naming the organization
    (and ``signed_as``, if it chose to sign with a name), never the member who wrote it."""
    _require_acting(acting_user, organization)
    if not _is_member(coalition, organization):
        raise ValidationError(_("This organization is not a member of the coalition."),
                              code="not_member")
    return _new_resolution(acting_user, coalition=coalition, kind=kind, title=title,
                           language=language, body=body, points=points,
                           status=Status.PROPOSED, proposed_by=organization,
                           signed_as=signed_as)


DRAFT_FIELDS = ("kind", "title", "language", "body", "points", "signed_as")


def _draft_data(data: dict[str, Any]) -> dict[str, Any]:
    fields = {name: data[name] for name in DRAFT_FIELDS if name in data}
    if isinstance(fields.get("points"), (list, tuple)):
        fields["points"] = "\n".join(str(p).strip() for p in fields["points"] if str(p).strip())
    for name in ("title", "language", "signed_as"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    return fields


@transaction.atomic
def do_create_proposal_draft(*, acting_user: Any, organization: Organization,
                             coalition: Coalition, data: dict[str, Any]) -> ProposalDraft:
    """A proposal drafted inside the organization: the record of the writer's unit there
    (``rights.writing_unit``), which the coalition does not see until it is sent."""
    _require_acting(acting_user, organization)
    if not _is_member(coalition, organization):
        raise ValidationError(_("This organization is not a member of the coalition."),
                              code="not_member")
    draft = ProposalDraft(unit=writing_unit(acting_user, organization), coalition=coalition,
                          **_draft_data(data))
    draft.full_clean()
    draft.save()
    record(actor=acting_user, action="create", obj=draft)
    return draft


def _unsent(draft: ProposalDraft, acting_user: Any) -> ProposalDraft:
    draft = ProposalDraft.objects.select_for_update().select_related("unit").get(pk=draft.pk)
    _require_acting(acting_user, draft.organization)
    if draft.sent_on is not None:
        raise ValidationError(_("This proposal was already sent to the coalition."),
                              code="sent")
    return draft


@transaction.atomic
def do_update_proposal_draft(*, acting_user: Any, draft: ProposalDraft,
                             data: dict[str, Any]) -> ProposalDraft:
    """Change a draft while it is unsent."""
    locked = _unsent(draft, acting_user)
    before = snapshot(locked)
    for name, value in _draft_data(data).items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    record(actor=acting_user, action="update", obj=locked, before=before)
    draft.refresh_from_db()
    return locked


@transaction.atomic
def do_send_proposal(*, acting_user: Any, draft: ProposalDraft) -> CoalitionResolution:
    """Send the draft: the coalition's copy is written by ``do_propose`` (the organization
    and ``signed_as`` only, no unit, person or user); the draft is marked sent, once.

    No ``dbwall.system_scope()`` is needed (compare agitprop's ``do_send_correspondence``):
    the copy is ``COALITION_SENT``, a table the database wall does not cover."""
    locked = _unsent(draft, acting_user)
    copy = do_propose(acting_user=acting_user, organization=locked.organization,
                      coalition=locked.coalition, title=locked.title, language=locked.language,
                      body=locked.body, points=locked.point_lines(), kind=locked.kind,
                      signed_as=locked.signed_as)
    before = snapshot(locked)
    locked.sent_on, locked.sent_copy = timezone.localdate(), copy
    locked.save(update_fields=["sent_on", "sent_copy"])
    record(actor=acting_user, action="update", obj=locked, before=before)
    draft.refresh_from_db()
    return copy


def _locked(resolution: CoalitionResolution) -> CoalitionResolution:
    return CoalitionResolution.objects.select_for_update().get(pk=resolution.pk)


@transaction.atomic
def do_take_up(*, acting_user: Any, resolution: CoalitionResolution) -> CoalitionResolution:
    """The office takes a member organization's proposal up as a coalition draft."""
    resolution = _locked(resolution)
    _require_office(acting_user, resolution.coalition)
    if resolution.status != Status.PROPOSED:
        raise ValidationError(_("Only a proposal can be taken up."), code="status")
    _status(acting_user, resolution, Status.DRAFT, timezone.localdate())
    return resolution


@transaction.atomic
def do_add_text(*, acting_user: Any, resolution: CoalitionResolution, language: str,
                body: str, title: str = "", translation_status: str = "draft",
                points: Sequence[str] = ()) -> ResolutionText:
    """A translation (the original is written with the draft)."""
    resolution = _locked(resolution)
    _require_office(acting_user, resolution.coalition)
    if resolution.texts.filter(language=language.strip()).exists():
        raise ValidationError({"language": _("There is already a text in this language.")})
    return _write_text(acting_user, resolution, language=language, body=body, title=title,
                       translation_status=translation_status, points=points)


@transaction.atomic
def do_circulate(*, acting_user: Any, resolution: CoalitionResolution,
                 deadline: datetime.date,
                 organizations: Iterable[Organization] | None = None,
                 on: datetime.date | None = None) -> Circulation:
    """Send the draft to every member organization (or a chosen set of them) for answers
    until ``deadline``; from now on every member organization reads it."""
    resolution = _locked(resolution)
    coalition = resolution.coalition
    _require_office(acting_user, coalition)
    on = on or timezone.localdate()
    if resolution.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be circulated."), code="status")
    if not AdoptionRule.objects.filter(coalition=coalition).exists():
        raise ValidationError(_("Set the coalition's adoption rule first."), code="rule")
    if deadline < on:
        raise ValidationError({"deadline": _("The deadline cannot be before the circulation.")})
    members = member_organizations(coalition)
    asked = list(members) if organizations is None else list(organizations)
    if not asked:
        raise ValidationError(_("The coalition has no member organizations to ask."))
    if any(not members.filter(pk=org.pk).exists() for org in asked):
        raise ValidationError(_("Only member organizations can be asked."), code="not_member")
    circulation = Circulation(resolution=resolution, circulated_on=on, deadline=deadline)
    circulation.full_clean()
    circulation.save()
    circulation.organizations.set(asked)
    record(actor=acting_user, action="create", obj=circulation, fields=["organizations"])
    resolution.circulated = True
    _status(acting_user, resolution, Status.CIRCULATED, on)
    return circulation


def _check_answerable(circulation: Circulation, organization: Organization,
                      on: datetime.date) -> None:
    if not circulation.organizations.filter(pk=organization.pk).exists():
        raise ValidationError(_("This organization was not asked for an answer."),
                              code="not_asked")
    if circulation.resolution.status != Status.CIRCULATED:
        raise ValidationError(_("This resolution no longer takes answers."), code="closed")
    if on > circulation.deadline:
        raise ValidationError(_("The deadline for answers has passed."), code="deadline")
    if on < circulation.circulated_on:
        raise ValidationError(_("The answer cannot be dated before the circulation."),
                              code="early")


def _save_answer(acting_user: Any, circulation: Circulation, organization: Organization, *,
                 vote: str, comment: str, on: datetime.date, signed_as: str = "",
                 written: bool = False) -> Answer:
    answer = Answer(circulation=circulation, organization=organization, vote=vote,
                    comment=comment.strip(), answered_on=on, signed_as=signed_as.strip(),
                    received_in_writing=written)
    answer.full_clean()
    answer.save()
    record(actor=acting_user, action="create", obj=answer)
    _adopt_if_reached(acting_user, circulation)
    return answer


@transaction.atomic
def do_answer(*, acting_user: Any, circulation: Circulation, organization: Organization,
              vote: str, comment: str = "", signed_as: str = "") -> Answer:
    """The organization's one answer; a second one is refused (change the first instead)."""
    circulation.resolution = _locked(circulation.resolution)
    _require_acting(acting_user, organization)
    today = timezone.localdate()
    _check_answerable(circulation, organization, today)
    if circulation.answers.filter(organization=organization, replaced_at__isnull=True).exists():
        raise ValidationError(_("This organization has already answered: change its answer "
                                "instead."), code="answered")
    return _save_answer(acting_user, circulation, organization, vote=vote, comment=comment,
                        on=today, signed_as=signed_as)


@transaction.atomic
def do_change_answer(*, acting_user: Any, answer: Answer, vote: str,
                     comment: str = "", signed_as: str = "") -> Answer:
    """Replace the answer until the deadline; the replaced one stays as history."""
    circulation = answer.circulation
    circulation.resolution = _locked(circulation.resolution)
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    _require_acting(acting_user, answer.organization)
    if answer.replaced_at is not None:
        raise ValidationError(_("This answer was already replaced."), code="replaced")
    today = timezone.localdate()
    _check_answerable(circulation, answer.organization, today)
    before = snapshot(answer)
    answer.replaced_at = timezone.now()
    answer.save(update_fields=["replaced_at"])
    record(actor=acting_user, action="update", obj=answer, before=before)
    return _save_answer(acting_user, circulation, answer.organization, vote=vote,
                        comment=comment, on=today, signed_as=signed_as)


@transaction.atomic
def do_enter_written_answer(*, acting_user: Any, circulation: Circulation,
                            organization: Organization, vote: str, received_on: datetime.date,
                            comment: str = "") -> Answer:
    """The office enters an answer received in writing ("answer received from ..."), dated
    the day it was given: for organizations without users here, or that answered by letter."""
    circulation.resolution = _locked(circulation.resolution)
    _require_office(acting_user, circulation.resolution.coalition)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    _check_answerable(circulation, organization, received_on)
    if circulation.answers.filter(organization=organization, replaced_at__isnull=True).exists():
        raise ValidationError(_("This organization has already answered: change its answer "
                                "instead."), code="answered")
    return _save_answer(acting_user, circulation, organization, vote=vote, comment=comment,
                        on=received_on, written=True)


def current_approvals(circulation: Circulation) -> list[Answer]:
    return list(circulation.answers.filter(replaced_at__isnull=True, vote=Answer.Vote.APPROVE)
                .order_by("answered_on", "created_at"))


def threshold_of(circulation: Circulation) -> int:
    rule = AdoptionRule.objects.get(coalition_id=circulation.resolution.coalition_id)
    return rule.threshold(circulation.organizations.count())


def _adopt_if_reached(acting_user: Any, circulation: Circulation) -> None:
    """Adopt when the approvals reach the rule: dated the day of the approval that reached
    it; every approving organization becomes a signatory on the day of its approval."""
    resolution = circulation.resolution
    approvals = current_approvals(circulation)
    needed = threshold_of(circulation)
    if resolution.status != Status.CIRCULATED or len(approvals) < needed:
        return
    resolution.refresh_from_db()
    adopted_on = approvals[needed - 1].answered_on
    resolution.adopted_on = adopted_on
    _status(acting_user, resolution, Status.ADOPTED, adopted_on)
    for answer in approvals:
        signatory = Signatory.objects.create(resolution=resolution,
                                             organization=answer.organization,
                                             signed_on=answer.answered_on)
        record(actor=acting_user, action="create", obj=signatory)


@transaction.atomic
def do_sign_later(*, acting_user: Any, resolution: CoalitionResolution,
                  organization: Organization,
                  signed_on: datetime.date | None = None) -> Signatory:
    """A later signatory of an adopted resolution: by one acting for the organization (today),
    or by the office from a signature received in writing (on its day)."""
    resolution = _locked(resolution)
    office = is_office(acting_user, resolution.coalition)
    if not office:
        _require_acting(acting_user, organization)
        signed_on = None
    signed_on = signed_on or timezone.localdate()
    if resolution.status != Status.ADOPTED or resolution.adopted_on is None:
        raise ValidationError(_("Only an adopted resolution can be signed."), code="status")
    if signed_on < resolution.adopted_on or signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _(
            "A later signature is dated between the adoption and today.")})
    if not _is_member(resolution.coalition, organization):
        raise ValidationError(_("This organization is not a member of the coalition."),
                              code="not_member")
    if resolution.signatories.filter(organization=organization).exists():
        raise ValidationError(_("This organization has already signed."), code="signed")
    signatory = Signatory(resolution=resolution, organization=organization,
                          signed_on=signed_on, later=True)
    signatory.full_clean()
    signatory.save()
    record(actor=acting_user, action="create", obj=signatory)
    return signatory


@transaction.atomic
def do_record_issued(*, acting_user: Any, resolution: CoalitionResolution,
                     on: datetime.date | None = None) -> CoalitionResolution:
    """A text the coalition adopted before it was kept here (a joint statement already issued):
    adopted without a circulation, on ``on`` when the day is known; every member reads it."""
    resolution = _locked(resolution)
    _require_office(acting_user, resolution.coalition)
    if resolution.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be recorded as issued."), code="status")
    resolution.circulated, resolution.adopted_on = True, on
    _status(acting_user, resolution, Status.ADOPTED, on or timezone.localdate())
    return resolution


@transaction.atomic
def do_close(*, acting_user: Any, resolution: CoalitionResolution) -> CoalitionResolution:
    """End a circulation that did not reach the rule, or withdraw a draft."""
    resolution = _locked(resolution)
    _require_office(acting_user, resolution.coalition)
    if resolution.status in (Status.ADOPTED, Status.CLOSED):
        raise ValidationError(_("This resolution is already adopted or closed."), code="status")
    _status(acting_user, resolution, Status.CLOSED, timezone.localdate())
    return resolution
