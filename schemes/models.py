"""Support schemes for sending researchers abroad, foreign and Japanese."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scheme(models.Model):
    """A support scheme; every fact keeps its source link."""

    class Kind(models.TextChoices):
        FOREIGN = "foreign", _("Foreign")
        DOMESTIC = "domestic", _("Domestic")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    country = models.CharField(_("country or region"), max_length=100)
    name_ja = models.CharField(_("name (Japanese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    agency = models.CharField(_("agency"), max_length=300, blank=True)
    target = models.TextField(_("target"), blank=True)
    duration = models.TextField(_("duration"), blank=True)
    support_content = models.TextField(_("what it pays for"), blank=True)
    budget_or_amount = models.TextField(_("budget or amount"), blank=True)
    obligation = models.TextField(_("obligations"), blank=True)
    source_urls = models.TextField(_("sources"), blank=True, help_text=_("One URL per line."))

    class Meta:
        ordering = ["kind", "country", "name_ja"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")

    def __str__(self) -> str:
        return self.name_ja

    @property
    def source_url_list(self) -> list[str]:
        return [u.strip() for u in self.source_urls.replace(" ; ", "\n").splitlines() if u.strip()]
