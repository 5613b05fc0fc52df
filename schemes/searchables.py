"""What the site search finds in the schemes app: support schemes, by every text their page
shows (names, target, duration, what it pays for, obligations such as 帰国義務, sources and the
amounts' labels and notes)."""

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.search import bigram_vector, highlight
from core.searchables import Hit, SearchKind, register
from schemes.models import Amount, Scheme

SNIPPET_CHARS = 120
SCHEME_FIELDS = (
    "name_ja",
    "name_en",
    "country",
    "agency",
    "target",
    "target_source",
    "duration",
    "duration_source",
    "support_content",
    "pays_for_source",
    "budget_or_amount",
    "obligation",
    "obligation_source",
    "source_urls",
)
AMOUNT_FIELDS = ("label", "note", "source")


def _amount_text():
    """The scheme's amounts' labels, notes and sources as one text (a correlated subquery)."""
    parts = []
    for name in AMOUNT_FIELDS:
        parts += [name, Value("\n")]
    texts = (
        Amount.objects.filter(scheme=OuterRef("pk"))
        .order_by()
        .values("scheme")
        .annotate(text=StringAgg(Concat(*parts, output_field=TextField()), "\n"))
        .values("text")
    )
    return Subquery(texts, output_field=TextField())


def _visible(user):
    # Support schemes are public reference data (schemes.access). There are a few hundred at
    # most, so they are matched per row over every displayed field rather than a stored column.
    return Scheme.objects.annotate(amount_text=_amount_text())


def _scheme_hit(scheme, q: str) -> Hit:
    details = " / ".join(
        part
        for part in (
            scheme.name_en,
            scheme.agency,
            scheme.target,
            scheme.support_content,
            scheme.duration,
            scheme.obligation,
            scheme.budget_or_amount,
        )
        if part
    )
    return Hit(
        url=reverse("schemes:scheme-detail", args=[scheme.slug]),
        title=highlight(scheme.name_ja, q),
        snippet=highlight(details, q, width=SNIPPET_CHARS),
        context=scheme.country,
    )


# Key, label, place on the results page, the rows the user may find, hit, the fields shown.
SCHEME_VECTOR = bigram_vector(*SCHEME_FIELDS, "amount_text")
register(
    SearchKind(
        "schemes", _("Support schemes"), 50, _visible, _scheme_hit, SCHEME_FIELDS, SCHEME_VECTOR
    )
)
