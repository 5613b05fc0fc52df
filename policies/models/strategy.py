"""The interim strategy (中間まとめ): its pillars, their measures, and the glossary."""

from django.db import models
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
