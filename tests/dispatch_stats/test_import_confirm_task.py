"""The confirm of a large import as a background task writes its rows a batch at a time in one
transaction: the progress page sees the rows written after each batch (the report goes out on
the reporter's own connection, in autocommit), and a cancel between two batches rolls back the
batches already written, so nothing stays."""

import io
import re
from pathlib import Path

import psycopg
import pytest
from django.urls import reverse
from procrastinate.contrib.django.utils import connector_params

from core import task_progress, tasks
from core.models import TaskRun
from dispatch_stats import import_store, services
from dispatch_stats.models import ImportLog, PendingImport, ReferenceFigure, YearlyFigure
from tests import factories
from tests.dispatch_stats.helpers import real_wide_workbook

pytestmark = pytest.mark.django_db(transaction=True)  # the progress writes on its own connection

ROWS = 192  # in the workbook
WRITING = import_store.WRITING


@pytest.fixture
def batches_of_50(monkeypatch):
    monkeypatch.setattr(import_store, "WRITE_BATCH", 50)


class _Seen(list):
    """(done, total, stage) of every report; on_report(reporter, done, total, stage) runs
    after each one is written."""

    on_report = None

    def done(self, stage: str) -> list[int]:
        return [done for done, _, name in self if name == stage]


@pytest.fixture
def reports(monkeypatch):
    """Every report the work makes, each written to the run at once (no half-second wait)."""
    seen = _Seen()
    report = task_progress.Reporter.report

    def recording(self, done, total, stage="", *, force=False):
        seen.append((done, total, stage))
        report(self, done, total, stage, force=True)
        if seen.on_report:
            seen.on_report(self, done, total, stage)

    monkeypatch.setattr(task_progress.Reporter, "report", recording)
    return seen


def _start_large_import(client, settings) -> TaskRun:
    settings.IMPORT_TASK_MIN_ROWS = 100  # the workbook's rows count as large here
    upload = io.BytesIO(real_wide_workbook())
    upload.name = "survey.xlsx"
    html = client.post(reverse("dispatch_stats:import"), {"kind": "yearly", "file": upload})
    html = html.content.decode()
    confirm = {
        "token": re.search(r'name="token" value="([^"]+)"', html).group(1),
        "sha256": re.search(r'name="sha256" value="([^"]+)"', html).group(1),
    }
    client.post(reverse("dispatch_stats:import-confirm"), confirm)
    return TaskRun.objects.get()


def test_the_confirm_reports_the_rows_written_after_each_batch(
    admin_client_role, settings, batches_of_50, reports
):
    run = _start_large_import(admin_client_role, settings)
    polled = []
    page = psycopg.connect(**connector_params(), autocommit=True)  # the polling page's

    def poll(reporter, done, total, stage):
        if stage == WRITING:
            query = "SELECT done, total FROM core_taskrun WHERE id = %s"
            polled.append(page.execute(query, [run.pk]).fetchone())

    reports.on_report = poll
    try:
        tasks.execute(str(run.pk))
    finally:
        page.close()
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE and YearlyFigure.objects.count() == ROWS
    assert reports.done(WRITING) == [0, 50, 100, 150, ROWS]
    assert polled == [(0, ROWS), (50, ROWS), (100, ROWS), (150, ROWS), (ROWS, ROWS)]
    stages = list(dict.fromkeys(stage for _, _, stage in reports))
    assert stages[-1] == WRITING and len(stages) == 3  # checking, comparing, writing


def test_a_cancel_between_two_batches_leaves_nothing_written(
    admin_client_role, settings, batches_of_50, reports
):
    run = _start_large_import(admin_client_role, settings)
    written = []

    def cancel_mid_way(reporter, done, total, stage):
        if stage == WRITING and done == 100:
            # Inside the import's transaction: two batches are in, not yet committed.
            written.append(YearlyFigure.objects.count())
            # The admin presses cancel (the page's own transaction, committed at once).
            reporter._connection.execute(
                "UPDATE core_taskrun SET cancel_requested = true WHERE id = %s", [run.pk]
            )

    reports.on_report = cancel_mid_way
    tasks.execute(str(run.pk))
    run.refresh_from_db()
    assert written == [100]
    assert run.state == TaskRun.State.CANCELLED
    assert reports.done(WRITING) == [0, 50, 100, 150]  # stopped at the next batch's report
    assert YearlyFigure.objects.count() == 0 and not ImportLog.objects.filter(confirmed=True)
    assert PendingImport.objects.count() == 1  # the preview is intact: confirm again later


class _Recorder:
    """A reporter for the current thread without a task run: records what the work says."""

    def __init__(self):
        self.seen = []

    def report(self, done, total, stage="", *, force=False):
        self.seen.append((done, total, stage))

    def close(self):
        pass


def test_reference_figures_are_written_a_batch_at_a_time_too(monkeypatch):
    monkeypatch.setattr(import_store, "WRITE_BATCH", 40)
    data = (Path(services.__file__).parent / "data" / "reference_figures.csv").read_bytes()
    admin = factories.admin()
    preview = services.import_preview(kind="reference", user=admin, file_name="r.csv", data=data)
    recorder = _Recorder()
    token = task_progress.reporting(recorder)
    try:
        services.import_confirm(token=preview.token, user=admin, sha256=preview.sha256)
    finally:
        task_progress.stop_reporting(token)
    total = preview.new_count
    assert total > 80 and ReferenceFigure.objects.count() == total
    written = [done for done, _, stage in recorder.seen if stage == WRITING]
    assert written == [0, *range(40, total, 40), total]
