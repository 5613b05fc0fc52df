"""Where the committee stands: per question, each member's latest stance in each meeting's
window (第5回〜第8回), from their comments and replies, the earlier versions of edited comments
(revisions) and their reviews of report paragraphs answering the question.

A meeting's window runs from just after the previous column's meeting to the end of this
meeting's day; an edit counts at the time it was made, with the stance it set (a revision
holds the stance a comment had from `written_at`). Deleted or hidden comments and reviews do
not count; the grid says how many were left out. Eight queries, whatever the numbers.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from committee.models import Meeting
from policies.digest import active_members
from policies.models import Comment, CommentRevision, Question
from reports.models import Paragraph, ParagraphReview, ParagraphReviewRevision
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


# What a comment or paragraph review row gives the grid, after the key that names its questions.
_ROW = ("pk", "author_id", "stance", "created_at", "edited_at", "deleted_at", "is_hidden")


def _live(rows, questions_of, member_ids, add, left_out) -> dict[int, list[tuple[int, int]]]:
    """Add each live row's stance to its questions; count deleted or hidden ones as left out.
    Returns {pk: [(question, author)]} of the live rows, for their revisions."""
    live: dict[int, list[tuple[int, int]]] = {}
    for key, pk, author, stance, created, edited, deleted, hidden in rows:
        for qid in questions_of(key):
            if deleted or hidden:
                left_out[qid] += author in member_ids
                continue
            live.setdefault(pk, []).append((qid, author))
            add(qid, author, edited or created, stance)
    return live


def _add_revisions(revisions, live, add) -> None:
    # An earlier version's stance counts at the time it was written.
    for pk, stance, written in revisions:
        for qid, author in live.get(pk, []):
            add(qid, author, written, stance)


def _events(question_ids, member_ids, until):
    """{(question, member): [(at, stance)]} and {question: left out}. Seven queries."""
    events: dict[tuple[int, int], list] = {}
    left_out: Counter = Counter()

    def add(question_id, author_id, at, stance):
        if at <= until and author_id in member_ids:
            events.setdefault((question_id, author_id), []).append((at, stance))

    comments = Comment.objects.filter(question_id__in=question_ids).values_list(
        "question_id", *_ROW
    )
    live = _live(comments, lambda qid: [qid], member_ids, add, left_out)
    _add_revisions(
        CommentRevision.objects.filter(comment__question_id__in=question_ids).values_list(
            "comment_id", "stance", "written_at"
        ),
        live,
        add,
    )
    links: dict[int, list[int]] = {}
    through = Paragraph.questions.through
    for pid, qid in through.objects.filter(question_id__in=question_ids).values_list(
        "paragraph_id", "question_id"
    ):
        links.setdefault(pid, []).append(qid)
    reviews = ParagraphReview.objects.filter(paragraph_id__in=list(links)).values_list(
        "paragraph_id", *_ROW
    )
    live_reviews = _live(reviews, links.__getitem__, member_ids, add, left_out)
    _add_revisions(
        ParagraphReviewRevision.objects.filter(review_id__in=list(live_reviews)).values_list(
            "review_id", "stance", "written_at"
        ),
        live_reviews,
        add,
    )
    return events, left_out


def _cells(stamps: list, ends: list) -> list[Cell]:
    stamps = sorted(stamps, key=lambda e: e[0])
    cells, previous, start = [], "", None
    for end in ends:
        inside = [s for at, s in stamps if end and at <= end and (start is None or at > start)]
        stance = inside[-1] if inside else ""
        changed = previous if stance and previous and previous != stance else ""
        cells.append(Cell(stance, changed))
        previous = stance or previous
        start = end or start
    return cells


def _counts(stances) -> list[tuple[str, int]]:
    tally = Counter(s for s in stances if s)
    return [(str(LABELS[s]), tally[s]) for s in STANCES if tally[s]]


def standing(user, *, question: Question | None = None) -> Standing:
    """The grids the user may see (members: their own row; chair and secretariat: all)."""
    meetings = list(Meeting.objects.filter(number__in=GRID_MEETINGS).order_by("number"))
    ends = _window_ends(meetings)
    qs = Question.objects.filter(is_published=True).select_related("perspective")
    questions = [question] if question is not None else list(qs)
    members = list(active_members())
    if not sees_all_stances(user):
        members = [m for m in members if m.pk == user.pk]
    result = Standing(meetings=meetings)
    until = max([e for e in ends if e], default=None)
    if until is None or not questions:
        return result
    events, left_out = _events([q.pk for q in questions], {m.pk for m in members}, until)
    for q in questions:
        rows = [MemberRow(m, _cells(events.get((q.pk, m.pk), []), ends)) for m in members]
        counts = [_counts(r.cells[i].stance for r in rows) for i in range(len(meetings))]
        changes = sum(1 for r in rows for c in r.cells if c.changed_from)
        result.grids.append(QuestionGrid(q, rows, counts, left_out.get(q.pk, 0), changes))
    return result
