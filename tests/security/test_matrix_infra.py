"""Authorisation matrix of the task-run pages (core): a run is its starter's only; everyone else
signed in gets the same 404 as for a missing run, and a refused cancel changes nothing."""

import uuid

import pytest

from core.models import TaskRun
from tests.security.matrix import LOGIN, OK, Row, cases, expect, run_case

pytestmark = pytest.mark.django_db

MISSING_RUN = uuid.UUID(int=0)
OWNER_ONLY = expect(LOGIN, 404, 404, 404, 404, 200)


def _run(world) -> TaskRun:
    run, _ = TaskRun.objects.get_or_create(
        user=world.users["admin"],
        label="zq import",
        defaults={"target": "dispatch_stats.services.import_confirm"},
    )
    return run


def _cancel_state(world):
    return TaskRun.objects.filter(pk=_run(world).pk).values_list("cancel_requested", "state")[0]


ROWS = [
    Row("core:task-run", "own run", lambda w: f"/tasks/{_run(w).pk}/", OWNER_ONLY),
    Row("core:task-run", "missing", lambda w: f"/tasks/{MISSING_RUN}/", expect(LOGIN, *[404] * 5)),
    Row(
        "core:task-run-cancel",
        "own run",
        lambda w: f"/tasks/{_run(w).pk}/cancel/",
        expect(LOGIN, 404, 404, 404, 404, OK),
        method="POST",
        state=_cancel_state,
        changes=True,
    ),
    Row(
        "core:task-run-cancel",
        "own run",
        lambda w: f"/tasks/{_run(w).pk}/cancel/",
        expect(LOGIN, *[405] * 5),  # POST only, before any lookup
    ),
    Row(
        "core:task-run-cancel",
        "missing",
        lambda w: f"/tasks/{MISSING_RUN}/cancel/",
        expect(LOGIN, *[404] * 5),
        method="POST",
    ),
]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_infra_matrix(world, row, role):
    problems = run_case(world, row, role)
    assert not problems, "\n".join(problems)
