"""Forms that correct what was recorded: an activity, an assessment, a tie. They open on the
stored values (sealed texts excepted: an empty input keeps what is stored) and carry the
record's version (``nucleus.web.run_form(..., record=...)``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm
from fieldwork.forms import ActivityForm, AssessForm
from fieldwork.models import Activity, Assessment, AssessmentLevel, Tie
from nucleus.web import fresh

KEEPS_SEALED = _("Stored encrypted and not shown here: leave it empty to keep it, or type "
                 "the new text.")


class ActivityEditForm(ActivityForm):
    """The activity form, opened on an activity. Members and contacts the reader no longer
    sees (moved to another unit) are not offered and stay on the activity (the view adds
    them back)."""

    def __init__(self, *args, user, activity: Activity, **kwargs):
        kwargs["initial"] = {
            "kind": activity.kind, "field": activity.field, "date": activity.date,
            "quantity": activity.quantity, "follow_up_on": activity.follow_up_on,
            "members": list(activity.members.all()), "contacts": list(activity.contacts.all()),
            **kwargs.get("initial", {})}
        super().__init__(*args, user=user, unit=activity.unit, **kwargs)
        for name in ("outcome", "notes"):
            self.fields[name].help_text = KEEPS_SEALED


class AssessmentEditForm(AssessForm):
    """An assessment's level, date and note. Its own level stays offered even once retired,
    so that its date or note can be corrected."""

    def __init__(self, *args, scale: list[AssessmentLevel], assessment: Assessment, **kwargs):
        level = assessment.level
        if all(lv.pk != level.pk for lv in scale):
            scale = [*scale, level]
        kwargs["initial"] = {"level": level.value, "assessed_on": assessment.assessed_on,
                             **kwargs.get("initial", {})}
        super().__init__(*args, scale=scale, **kwargs)
        self.fields["note"].help_text = KEEPS_SEALED


class TieEditForm(RestrictedChoicesForm, forms.ModelForm):
    """A tie's kind and note; the two people stay (a tie to someone else is a new tie)."""

    class Meta:
        model = Tie
        fields = ["kind", "note"]

    def __init__(self, *args, tie: Tie, **kwargs):
        # A fresh copy: a model form writes its input into its instance while validating,
        # and the action compares against the stored row.
        super().__init__(*args, instance=fresh(tie), **kwargs)

