"""A job kind for the tests only (imported by them and by worker_main.py, never by the app):
``steps`` steps of ``sleep`` seconds, each reported, cancel checked between them, and each
run written down in ``log`` (a file: which worker process ran which job) when given."""

from __future__ import annotations

import os
import time

from jobs.models import Job
from jobs.registry import Kind, register
from jobs.runner import JobContext

KIND = "test_steps"


def run_steps(job: Job, ctx: JobContext) -> None:
    steps = int(job.params.get("steps", 3))
    if log := job.params.get("log"):
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{job.uid} {os.getpid()}\n")
    ctx.progress(0, steps, "steps")
    for step in range(steps):
        ctx.stop_if_asked()
        time.sleep(float(job.params.get("sleep", 0)))
        ctx.progress(step + 1, steps)
    if job.params.get("fail"):
        raise ValueError("asked to fail")


STEPS = register(Kind(KIND, "Test steps", run=run_steps, idempotent=True, max_attempts=2))
