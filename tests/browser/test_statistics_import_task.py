"""A large upload is checked in the background: the admin lands on the progress page at once,
it follows the worker (HTMX polling, under the strict CSP the fixture enforces), then shows the
preview, which the admin confirms."""

import pytest

from core import tasks
from core.models import TaskRun
from tests import factories
from tests.browser.test_statistics_import import confirm_the_real_series
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
    confirm_the_real_series(page)  # the same preview as a dry run in the request
