"""Reads for questions and comments, always given the acting user.

Other apps (digest, search, evidence) should read comments through `comments_for_question`
so the visibility rules stay in one place.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from accounts.roles import can_comment, can_see_internal, is_secretariat
from policies.access import visible_comments, visible_questions
from policies.evidence import EvidenceCard, evidence_cards
from policies.models import CITATION_JOINS, Comment, CommentPeriod, DashboardVisit, Question

THREADS_PER_PAGE = 50


def comments_for_question(user, question: Question) -> QuerySet[Comment]:
    """Every comment on the question the user may read, oldest first, authors joined.

    Hidden and deleted comments are included (with their flags) so callers can mark them;
    callers showing bodies must skip `is_hidden` ones unless the user is the secretariat,
    and `deleted_at` ones always.
    """
    return (
        visible_comments(user)
        .filter(question=question)
        .select_related("author", "hidden_by", *CITATION_JOINS)
        .order_by("created_at", "id")
    )


@dataclass
class ThreadPage:
    """One page of a question's threads, newest activity first, with their replies attached."""

    page: Page
    threads: list[Comment]
    stance: str
    total_threads: int


def comment_threads_page(
    user, question: Question, *, stance: str = "", page_number=1, per_page: int = THREADS_PER_PAGE
) -> ThreadPage:
    """The question's threads for the question page: top-level comments ordered by their
    latest activity (`activity_at`: their own or their latest reply's posting time), optionally
    only threads where some comment has the given stance. Each thread carries `thread_replies`
    (oldest first).

    A constant number of queries whatever the number of comments: a count, a page, the replies.
    Top-level comments that were deleted and have no replies left are not shown.
    """
    base = comments_for_question(user, question)
    live_replies = Comment.objects.filter(parent=OuterRef("pk"), deleted_at__isnull=True)
    threads = base.filter(parent__isnull=True).filter(
        Q(deleted_at__isnull=True) | Exists(live_replies)
    )
    if stance in Comment.Stance.values:
        threads = threads.filter(
            Q(stance=stance, deleted_at__isnull=True) | Exists(live_replies.filter(stance=stance))
        )
    else:
        stance = ""
    threads = threads.order_by("-activity_at", "-id").prefetch_related(
        Prefetch(
            "replies",
            queryset=base.filter(parent__isnull=False).order_by("created_at", "id"),
            to_attr="thread_replies",
        )
    )
    paginator = Paginator(threads, per_page)
    page = paginator.get_page(page_number)
    return ThreadPage(
        page=page, threads=list(page.object_list), stance=stance, total_threads=paginator.count
    )


def can_post(user, question: Question, now=None) -> bool:
    """The write rule on the page: a commenter, inside the question's period (the services
    check it again, locked, when the comment arrives)."""
    return can_comment(user) and question.period.is_open(now)


def can_read_comments(user, question: Question) -> bool:
    """The read rule for a question's comments as a whole: insiders always, others once the
    question's comments were published (single public comments aside)."""
    return can_see_internal(user) or question.comments_published


def questions_for_list(user) -> list[Question]:
    """Questions the user may see, with their effective period; each carries `comment_count`
    (the live comments the user may read), None where the user may not read its comments."""
    readable = Q(comments__deleted_at__isnull=True)
    if not can_see_internal(user):
        readable &= Q(comments_published=True) | Q(comments__visibility=Comment.Visibility.PUBLIC)
    questions = list(
        visible_questions(user)
        .with_period()
        .select_related("perspective", "agenda_item__meeting")
        .annotate(comment_count=Count("comments", filter=readable))
        .order_by("perspective__position", "position")
    )
    for q in questions:
        if not can_read_comments(user, q):
            q.comment_count = None
    return questions


@dataclass
class QuestionPage:
    """What the question page shows a user besides the form: the question, its period, the
    threads they may read, and (whole page only) the evidence cards."""

    question: Question
    period: CommentPeriod
    period_state: str
    agenda_item: object
    can_post: bool
    can_read_comments: bool
    is_secretariat: bool
    thread_page: ThreadPage
    evidence_cards: list[EvidenceCard] = field(default_factory=list)

    @property
    def has_chart(self) -> bool:
        return any(card.chart for card in self.evidence_cards)

    @property
    def fragment_viewer(self) -> str:
        """What, besides the comment itself, changes a cached comment fragment (see the
        template): the reader's rights, language and time zone."""
        parts = (
            self.question.pk,
            self.question.comments_published,
            self.can_post,
            self.is_secretariat,
            get_language(),
            timezone.get_current_timezone_name(),
        )
        return "|".join(str(part) for part in parts)


def question_page(
    user, question: Question, *, stance: str = "", page_number=1, with_evidence: bool = False
) -> QuestionPage:
    """The question page for `user` (anyone who may see the question). with_evidence: the
    whole page with its evidence cards, not only the polled list (which must stay cheap)."""
    item = question.agenda_item
    # committee.access.visible_agenda_items on the item already loaded with the question
    # (asking the queryset would cost the page a query).
    show_item = item is not None and (
        is_secretariat(user) or (item.is_published and item.meeting.is_published)
    )
    period = question.period
    return QuestionPage(
        question=question,
        period=period,
        period_state=period.state(),
        agenda_item=item if show_item else None,
        can_post=can_post(user, question),
        can_read_comments=can_read_comments(user, question),
        is_secretariat=is_secretariat(user),
        thread_page=comment_threads_page(user, question, stance=stance, page_number=page_number),
        evidence_cards=evidence_cards(user, question) if with_evidence else [],
    )


@dataclass
class Dashboard:
    open_questions: list[Question]
    unanswered: list[Question]
    new_replies: list[Comment]
    since: object


def dashboard_for(user, *, since=None) -> Dashboard:
    """A commenter's "my questions": open questions by deadline (each marked `answered` when the
    user has a live comment on it), those not answered yet, and replies by others to the user's
    comments posted after `since` (their previous visit; everything when None)."""
    now = timezone.now()
    mine = Comment.objects.filter(question=OuterRef("pk"), author=user, deleted_at__isnull=True)
    open_questions = list(
        visible_questions(user)
        .with_period()
        .open_at(now)
        .select_related("perspective", "agenda_item__meeting")
        .annotate(answered=Exists(mine))
        .order_by("period_closes", "perspective__position", "position")
    )
    replies = (
        visible_comments(user)
        .filter(parent__author=user, deleted_at__isnull=True)
        .exclude(author=user)
        .select_related("author", "question__perspective", "parent")
        .order_by("-created_at")
    )
    if since is not None:
        replies = replies.filter(created_at__gt=since)
    return Dashboard(
        open_questions=open_questions,
        unanswered=[q for q in open_questions if not q.answered],
        new_replies=list(replies[:100]),
        since=since,
    )


def last_dashboard_visit(user):
    """When the user last opened their dashboard (None if never), without recording a visit."""
    return DashboardVisit.objects.filter(user=user).values_list("seen_at", flat=True).first()
