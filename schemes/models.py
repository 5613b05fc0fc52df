"""Support schemes for sending researchers abroad, foreign and Japanese; dated exchange rates."""

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.search import DeferSearchVectorManager, search_vector_field

# The deck itself, cited wherever a fact was read from the slide rather than from the CSV sources.
DECK_CITATION = "文部科学省 国際戦略委員会（第5回）資料 2026-03-30"

currency_code_validator = RegexValidator(
    r"^[A-Z]{3}$", _("Enter a three-letter ISO 4217 currency code in capitals, e.g. KRW.")
)


class TargetType(models.TextChoices):
    PHD_STUDENT = "phd_student", _("PhD student")
    POSTDOC = "postdoc", _("Postdoc")
    RESEARCHER = "researcher", _("Researcher")
    RESEARCH_TEAM = "research_team", _("Research team")
    INSTITUTION = "institution", _("Institution")
    LEARNER = "learner", _("Students and staff")


class PaysFor(models.TextChoices):
    TUITION = "tuition", _("Tuition")
    LIVING = "living", _("Living costs")
    TRAVEL = "travel", _("Travel")
    RESEARCH = "research", _("Research costs")
    SALARY = "salary", _("Salaries")


class SchemeQuerySet(models.QuerySet):
    def foreign(self):
        return self.filter(kind=Scheme.Kind.FOREIGN)

    def domestic(self):
        return self.filter(kind=Scheme.Kind.DOMESTIC)

    def targeting(self, target_type: str):
        return self.filter(target_types__contains=[target_type])


class Scheme(models.Model):
    """A support scheme; every fact keeps its source (a URL or the deck citation)."""

    class Kind(models.TextChoices):
        FOREIGN = "foreign", _("Foreign")
        DOMESTIC = "domestic", _("Domestic")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    country = models.CharField(_("country or region"), max_length=100)
    name_ja = models.CharField(_("name (Japanese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    agency = models.CharField(_("agency"), max_length=300, blank=True)
    is_deck_scheme = models.BooleanField(
        _("named in the deck"),
        default=False,
        help_text=_("One of the foreign schemes on the deck's slide on other countries' schemes."),
    )

    target = models.TextField(_("target"), blank=True)
    target_types = ArrayField(
        models.CharField(max_length=20, choices=TargetType.choices),
        verbose_name=_("target types"),
        default=list,
        blank=True,
    )
    target_source = models.CharField(_("source of the target"), max_length=500, blank=True)

    duration = models.TextField(_("duration"), blank=True)
    duration_months_min = models.PositiveSmallIntegerField(
        _("shortest duration (months)"), null=True, blank=True
    )
    duration_months_max = models.PositiveSmallIntegerField(
        _("longest duration (months)"), null=True, blank=True
    )
    duration_source = models.CharField(_("source of the duration"), max_length=500, blank=True)

    support_content = models.TextField(_("what it pays for"), blank=True)
    pays_for = ArrayField(
        models.CharField(max_length=20, choices=PaysFor.choices),
        verbose_name=_("pays for"),
        default=list,
        blank=True,
    )
    pays_for_source = models.CharField(_("source of what it pays for"), max_length=500, blank=True)

    budget_or_amount = models.TextField(_("budget or amount"), blank=True)

    obligation = models.TextField(_("obligations"), blank=True)
    has_return_obligation = models.BooleanField(_("return obligation"), default=False)
    has_service_bond = models.BooleanField(_("service bond"), default=False)
    service_bond_years_min = models.PositiveSmallIntegerField(
        _("service bond, shortest (years)"), null=True, blank=True
    )
    service_bond_years_max = models.PositiveSmallIntegerField(
        _("service bond, longest (years)"), null=True, blank=True
    )
    obligation_source = models.CharField(_("source of the obligations"), max_length=500, blank=True)

    source_urls = models.TextField(
        _("sources"), blank=True, help_text=_("One URL or citation per line.")
    )
    # Bigram tsvector for the site search, kept by PostgreSQL (see core.search).
    search_vector = search_vector_field(
        "name_ja", "name_en", "country", "agency", "target", "support_content"
    )

    objects = DeferSearchVectorManager.from_queryset(SchemeQuerySet)()

    class Meta:
        ordering = ["kind", "country", "name_ja"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")
        permissions = [("import_scheme", _("Can import schemes"))]
        constraints = [
            # "compare" is the comparison page's URL under /schemes/.
            models.CheckConstraint(condition=~Q(slug="compare"), name="scheme_slug_not_reserved"),
            models.CheckConstraint(
                condition=Q(duration_months_min__isnull=True)
                | Q(duration_months_max__isnull=True)
                | Q(duration_months_min__lte=F("duration_months_max")),
                name="scheme_duration_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(service_bond_years_min__isnull=True)
                | Q(service_bond_years_max__isnull=True)
                | Q(service_bond_years_min__lte=F("service_bond_years_max")),
                name="scheme_bond_min_le_max",
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="scheme_search_idx")]

    def __str__(self) -> str:
        return self.name_ja

    @property
    def source_url_list(self) -> list[str]:
        return split_sources(self.source_urls)

    def get_target_types_display(self) -> list[str]:
        labels = dict(TargetType.choices)
        return [str(labels.get(t, t)) for t in self.target_types]

    def get_pays_for_display(self) -> list[str]:
        labels = dict(PaysFor.choices)
        return [str(labels.get(p, p)) for p in self.pays_for]


def split_sources(text: str) -> list[str]:
    """Sources are stored one per line; the CSV separates them with " ; "."""
    return [u.strip() for u in (text or "").replace(" ; ", "\n").splitlines() if u.strip()]


class Amount(models.Model):
    """A money figure of a scheme as the source gives it: value, currency and its basis."""

    class Per(models.TextChoices):
        PERSON = "person", _("per person")
        TEAM = "team", _("per team or project")
        INSTITUTION = "institution", _("per institution")
        PROGRAMME = "programme", _("programme as a whole")

    class Period(models.TextChoices):
        YEAR = "year", _("per year")
        MONTH = "month", _("per month")
        WHOLE = "whole", _("whole term")
        YEARS = "years", _("total over N years")

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("scheme")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    label = models.CharField(_("label"), max_length=200)
    value = models.DecimalField(
        _("value"), max_digits=20, decimal_places=2, validators=[MinValueValidator(0)]
    )
    value_max = models.DecimalField(
        _("upper value of a range"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    is_upper_limit = models.BooleanField(
        _("upper limit"), default=False, help_text=_("The source says “up to” this value.")
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[currency_code_validator])
    per = models.CharField(_("per"), max_length=12, choices=Per.choices)
    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    period_years = models.PositiveSmallIntegerField(
        _("number of years"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Only for “total over N years”."),
    )
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=500)

    class Meta:
        ordering = ["scheme", "position", "id"]
        verbose_name = _("amount")
        verbose_name_plural = _("amounts")
        permissions = [("import_amount", _("Can import amounts"))]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "label"], name="amount_label_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="amount_value_not_negative"),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=F("value")),
                name="amount_range_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(period="years") & Q(period_years__gte=1))
                | (~Q(period="years") & Q(period_years__isnull=True)),
                name="amount_period_years_only_for_years",
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="amount_currency_iso"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.label}"

    def clean(self):
        # The same rule as the check constraint, reported against the field.
        if self.period == self.Period.YEARS and not self.period_years:
            raise ValidationError(
                {"period_years": _("Give the number of years for “total over N years”.")}
            )
        if self.period != self.Period.YEARS and self.period_years:
            raise ValidationError(
                {"period_years": _("Give a number of years only for “total over N years”.")}
            )
        if self.value_max is not None and self.value is not None and self.value_max < self.value:
            raise ValidationError({"value_max": _("The upper value must not be below the value.")})

    @property
    def source_is_url(self) -> bool:
        return self.source.startswith(("http://", "https://"))

    @property
    def period_label(self) -> str:
        if self.period == self.Period.YEARS and self.period_years:
            return gettext("total over %(years)s years") % {"years": self.period_years}
        return str(self.get_period_display())

    @property
    def basis_label(self) -> str:
        """What the figure is, e.g. "per team · per year · upper limit"."""
        parts = [str(self.get_per_display()), self.period_label]
        if self.is_upper_limit:
            parts.append(gettext("upper limit"))
        return " · ".join(parts)


class ExchangeRateQuerySet(models.QuerySet):
    def latest_on(self, on):
        """The latest rate per currency dated on or before `on` (one row per currency)."""
        return self.filter(date__lte=on).order_by("currency", "-date").distinct("currency")


class ExchangeRate(models.Model):
    """Yen per unit of a currency on a date, as admins enter or import it."""

    currency = models.CharField(_("currency"), max_length=3, validators=[currency_code_validator])
    date = models.DateField(_("date"))
    jpy_per_unit = models.DecimalField(
        _("yen per unit"),
        max_digits=18,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
    )
    source = models.CharField(_("source"), max_length=500)
    note = models.TextField(_("note"), blank=True)

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        ordering = ["currency", "-date"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        permissions = [("import_exchangerate", _("Can import exchange rates"))]
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="rate_one_per_day"),
            models.CheckConstraint(condition=Q(jpy_per_unit__gt=0), name="rate_positive"),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="rate_currency_iso"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.date}: {self.jpy_per_unit}"
