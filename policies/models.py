"""The interim strategy, its measures, and the consultation questions members comment on."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.search import DeferSearchVectorManager, search_vector_field
from dispatch_stats.models import Direction, Term


class Pillar(models.Model):
    """A pillar of the interim strategy (中間まとめ), e.g. 国際連携の戦略的強化."""

    position = models.PositiveIntegerField(_("position"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    main_items = models.TextField(_("main items"), blank=True, help_text=_("One per line."))

    class Meta:
        ordering = ["position"]
        verbose_name = _("strategy pillar")
        verbose_name_plural = _("strategy pillars")

    def __str__(self) -> str:
        return self.title

    @property
    def main_item_list(self) -> list[str]:
        return [line.strip() for line in self.main_items.splitlines() if line.strip()]


class Measure(models.Model):
    """A main measure (主な施策) under a pillar, e.g. ASPIRE or 海外特別研究員事業."""

    pillar = models.ForeignKey(
        Pillar, on_delete=models.CASCADE, related_name="measures", verbose_name=_("pillar")
    )
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=1)

    class Meta:
        ordering = ["pillar", "position", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(
                fields=["pillar", "name"], name="measure_name_unique_per_pillar"
            )
        ]

    def __str__(self) -> str:
        return self.abbreviation or self.name


class GlossaryTerm(models.Model):
    """An abbreviation and its full name (ASPIRE = 先端国際共同研究推進事業)."""

    abbreviation = models.CharField(_("abbreviation"), max_length=50, unique=True)
    full_name = models.CharField(_("full name"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return self.abbreviation


class Perspective(models.Model):
    """A perspective (観点) grouping questions: ①個人 ②システム ③支援スキーム."""

    position = models.PositiveIntegerField(_("position"), unique=True)
    label = models.CharField(_("label"), max_length=50)
    title = models.CharField(_("title"), max_length=200)
    comment_opens_at = models.DateTimeField(_("comments open"), null=True, blank=True)
    comment_closes_at = models.DateTimeField(_("comments close"), null=True, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("perspective")
        verbose_name_plural = _("perspectives")

    def __str__(self) -> str:
        return f"{self.label} {self.title}"

    @property
    def marker(self) -> str:
        return "①②③④⑤⑥⑦⑧⑨"[self.position - 1] if 1 <= self.position <= 9 else str(self.position)


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Question(models.Model):
    """A consultation question (論点) scheduled for an agenda item, with a comment period.

    The period defaults from the perspective when the question leaves it empty.
    """

    perspective = models.ForeignKey(
        Perspective,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("perspective"),
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("question"))
    agenda_item = models.ForeignKey(
        "committee.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("agenda item"),
    )
    opens_at = models.DateTimeField(_("comments open"), null=True, blank=True)
    closes_at = models.DateTimeField(_("comments close"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    comments_published = models.BooleanField(_("comments published"), default=False)
    # Bigram tsvector kept by PostgreSQL itself (see accounts.search), so no write path can
    # forget to update it.
    search_vector = search_vector_field("title", "body")

    objects = DeferSearchVectorManager.from_queryset(QuestionQuerySet)()

    class Meta:
        ordering = ["perspective__position", "position"]
        verbose_name = _("consultation question")
        verbose_name_plural = _("consultation questions")
        constraints = [
            models.UniqueConstraint(
                fields=["perspective", "position"], name="question_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="question_period_ordered",
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="question_search_idx")]

    def __str__(self) -> str:
        return f"{self.perspective.marker}-{self.position} {self.title}"

    @property
    def effective_opens_at(self):
        return self.opens_at or self.perspective.comment_opens_at

    @property
    def effective_closes_at(self):
        return self.closes_at or self.perspective.comment_closes_at

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        opens, closes = self.effective_opens_at, self.effective_closes_at
        return opens is not None and closes is not None and opens <= now < closes


class Evidence(models.Model):
    """One piece of evidence the secretariat ties to a question: a statistics series, a
    reference-figure topic, a support scheme or a measure (exactly one of them)."""

    class Kind(models.TextChoices):
        SERIES = "series", _("Statistics series")
        REFERENCE = "reference", _("Reference figures")
        SCHEME = "scheme", _("Support scheme")
        MEASURE = "measure", _("Measure")

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("question")
    )
    position = models.PositiveIntegerField(_("position"), default=1)
    # A statistics series is direction + term (dispatch_stats picks the source per series).
    series_direction = models.CharField(
        _("series direction"), max_length=10, choices=Direction.choices, blank=True
    )
    series_term = models.CharField(
        _("series term"), max_length=10, choices=Term.choices, blank=True
    )
    reference_topic = models.CharField(_("reference-figure topic"), max_length=100, blank=True)
    # PROTECT: a scheme or measure that a question relies on is unlinked first, on purpose.
    scheme = models.ForeignKey(
        "schemes.Scheme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("support scheme"),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("measure"),
    )
    note = models.CharField(_("note by the secretariat"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("linked at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked by"),
    )

    class Meta:
        ordering = ["question", "position", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(series_direction="", series_term="")
                    | (~Q(series_direction="") & ~Q(series_term=""))
                )
                & (
                    (
                        ~Q(series_direction="")
                        & Q(reference_topic="", scheme__isnull=True, measure__isnull=True)
                    )
                    | (
                        ~Q(reference_topic="")
                        & Q(series_direction="", scheme__isnull=True, measure__isnull=True)
                    )
                    | Q(
                        scheme__isnull=False,
                        series_direction="",
                        reference_topic="",
                        measure__isnull=True,
                    )
                    | Q(
                        measure__isnull=False,
                        series_direction="",
                        reference_topic="",
                        scheme__isnull=True,
                    )
                ),
                name="evidence_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["question", "series_direction", "series_term"],
                condition=~Q(series_direction=""),
                name="evidence_series_unique_per_question",
            ),
            models.UniqueConstraint(
                fields=["question", "reference_topic"],
                condition=~Q(reference_topic=""),
                name="evidence_reference_unique_per_question",
            ),
            models.UniqueConstraint(
                fields=["question", "scheme"],
                condition=Q(scheme__isnull=False),
                name="evidence_scheme_unique_per_question",
            ),
            models.UniqueConstraint(
                fields=["question", "measure"],
                condition=Q(measure__isnull=False),
                name="evidence_measure_unique_per_question",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.target_key}"

    @property
    def kind(self) -> str:
        if self.series_direction:
            return self.Kind.SERIES
        if self.reference_topic:
            return self.Kind.REFERENCE
        if self.scheme_id:
            return self.Kind.SCHEME
        return self.Kind.MEASURE

    @property
    def title(self) -> str:
        """A short name of the linked item (join scheme and measure first)."""
        from policies.evidence import evidence_title

        return evidence_title(self)

    @property
    def target_key(self) -> str:
        """The target as one token, e.g. "series:outbound:mid_long" or "scheme:12" (pickers)."""
        if self.series_direction:
            return f"series:{self.series_direction}:{self.series_term}"
        if self.reference_topic:
            return f"reference:{self.reference_topic}"
        if self.scheme_id:
            return f"scheme:{self.scheme_id}"
        return f"measure:{self.measure_id}"


class CommentQuerySet(models.QuerySet):
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


class Comment(models.Model):
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
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    # A thread's latest activity: for a top-level comment, the latest of its own and its
    # replies' posting times (set by comment_create), so the question page can order and
    # window threads from an index instead of aggregating every reply on every request.
    activity_at = models.DateTimeField(_("latest activity"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    # Sent with the form; the same author posting the same token twice gets one comment.
    idempotency_token = models.UUIDField(_("idempotency token"), editable=False)
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
            models.UniqueConstraint(
                fields=["author", "idempotency_token"], name="comment_token_unique_per_author"
            ),
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

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


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
        return f"{self.comment_id} @ {self.written_at:%Y-%m-%d %H:%M}"


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
        return f"{self.user} {self.seen_at:%Y-%m-%d %H:%M}"


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
