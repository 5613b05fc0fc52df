"""Reads for questions and comments, always given the acting user.

Other apps (digest, search, evidence) should read comments through `comments_for_question`
so the visibility rules stay in one place.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.roles import can_comment
from policies.access import visible_comments, visible_questions
from policies.models import Comment, DashboardVisit, Question

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
        .select_related("author", "hidden_by", "cited_evidence__scheme", "cited_evidence__measure")
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


def _effective_period(qs: QuerySet[Question]) -> QuerySet[Question]:
    return qs.annotate(
        period_opens=Coalesce("opens_at", "perspective__comment_opens_at"),
        period_closes=Coalesce("closes_at", "perspective__comment_closes_at"),
    )


def questions_for_list(user) -> QuerySet[Question]:
    """Questions the user may see, with their effective period and (for insiders) how many
    live comments they have."""
    qs = _effective_period(visible_questions(user)).select_related(
        "perspective", "agenda_item__meeting"
    )
    if can_comment(user):
        qs = qs.annotate(
            comment_count=Count("comments", filter=Q(comments__deleted_at__isnull=True))
        )
    return qs.order_by("perspective__position", "position")


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
        _effective_period(visible_questions(user))
        .filter(period_opens__lte=now, period_closes__gt=now)
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
