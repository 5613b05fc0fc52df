"""A large upload is checked in the background: the admin lands on the progress page at once,
it follows the worker (HTMX polling, under the strict CSP the fixture enforces), then shows the
preview, which the admin confirms."""

import pytest

from core import tasks
from core.models import TaskRun
from dispatch_stats.models import YearlyFigure
from tests import factories
from tests.conftest import browser_login
from tests.dispatch_stats.helpers import real_wide_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_upload_progress_preview_confirm(page, settings, tmp_path):
    settings.IMPORT_CHECK_TASK_MIN_BYTES = 1  # the real workbook counts as large here
    settings.MEDIA_ROOT = tmp_path
    factories.admin(username="kanri", display_name="管理者")
    browser_login(page, "kanri")
    page.goto("/statistics/import/")
    page.get_by_label("ファイルの内容").select_option("yearly")
    page.get_by_label("表計算ファイル（.xlsx または .csv）").set_input_files(
        files=[
            {"name": "派遣受入れ研究者数.xlsx", "mimeType": XLSX, "buffer": real_wide_workbook()}
        ]
    )
    page.get_by_role("button", name="ファイルを確認（試行）").click()
    page.wait_for_url("**/tasks/**")
    run = TaskRun.objects.get()
    assert page.locator("#task-progress").get_attribute("hx-trigger") == "every 1s"
    assert page.get_by_role("button", name="取り消す（何も書き込まれません）").is_visible()

    tasks.execute(str(run.pk))  # the worker, in this process
    page.get_by_role("link", name="次へ").click()  # appears at the next poll
    preview = page.get_by_role("region", name="プレビュー（試行）：まだ何も書き込まれていません")
    preview.wait_for()
    assert preview.locator(".count-new").inner_text() == "192"
    assert "派遣!4" in preview.inner_text()
    assert YearlyFigure.objects.count() == 0

    preview.get_by_role("button", name="確定して書き込む").click()
    page.wait_for_url("**/statistics/import/log/")
    assert "新規 192 行" in page.locator(".messages").inner_text()
    assert YearlyFigure.objects.count() == 192
