"""Background work on procrastinate's PostgreSQL queue: a large import runs as a task with a
progress page (HTMX partial), cancellable and all or nothing; real worker processes (`make
worker`) run it, and two of them send each due notification once."""

import datetime as dt
import io
import re
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import NotificationLog
from core import tasks
from core.models import TaskRun
from dispatch_stats.models import ImportLog, PendingImport, YearlyFigure
from tests import factories
from tests.dispatch_stats.helpers import real_wide_workbook
from tests.infra import servers

pytestmark = pytest.mark.django_db(transaction=True)


def _start_large_import(client, settings) -> TaskRun:
    settings.IMPORT_TASK_MIN_ROWS = 100  # the workbook's 192 rows count as large here
    upload = io.BytesIO(real_wide_workbook())
    upload.name = "survey.xlsx"
    html = client.post(reverse("dispatch_stats:import"), {"kind": "yearly", "file": upload})
    html = html.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    sha = re.search(r'name="sha256" value="([^"]+)"', html).group(1)
    confirm = {"token": token, "sha256": sha}
    response = client.post(reverse("dispatch_stats:import-confirm"), confirm)
    run = TaskRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:task-run", args=[run.pk])
    return run


def _queued_jobs() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT task_name, status FROM procrastinate_jobs ORDER BY id")
        return cursor.fetchall()


def test_a_large_import_is_queued_then_runs_with_progress(admin_client_role, settings):
    run = _start_large_import(admin_client_role, settings)
    assert run.state == TaskRun.State.QUEUED and YearlyFigure.objects.count() == 0
    assert _queued_jobs() == [("core.run_task_run", "todo")]
    page = admin_client_role.get(reverse("core:task-run", args=[run.pk])).content.decode()
    assert "Waiting for a worker" in page or "ワーカー" in page
    assert 'hx-trigger="every 1s"' in page  # polls while unfinished
    tasks.execute(str(run.pk))
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE and run.done == run.total == 192
    assert YearlyFigure.objects.count() == 192 and ImportLog.objects.filter(confirmed=True).count()
    partial = admin_client_role.get(
        reverse("core:task-run", args=[run.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert partial.lstrip().startswith('<section id="task-progress"')
    assert "hx-trigger" not in partial  # finished: the polling stops
    assert 'value="192"' in partial and reverse("dispatch_stats:import-log-list") in partial


def test_a_cancel_during_the_run_rolls_everything_back(admin_client_role, settings):
    run = _start_large_import(admin_client_role, settings)
    # The admin presses cancel while the worker is writing: the flag is seen at the next report.
    TaskRun.objects.filter(pk=run.pk).update(cancel_requested=True)
    tasks.execute(str(run.pk))
    run.refresh_from_db()
    assert run.state == TaskRun.State.CANCELLED
    assert YearlyFigure.objects.count() == 0 and not ImportLog.objects.filter(confirmed=True)
    assert PendingImport.objects.count() == 1  # the preview is intact: confirm again later


def test_cancel_before_it_starts_and_nobody_else_sees_the_run(
    admin_client_role, member_client, settings
):
    run = _start_large_import(admin_client_role, settings)
    other_admin = factories.admin(username="admin2")
    from django.test import Client

    stranger = Client()
    stranger.force_login(other_admin)
    for client in (stranger, member_client):
        assert client.get(reverse("core:task-run", args=[run.pk])).status_code == 404
        cancel = client.post(reverse("core:task-run-cancel", args=[run.pk]))
        assert cancel.status_code == 404
    response = admin_client_role.post(
        reverse("core:task-run-cancel", args=[run.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "task-cancelled" in response.content.decode()
    tasks.execute(str(run.pk))  # the worker finds it cancelled and does nothing
    run.refresh_from_db()
    assert run.state == TaskRun.State.CANCELLED and YearlyFigure.objects.count() == 0


def _wait(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_a_worker_process_runs_the_import(admin_client_role, settings):
    run = _start_large_import(admin_client_role, settings)
    with servers.task_worker():
        assert _wait(lambda: TaskRun.objects.get(pk=run.pk).is_finished)
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE, run.outcome
    assert YearlyFigure.objects.count() == 192


def test_two_workers_send_each_due_notification_once(tmp_path):
    for name in ("iin_a", "iin_b", "iin_c"):
        factories.member(username=name, email=f"{name}@example.go.jp")
    now = timezone.now()
    perspective = factories.PerspectiveFactory(
        position=1,
        comment_opens_at=now - dt.timedelta(hours=1),
        comment_closes_at=now + dt.timedelta(days=3),
    )
    factories.QuestionFactory(perspective=perspective, position=1)
    env = {
        "NOTIFICATIONS_CRON": "* * * * * */1",  # every second, so the workers race each tick
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path),
    }
    with servers.task_worker(**env), servers.task_worker(**env):
        assert _wait(lambda: NotificationLog.objects.count() >= 3)
        time.sleep(4)  # several more ticks, each run by one worker or the other
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(DISTINCT worker_id) FROM procrastinate_jobs "
                "WHERE task_name = 'core.send_notifications' AND status = 'succeeded'"
            )
            ticks, _workers = cursor.fetchone()
    assert ticks >= 3
    recipients = [
        line.split(":", 1)[1].strip()
        for path in tmp_path.iterdir()
        for line in path.read_text().splitlines()
        if line.startswith("To:")
    ]
    assert sorted(recipients) == [f"{n}@example.go.jp" for n in ("iin_a", "iin_b", "iin_c")]
    assert NotificationLog.objects.count() == 3
