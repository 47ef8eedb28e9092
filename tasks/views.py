"""Pages of tasks, conversation assignments and notifications. Thin: records through the
access layer, writes through ``tasks.actions`` / ``tasks.notify``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from access.helpers import access_object
from nucleus.web import bound, run_form, safe_next
from organizations.models import Unit
from tasks import actions, notify
from tasks.forms import AssignmentForm, TaskForm
from tasks.home import named
from tasks.models import Assignment, Task
from tasks.progress import listed


def _form_page(request: HttpRequest, form: Any, heading: str, cancel: str,
               submit: str = "") -> HttpResponse:
    return render(request, "nucleus/form.html", {
        "form": form, "heading": heading, "cancel_url": cancel, "submit": submit,
        "next": request.GET.get("next", "")})


def _may_add(user: Any, unit: Unit) -> bool:
    return Unit.objects.holding_records(user, "add").filter(pk=unit.pk).exists()


def unit_tasks_url(unit: Unit) -> str:
    return reverse("tasks:unit_tasks", kwargs={"uid": unit.uid})


@login_required
def unit_tasks(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid, queryset=Unit.objects.holding_records(user))
    today = timezone.localdate()
    rows = (Task.objects.restrict(user).filter(unit=unit).select_related("field")
            .annotate(done_last=Case(When(state=Task.State.DONE, then=Value(1)),
                                     default=Value(0), output_field=IntegerField()))
            .order_by("done_last", "due_on", "id"))
    tasks = named(user, list(rows[:200]))
    changeable = set(actions.completable(user).filter(unit=unit).values_list("pk", flat=True))
    for task in tasks:
        task.completable = task.pk in changeable  # type: ignore[attr-defined]
    return render(request, "tasks/unit_tasks.html", {
        "unit": unit, "tasks": tasks, "today": today, "may_add": _may_add(user, unit)})


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid, queryset=Unit.objects.holding_records(user, "add"))
    form = TaskForm(bound(request), user=user, unit=unit)

    def perform() -> str:
        contact = form.cleaned_data.get("contact")
        actions.do_create_task(acting_user=user, unit=unit, data=form.task_data(),
                               contacts=[contact] if contact else [])
        return safe_next(request, unit_tasks_url(unit))

    return run_form(request, form, perform, _("The task was saved.")) or _form_page(
        request, form, _("New task for %(unit)s") % {"unit": unit.name}, unit_tasks_url(unit))


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    task = access_object(Task, user, uid, "change")
    initial = {"title": task.title, "owner": task.owner, "due_on": task.due_on,
               "field": task.field}
    form = TaskForm(bound(request), user=user, unit=task.unit, editing=True, initial=initial,
                    follow_up=task.source_activity_id is not None)

    def perform() -> str:
        actions.do_update_task(acting_user=user, task=task, data=form.task_data())
        return safe_next(request, unit_tasks_url(task.unit))

    return run_form(request, form, perform, _("The task was saved."), record=task) or \
        _form_page(request, form, _("Task of %(unit)s") % {"unit": task.unit.name},
                   unit_tasks_url(task.unit))


@login_required
@require_POST
def task_complete(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    task = access_object(Task, user, uid, queryset=actions.completable(user))
    done = request.POST.get("done", "1") != "0"
    actions.do_complete_task(acting_user=user, task=task, done=done)
    messages.success(request, _("The task was marked done.") if done
                     else _("The task was opened again."))
    return redirect(safe_next(request, unit_tasks_url(task.unit)))


@login_required
def assignments(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid, queryset=Unit.objects.holding_records(user))
    rows = listed(user, Assignment.objects.restrict(user).filter(unit=unit)[:100])
    return render(request, "tasks/assignments.html", {
        "unit": unit, "assignments": rows, "may_add": _may_add(user, unit)})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid, queryset=Unit.objects.holding_records(user, "add"))
    form = AssignmentForm(bound(request), user=user, unit=unit)
    back = reverse("tasks:assignments", kwargs={"uid": unit.uid})

    def perform() -> str:
        data = form.cleaned_data
        actions.do_create_assignment(acting_user=user, unit=unit, title=data["title"],
                                     member=data["member"], contacts=data["contacts"],
                                     goal=data["goal"], starts_on=data["starts_on"],
                                     ends_on=data["ends_on"])
        return back

    return run_form(request, form, perform, _("The assignment was given.")) or _form_page(
        request, form, _("New conversation assignment"), back, _("Assign"))


@login_required
def assignment_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    access_object(Assignment, user, uid)
    assignment = listed(user, Assignment.objects.restrict(user).filter(uid=uid))[0]
    return render(request, "tasks/assignment_detail.html", {"assignment": assignment})


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notifications; POST marks one read (``notification``: its uid) or all."""
    user = request.user
    if request.method == "POST":
        uid = request.POST.get("notification", "")
        try:
            uids = None if not uid else [UUID(uid)]
        except ValueError:
            uids = []
        notify.mark_read(acting_user=user, uids=uids)
        return redirect(safe_next(request, reverse("tasks:notifications")))
    notify.alert_for(user)
    rows = list(notify.of(user)[:100])
    for row in rows:
        row.text = notify.text_of(row)  # type: ignore[attr-defined]
        row.link = notify.link_of(row)  # type: ignore[attr-defined]
    return render(request, "tasks/notifications.html", {"notifications": rows})
