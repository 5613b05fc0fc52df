"""Consultation questions (論点) under their perspectives (観点), and their comment periods."""

from typing import NamedTuple

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.bases import PublishedQuerySet, Versioned
from core.search import DeferSearchVectorManager, search_vector_field

CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨"


def circled_number(position: int) -> str:
    """①…⑨ for a perspective's position (the deck's numbering), the plain number past nine."""
    return CIRCLED_NUMBERS[position - 1] if 1 <= position <= 9 else str(position)


def question_code(perspective_position: int, position: int) -> str:
    """A question's short code as the deck writes it: ①-2 is the second question under ①."""
    return f"{circled_number(perspective_position)}-{position}"


def question_label(perspective_position: int, position: int, title: str) -> str:
    """Question.label from the plain values (for a query that reads values, not questions)."""
    return f"{question_code(perspective_position, position)} {title}"


# A question's comment period: its own dates, else its perspective's. The one place the rule is
# written; the model's `period`, the queryset's `with_period()` and the services all read it.
PERIOD_FIELDS = {
    "opens": ("opens_at", "perspective__comment_opens_at"),
    "closes": ("closes_at", "perspective__comment_closes_at"),
}


class CommentPeriod(NamedTuple):
    """When comments on a question may be written: [opens_at, closes_at)."""

    opens_at: object
    closes_at: object

    NOT_SET = "not_set"
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.opens_at is None or self.closes_at is None:
            return self.NOT_SET
        if now < self.opens_at:
            return self.UPCOMING
        return self.OPEN if now < self.closes_at else self.CLOSED

    def is_open(self, now=None) -> bool:
        return self.state(now) == self.OPEN


class Perspective(Versioned):
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
        return circled_number(self.position)

    @property
    def heading(self) -> str:
        """① 個人の観点：title, as the digest and the desk head a perspective."""
        return f"{self.marker} {self.label}：{self.title}"

    @property
    def period(self) -> CommentPeriod:
        """The perspective's own comment period, which its questions follow by default."""
        return CommentPeriod(self.comment_opens_at, self.comment_closes_at)


class QuestionQuerySet(PublishedQuerySet):
    def with_period(self):
        """Annotate `period_opens` and `period_closes`: the effective period (PERIOD_FIELDS)."""
        return self.annotate(
            period_opens=Coalesce(*(F(f) for f in PERIOD_FIELDS["opens"])),
            period_closes=Coalesce(*(F(f) for f in PERIOD_FIELDS["closes"])),
        )

    def open_at(self, now):
        """Questions taking comments at `now` (after with_period())."""
        return self.filter(period_opens__lte=now, period_closes__gt=now)


class Question(Versioned):
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
    # Bigram tsvector kept by PostgreSQL itself (see core.search), so no write path can
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
        return self.label

    @property
    def code(self) -> str:
        """①-2: the perspective's circled number and the question's position."""
        return question_code(self.perspective.position, self.position)

    @property
    def label(self) -> str:
        """The code and the title, as every list, heading, mail and export shows a question."""
        return question_label(self.perspective.position, self.position, self.title)

    @property
    def period(self) -> CommentPeriod:
        """The effective comment period (PERIOD_FIELDS): the question's own, else its
        perspective's (reads the annotation when the queryset made it)."""
        opens = getattr(self, "period_opens", None) or self._period_value("opens")
        closes = getattr(self, "period_closes", None) or self._period_value("closes")
        return CommentPeriod(opens, closes)

    def _period_value(self, end: str):
        own, inherited = PERIOD_FIELDS[end]
        relation, field = inherited.split("__")
        return getattr(self, own) or getattr(getattr(self, relation), field)

    @property
    def effective_opens_at(self):
        return self.period.opens_at

    @property
    def effective_closes_at(self):
        return self.period.closes_at

    def is_open(self, now=None) -> bool:
        return self.period.is_open(now)
