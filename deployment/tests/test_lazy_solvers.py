"""The solvers load only where a plan is computed (bench/README.md, "Process start")."""

import subprocess
import sys

PROBE = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nucleus.settings")
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
import deployment.actions, deployment.jobs, deployment.services, deployment.views
print(",".join(m for m in ("ortools", "pandas", "highspy") if m in sys.modules))
from deployment import planner
planner.solve, planner.solve_exact
print(",".join(m for m in ("ortools", "highspy") if m in sys.modules))
"""


def test_it_starts_without_the_solvers_and_loads_them_on_first_use():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split("\n")
    assert out[0] == ""
    assert out[1] == "ortools,highspy"
