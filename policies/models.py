"""The interim strategy, its measures, and the consultation questions members comment on."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    objects = QuestionQuerySet.as_manager()

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
