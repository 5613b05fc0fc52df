"""XSS targets of the meeting record: every text a person types into proceedings (statement,
speaker label, attendance name, corrections and replies, proposal, vote opinion, conflict of
interest reason) goes through the 44 payloads of test_xss_payloads on the pages that show it;
the member's confirmation page and the transcript import's echo are checked the same way."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from proceedings.models import (
    Attendance,
    Confirmation,
    Correction,
    Deliberation,
    Record,
    Recusal,
    Statement,
    Vote,
)
from tests import factories
from tests.security import test_xss_payloads as xss

pytestmark = pytest.mark.django_db


def _record(status="published"):
    meeting = factories.MeetingFactory(is_published=True)
    item = factories.AgendaItemFactory(meeting=meeting, position=1)
    record = Record.objects.create(
        meeting=meeting,
        kind="full",
        status=status,
        published_at=timezone.now(),
        published_basis="all_confirmed",
    )
    return record, item


def _statement():
    record, item = _record()
    member = factories.member()
    return Statement.objects.create(
        record=record,
        agenda_item=item,
        position=1,
        speaker_kind="member",
        speaker_user=member,
        speaker_label="A委員",
        text="発言",
    )


def _correction():
    statement = _statement()
    return Correction.objects.create(
        statement=statement,
        proposed_by=statement.speaker_user,
        base_version=1,
        original_text="発言",
        proposed_text="修正",
        note="連絡",
        response="回答",
        status="discuss",
    )


def _attendance():
    record, _item = _record()
    return Attendance.objects.create(
        meeting=record.meeting, member=factories.member(), name="A委員", status="venue"
    )


def _deliberation():
    meeting = factories.MeetingFactory(is_published=True)
    return Deliberation.objects.create(
        meeting=meeting,
        title="案",
        body="本文",
        status="open",
        closes_at=timezone.now() + dt.timedelta(days=3),
    )


def _vote():
    d = _deliberation()
    member = factories.member()
    d.roster = [member.pk]
    d.save()
    return Vote.objects.create(deliberation=d, member=member, choice="opinion", text="意見")


def _recusal():
    return Recusal.objects.create(
        deliberation=_deliberation(), member=factories.member(), reason="理由"
    )


def _item_recusal():
    record, item = _record()
    return Recusal.objects.create(agenda_item=item, member=factories.member(), reason="理由")


def _record_pages(record) -> list[str]:
    return [
        f"/proceedings/records/{record.pk}/",
        f"/proceedings/records/{record.pk}/print/",
        f"/proceedings/records/{record.pk}/manage/",
        f"/meetings/{record.meeting_id}/",
    ]


Target = xss.Target
TARGETS = [
    Target("statement", _statement, ("speaker_label", "text"), lambda s: _record_pages(s.record)),
    Target(
        "statement in search",
        _statement,
        ("text",),
        lambda s: ["/search/?kind=statements&q={marker}"],
    ),
    # One field at a time: a diff of two marked texts would cut both markers apart.
    Target(
        "correction original",
        _correction,
        ("original_text",),
        lambda c: [f"/proceedings/records/{c.statement.record_id}/manage/"],
    ),
    Target(
        "correction proposal",
        _correction,
        ("proposed_text",),
        lambda c: [f"/proceedings/records/{c.statement.record_id}/manage/"],
    ),
    Target(
        "correction note and reply",
        _correction,
        ("note", "response"),
        lambda c: [f"/proceedings/records/{c.statement.record_id}/manage/"],
    ),
    Target(
        "attendance name",
        _attendance,
        ("name",),
        lambda a: [
            f"/proceedings/meetings/{a.meeting_id}/attendance/",
            f"/meetings/{a.meeting_id}/",
            f"/proceedings/records/{a.meeting.records.get().pk}/",
        ],
    ),
    Target(
        "proposal",
        _deliberation,
        ("title", "body"),
        lambda d: [
            f"/proceedings/written/{d.pk}/",
            "/proceedings/written/",
            f"/meetings/{d.meeting_id}/",
        ],
    ),
    Target(
        "vote opinion", _vote, ("text",), lambda v: [f"/proceedings/written/{v.deliberation_id}/"]
    ),
    Target(
        "conflict of interest on a proposal",
        _recusal,
        ("reason",),
        lambda r: [f"/proceedings/written/{r.deliberation_id}/"],
    ),
    Target(
        "conflict of interest on an agenda item",
        _item_recusal,
        ("reason",),
        lambda r: [
            f"/proceedings/meetings/{r.agenda_item.meeting_id}/attendance/",
            f"/proceedings/records/{r.agenda_item.meeting.records.get().pk}/",
        ],
    ),
]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_proceedings_payloads_never_come_back_executable(target):
    xss.test_payloads_never_come_back_executable(target)


def test_confirmation_page_shows_own_statements_inertly():
    record, item = _record(status="confirming")
    member = factories.member()
    Confirmation.objects.create(record=record, member=member)
    client = Client()
    client.force_login(member)
    problems, shown = [], 0
    for i, payload in enumerate(xss.PAYLOADS):
        statement = Statement.objects.create(
            record=record,
            agenda_item=item,
            position=i + 1,
            speaker_kind="member",
            speaker_user=member,
            speaker_label=f"{xss._marker(i, 1)} {payload}"[:100],
            text=f"{xss._marker(i, 0)} {payload}",
        )
        Correction.objects.create(
            statement=statement,
            proposed_by=member,
            base_version=1,
            original_text=payload,
            proposed_text=f"{payload} 修正",
            response=payload,
        )
    page = client.get(f"/proceedings/records/{record.pk}/confirm/").content.decode()
    parsed = xss.scan(page)
    problems += parsed.problems
    values = "\n".join(parsed.seen)
    shown = sum(1 for i in range(len(xss.PAYLOADS)) if xss._marker(i, 0) in values)
    assert not problems, "\n".join(problems[:20])
    assert shown == len(xss.PAYLOADS)


def test_unmatched_speaker_names_come_back_inert():
    record, _item = _record(status="draft")
    client = Client()
    client.force_login(factories.secretariat())
    problems = []
    for i, payload in enumerate(xss.PAYLOADS):
        name = f"{xss._marker(i, 0)}{payload}".replace("】", "").replace("\n", " ")[:60]
        response = client.post(
            f"/proceedings/records/{record.pk}/import/", {"text": f"【{name}】発言"}
        )
        assert response.status_code == 400, payload
        parsed = xss.scan(response.content.decode())
        problems += [f"payload {i}: {p}" for p in parsed.problems]
        assert xss._marker(i, 0) in "\n".join(parsed.seen)
    assert not problems, "\n".join(problems[:20])
    assert not record.statements.exists()
