"""Pages of agitation and propaganda: record a distribution and write a correspondence (from
a field), the unit's materials and correspondence, a periodical's received correspondence.

Objects load through ``access_object`` (404 outside the scope, like a missing record);
writes go through the ``do_*`` actions."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from access.helpers import access_object
from agitprop import actions
from agitprop.forms import CorrespondenceForm, DistributionForm, MaterialForm
from agitprop.models import Correspondence, Distribution, Material, SentCorrespondence
from fieldwork.models import Field
from nucleus.web import ActionFormView, bound, error_text, run_form
from organizations.models import Unit
from publications.models import Periodical

SHOWN = 100


def _field_url(field: Field) -> str:
    return reverse("fieldwork:field_detail", kwargs={"uid": field.uid})


def _unit(user, uid: UUID) -> Unit:
    """A unit whose own records the user may add to (404 for a unit merely visible)."""
    return access_object(Unit, user, uid, queryset=Unit.objects.holding_records(user, "add"))


class _FromFieldView(ActionFormView):
    """A form reached from a field's page: the field is the unit's, so the unit is its."""

    scoped_model = Field
    scoped_action = "add"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "field": self.object}

    def get_cancel_url(self) -> str:
        return _field_url(self.object)


class DistributionCreateView(_FromFieldView):
    form_class = DistributionForm
    success_message = gettext_lazy("The distribution was recorded.")

    def get_heading(self) -> str:
        return _("Distribution in %(field)s") % {"field": self.object.name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(submit=pgettext_lazy("button", "Record"), **kwargs)

    def perform(self, form) -> str:
        data, field = form.cleaned_data, self.object
        actions.do_record_distribution(
            acting_user=self.request.user, unit=field.unit, field=field,
            distributed_on=data["distributed_on"], quantity=data["quantity"],
            issue=data["issue"], material=data["material"], part=data["part"],
            members=data["members"], contacts=data["contacts"])
        return _field_url(field)


class CorrespondenceCreateView(_FromFieldView):
    form_class = CorrespondenceForm
    success_message = gettext_lazy("The correspondence was saved. Send it from the list.")

    def get_heading(self) -> str:
        return _("Worker correspondence from %(field)s") % {"field": self.object.name}

    def perform(self, form) -> str:
        data, field = dict(form.cleaned_data), self.object
        periodical = data.pop("periodical")
        actions.do_write_correspondence(acting_user=self.request.user, unit=field.unit,
                                        field=field, periodical=periodical, data=data)
        return reverse("agitprop:correspondence_list", kwargs={"uid": field.unit.uid})


@login_required
@require_http_methods(["GET", "POST"])
def materials(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = _unit(user, uid)
    form = MaterialForm(bound(request), user=user)

    def perform() -> str:
        actions.do_add_material(acting_user=user, unit=unit, data=form.cleaned_data)
        return reverse("agitprop:materials", kwargs={"uid": unit.uid})

    return run_form(request, form, perform, _("The material was added.")) or render(
        request, "agitprop/materials.html", {
            "unit": unit, "form": form,
            "materials": Material.objects.restrict(user).filter(unit=unit)[:SHOWN],
            "distributions": Distribution.objects.restrict(user).filter(
                activity__unit=unit).select_related(
                "activity__field", "issue__edition__periodical", "material", "part")[:SHOWN],
        })


@login_required
@require_http_methods(["GET"])
def correspondence_list(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = _unit(user, uid)
    letters = (Correspondence.objects.restrict(user).filter(unit=unit)
               .select_related("field", "periodical")[:SHOWN])
    return render(request, "agitprop/correspondence_list.html",
                  {"unit": unit, "letters": letters})


@login_required
@require_POST
def correspondence_send(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    letter = access_object(Correspondence, user, uid, "change")
    try:
        sent = actions.do_send_correspondence(acting_user=user, correspondence=letter)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Sent to %(periodical)s.") % {
            "periodical": sent.periodical.title})
    return HttpResponseRedirect(reverse("agitprop:correspondence_list",
                                        kwargs={"uid": letter.unit.uid}))


@login_required
@require_http_methods(["GET"])
def received(request: HttpRequest, uid: UUID) -> HttpResponse:
    """What the periodical's editorial unit received: only those who see that unit's records
    see any (everyone else who sees the periodical gets an empty list)."""
    user = request.user
    periodical = access_object(Periodical, user, uid)
    letters = SentCorrespondence.objects.restrict(user).filter(periodical=periodical)[:SHOWN]
    return render(request, "agitprop/received.html",
                  {"periodical": periodical, "letters": letters})
