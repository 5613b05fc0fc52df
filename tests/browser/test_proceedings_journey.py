"""The meeting record of 第6回 in the browser: the secretariat records attendance (quorum shown),
uploads a transcript, member_a corrects one of their statements and member_b confirms; the
secretariat accepts and publishes the 議事録, which an observer reads; then a 書面審議 with three
members voting and one recused ends in a published 議決記録."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from committee.models import Material, Meeting
from proceedings.models import Attendance, Deliberation, Record, Statement
from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRANSCRIPT = """【主査】それでは第6回を開会します。
【A委員】若手の派遣を増やすべきです。
○B委員　帰国後のポストが課題です。
事務局（国際研究開発政策課長）　ご指摘ありがとうございます。
【山田参考人】大学の取組をご紹介します。
【A委員】支援の期間も重要です。
"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _set_attendance(page, name, label, *, keyboard=False):
    row = page.locator("#attendance-panel tr", has_text=name)
    radio = row.get_by_label(label, exact=True)
    if keyboard:
        radio.focus()
        page.keyboard.press("Space")
        row.get_by_role("button", name="保存").focus()
        page.keyboard.press("Enter")
    else:
        radio.check()
        row.get_by_role("button", name="保存").click()
    expect(page.locator("#attendance-panel [role=status]").first).to_have_text(
        f"保存しました：{name}"
    )


def _record_attendance(page, meeting):
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="出欠", exact=True).click()
    page.get_by_role("button", name="現在の委員から名簿を作成").click()
    page.locator("#attendance-panel tr", has_text="主査（委員長）").get_by_role(
        "button", name="主査にする"
    ).click()
    expect(
        page.locator("#attendance-panel tr", has_text="主査（委員長）").locator(".badge")
    ).to_have_text("主査")
    _set_attendance(page, "主査（委員長）", "出席（会場）", keyboard=True)
    _set_attendance(page, "A委員", "出席（オンライン）")
    quorum = page.locator("#quorum")
    expect(quorum).to_contain_text("定足数に達していません")  # 2 of 4 is not more than half
    _set_attendance(page, "B委員", "出席（会場）")
    expect(quorum).to_contain_text("4人中3人")
    expect(quorum).to_contain_text("定足数に達しています")
    _set_attendance(page, "C委員", "欠席")


def _upload_transcript(page, meeting, tmp_path):
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("button", name="議事録を作成").click()
    page.get_by_role("link", name="速記録の取込み").click()
    path = tmp_path / "sokkiroku.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    page.get_by_label("またはテキストファイル（UTF-8）").set_input_files(str(path))
    page.get_by_role("button", name="発言を取り込む").click()
    expect(page.get_by_role("alert").first).to_contain_text("照合できない発言者")
    page.get_by_label("山田参考人").select_option(label="委員以外（表記のまま）")
    page.get_by_role("button", name="発言を取り込む").click()
    expect(page.get_by_text("6件の発言を取り込みました。")).to_be_visible()
    deadline = (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("確認の締切").fill(deadline)
    page.get_by_role("button", name="発言者に確認を依頼する").click()
    expect(page.get_by_text("発言者3人に確認を依頼しました。")).to_be_visible()


def _correct_and_confirm(new_page, meeting, record):
    # member_a corrects one of their statements; they see only their own.
    pa = new_page()
    browser_login(pa, "member_a_x")
    pa.goto(f"/meetings/{meeting.pk}/")
    pa.get_by_role("link", name="発言内容の確認").click()
    expect(pa.locator(".statement")).to_have_count(2)
    expect(pa.get_by_text("帰国後のポストが課題です。")).to_have_count(0)
    first = pa.locator(".statement").first
    first.get_by_text("修正を提案する").click()
    first.get_by_label("修正後の発言").fill("若手研究者の長期派遣を増やすべきです。")
    first.get_by_role("button", name="修正案を送る").click()
    expect(pa.get_by_text("修正案を事務局に送りました。")).to_be_visible()

    # member_b confirms; the chair confirms too.
    for username in ("member_b_x", "chair_x"):
        pm = new_page()
        browser_login(pm, username)
        pm.goto(f"/proceedings/records/{record.pk}/confirm/")
        pm.get_by_role("button", name="自分の発言を確認しました").click()
        expect(pm.locator("#my-status")).to_have_text("発言内容を確認済みです。")


def _accept_and_publish(page, record):
    # The secretariat accepts the correction (tracked changes) and publishes.
    page.goto(f"/proceedings/records/{record.pk}/manage/")
    expect(page.locator(".confirmations")).to_contain_text("B委員: 確認済み")
    correction = page.locator(".correction")
    expect(correction.locator("ins").first).to_be_visible()
    correction.get_by_role("button", name="採用する").click()
    expect(page.get_by_text("修正を採用しました。")).to_be_visible()
    page.get_by_role("button", name="公開する").click()
    expect(page.get_by_text("公開しました（発言者全員が確認済み）。")).to_be_visible()


def _observer_reads(new_page, meeting):
    # An observer reads the published 議事録 from the meeting page, with the attendance.
    po = new_page()
    browser_login(po, "bocho")
    po.goto(f"/meetings/{meeting.pk}/")
    expect(po.locator(".meeting-record")).to_contain_text("A委員: 出席（オンライン）")
    po.locator(".meeting-record").get_by_role("link", name="議事録", exact=True).click()
    expect(po.get_by_text("若手研究者の長期派遣を増やすべきです。")).to_be_visible()
    expect(po.get_by_text("【山田参考人】")).to_be_visible()

    return po


def _decision_in_writing(page, new_page, meeting, observer):
    # 書面審議: put to the four members; C declares a conflict; the other three vote.
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="書面審議を作成").click()
    page.get_by_label("タイトル").fill("中間まとめ（案）の一部修正について")
    page.locator("#id_body").fill("別紙のとおり修正することとしてよいか。")
    deadline = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    page.locator("#id_closes_at").fill(deadline)
    page.get_by_role("button", name="下書きとして保存").click()
    page.get_by_role("button", name="委員に付議する").click()
    expect(page.get_by_text("案を委員に付議しました。")).to_be_visible()
    d = Deliberation.objects.get()
    url = f"/proceedings/written/{d.pk}/"

    pc = new_page()
    browser_login(pc, "member_c_x")
    pc.goto(url)
    pc.on("dialog", lambda dialog: dialog.accept())
    pc.get_by_label("利害関係（理由）").fill("申請機関に在籍しているため")
    pc.get_by_role("button", name="利害関係を申し出る").click()
    expect(pc.get_by_text("利害関係の申出を記録しました。")).to_be_visible()
    expect(pc.locator(".recusals")).to_contain_text("C委員: 利害関係により不参加")
    for username, choice in (("member_a_x", "賛成"), ("member_b_x", "反対"), ("chair_x", "賛成")):
        pv = new_page()
        browser_login(pv, username)
        pv.goto(url)
        pv.get_by_label(choice, exact=True).check()
        pv.get_by_role("button", name="回答する").click()
        expect(pv.get_by_text("回答を記録しました。")).to_be_visible()
        # Votes are private: another member never sees how the others voted.
        expect(pv.locator("#count-for")).to_have_count(0)

    page.goto(url)
    page.get_by_role("button", name="結果を記録する").click()
    expect(page.locator("#outcome")).to_contain_text("可決")
    page.get_by_role("button", name="公開して資料として登録").click()
    expect(page.get_by_text("議決記録を公開しました。")).to_be_visible()
    d.refresh_from_db()
    assert d.status == "published" and d.material is not None
    assert Material.objects.get(pk=d.material_id).is_published

    observer.goto(url)
    expect(observer.locator("#count-for")).to_have_text("2")
    expect(observer.locator("#count-against")).to_have_text("1")
    expect(observer.locator("#outcome")).to_contain_text("可決")


def test_meeting_6_record_and_a_decision_in_writing(page, new_page, tmp_path):
    call_command("seed_demo", verbosity=0)
    factories.secretariat(username="jimu", display_name="事務局")
    chair = factories.member(username="chair_x", display_name="主査（委員長）")
    a = factories.member(username="member_a_x", display_name="A委員")
    b = factories.member(username="member_b_x", display_name="B委員")
    c = factories.member(username="member_c_x", display_name="C委員")
    factories.observer(username="bocho", display_name="傍聴者")
    meeting = Meeting.objects.get(number=6)

    browser_login(page, "jimu")
    _record_attendance(page, meeting)
    assert Attendance.objects.get(meeting=meeting, member=chair).is_chair
    assert Attendance.objects.get(meeting=meeting, member=c).status == "absent"
    _upload_transcript(page, meeting, tmp_path)
    record = Record.objects.get(meeting=meeting, kind="full")
    assert record.statements.filter(speaker_user=a).count() == 2

    _correct_and_confirm(new_page, meeting, record)
    assert record.confirmations.get(member=b).confirmed_at is not None
    _accept_and_publish(page, record)
    edited = Statement.objects.get(record=record, speaker_user=a, position=2)
    assert edited.text == "若手研究者の長期派遣を増やすべきです。"
    observer = _observer_reads(new_page, meeting)
    _decision_in_writing(page, new_page, meeting, observer)
