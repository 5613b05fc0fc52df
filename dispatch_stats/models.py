"""Survey figures behind the charts: researchers sent abroad and received, per fiscal year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=1, help_text=_("1 = primary; larger numbers rank lower.")
    )

    class Meta:
        ordering = ["priority", "name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name


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
