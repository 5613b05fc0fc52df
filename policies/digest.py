"""Reads for the secretariat's digest (論点整理): a meeting's questions, comments by stance.

The same `MeetingDigest` feeds the printable page, the XLSX and CSV exports and the attached
material, so the three forms cannot disagree.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from accounts import roles
from committee.access import visible_meetings
from policies.access import visible_comments, visible_questions
from policies.models import (
    CITATION_JOINS,
    Comment,
    ModerationEvent,
    Perspective,
    Question,
    StanceColumn,
)


def _counted(comment: Comment) -> bool:
    """What every count of the digest counts: live comments, not hidden (hidden and deleted
    ones are counted apart, once, in the counts table)."""
    return comment.deleted_at is None and not comment.is_hidden


@dataclass
class StanceGroup:
    """The threads opened with one stance; replies stay in their thread (marked as replies,
    with their own stance). `count` is the counts table's figure for this stance."""

    stance: str
    label: str
    threads: list[Comment]  # top-level comments of this stance, each with `digest_replies`
    count: int = 0
    # Replies with this stance that sit in threads opened with another stance.
    replies_elsewhere: list[Comment] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return bool(self.threads or self.count)


@dataclass
class QuestionDigest:
    question: Question
    groups: list[StanceGroup]
    # Live (not deleted, not hidden) comments per stance, replies included.
    counts: dict[str, int]
    hidden_count: int
    deleted_count: int
    not_commented: list
    # Every comment on the question, oldest first (replies included).
    comments: list[Comment] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def count_rows(self) -> list[tuple[str, str, int]]:
        return [(s.value, s.label, self.counts[s.value]) for s in Comment.Stance]

    def column(self, column: StanceColumn) -> list[Comment]:
        """Every comment, reply or not, whose own stance is read in `column` (Stance.column),
        oldest first: a concern raised in a reply belongs with the concerns."""
        return [c for c in self.comments if Comment.Stance(c.stance).column == column]

    @property
    def forward(self) -> list[Comment]:
        return self.column(StanceColumn.FORWARD)

    @property
    def backward(self) -> list[Comment]:
        return self.column(StanceColumn.BACKWARD)

    def column_count(self, column: StanceColumn) -> int:
        """The counts table's figures for the column's stances (hidden and deleted apart)."""
        return sum(
            n for stance, n in self.counts.items() if Comment.Stance(stance).column == column
        )

    @property
    def forward_count(self) -> int:
        return self.column_count(StanceColumn.FORWARD)

    @property
    def backward_count(self) -> int:
        return self.column_count(StanceColumn.BACKWARD)

    @property
    def threads(self) -> list[Comment]:
        """Every thread, in the groups' order (stance, then time): the exports' row order."""
        return [t for g in self.groups for t in g.threads]


@dataclass
class PerspectiveDigest:
    perspective: Perspective
    questions: list[QuestionDigest] = field(default_factory=list)


@dataclass
class MeetingDigest:
    meeting: object
    perspectives: list[PerspectiveDigest]
    # The perspective the digest was narrowed to, if any.
    only: Perspective | None = None

    @property
    def questions(self) -> list[QuestionDigest]:
        return [q for p in self.perspectives for q in p.questions]


def active_members() -> QuerySet:
    """Users expected to comment: active accounts in the `member` group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.MEMBER)
        .distinct()
        .order_by("username")
    )


def meeting_perspectives(user, meeting) -> list[Perspective]:
    """The perspectives that have questions on the meeting's agenda (for the digest's filter)."""
    ids = visible_questions(user).filter(agenda_item__meeting=meeting).values("perspective_id")
    return list(Perspective.objects.filter(pk__in=ids).order_by("position"))


def _attach_replies(comments: list[Comment]) -> list[Comment]:
    """The top-level comments, each with `digest_replies`; each reply gets `digest_parent`."""
    top = [c for c in comments if c.parent_id is None]
    replies: dict[int, list[Comment]] = {}
    for c in comments:
        if c.parent_id is not None:
            replies.setdefault(c.parent_id, []).append(c)
    for t in top:
        t.digest_replies = replies.get(t.pk, [])
        for r in t.digest_replies:
            r.digest_parent = t
    return top


def _stance_groups(top: list[Comment], counts: dict[str, int]) -> list[StanceGroup]:
    groups = []
    for s in Comment.Stance:
        threads = [t for t in top if t.stance == s.value]
        elsewhere = [
            r
            for t in top
            if t.stance != s.value
            for r in t.digest_replies
            if r.stance == s.value and _counted(r)
        ]
        groups.append(
            StanceGroup(
                stance=s.value,
                label=s.label,
                threads=threads,
                count=counts[s.value],
                replies_elsewhere=elsewhere,
            )
        )
    return groups


def _question_digest(question: Question, comments: list[Comment], members: list) -> QuestionDigest:
    top = _attach_replies(comments)
    counts = {s.value: 0 for s in Comment.Stance}
    for c in comments:
        if _counted(c):
            counts[c.stance] += 1
    commented = {c.author_id for c in comments if c.deleted_at is None}
    return QuestionDigest(
        question=question,
        groups=_stance_groups(top, counts),
        counts=counts,
        hidden_count=sum(1 for c in comments if c.deleted_at is None and c.is_hidden),
        deleted_count=sum(1 for c in comments if c.deleted_at is not None),
        not_commented=[m for m in members if m.pk not in commented],
        comments=comments,
    )


def digest_for_meeting(user, meeting, *, perspective: Perspective | None = None) -> MeetingDigest:
    """The digest of a meeting's questions (optionally one perspective's). Secretariat only:
    it shows every comment, hidden and deleted ones included and marked.

    Three queries whatever the number of comments: questions, comments, members.
    """
    questions = (
        visible_questions(user)
        .filter(agenda_item__meeting=meeting)
        .select_related("perspective", "agenda_item")
        .order_by("perspective__position", "position")
    )
    if perspective is not None:
        questions = questions.filter(perspective=perspective)
    questions = list(questions)
    comments = list(
        visible_comments(user)
        .filter(question__in=[q.pk for q in questions])
        .select_related("author", "hidden_by", *CITATION_JOINS)
        .order_by("created_at", "id")
    )
    members = list(active_members())
    by_question: dict[int, list[Comment]] = {}
    for c in comments:
        by_question.setdefault(c.question_id, []).append(c)
    perspectives: dict[int, PerspectiveDigest] = {}
    for q in questions:
        pd = perspectives.setdefault(q.perspective_id, PerspectiveDigest(perspective=q.perspective))
        pd.questions.append(_question_digest(q, by_question.get(q.pk, []), members))
    return MeetingDigest(
        meeting=meeting, perspectives=list(perspectives.values()), only=perspective
    )


def digest_for_question(user, question: Question) -> QuestionDigest:
    """One question's digest (the two-column view). Two queries: comments, members."""
    comments = list(
        visible_comments(user)
        .filter(question=question)
        .select_related("author", "hidden_by", *CITATION_JOINS)
        .order_by("created_at", "id")
    )
    return _question_digest(question, comments, list(active_members()))


MODERATION_LIST_SIZE = 100


def comments_for_moderation(user, *, hidden_only: bool = False) -> list[Comment]:
    """The most recent comments across questions with their moderation history (newest
    first). Secretariat only. Three queries whatever the data size."""
    qs = (
        visible_comments(user)
        .select_related("author", "hidden_by", "question__perspective")
        .prefetch_related(
            Prefetch(
                "moderation_events",
                queryset=ModerationEvent.objects.select_related("actor").order_by("-at", "-id"),
                to_attr="history",
            )
        )
        .order_by("-created_at", "-id")
    )
    if hidden_only:
        qs = qs.filter(is_hidden=True)
    return list(qs[:MODERATION_LIST_SIZE])


def recent_moderation_events(limit: int = 30) -> list[ModerationEvent]:
    """The latest moderation actions, for the record at the foot of the moderation list."""
    return list(
        ModerationEvent.objects.select_related("actor", "comment__question__perspective").order_by(
            "-at", "-id"
        )[:limit]
    )


def meetings_with_questions(user) -> list:
    """Meetings whose agenda carries consultation questions (the digests there are). One query."""
    ids = (
        visible_questions(user).filter(agenda_item__isnull=False).values("agenda_item__meeting_id")
    )
    return list(visible_meetings(user).filter(pk__in=ids).order_by("number"))
