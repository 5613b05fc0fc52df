"""Evidence on questions (reads): what a link points to, its cards on the question page, the
picker choices, and the comments that cite it.

Statistics and schemes are read through their apps' selectors (read-only); nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import F, Q
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import can_see_internal
from dispatch_stats.charts import topic_label
from dispatch_stats.models import Direction, ReferenceFigure, Term
from dispatch_stats.selectors import chart_series, peak_summary
from policies.access import visible_comments, visible_questions
from policies.models import Evidence, Measure, Question, measure_title, series_title
from policies.models.consultation import question_label
from schemes.selectors import scheme_cards, scheme_choices

# How many fiscal years a statistics card shows (the statistics page has them all).
SERIES_YEARS = 6
# How many rows a reference-figure card shows.
REFERENCE_ROWS = 6


def evidence_source_url(evidence: Evidence) -> str:
    """Where the linked item itself lives: the statistics, scheme or strategy page."""
    kind = evidence.kind
    if kind in (Evidence.Kind.SERIES, Evidence.Kind.REFERENCE):
        return reverse("dispatch_stats:index")
    if kind == Evidence.Kind.SCHEME:
        return reverse("schemes:scheme-detail", args=[evidence.scheme.slug])
    return reverse("strategy:index")


def question_evidence(question: Question) -> list[Evidence]:
    """The question's evidence in order, scheme and measure joined; one query, kept on the
    question object so the cards and the comment picker share it."""
    cached = getattr(question, "_evidence_items", None)
    if cached is None:
        cached = list(
            Evidence.objects.filter(question=question)
            .select_related("scheme", "measure__pillar")
            .order_by("position", "id")
        )
        question._evidence_items = cached
    return cached


def citation_choices(question: Question) -> list[tuple[int, str]]:
    """(id, title) of the question's evidence, for the comment form's picker."""
    return [(e.pk, e.title) for e in question_evidence(question)]


@dataclass
class EvidenceCard:
    """One compact card on the question page."""

    evidence: Evidence
    kind: str
    title: str
    url: str
    detail_url: str
    series_rows: list[tuple[int, int]] = field(default_factory=list)
    series_summary: dict | None = None
    series_source: str = ""
    series_derived: bool = False
    chart: dict | None = None  # figure JSON: the server's SVG, plotly on request (table stays)
    chart_id: str = ""
    chart_data_id: str = ""
    reference_rows: list = field(default_factory=list)
    reference_more: int = 0
    scheme_figures: object = None
    measure: Measure | None = None


def evidence_cards(user, question: Question, *, on=None) -> list[EvidenceCard]:
    """Cards for the question's evidence, for anyone who may see the question.

    A constant number of queries whatever the number of items: the links (1), the statistics
    series (1, only if a series is linked), the reference figures (1, only if a topic is
    linked) and the scheme cards (3, only if a scheme is linked).
    """
    items = question_evidence(question)
    kinds = {e.kind for e in items}
    series = chart_series(user=user) if Evidence.Kind.SERIES in kinds else {}
    topics = {e.reference_topic for e in items if e.reference_topic}
    figures: dict[str, list] = {}
    if topics:
        rows = ReferenceFigure.objects.filter(topic__in=topics).select_related("source")
        for figure in rows:
            figures.setdefault(figure.topic, []).append(figure)
    scheme_ids = [e.scheme_id for e in items if e.scheme_id]
    cards_by_scheme = {c.scheme.id: c for c in scheme_cards(user, scheme_ids, on=on)}
    cards = []
    for e in items:
        card = EvidenceCard(
            evidence=e,
            kind=e.kind,
            title=e.title,
            url=evidence_source_url(e),
            detail_url=reverse("policies:evidence-detail", args=[e.pk]),
        )
        if card.kind == Evidence.Kind.SERIES:
            found = series.get((e.series_direction, e.series_term))
            if found is not None:
                years = sorted(found.values)[-SERIES_YEARS:]
                card.series_rows = [(y, found.values[y]) for y in years]
                card.series_summary = peak_summary(found.values)
                card.series_source = found.source_name
                card.series_derived = found.derived
                card.chart = series_chart(card.title, found.values)
                card.chart_id = f"evidence-chart-{e.pk}"
                card.chart_data_id = f"evidence-chart-data-{e.pk}"
        elif card.kind == Evidence.Kind.REFERENCE:
            rows = figures.get(e.reference_topic, [])
            card.reference_rows = rows[:REFERENCE_ROWS]
            card.reference_more = max(0, len(rows) - REFERENCE_ROWS)
        elif card.kind == Evidence.Kind.SCHEME:
            card.scheme_figures = cards_by_scheme.get(e.scheme_id)
        else:
            card.measure = e.measure
        cards.append(card)
    return cards


def series_chart(title: str, values: dict[int, int]) -> dict:
    """A compact line chart of the whole series as plain figure JSON (drawn by charts.js with
    the statistics page's plotly bundle); the card's table carries the same figures."""
    years = sorted(values)
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": years,
                "y": [values[y] for y in years],
                "name": title,
                "line": {"color": "#1f4e79", "width": 2},
                "marker": {"size": 4},
                "hovertemplate": "%{x}: %{y:,}<extra></extra>",
            }
        ],
        "layout": {
            "meta": {"title": title},
            "template": "none",
            "height": 180,
            "margin": {"l": 50, "r": 10, "t": 10, "b": 30},
            "showlegend": False,
            "separators": ".,",
            "font": {"size": 11},
            "xaxis": {"dtick": 5, "fixedrange": True},
            "yaxis": {"separatethousands": True, "rangemode": "tozero", "fixedrange": True},
        },
    }


def series_target_choices() -> list[tuple[str, str]]:
    return [(f"series:{d}:{t}", series_title(d, t)) for d in Direction.values for t in Term.values]


def target_choices(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """Everything evidence may point to, grouped for a <select> with optgroups (three queries).

    For the secretariat's link form; schemes come foreign first (schemes.selectors.scheme_choices).
    """
    topics = ReferenceFigure.objects.order_by("topic").values_list("topic", flat=True).distinct()
    measures = Measure.objects.select_related("pillar").order_by("pillar__position", "position")
    return [
        (_("Statistics series"), series_target_choices()),
        (_("Reference figures"), [(f"reference:{t}", topic_label(t)) for t in topics]),
        (
            _("Support schemes"),
            [(f"scheme:{s.pk}", f"{s.name_ja}（{s.country}）") for s in scheme_choices(user)],
        ),
        (
            _("Measures"),
            [(f"measure:{m.pk}", measure_title(m)) for m in measures],
        ),
    ]


def citing_comments(user, evidence: Evidence):
    """Comments citing this evidence item that `user` may read (deleted ones left out), oldest
    first, authors joined. Callers must not show the body of `is_hidden` ones."""
    return (
        visible_comments(user)
        .filter(cited_evidence=evidence, deleted_at__isnull=True)
        .select_related("author")
        .order_by("created_at", "id")
    )


@dataclass
class Citation:
    """One entry of "cited by" on a scheme page ({% scheme_citations %} in policies_sections)."""

    title: str
    url: str
    excerpt: str = ""


def _author_name(row: dict) -> str:
    full = f"{row['last']} {row['first']}".strip() if row["last"] or row["first"] else ""
    return row["display"] or full or row["username"]


def scheme_citations(user, scheme) -> list[Citation]:
    """The questions `user` may see that link the scheme as evidence, each followed by the
    comments citing it that `user` may read (hidden ones without their text).

    One query: the comments are aggregated per link as JSON.
    """
    internal = can_see_internal(user)
    readable = Q(citations__deleted_at__isnull=True, citations__isnull=False)
    if not internal:
        readable &= Q(question__comments_published=True) | Q(citations__visibility="public")
    rows = (
        Evidence.objects.filter(scheme=scheme, question__in=visible_questions(user))
        .values("question_id", "question__title", "question__position")
        .annotate(
            perspective_position=F("question__perspective__position"),
            comments=ArrayAgg(
                JSONObject(
                    id="citations__id",
                    body="citations__body",
                    hidden="citations__is_hidden",
                    display="citations__author__display_name",
                    first="citations__author__first_name",
                    last="citations__author__last_name",
                    username="citations__author__username",
                ),
                filter=readable,
                order_by=("citations__created_at", "citations__id"),
                default=[],
            ),
        )
        .order_by("question__perspective__position", "question__position")
    )
    result = []
    for row in rows:
        title = question_label(
            row["perspective_position"], row["question__position"], row["question__title"]
        )
        question_url = reverse("policies:question-detail", args=[row["question_id"]])
        result.append(Citation(title=title, url=question_url))
        for comment in row["comments"]:
            name = _author_name(comment)
            if comment["hidden"]:
                excerpt = _("This comment was hidden by the secretariat.")
            else:
                body = comment["body"]
                excerpt = body if len(body) <= 140 else body[:139] + "…"
            result.append(
                Citation(
                    title=_("Comment by %(name)s") % {"name": name},
                    url=f"{question_url}#comment-{comment['id']}",
                    excerpt=excerpt,
                )
            )
    return result
