"""The identity key's rotation as a job (jobs.registry), driving ``vault.rotation.rotate``:
its progress on the job's page, a cancel seen between batches (every row stays readable,
both keys kept until the rotation is done). Resumable, so idempotent: a job whose worker
died runs again and finishes the rotation it started."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.actions import do_enqueue_job
from jobs.models import Job
from jobs.registry import Kind, register
from jobs.runner import JobCancelled, JobContext, JobFailed
from organizations.models import Unit
from vault.rotation import RotationError, rotate

KIND = "identity_key_rotation"


def enqueue_rotation(*, acting_user: Any, unit: Unit) -> Job:
    """The caller checked ``accounts.system_work.may_run_system_work``."""
    return do_enqueue_job(acting_user=acting_user, kind=KIND, unit=unit)



def run_rotation(job: Job, ctx: JobContext) -> str:
    ctx.stop_if_asked()
    ctx.progress(0, None, _("Re-encrypting the sealed rows"))
    try:
        rotation = rotate(progress=lambda done, total: ctx.progress(done, total),
                          should_stop=ctx.should_stop)
    except RotationError as exc:
        raise JobFailed(str(exc)) from None
    if rotation.stopped:
        raise JobCancelled
    return _("Rotated to a new identity key: %(rows)s rows re-encrypted.") % {
        "rows": rotation.rows}


IDENTITY_KEY_ROTATION = register(Kind(KIND, gettext_lazy("Identity key rotation"),
                                      run=run_rotation, idempotent=True, max_attempts=3))
