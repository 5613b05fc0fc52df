"""Builders for the proceedings tests: a meeting with its roster, a record with statements."""

import datetime as dt

from django.utils import timezone

from proceedings.models import Attendance, Confirmation, Deliberation, Record, Statement
from tests import factories


def roster(meeting, members, *, chair=None) -> list[Attendance]:
    return [
        Attendance.objects.create(meeting=meeting, member=m, name=str(m), is_chair=(m == chair))
        for m in members
    ]


def record(meeting, *, kind=Record.Kind.FULL, status=Record.Status.DRAFT, **kwargs) -> Record:
    return Record.objects.create(meeting=meeting, kind=kind, status=status, **kwargs)


def statement(rec, *, speaker=None, text="発言です。", position=None, item=None, **kwargs):
    position = position or (rec.statements.count() + 1)
    if speaker is not None:
        kwargs.setdefault("speaker_kind", Statement.Speaker.MEMBER)
        kwargs.setdefault("speaker_label", str(speaker))
    else:
        kwargs.setdefault("speaker_kind", Statement.Speaker.SECRETARIAT)
        kwargs.setdefault("speaker_label", "事務局")
    return Statement.objects.create(
        record=rec, speaker_user=speaker, text=text, position=position, agenda_item=item, **kwargs
    )


def confirming(meeting, speakers, *, deadline_days=7):
    """A 議事録 out for confirmation with one statement per speaker."""
    rec = record(
        meeting,
        status=Record.Status.CONFIRMING,
        confirm_deadline=timezone.now() + dt.timedelta(days=deadline_days),
    )
    for speaker in speakers:
        statement(rec, speaker=speaker, text=f"{speaker}の発言です。")
        Confirmation.objects.create(record=rec, member=speaker)
    return rec


def deliberation(meeting, *, members=(), status=Deliberation.Status.OPEN, days=7, **kwargs):
    return Deliberation.objects.create(
        meeting=meeting,
        title=kwargs.pop("title", "書面審議の案"),
        body=kwargs.pop("body", "案の本文"),
        closes_at=timezone.now() + dt.timedelta(days=days),
        roster=[m.pk for m in members],
        status=status,
        opened_at=timezone.now() if status != Deliberation.Status.DRAFT else None,
        **kwargs,
    )


def meeting(**kwargs):
    return factories.MeetingFactory(**kwargs)
