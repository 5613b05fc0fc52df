"""Where the committee stands: per question, each member's latest stance in each meeting's
window (第5回〜第8回), from their comments and replies, the earlier versions of edited comments
(revisions) and their reviews of report paragraphs answering the question.

A meeting's window runs from just after the previous column's meeting to the end of this
meeting's day; an edit counts at the time it was made, with the stance it set (a revision
holds the stance a comment had from `written_at`). Deleted or hidden comments and reviews do
not count; the grid says how many were left out. Four queries, whatever the numbers (the
meetings, the questions, the members and stance_sql.LATEST).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from committee.models import Meeting
from core.choices import choice_labels
from policies.access import visible_questions
from policies.digest import active_members
from policies.models import Comment, Question
from reports.review import stance_sql
from reports.review.access import sees_all_stances

GRID_MEETINGS = (5, 6, 7, 8)
STANCES = [s.value for s in Comment.Stance]
LABELS = dict(Comment.Stance.choices)


@dataclass
class Cell:
    stance: str = ""
    changed_from: str = ""

    @property
    def label(self) -> str:
        return str(LABELS.get(self.stance, ""))

    @property
    def changed_from_label(self) -> str:
        return str(LABELS.get(self.changed_from, ""))


@dataclass
class MemberRow:
    member: object
    cells: list[Cell]


@dataclass
class QuestionGrid:
    question: Question
    rows: list[MemberRow]
    counts: list[list[tuple[str, int]]]  # per meeting column: (stance label, members)
    left_out: int = 0
    changes: int = 0


@dataclass
class Standing:
    meetings: list
    grids: list[QuestionGrid] = field(default_factory=list)


def _window_ends(meetings) -> list[dt.datetime]:
    ends = []
    for m in meetings:
        at = m.ends_at or m.starts_at
        if at is None and m.period_end:
            at = timezone.make_aware(dt.datetime.combine(m.period_end, dt.time.max))
        day = timezone.localtime(at).date() if at else None
        ends.append(timezone.make_aware(dt.datetime.combine(day, dt.time.max)) if day else None)
    return ends


def _windows(ends) -> tuple[list[int], list, list]:
    """The columns with an end, each as (index, after, until): a window runs from just after
    the previous column's end (none for the first) to its own end."""
    index, after, until, previous = [], [], [], None
    for i, end in enumerate(ends):
        if end is None:
            continue
        index.append(i)
        after.append(previous)
        until.append(end)
        previous = end
    return index, after, until


def _latest(question_ids, member_ids, ends) -> tuple[dict, Counter]:
    """{(question, member): {column: latest stance}} and {question: left out}, in one query:
    PostgreSQL picks each window's latest event (stance_sql.LATEST) so Python only sees the
    cells, never the events."""
    index, after, until = _windows(ends)
    latest: dict[tuple[int, int], dict[int, str]] = {}
    left_out: Counter = Counter()
    params = {"q": question_ids, "m": member_ids, "i": index, "lo": after, "hi": until}
    with connection.cursor() as cursor:
        cursor.execute(stance_sql.LATEST, params)
        for kind, qid, author, column, stance in cursor.fetchall():
            if kind:
                left_out[qid] = column
            else:
                latest.setdefault((qid, author), {})[column] = stance
    return latest, left_out


def _cells(latest: dict[int, str], ends: list) -> list[Cell]:
    cells, previous = [], ""
    for column, end in enumerate(ends):
        stance = latest.get(column, "") if end else ""
        changed = previous if stance and previous and previous != stance else ""
        cells.append(Cell(stance, changed))
        previous = stance or previous
    return cells


def _counts(stances, labels: dict[str, str]) -> list[tuple[str, int]]:
    tally = Counter(s for s in stances if s)
    return [(labels[s], tally[s]) for s in STANCES if tally[s]]


def standing(user, *, question: Question | None = None) -> Standing:
    """The grids the user may see (members: their own row; chair and secretariat: all)."""
    meetings = list(Meeting.objects.filter(number__in=GRID_MEETINGS).order_by("number"))
    ends = _window_ends(meetings)
    # Stances are taken on published questions only, so a draft the secretariat sees has none.
    qs = visible_questions(user).published().select_related("perspective")
    questions = [question] if question is not None else list(qs)
    members = list(active_members())
    if not sees_all_stances(user):
        members = [m for m in members if m.pk == user.pk]
    result = Standing(meetings=meetings)
    until = max([e for e in ends if e], default=None)
    if until is None or not questions:
        return result
    latest, left_out = _latest([q.pk for q in questions], [m.pk for m in members], ends)
    labels = choice_labels(Comment.Stance.choices)  # translated once, not per count
    for q in questions:
        rows = [MemberRow(m, _cells(latest.get((q.pk, m.pk), {}), ends)) for m in members]
        counts = [_counts((r.cells[i].stance for r in rows), labels) for i in range(len(meetings))]
        changes = sum(1 for r in rows for c in r.cells if c.changed_from)
        result.grids.append(QuestionGrid(q, rows, counts, left_out.get(q.pk, 0), changes))
    return result
