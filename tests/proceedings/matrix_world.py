"""The meeting record's objects for the authorisation matrix, added to the world of
tests/security/world.py inside its transaction (so rolled back with it)."""

import datetime as dt

from django.utils import timezone

from proceedings.models import (
    Attendance,
    Confirmation,
    Correction,
    Deliberation,
    Record,
    Statement,
    Vote,
)
from tests import factories

# Texts only the secretariat may read: a draft record, a record out for confirmation (the
# secretariat's statement in it), a draft proposal, a vote while votes are private.
PROC_DRAFT = {
    "proc_draft_record": "未公開草案 ZQPROCDRAFTRECORD",
    "proc_confirming": "未公開草案 ZQPROCCONFIRMING",
    "proc_draft_deliberation": "未公開草案 ZQPROCDRAFTDELIB",
    "proc_private_vote": "未公開草案 ZQPROCPRIVATEVOTE",
}


def build(w):
    now = timezone.now()
    w.third = factories.member(username="zq_third", display_name="第三委員")
    _build_records(w, now)
    _build_deliberations(w, now)


def _build_records(w, now):
    w.att = Attendance.objects.create(meeting=w.meeting, member=w.member, name="自委員")
    Attendance.objects.create(meeting=w.meeting, member=w.other, name="他委員")
    w.pub_record = Record.objects.create(
        meeting=w.meeting, kind="summary", status="published", published_at=now
    )
    Statement.objects.create(
        record=w.pub_record,
        position=1,
        speaker_kind="member",
        speaker_user=w.member,
        speaker_label="自委員",
        text="公開された発言",
    )
    w.conf_record = Record.objects.create(
        meeting=w.meeting, kind="full", status="confirming", confirm_deadline=now + dt.timedelta(7)
    )
    w.own_statement = Statement.objects.create(
        record=w.conf_record,
        position=1,
        speaker_kind="member",
        speaker_user=w.member,
        speaker_label="自委員",
        text="自分の発言",
    )
    w.other_statement = Statement.objects.create(
        record=w.conf_record,
        position=2,
        speaker_kind="member",
        speaker_user=w.other,
        speaker_label="他委員",
        text="他の委員の発言",
    )
    Statement.objects.create(
        record=w.conf_record,
        position=3,
        speaker_kind="secretariat",
        speaker_label="事務局",
        text=PROC_DRAFT["proc_confirming"],
    )
    for member in (w.member, w.other):
        Confirmation.objects.create(record=w.conf_record, member=member)
    w.correction = Correction.objects.create(
        statement=w.own_statement,
        proposed_by=w.member,
        base_version=1,
        original_text="自分の発言",
        proposed_text="自分の発言（修正）",
    )
    w.draft_record = Record.objects.create(meeting=w.meeting_no_minutes, kind="full")
    Statement.objects.create(
        record=w.draft_record,
        position=1,
        speaker_kind="secretariat",
        speaker_label="事務局",
        text=PROC_DRAFT["proc_draft_record"],
    )
    w.record_of_draft_meeting = Record.objects.create(
        meeting=w.draft_meeting, kind="summary", status="published", published_at=now
    )


def _build_deliberations(w, now):
    roster = [w.member.pk, w.other.pk, w.third.pk]
    common = {"meeting": w.meeting, "body": "案", "closes_at": now + dt.timedelta(days=7)}
    w.open_d = Deliberation.objects.create(
        title="受付中の案", status="open", roster=roster, opened_at=now, **common
    )
    Vote.objects.create(
        deliberation=w.open_d,
        member=w.third,
        choice="opinion",
        text=PROC_DRAFT["proc_private_vote"],
    )
    w.draft_d = Deliberation.objects.create(title=PROC_DRAFT["proc_draft_deliberation"], **common)
    tally = {
        "members": 3,
        "recused": 0,
        "eligible": 3,
        "cast": 0,
        "needed": 2,
        "counts": {"for": 0, "against": 0, "opinion": 0},
        "quorum": False,
        "outcome": "no_quorum",
    }
    w.decided_d = Deliberation.objects.create(
        title="結果記録済みの案",
        status="decided",
        roster=roster,
        outcome="no_quorum",
        tally=tally,
        decided_at=now,
        **common,
    )
    w.published_d = Deliberation.objects.create(
        title="公開済みの議決",
        status="published",
        roster=roster,
        outcome="no_quorum",
        tally=tally,
        decided_at=now,
        published_at=now,
        **common,
    )
