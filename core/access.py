"""Permission-checked lookups: a task run is its starter's only (404 for anyone else)."""

from django.http import Http404

from core.models import TaskRun


def access_task_run(user, pk) -> TaskRun:
    run = TaskRun.objects.filter(pk=pk, user_id=user.pk).first()
    if run is None:
        raise Http404
    return run
