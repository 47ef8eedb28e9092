"""Job kinds: what each kind of long work runs, whether it may run again, what it is called.

An app registers its kinds in its own ``tasks.py`` (imported by ``JobsConfig.ready``)::

    register(Kind("contacts_import", _("Contacts import"), run=import_job, idempotent=True))

``run(job, ctx)`` does the work, reporting through ``ctx.progress`` and stopping at
``ctx.should_stop()``; what it returns is the done job's message ("Imported: 3 new …").
``idempotent`` kinds are run again when their worker died mid-way (an import undoes and
redoes its batches; a plan run is not, it is failed and planned again).
``lost`` is told when a job ends without its work done — cancelled, or given up after its
worker died — so the kind's own record says so too; ``finished``
runs after any end (removing a private upload); ``result_url`` links the job's page to what
it made; ``sweep(now)`` is called by every worker's housekeeping now and then (removing the
kind's files past their time).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobs.models import Job
    from jobs.runner import JobContext


@dataclass(frozen=True)
class Kind:
    name: str
    label: Any  # a lazy translation
    run: Callable[[Job, JobContext], str | None]
    idempotent: bool = False
    max_attempts: int = 1
    lost: Callable[[Job, str], None] | None = None
    finished: Callable[[Job], None] | None = None
    result_url: Callable[[Job], str | None] | None = None
    sweep: Callable[[datetime], object] | None = None


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.name in _KINDS and _KINDS[kind.name] != kind:
        raise ValueError(f"job kind {kind.name!r} is registered twice")
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"unknown job kind {name!r}") from None


def known() -> dict[str, Kind]:
    return dict(_KINDS)


def label(name: str) -> Any:
    kind = _KINDS.get(name)
    return kind.label if kind is not None else name
