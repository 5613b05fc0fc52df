"""The tasks the procrastinate workers run (autodiscovered: `<app>/tasks.py`).

A task run (core.models.TaskRun) calls one of settings.BACKGROUND_TASK_TARGETS with the
person who started it; notifications go out on a schedule. Both are safe with several workers:
a run starts only from QUEUED (row locked), and each periodic tick is deferred once
(procrastinate's periodic defers) while send_due claims each mail once.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from procrastinate.contrib.django import app

from core import generation
from core.models import TaskRun
from core.task_progress import Reporter, TaskCancelled, reporting, stop_reporting

logger = logging.getLogger(__name__)


@app.task(name="core.run_task_run", queue="tasks")
def run_task_run(task_run_id: str) -> None:
    execute(task_run_id)


@app.periodic(cron=settings.NOTIFICATIONS_CRON, periodic_id="notifications")
@app.task(name="core.send_notifications", queue="notifications")
def send_notifications(timestamp: int) -> None:
    for target in settings.NOTIFICATIONS_TARGETS:
        counts = import_string(target)()
        logger.info("notifications at %s from %s: %s", timestamp, target, counts)


@app.periodic(cron="*/10 * * * *", periodic_id="content-changes")
@app.task(name="core.compact_content_changes", queue="notifications")
def compact_content_changes(timestamp: int) -> None:
    generation.compact()


def _claim(task_run_id: str) -> TaskRun | None:
    with transaction.atomic():
        run = TaskRun.objects.select_for_update().filter(pk=task_run_id).first()
        if run is None or run.state != TaskRun.State.QUEUED:
            return None  # cancelled before it started, or another worker has it
        run.state = TaskRun.State.RUNNING
        run.save(update_fields=["state", "updated_at"])
    return run


def _failure_text(exc: Exception) -> str:
    """Refusals the service explains (an import's ImportRefused) are kept as they are; the page
    says the rest in the reader's language (templates/core/taskrun_detail.html)."""
    return " ".join(str(m) for m in getattr(exc, "messages", None) or [])


def execute(task_run_id: str) -> None:
    run = _claim(task_run_id)
    if run is None:
        return
    if run.target not in settings.BACKGROUND_TASK_TARGETS:
        state, outcome = TaskRun.State.FAILED, ""
    else:
        reporter = Reporter(run.pk)
        token = reporting(reporter)
        try:
            result = import_string(run.target)(user=run.user, **run.arguments)
        except TaskCancelled:
            state, outcome = TaskRun.State.CANCELLED, ""
        except Exception as exc:
            logger.exception("task run %s (%s) failed", run.pk, run.target)
            state, outcome = TaskRun.State.FAILED, _failure_text(exc)
        else:
            state, outcome = TaskRun.State.DONE, "" if result is None else str(result)
        finally:
            stop_reporting(token)
    TaskRun.objects.filter(pk=run.pk).update(state=state, outcome=outcome[:2000])
    if state == TaskRun.State.DONE:
        # The bar ends full even when the work reported in coarse steps.
        run.refresh_from_db(fields=["total"])
        TaskRun.objects.filter(pk=run.pk).update(done=run.total)
