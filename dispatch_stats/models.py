"""Survey figures behind the charts: researchers sent abroad and received, per fiscal year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.bases import Created, user_ref
from core.dates import local_minute


class Direction(models.TextChoices):
    OUTBOUND = "outbound", _("Outbound (dispatched)")
    INBOUND = "inbound", _("Inbound (received)")


class Term(models.TextChoices):
    SHORT = "short", _("Short-term (30 days or less)")
    MID_LONG = "mid_long", _("Mid/long-term (over 30 days)")
    TOTAL = "total", _("Total")


class Source(models.Model):
    """A survey edition or report a figure was read from."""

    name = models.CharField(_("name"), max_length=500, unique=True)
    edition = models.CharField(
        _("edition or year"),
        max_length=200,
        blank=True,
        help_text=_("The edition the figures come from, e.g. 令和5年度 (FY2023)."),
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=1, help_text=_("1 = primary; larger numbers rank lower.")
    )

    class Meta:
        ordering = ["priority", "name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name with its edition, as every figure on screen cites it."""
        return f"{self.name} ({self.edition})" if self.edition else self.name


class YearlyFigure(models.Model):
    """One number: fiscal year × direction × term × source."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    term = models.CharField(_("term"), max_length=10, choices=Term.choices)
    researchers = models.PositiveIntegerField(_("researchers"))
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="figures", verbose_name=_("source")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["direction", "term", "fiscal_year"]
        verbose_name = _("yearly figure")
        verbose_name_plural = _("yearly figures")
        # IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import": only holders (admins) see Import.
        permissions = [("import_yearlyfigure", "Can import yearly figures")]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "direction", "term", "source"],
                name="yearly_figure_unique_per_source",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=1900) & Q(fiscal_year__lte=2200),
                name="yearly_figure_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.direction} {self.term}: {self.researchers}"


class ReferenceFigure(models.Model):
    """One reference number from the deck's 参考資料 (papers, flows, shares); editions are rows."""

    topic = models.CharField(_("topic"), max_length=100)
    country_or_pair = models.CharField(_("country or pair"), max_length=200)
    year_or_period = models.CharField(_("year or period"), max_length=100)
    metric = models.CharField(_("metric"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    value_text = models.CharField(
        _("value as written"),
        max_length=200,
        blank=True,
        help_text=_("The value as the source gives it, e.g. a range or NOT FOUND."),
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="reference_figures", verbose_name=_("source")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["topic", "country_or_pair", "year_or_period", "metric"]
        verbose_name = _("reference figure")
        verbose_name_plural = _("reference figures")
        permissions = [("import_referencefigure", "Can import reference figures")]
        indexes = [
            # The statistics page reads each chart's first rows in this order (selectors).
            models.Index(
                fields=["topic", "metric", "unit", "country_or_pair", "year_or_period", "id"],
                condition=Q(value__isnull=False),
                name="reference_figure_chart_rows",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "country_or_pair", "year_or_period", "metric", "source"],
                name="reference_figure_unique_per_source",
            ),
        ]

    def __str__(self) -> str:
        shown = self.value_text or (self.value if self.value is not None else "")
        return f"{self.topic} {self.country_or_pair} {self.year_or_period} {self.metric}: {shown}"


class ReferenceGroupSize(models.Model):
    """How many numeric reference figures share a topic, metric and unit (one chart's rows).

    Kept by PostgreSQL statement triggers on the reference figures (migration 0005), so every
    write path (imports, the admin, COPY) keeps it exact in the writing transaction; the public
    page reads its charts' sizes here instead of counting every row on each request.
    """

    topic = models.CharField(max_length=100)
    metric = models.CharField(max_length=300)
    unit = models.CharField(max_length=50, blank=True)
    numeric_rows = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "metric", "unit"], name="reference_group_size_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.metric} ({self.unit}): {self.numeric_rows}"


class ImportKind(models.TextChoices):
    YEARLY = "yearly", _("Yearly figures")
    REFERENCE = "reference", _("Reference figures")


class ImportLog(models.Model):
    """One import attempt: a dry run (preview) or a confirmed write."""

    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    user = user_ref(_("imported by"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rows_new = models.PositiveIntegerField(_("new rows"), default=0)
    rows_changed = models.PositiveIntegerField(_("changed rows"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("unchanged rows"), default=0)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    # What the reader detected (e.g. "CSV, Shift_JIS (cp932), tab-separated").
    file_format = models.CharField(_("file format"), max_length=200, blank=True)
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source named on the form"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import log")
        verbose_name_plural = _("import logs")

    def __str__(self) -> str:
        return f"{local_minute(self.created_at)} {self.file_name} ({self.sha256[:12]})"


class PendingImport(Created):
    """Rows parsed at preview time, kept server-side until the admin confirms (or they expire)."""

    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    # Null only for imports run by scripts (the demo loader); views always pass request.user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField()
    file_format = models.CharField(max_length=200, blank=True)
    # The source the admin named on the upload form (name, edition, url, priority), if any.
    form_source = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.sha256[:12]})"


class ImportCheck(models.Model):
    """What a dry run that ran as a background task found, for the page that shows it: the
    preview's summary (and the pending import's token), or the problems with the file."""

    key = models.CharField(max_length=64, unique=True)  # random, named by the page's URL
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    token = models.CharField(max_length=64, blank=True)  # "" when the file was refused
    errors = models.JSONField(_("problems with the file"), default=list, blank=True)
    # Counts and the first rows shown (a refused file: its name and the form's source).
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # The upload form's fields as the admin typed them (all but the file): the page shows the
    # form filled in again, whatever the check found.
    form_fields = models.JSONField(_("form as typed"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import check")
        verbose_name_plural = _("import checks")

    def __str__(self) -> str:
        return f"{self.kind} ({local_minute(self.created_at)})"
