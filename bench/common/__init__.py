"""Shared pieces of the benchmark scripts: the BENCH line, scratch databases, gunicorn, HTTP.

Convention: every bench script ends by calling `report(name, figures)`, which prints one line
`BENCH {"name": ..., "figures": {...}}`; `bench/run_all.py` collects those lines into a table.
Scripts touch only scratch databases they create and send traffic only to 127.0.0.1.

opening (the command line, Django in a throwaway database, a scratch database with the demo
data) · base (paths, report, in-process Django, timing) · databases (scratch databases, manage.py) ·
seed (scaling the demo data, run as a script) · server (gunicorn, the task worker) · web (HTTP
session, forms) · workbook (the generated survey file of the import benchmarks).
"""

from .base import (
    BENCH_PASSWORD,
    GUNICORN,
    PY,
    ROOT,
    analyze,
    members_and_agenda_item,
    note,
    page,
    percentile,
    report,
    secretariat,
    timed,
    timed_get,
)
from .databases import Cluster, app_env, manage
from .opening import in_process, option, options, served_database
from .server import Gunicorn, TaskWorker, free_port
from .web import Form, Session, comment_form, find_form, links, parse_forms, request
from .workbook import build_workbook

__all__ = [
    "BENCH_PASSWORD",
    "GUNICORN",
    "PY",
    "ROOT",
    "Cluster",
    "Form",
    "Gunicorn",
    "Session",
    "TaskWorker",
    "analyze",
    "app_env",
    "build_workbook",
    "comment_form",
    "find_form",
    "free_port",
    "in_process",
    "links",
    "manage",
    "members_and_agenda_item",
    "note",
    "option",
    "options",
    "page",
    "parse_forms",
    "percentile",
    "report",
    "request",
    "secretariat",
    "served_database",
    "timed",
    "timed_get",
]
