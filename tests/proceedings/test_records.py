"""Minutes by speaker: transcript import, 議事録確認 with tracked corrections, publication,
the printable page and the DOCX read back, and the meeting page's links."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from committee.models import Minutes
from proceedings.models import Confirmation, Correction, Record, Statement
from proceedings.services import confirm as confirm_services
from tests import factories
from tests.proceedings import factories as pf

pytestmark = pytest.mark.django_db

TRANSCRIPT = """【主査】それでは議事に入ります。
【A委員】若手の派遣を増やすべきです。
続けて申し上げます。
○B委員　帰国後のポストが課題です。
事務局（国際研究開発政策課長）　ご指摘ありがとうございます。
"""


@pytest.fixture
def people():
    chair = factories.member(username="chair", display_name="主査（委員長）")
    a = factories.member(username="iin_a", display_name="A委員")
    b = factories.member(username="iin_b", display_name="B委員")
    return chair, a, b


@pytest.fixture
def meeting(people):
    meeting = pf.meeting(number=6)
    factories.AgendaItemFactory(meeting=meeting, position=1, title="観点①")
    pf.roster(meeting, people, chair=people[0])
    return meeting


def _import(client, record, text, **extra):
    return client.post(f"/proceedings/records/{record.pk}/import/", {"text": text, **extra})


def test_transcript_import_matches_speakers(secretariat_client, meeting, people):
    chair, a, b = people
    record = pf.record(meeting)
    response = _import(secretariat_client, record, TRANSCRIPT)
    assert response.status_code == 302
    rows = list(record.statements.order_by("position"))
    assert [(s.speaker_kind, s.speaker_user) for s in rows] == [
        ("member", chair),
        ("member", a),
        ("member", b),
        ("secretariat", None),
    ]
    assert rows[1].text == "若手の派遣を増やすべきです。\n続けて申し上げます。"


def test_unmatched_speakers_import_nothing_until_resolved(secretariat_client, meeting, people):
    record = pf.record(meeting)
    text = TRANSCRIPT + "【C委員】新任です。\n【山田様】傍聴からの発言です。\n"
    response = _import(secretariat_client, record, text)
    assert response.status_code == 400
    body = response.content.decode()
    assert "照合できなかった発言者" in body and "C委員" in body and "山田様" in body
    assert "新任です。" in body  # the text comes back in the box
    assert record.statements.count() == 0
    # Resolve C委員 as member B (a typo in the transcript), accept 山田様 as a non-member.
    response = _import(
        secretariat_client,
        record,
        text,
        unmatched=["C委員", "山田様"],
        **{"resolve-0": f"user:{people[2].pk}", "resolve-1": "other"},
    )
    assert response.status_code == 302
    last = list(record.statements.order_by("position"))[-2:]
    assert last[0].speaker_user == people[2] and last[0].speaker_label == "B委員"
    assert last[1].speaker_kind == "other" and last[1].speaker_label == "山田様"


def test_transcript_upload_as_a_file(secretariat_client, meeting):
    record = pf.record(meeting)
    upload = SimpleUploadedFile("sokki.txt", TRANSCRIPT.encode("utf-8-sig"), "text/plain")
    response = secretariat_client.post(
        f"/proceedings/records/{record.pk}/import/", {"text": "", "upload": upload}
    )
    assert response.status_code == 302
    assert record.statements.count() == 4
    bad = SimpleUploadedFile("sokki.txt", TRANSCRIPT.encode("shift_jis"), "text/plain")
    response = secretariat_client.post(
        f"/proceedings/records/{record.pk}/import/", {"text": "", "upload": bad}
    )
    assert response.status_code == 422 and record.statements.count() == 4


def _confirm_flow(meeting, people):
    chair, a, b = people
    record = pf.record(meeting)
    item = meeting.agenda_items.first()
    s_a = pf.statement(record, speaker=a, text="若手の派遣を増やすべきです。", item=item)
    s_b = pf.statement(record, speaker=b, text="帰国後のポストが課題です。", item=item)
    pf.statement(record, text="事務局から説明します。", item=item)
    return record, s_a, s_b


def test_confirmation_by_the_speakers_then_publication(secretariat_client, meeting, people, client):
    chair, a, b = people
    record, s_a, s_b = _confirm_flow(meeting, people)
    deadline = (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = secretariat_client.post(
        f"/proceedings/records/{record.pk}/send/", {"deadline": deadline}
    )
    assert response.status_code == 302
    assert set(Confirmation.objects.filter(record=record).values_list("member", flat=True)) == {
        a.pk,
        b.pk,
    }
    # Each member sees only their own statements.
    client.force_login(a)
    page = client.get(f"/proceedings/records/{record.pk}/confirm/").content.decode()
    assert s_a.text in page and s_b.text not in page and "事務局から説明します。" not in page
    # The chair does not speak: no confirmation page for them.
    assert (
        factories_client(chair).get(f"/proceedings/records/{record.pk}/confirm/").status_code == 404
    )
    # A cannot correct B's statement.
    response = client.post(
        f"/proceedings/statements/{s_b.pk}/correct/", {"text": "改ざん", "version": 1}
    )
    assert response.status_code == 404
    # A proposes a correction (tracked changes on the secretariat's page).
    response = client.post(
        f"/proceedings/statements/{s_a.pk}/correct/",
        {"text": "若手研究者の派遣を大幅に増やすべきです。", "version": s_a.version, "note": ""},
    )
    assert response.status_code == 302
    correction = Correction.objects.get(statement=s_a)
    # Not yet publishable: B has not answered, the correction is open.
    response = secretariat_client.post(f"/proceedings/records/{record.pk}/publish/")
    assert response.status_code == 409
    # Reminders go to B only, once a day.
    mail.outbox.clear()
    assert confirm_services.reminders_send(record=record) == 1
    assert confirm_services.reminders_send(record=record) == 0
    assert [m.to for m in mail.outbox] == [[b.email]]
    assert "議事録確認" in mail.outbox[0].subject
    client.force_login(b)
    assert client.post(f"/proceedings/records/{record.pk}/confirm/done/").status_code == 302
    manage = secretariat_client.get(f"/proceedings/records/{record.pk}/manage/").content.decode()
    assert "<ins>研究者</ins>" in manage and "<ins>大幅に</ins>" in manage
    response = secretariat_client.post(
        f"/proceedings/corrections/{correction.pk}/decide/", {"decision": "accept"}
    )
    assert response.status_code == 302
    s_a.refresh_from_db()
    assert s_a.text == "若手研究者の派遣を大幅に増やすべきです。" and s_a.version == 2
    response = secretariat_client.post(f"/proceedings/records/{record.pk}/publish/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.is_published and record.published_basis == Record.Basis.ALL_CONFIRMED


def test_stale_correction_is_refused_and_keeps_the_text(secretariat_client, meeting, people):
    chair, a, b = people
    record, s_a, s_b = _confirm_flow(meeting, people)
    confirm_client = factories_client(a)
    record.status = Record.Status.CONFIRMING
    record.save()
    Confirmation.objects.create(record=record, member=a)
    Statement.objects.filter(pk=s_a.pk).update(version=2, text="事務局が直した文")
    response = confirm_client.post(
        f"/proceedings/statements/{s_a.pk}/correct/", {"text": "私の修正案", "version": 1}
    )
    assert response.status_code == 409
    assert "私の修正案" in response.content.decode()
    assert not Correction.objects.exists()


def test_a_correction_made_stale_is_not_accepted(secretariat_client, meeting, people):
    chair, a, b = people
    record, s_a, _s_b = _confirm_flow(meeting, people)
    record.status = Record.Status.CONFIRMING
    record.save()
    Confirmation.objects.create(record=record, member=a)
    c1 = confirm_services.correction_propose(
        statement=s_a, member=a, base_version=1, text="案その1"
    )
    c2 = confirm_services.correction_propose(
        statement=s_a, member=a, base_version=1, text="案その2"
    )
    secretariat_client.post(f"/proceedings/corrections/{c1.pk}/decide/", {"decision": "accept"})
    response = secretariat_client.post(
        f"/proceedings/corrections/{c2.pk}/decide/", {"decision": "accept"}
    )
    assert response.status_code == 409
    s_a.refresh_from_db()
    assert s_a.text == "案その1"


def test_deadline_passed_allows_publication_and_says_so(secretariat_client, meeting, people):
    record = pf.confirming(meeting, people[1:])
    Record.objects.filter(pk=record.pk).update(
        confirm_deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    response = secretariat_client.post(f"/proceedings/records/{record.pk}/publish/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.published_basis == Record.Basis.DEADLINE_PASSED
    page = secretariat_client.get(f"/proceedings/records/{record.pk}/").content.decode()
    assert "確認の締切を経過" in page


def test_published_record_page_print_docx_and_meeting_links(client, meeting, people):
    chair, a, b = people
    record = pf.record(
        meeting,
        status=Record.Status.PUBLISHED,
        published_at=timezone.now(),
        published_basis=Record.Basis.ALL_CONFIRMED,
    )
    item = meeting.agenda_items.first()
    pf.statement(record, speaker=a, text="若手の派遣を増やすべきです。", item=item)
    rows = meeting.attendance.all()
    rows.filter(member=a).update(status="venue")
    rows.filter(member=b).update(status="online")
    # The old one-text minutes stay as they were, beside the record.
    Minutes.objects.create(meeting=meeting, body="【主査】旧形式の議事録", is_published=True)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f"/proceedings/records/{record.pk}/" in page
    assert f"/proceedings/records/{record.pk}/record.docx" in page
    assert "出席（会場）" in page and "定足数に達しています" in page
    assert "旧形式の議事録" in page
    detail = client.get(f"/proceedings/records/{record.pk}/").content.decode()
    assert "【A委員】" in detail and "観点①" in detail
    printed = client.get(f"/proceedings/records/{record.pk}/print/").content.decode()
    assert "若手の派遣を増やすべきです。" in printed and "print-a4" in printed
    response = client.get(f"/proceedings/records/{record.pk}/record.docx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    name = f"meeting{meeting.number}-{record.kind}-{stamp}.docx"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert "【A委員】若手の派遣を増やすべきです。" in texts
    assert "観点①" in texts
    assert any("出席（オンライン）" in t for t in texts)
    assert round(doc.sections[0].page_width.mm) == 210


def test_draft_attendance_and_records_are_not_shown_to_the_public(client, meeting):
    pf.record(meeting)
    meeting.attendance.update(status="venue")
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "出席（会場）" not in page
    assert "/proceedings/records/" not in page


def test_search_finds_published_statements_only(client, meeting, people):
    published = pf.record(meeting, status=Record.Status.PUBLISHED, kind=Record.Kind.SUMMARY)
    pf.statement(published, speaker=people[1], text="派遣期間の柔軟化が必要です。")
    draft = pf.record(meeting)
    pf.statement(draft, speaker=people[1], text="派遣先の多様化も検討すべきです。")
    page = client.get("/search/?kind=statements&q=派遣").content.decode()
    assert "柔軟化" in page and "多様化" not in page
    # The minutes' own search address now leads to the site search, kind and query kept.
    moved = client.get("/proceedings/search/?q=派遣")
    assert moved.status_code == 302
    assert moved["Location"] == "/search/?kind=statements&q=%E6%B4%BE%E9%81%A3"


def factories_client(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c


def test_reminder_command_sends_once_a_day(meeting, people):
    from django.core.management import call_command

    record = pf.confirming(meeting, people[1:])
    Confirmation.objects.filter(record=record, member=people[1]).update(confirmed_at=timezone.now())
    mail.outbox.clear()
    call_command("send_minutes_reminders", verbosity=0)
    call_command("send_minutes_reminders", verbosity=0)
    assert [m.to for m in mail.outbox] == [[people[2].email]]
    assert f"/proceedings/records/{record.pk}/confirm/" in mail.outbox[0].body
