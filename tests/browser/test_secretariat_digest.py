"""The secretariat before 第6回: digest of perspective ①, XLSX export, attach as 資料3, hide a
comment with a reason, and the reminders (sent once, only to members who have not answered)."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from committee.models import Material, Meeting
from policies import services
from policies.models import Comment, ModerationEvent, Perspective, Question
from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _comment(question, author, body, stance="support", parent=None):
    return services.comment_create(
        question=question, author=author, body=body, stance=stance, parent=parent
    )


def test_secretariat_prepares_meeting_6(page):
    call_command("seed_demo", verbosity=0)
    factories.secretariat(username="jimu", display_name="事務局")
    a = factories.member(username="iin_a", display_name="A委員")
    b = factories.member(username="iin_b", display_name="B委員")
    c = factories.member(username="iin_c", display_name="C委員")
    meeting = Meeting.objects.get(number=6)
    first = Perspective.objects.get(position=1)
    questions = list(Question.objects.filter(perspective=first).order_by("position"))
    assert len(questions) == 3 and all(q.agenda_item.meeting_id == meeting.pk for q in questions)

    # A answers every question of ①; B only the first, with a reply and a formula-like text.
    for q in questions:
        _comment(q, a, f"{q.title}について賛成します。")
    top = Comment.objects.filter(question=questions[0], author=a).get()
    _comment(questions[0], b, '=HYPERLINK("http://example.com")', stance="concern")
    _comment(questions[0], b, "帰国後のポストも必要です。", stance="question", parent=top)
    to_hide = _comment(questions[0], c, "関係のない宣伝です。", stance="proposal")

    # The digest of perspective ①.
    browser_login(page, "jimu")
    page.goto(f"/digest/meetings/{meeting.pk}/")
    page.get_by_label("観点", exact=True).select_option(label=f"{first.marker} {first.label}")
    page.get_by_role("button", name="表示", exact=True).click()
    page.wait_for_url(f"**/digest/meetings/{meeting.pk}/?perspective={first.pk}")
    body = page.locator("#digest-body")
    assert first.title in body.inner_text()
    assert "システムの観点" not in body.inner_text()
    assert "帰国後のポストも必要です。" in body.inner_text()

    # Export the XLSX and read it back.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSXをダウンロード").click()
    data = download_info.value.path().read_bytes()
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "集計" and len(wb.sheetnames) == 2
    summary = list(wb["集計"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(summary) if row and row[0] == "観点")
    rows = summary[header + 1 :]
    assert len(rows) == 3
    for row, q in zip(rows, questions, strict=True):
        live = Comment.objects.filter(question=q, deleted_at__isnull=True, is_hidden=False)
        for col, stance in enumerate(Comment.Stance, start=3):
            assert row[col] == live.filter(stance=stance).count()
        assert row[7] == live.count()
    comment_rows = list(wb.worksheets[1].iter_rows(values_only=True))[2:]
    assert (
        len([r for r in comment_rows if r[2]])
        == Comment.objects.filter(question__in=questions).count()
    )
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                # Formula-looking text is kept as typed, in a text cell (core.exports).
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    assert cell.data_type == "s"

    # Attach it as 資料3 (unpublished).
    panel = page.locator("#attach-panel")
    panel.get_by_label("資料番号").fill("資料3")
    panel.get_by_role("button", name="XLSXを資料として登録").click()
    page.get_by_text("資料3として会議資料に登録しました").wait_for()
    material = Material.objects.get(meeting=meeting, number="資料3")
    assert not material.is_published
    assert material.versions.get().original_name.endswith(".xlsx")

    # Hide one comment with a reason, from the moderation list.
    page.goto("/moderation/")
    row = page.locator(f"#mod-row-{to_hide.pk}")
    row.get_by_label("非表示の理由").fill("委員会の議題と関係のない宣伝のため")
    row.get_by_role("button", name="非表示にする").click()
    page.locator(f"#mod-row-{to_hide.pk}").get_by_role("button", name="再表示する").wait_for()
    to_hide.refresh_from_db()
    assert to_hide.is_hidden and to_hide.hidden_reason == "委員会の議題と関係のない宣伝のため"
    assert ModerationEvent.objects.get(comment=to_hide).action == "hide"

    # Two days before the deadline, the reminder command runs twice.
    first.comment_closes_at = timezone.now() + dt.timedelta(hours=30)
    first.save()
    mail.outbox.clear()
    call_command("send_notifications", verbosity=0)
    sent = len(mail.outbox)
    call_command("send_notifications", verbosity=0)
    assert len(mail.outbox) == sent  # nothing twice
    reminders = [m for m in mail.outbox if "48時間" in m.subject]
    assert sorted(m.to[0] for m in reminders) == [b.email, c.email]  # A answered everything
    reminder_b = next(m for m in reminders if m.to == [b.email])
    assert questions[1].title in reminder_b.body and questions[2].title in reminder_b.body
    assert questions[0].title not in reminder_b.body
