"""Starting and cancelling task runs (the work itself: core.tasks)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from core import tasks
from core.models import TaskRun


def task_run_start(
    *, user, label: str, target: str, arguments: dict, total: int = 0, done_url: str = ""
) -> TaskRun:
    """Record a run for user and queue it; a worker starts it once this transaction commits."""
    if target not in settings.BACKGROUND_TASK_TARGETS:
        raise ImproperlyConfigured(f"{target} is not in BACKGROUND_TASK_TARGETS")
    with transaction.atomic():
        run = TaskRun.objects.create(
            user=user,
            label=label[:200],
            target=target,
            arguments=arguments,
            total=total,
            done_url=done_url,
        )
        tasks.run_task_run.defer(task_run_id=str(run.pk))
    return run


def task_run_cancel(*, run: TaskRun, by) -> TaskRun:
    """Ask a run to stop. One still waiting is cancelled at once; a running one stops at its
    next progress report and its transaction rolls back (nothing written)."""
    with transaction.atomic():
        run = TaskRun.objects.select_for_update().get(pk=run.pk)
        if run.is_finished:
            return run
        run.cancel_requested = True
        fields = ["cancel_requested", "updated_at"]
        if run.state == TaskRun.State.QUEUED:
            run.state = TaskRun.State.CANCELLED
            fields.append("state")
        run.save(update_fields=fields)
    return run
