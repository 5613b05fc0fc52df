"""Reads of the meeting record, always given the acting user where visibility depends on it."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, QuerySet, Value

from accounts import roles
from accounts.roles import is_secretariat
from committee.models import AgendaItem, Hearing, Meeting
from proceedings import rules
from proceedings.access import visible_deliberations
from proceedings.models import (
    Attendance,
    Confirmation,
    Correction,
    Deliberation,
    Record,
    Recusal,
    Statement,
)


def current_members() -> QuerySet:
    """Users with the member role today (the roster a new meeting starts from)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.MEMBER)
        .distinct()
        .order_by("username")
    )


@dataclass
class AttendanceSummary:
    rows: list[Attendance]
    members: int
    present: int
    venue: int
    online: int
    absent: int
    unrecorded: int
    needed: int
    quorum: bool
    chair: Attendance | None = None
    recusals: list = field(default_factory=list)


def attendance_summary(meeting: Meeting, *, recusals: bool = True) -> AttendanceSummary:
    """The roster with counts and the quorum (rules.QUORUM), in two queries (one without the
    conflicts of interest)."""
    rows = list(Attendance.objects.filter(meeting=meeting))
    counts = dict.fromkeys(Attendance.Status.values, 0)
    for row in rows:
        counts[row.status] += 1
    present = counts["venue"] + counts["online"]
    if recusals:
        recusals = list(
            Recusal.objects.filter(agenda_item__meeting=meeting).select_related(
                "member", "agenda_item"
            )
        )
    else:
        recusals = []
    return AttendanceSummary(
        rows=rows,
        members=len(rows),
        present=present,
        venue=counts["venue"],
        online=counts["online"],
        absent=counts["absent"],
        unrecorded=counts["unrecorded"],
        needed=rules.quorum_needed(len(rows)),
        quorum=rules.quorum_met(present, len(rows)),
        chair=next((r for r in rows if r.is_chair), None),
        recusals=recusals,
    )


def records_for(user, meeting: Meeting) -> list[Record]:
    """The meeting's records the user may read: all for the secretariat, else published."""
    records = Record.objects.filter(meeting=meeting)
    if not is_secretariat(user):
        records = records.filter(status=Record.Status.PUBLISHED)
    return list(records)


@dataclass
class MeetingRecord:
    """What the meeting page shows of the record: records, 書面審議, and the records that ask
    this member to confirm their statements."""

    records: list[Record]
    deliberations: list
    to_confirm: list[Record]


def meeting_record(user, meeting: Meeting) -> MeetingRecord:
    """The meeting page's section in ONE query (a UNION of what the user may see): the
    meeting page has a query budget, and this section must not grow it by more than one."""
    columns = ("src", "pk", "label", "state")
    records = Record.objects.filter(meeting=meeting)
    if not is_secretariat(user):
        records = records.filter(status=Record.Status.PUBLISHED)
    parts = [
        records.annotate(src=Value("record"), label=F("kind"), state=F("status")).values(*columns),
        visible_deliberations(user)
        .filter(meeting=meeting)
        .annotate(src=Value("deliberation"), label=F("title"), state=F("status"))
        .values(*columns),
    ]
    if roles.is_member(user):
        asked = Record.objects.filter(
            meeting=meeting, status=Record.Status.CONFIRMING, confirmations__member=user
        )
        parts.append(
            asked.annotate(src=Value("confirm"), label=F("kind"), state=F("status")).values(
                *columns
            )
        )
    rows = list(parts[0].union(*parts[1:], all=True).order_by("src", "pk"))
    result = MeetingRecord([], [], [])
    for row in rows:
        if row["src"] == "deliberation":
            result.deliberations.append(
                Deliberation(pk=row["pk"], title=row["label"], status=row["state"])
            )
            continue
        record = Record(pk=row["pk"], meeting=meeting, kind=row["label"], status=row["state"])
        (result.records if row["src"] == "record" else result.to_confirm).append(record)
    return result


@dataclass
class ItemSection:
    item: AgendaItem | None
    statements: list[Statement]


def _statements(record: Record) -> QuerySet:
    return Statement.objects.filter(record=record).select_related("agenda_item")


def record_sections(record: Record, *, statements=None, corrections: bool = False) -> list:
    """Statements grouped by agenda item in agenda order (constant queries whatever the count).

    corrections=True prefetches each statement's corrections (the secretariat's review)."""
    qs = statements if statements is not None else _statements(record)
    if corrections:
        qs = qs.prefetch_related(
            Prefetch("corrections", queryset=Correction.objects.select_related("proposed_by"))
        )
    sections: dict[int | None, ItemSection] = {}
    for statement in qs.order_by("agenda_item__position", "position"):
        key = statement.agenda_item_id
        if key not in sections:
            sections[key] = ItemSection(statement.agenda_item, [])
        sections[key].statements.append(statement)
    return list(sections.values())


def own_statements(record: Record, user) -> QuerySet:
    """The statements a member spoke in the record (what their confirmation covers)."""
    return _statements(record).filter(speaker_kind=Statement.Speaker.MEMBER, speaker_user=user)


def confirmations(record: Record) -> list[Confirmation]:
    return list(Confirmation.objects.filter(record=record).select_related("member"))


def pending_corrections(record: Record) -> int:
    return Correction.objects.filter(
        statement__record=record, status=Correction.Status.PENDING
    ).count()


def speaker_choices(meeting: Meeting) -> list[tuple[str, str]]:
    """What an unmatched name can be resolved to: a roster member, a hearing speaker, the
    secretariat, or "not a member" (printed as written)."""
    choices = [("other", "")]
    rows = Attendance.objects.filter(meeting=meeting).values_list("member_id", "name")
    members = list(rows) or [(u.pk, str(u)) for u in current_members()]
    choices += [(f"user:{pk}", name) for pk, name in members]
    hearings = Hearing.objects.filter(agenda_item__meeting=meeting)
    choices += [(f"hearing:{h.pk}", h.speaker) for h in hearings]
    choices.append(("secretariat", ""))
    return choices
