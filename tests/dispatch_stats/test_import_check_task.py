"""The dry run of a large upload as a background task: the upload answers with the progress
page at once, the worker (core.tasks.execute, as the procrastinate worker calls it) finds the
preview or the errors, which the check page shows as the in-request dry run does; a cancel
leaves nothing; progress is reported stage by stage."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from core import task_progress, tasks
from core.models import TaskRun
from dispatch_stats import import_checks, services
from dispatch_stats.importing import files, scanner
from dispatch_stats.models import ImportCheck, ImportLog, PendingImport, YearlyFigure
from tests import factories
from tests.dispatch_stats.factories import SourceFactory
from tests.dispatch_stats.helpers import real_wide_workbook, xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True)  # the progress writes on its own connection


@pytest.fixture
def as_task(settings, tmp_path):
    settings.IMPORT_CHECK_TASK_MIN_BYTES = 1  # every upload counts as large here
    settings.MEDIA_ROOT = tmp_path


def _upload(client, data: bytes, name: str = "survey.xlsx", **fields):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(
        reverse("dispatch_stats:import"), {"kind": "yearly", "file": upload, **fields}
    )


def _stored_files() -> list[str]:
    try:
        return default_storage.listdir(import_checks.FOLDER)[1]
    except FileNotFoundError:
        return []


def test_the_upload_answers_with_the_progress_page_and_checks_nothing_yet(
    admin_client_role, as_task
):
    response = _upload(admin_client_role, real_wide_workbook())
    run = TaskRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:task-run", args=[run.pk])
    assert run.state == TaskRun.State.QUEUED and run.target == import_checks.TARGET
    assert run.arguments["file_name"] == "survey.xlsx" and "data" not in run.arguments
    assert len(_stored_files()) == 1  # the worker reads the file from the storage in use
    assert not PendingImport.objects.exists() and not ImportLog.objects.exists()
    page = admin_client_role.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in page  # polled with HTMX
    assert f'href="{response["Location"]}"' in page  # and a plain reload link without it


def test_the_worker_finds_the_preview_and_the_admin_confirms_it(admin_client_role, as_task):
    _upload(admin_client_role, real_wide_workbook())
    run = TaskRun.objects.get()
    tasks.execute(str(run.pk))
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE and "192" in run.outcome
    assert _stored_files() == []  # deleted once read
    partial = admin_client_role.get(
        reverse("core:task-run", args=[run.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert run.done_url in partial and "hx-trigger" not in partial
    page = admin_client_role.get(run.done_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r'class="count-new">192<', html) and "派遣!4" in html
    assert "平成" not in html.split('id="preview-heading"')[1].split("<form")[0]
    assert YearlyFigure.objects.count() == 0 and ImportLog.objects.get().confirmed is False
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    sha = re.search(r'name="sha256" value="([^"]+)"', html).group(1)
    response = admin_client_role.post(
        reverse("dispatch_stats:import-confirm"), {"token": token, "sha256": sha}
    )
    assert response.status_code == 302  # 192 rows: confirmed in the request, as before
    assert YearlyFigure.objects.count() == 192


def test_the_check_page_names_the_row_and_column_of_each_problem(admin_client_role, as_task):
    bad = xlsx_bytes({"派遣": [["年度", "短期", "出典"], ["H30", "多数", "概況"]]})
    _upload(admin_client_role, bad, "bad.xlsx")
    run = TaskRun.objects.get()
    tasks.execute(str(run.pk))
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE  # the check ran; what it found is on the page
    html = admin_client_role.get(run.done_url).content.decode()
    assert 'class="import-errors" role="alert"' in html
    assert "シート「派遣」2行目 B列（短期）" in html
    assert 'name="token"' not in html  # nothing to confirm
    assert not PendingImport.objects.exists() and not YearlyFigure.objects.exists()


BAD_FILE = {"派遣": [["年度", "短期", "出典"], ["H30", "多数", "概況"]]}
NEW_SOURCE = {  # as typed: the URL without its scheme, the priority as text
    "source_name": "文部科学省「国際研究交流の概況」",
    "source_edition": "令和6年度版（速報）",
    "source_url": "www.mext.go.jp/a_menu/kagaku/kokusai/",
    "source_priority": "2",
}


def _shown_fields(html: str) -> dict[str, str]:
    """The upload form's fields as the page fills them in (inputs' values, the chosen option)."""
    form = html.split('enctype="multipart/form-data"')[1].split("</form>")[0]
    shown = {}
    for tag in re.findall(r"<input [^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        shown[name.group(1)] = value.group(1) if value else ""
    del shown["csrfmiddlewaretoken"], shown["file"]
    for name in ("kind", "source"):
        select = form.split(f'name="{name}"')[1].split("</select>")[0]
        chosen = re.findall(r'<option value="([^"]*)" selected>', select)
        shown[name] = chosen[0] if chosen else ""
    return shown


@pytest.mark.parametrize("picked", [False, True], ids=["a new source", "a stored source"])
def test_a_refused_large_file_shows_the_form_as_typed_and_each_problem(
    admin_client_role, as_task, picked
):
    """The admin's typed text is never lost: the check page fills the upload form in again,
    field by field as typed (only the file must be chosen again), beside the errors with their
    row and column, as the in-request dry run does."""
    stored = SourceFactory(name="既存の出典") if picked else None
    typed = {"kind": "yearly", "source": str(stored.pk)} if picked else dict(NEW_SOURCE)
    _upload(admin_client_role, xlsx_bytes(BAD_FILE), "bad.xlsx", **typed)
    run = TaskRun.objects.get()
    tasks.execute(str(run.pk))
    html = admin_client_role.get(TaskRun.objects.get().done_url).content.decode()
    assert 'class="import-errors" role="alert"' in html
    assert "シート「派遣」2行目 B列（短期）" in html
    expected = {"kind": "yearly", "source": "", **dict.fromkeys(NEW_SOURCE, ""), **typed}
    assert _shown_fields(html) == expected
    assert not PendingImport.objects.exists() and not YearlyFigure.objects.exists()


def test_a_file_past_the_row_limit_is_refused_by_the_worker_too(admin_client_role, as_task):
    _upload(admin_client_role, b"H30,1\n" * 1_000_000, "rows.csv")
    run = TaskRun.objects.get()
    tasks.execute(str(run.pk))
    html = admin_client_role.get(TaskRun.objects.get().done_url).content.decode()
    assert 'role="alert"' in html and "行を超えて" in html and "Traceback" not in html
    assert not PendingImport.objects.exists() and _stored_files() == []


def test_a_cancel_during_the_dry_run_leaves_nothing(admin_client_role, as_task):
    _upload(admin_client_role, real_wide_workbook())
    run = TaskRun.objects.get()
    # Pressed while the worker reads the file: seen at its first progress report.
    TaskRun.objects.filter(pk=run.pk).update(state=TaskRun.State.QUEUED, cancel_requested=True)
    tasks.execute(str(run.pk))
    run.refresh_from_db()
    assert run.state == TaskRun.State.CANCELLED
    assert not PendingImport.objects.exists() and not ImportLog.objects.exists()
    assert not ImportCheck.objects.exists() and _stored_files() == []
    response = admin_client_role.get(run.done_url)
    assert response.status_code == 302 and response["Location"] == reverse("dispatch_stats:import")


def test_another_admin_never_sees_the_check(admin_client_role, as_task, client):
    _upload(admin_client_role, real_wide_workbook())
    run = TaskRun.objects.get()
    tasks.execute(str(run.pk))
    client.force_login(factories.admin(username="admin2"))
    response = client.get(TaskRun.objects.get().done_url)
    assert response.status_code == 302 and "count-new" not in response.content.decode()
    assert client.get(reverse("core:task-run", args=[run.pk])).status_code == 404


def test_progress_is_reported_at_every_stage(admin_client_role, as_task, monkeypatch):
    seen = []
    report = task_progress.Reporter.report

    def recording(self, done, total, stage="", *, force=False):
        seen.append((done, total, stage))
        return report(self, done, total, stage, force=True)  # every report written

    monkeypatch.setattr(task_progress.Reporter, "report", recording)
    for module in (files, scanner, services):  # every 10 rows: several reports in 192 rows
        monkeypatch.setattr(module, "PROGRESS_EVERY", 10)
    _upload(admin_client_role, real_wide_workbook())
    run = TaskRun.objects.get()
    tasks.execute(str(run.pk))
    stages = list(dict.fromkeys(stage for _, _, stage in seen))
    assert stages == [
        "Reading the file",
        "Checking the rows",
        "Comparing with the figures already stored",
    ]
    for stage in stages:
        done = [done for done, _, name in seen if name == stage]
        assert done == sorted(done) and len(done) >= 5, (stage, done)
    html = admin_client_role.get(reverse("core:task-run", args=[run.pk])).content.decode()
    assert 'value="' in html and "task-done" in html


def test_a_workbook_of_unknown_size_shows_the_rows_read_so_far(admin_client_role, as_task):
    _upload(admin_client_role, real_wide_workbook())
    run = TaskRun.objects.get()
    # What the reporter writes while reading a workbook that declares no dimensions.
    TaskRun.objects.filter(pk=run.pk).update(state=TaskRun.State.RUNNING, done=3000, total=0)
    TaskRun.objects.filter(pk=run.pk).update(stage="Reading the file")
    html = admin_client_role.get(reverse("core:task-run", args=[run.pk])).content.decode()
    assert "これまでに 3000 行: ファイルを読み込んでいます" in html
    assert '<progress id="task-progress-bar" aria-describedby' in html  # no value: it moves


PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.mark.parametrize("cell", [PAYLOAD, "2018"], ids=["in an error", "in the preview"])
def test_what_the_file_says_comes_back_escaped_from_the_check(admin_client_role, as_task, cell):
    """The check page shows cell values (in errors), source names and the file's name (in the
    preview) that a hostile file chose, and the form's fields as typed; every one escaped."""
    rows = [["年度", "短期", "出典"], [cell, "5", PAYLOAD]]
    typed = {"source_name": PAYLOAD, "source_edition": PAYLOAD}
    _upload(admin_client_role, xlsx_bytes({"派遣": rows}), f"{PAYLOAD}.xlsx", **typed)
    tasks.execute(str(TaskRun.objects.get().pk))
    html = admin_client_role.get(TaskRun.objects.get().done_url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('value="&lt;script&gt;alert(1)&lt;/script&gt;&lt;img') == 2  # as typed
