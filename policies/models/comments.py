"""Members' comments on questions, their revisions and moderation, and the dashboard visit."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bases import user_ref
from core.dates import local_minute
from core.search import DeferSearchVectorManager, search_vector_field
from policies.models.consultation import Question
from policies.models.evidence import Evidence


def token_unique(name: str) -> models.UniqueConstraint:
    """One post per author and idempotency token: policies.commenting.insert_once relies on it
    to give a resent post the first one back."""
    return models.UniqueConstraint(fields=["author", "idempotency_token"], name=name)


class CommentText(models.Model):
    """What every commented post shares (a question's comment, a report paragraph's review):
    its posting and edit times, soft deletion, hiding by the secretariat, the idempotency token,
    its label and the version an edit form carries (policies.commenting)."""

    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = user_ref(_("hidden by"))
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    # Sent with the form; the same author posting the same token twice gets one post.
    idempotency_token = models.UUIDField(_("idempotency token"), editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_shown(self) -> bool:
        """CommentTextQuerySet.shown() for one post: neither deleted nor hidden."""
        return not (self.is_deleted or self.is_hidden)

    @property
    def version(self) -> str:
        """When the text was last written (creation or edit), as a token: an edit form opened
        on one version is refused as stale once another save moved it on."""
        return str(int((self.edited_at or self.created_at).timestamp() * 1_000_000))


class StanceColumn(models.TextChoices):
    """The digest's two columns at a glance: what pushes forward, what holds back."""

    FORWARD = "forward", _("Support and proposals")
    BACKWARD = "backward", _("Concerns and questions")


class CommentTextQuerySet(models.QuerySet):
    """What every CommentText queryset shares."""

    def shown(self):
        """Neither deleted by their author nor hidden by the secretariat: what a reader is
        shown with its text (and what counts, goes into outputs and is answered)."""
        return self.filter(deleted_at__isnull=True, is_hidden=False)


class CommentQuerySet(CommentTextQuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def live(self):
        """Not deleted by their author (hidden ones are still live: they stay in threads)."""
        return self.filter(deleted_at__isnull=True)

    def public(self):
        """What anyone may read: the question's comments were published, or this one was."""
        return self.filter(
            Q(question__comments_published=True) | Q(visibility=Comment.Visibility.PUBLIC)
        )


class Comment(CommentText):
    """A member's comment (意見) on a consultation question, or a reply to one.

    Threads are two levels deep: a reply's parent is always a top-level comment.
    Deleting is soft (deleted_at) so replies keep their context; hiding is moderation
    by the secretariat and keeps the body in the database.
    """

    class Stance(models.TextChoices):
        SUPPORT = "support", pgettext_lazy("stance", "Support")
        CONCERN = "concern", pgettext_lazy("stance", "Concern")
        PROPOSAL = "proposal", pgettext_lazy("stance", "Proposal")
        QUESTION = "question", pgettext_lazy("stance", "Question")

        @property
        def column(self) -> "StanceColumn":
            """The digest column this stance is read in (STANCE_COLUMNS)."""
            return STANCE_COLUMNS[self]

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members only")
        PUBLIC = "public", _("Public")

    BODY_MAX_LENGTH = 4000

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="comments", verbose_name=_("question")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="policy_comments",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    # The body rendered by policies.markdown (sanitised) when it was written: pages are polled
    # every few seconds and rendering on each request cost more than the queries.
    body_html = models.TextField(_("rendered comment"), blank=True, editable=False)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    # A thread's latest activity: for a top-level comment, the latest of its own and its
    # replies' posting times (set by comment_create), so the question page can order and
    # window threads from an index instead of aggregating every reply on every request.
    activity_at = models.DateTimeField(_("latest activity"), default=timezone.now)
    # One of the question's evidence items, picked in the comment form (never a typed URL);
    # the services check it belongs to the same question. RESTRICT: unlinking cited evidence
    # is refused, but deleting the whole question still takes both away.
    cited_evidence = models.ForeignKey(
        Evidence,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("cited evidence"),
    )
    # One data point of a cited statistics series, as the author saw it (series, fiscal year,
    # value, source, when): dispatch_stats.citations compares it with later imports.
    cited_point = models.JSONField(_("cited data point"), null=True, blank=True)
    search_vector = search_vector_field("body")

    objects = DeferSearchVectorManager.from_queryset(CommentQuerySet)()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            token_unique("comment_token_unique_per_author"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), 4000), name="comment_body_max_length"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="comment_not_own_parent"),
        ]
        indexes = [
            models.Index(fields=["question", "parent", "created_at"], name="comment_thread_idx"),
            GinIndex(fields=["search_vector"], name="comment_search_idx"),
            models.Index(
                F("question"),
                F("activity_at").desc(),
                F("id").desc(),
                condition=Q(parent__isnull=True),
                name="comment_thread_activity_idx",
            ),
        ]


# Every stance sits in exactly one of the digest's two columns (a test checks it).
STANCE_COLUMNS = {
    Comment.Stance.SUPPORT: StanceColumn.FORWARD,
    Comment.Stance.PROPOSAL: StanceColumn.FORWARD,
    Comment.Stance.CONCERN: StanceColumn.BACKWARD,
    Comment.Stance.QUESTION: StanceColumn.BACKWARD,
}


# The joins a comment's cited evidence needs for its title (Evidence.title), for list queries.
CITATION_JOINS = ("cited_evidence__scheme", "cited_evidence__measure")


class CommentRevision(models.Model):
    """A previous version of a comment, kept when its author edits it."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("comment")
    )
    body = models.TextField(_("comment"))
    stance = models.CharField(_("stance"), max_length=10, choices=Comment.Stance.choices)
    # When this version was written (the comment's creation or its previous edit).
    written_at = models.DateTimeField(_("written at"))
    replaced_at = models.DateTimeField(_("replaced at"), default=timezone.now)

    class Meta:
        ordering = ["comment", "written_at"]
        verbose_name = _("comment revision")
        verbose_name_plural = _("comment revisions")

    def __str__(self) -> str:
        return f"{self.comment_id} @ {local_minute(self.written_at)}"


class DashboardVisit(models.Model):
    """When a user last opened their "my questions" dashboard (for "new replies since")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="policy_dashboard_visit",
        verbose_name=_("user"),
    )
    seen_at = models.DateTimeField(_("last visit"))

    class Meta:
        verbose_name = _("dashboard visit")
        verbose_name_plural = _("dashboard visits")

    def __str__(self) -> str:
        return f"{self.user} {local_minute(self.seen_at)}"


class ModerationEvent(models.Model):
    """One moderation action by the secretariat (hide or unhide), kept for the record."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        UNHIDE = "unhide", _("Shown again")

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="moderation_events",
        verbose_name=_("comment"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.comment_id} by {self.actor_id}"
