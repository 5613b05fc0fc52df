"""A task run's progress page: polled by HTMX (the progress partial), refreshed without it."""

from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from core import task_services
from core.access import access_task_run
from core.access_rules import login
from core.htmx import render_page

TEMPLATE = "core/taskrun_detail.html"


def _render(request, run):
    response = render_page(request, TEMPLATE, {"run": run}, partial="progress")
    response["Cache-Control"] = "private, no-store"
    return response


@login
@require_safe
def task_run_detail(request, pk):
    return _render(request, access_task_run(request.user, pk))


@login
@require_POST
def task_run_cancel(request, pk):
    run = task_services.task_run_cancel(run=access_task_run(request.user, pk), by=request.user)
    if request.htmx:
        return _render(request, run)
    return redirect("core:task-run", pk=run.pk)
