"""The site search: one box over questions, comments, agenda items, materials and schemes.

Text is matched through the bigram tsvector columns (accounts.search), so any Japanese word of
two or more characters is found and full-width/half-width forms match. What each kind returns is
filtered by the owning app's own visibility helpers, so search never shows what the user could
not open: one query per kind, ranked by ts_rank, with the total from a window count.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, QuerySet, Window
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.decorators import public
from accounts.roles import is_secretariat
from accounts.search import highlight, matches, rank
from committee.models import Material, Meeting
from committee.selectors import agenda_items_for
from policies.access import visible_comments, visible_questions
from schemes.models import Scheme

# Longer queries are cut here (and accounts.search keeps at most 10 words of at most 51 chars).
MAX_QUERY_LENGTH = 200
PER_KIND = 5
# At most this many matches per kind are ranked and counted ("500+" beyond).
CANDIDATES = 500
PER_PAGE = 20
SNIPPET_CHARS = 120

KINDS = {
    "questions": _("Questions"),
    "comments": _("Comments"),
    "agenda": _("Agenda items"),
    "materials": _("Materials"),
    "schemes": _("Support schemes"),
}


@dataclass
class Hit:
    """One result: where it links, its highlighted title and snippet, and a context line."""

    url: str
    title: str
    snippet: str = ""
    context: str = ""
    badges: list = field(default_factory=list)


@dataclass
class KindResults:
    key: str
    label: str
    hits: list[Hit]
    total: int

    @property
    def capped(self) -> bool:
        return self.total >= CANDIDATES


def clean_query(raw) -> str:
    """The query as searched: stripped and cut to MAX_QUERY_LENGTH characters."""
    return (raw or "").strip()[:MAX_QUERY_LENGTH]


def _questions(user) -> QuerySet:
    return visible_questions(user).select_related("perspective")


def _comments(user) -> QuerySet:
    # Deleted bodies are never searchable; hidden ones only for the secretariat (who moderates
    # them), as on the question page where everyone else sees "hidden" instead of the body.
    qs = visible_comments(user).filter(deleted_at__isnull=True)
    if not is_secretariat(user):
        qs = qs.filter(is_hidden=False)
    return qs.select_related("question__perspective", "author")


def _agenda(user) -> QuerySet:
    return (
        agenda_items_for(user)
        .filter(meeting__in=Meeting.objects.visible_to(user))
        .select_related("meeting")
    )


def _materials(user) -> QuerySet:
    # The same rule as committee.access.access_material.
    qs = Material.objects.all()
    if not is_secretariat(user):
        qs = qs.filter(is_published=True, meeting__is_published=True)
    return qs.select_related("meeting")


def _schemes(user) -> QuerySet:
    # Support schemes are public reference data (schemes.access).
    return Scheme.objects.all()


SOURCES = {
    "questions": _questions,
    "comments": _comments,
    "agenda": _agenda,
    "materials": _materials,
    "schemes": _schemes,
}


def _hit(kind: str, obj, q: str) -> Hit:
    if kind == "questions":
        badges = [] if obj.is_published else [_("Draft")]
        return Hit(
            url=reverse("policies:question-detail", args=[obj.pk]),
            title=highlight(obj.label, q),
            snippet=highlight(obj.body, q, width=SNIPPET_CHARS),
            context=obj.perspective.title,
            badges=badges,
        )
    if kind == "comments":
        badges = [_("Hidden")] if obj.is_hidden else []
        if obj.visibility == obj.Visibility.MEMBERS and not obj.question.comments_published:
            badges.append(_("Members only"))
        question = obj.question
        return Hit(
            url=reverse("policies:question-detail", args=[question.pk]) + f"#comment-{obj.pk}",
            title=question.label,
            snippet=highlight(obj.body, q, width=SNIPPET_CHARS),
            context=f"{obj.author} · {obj.created_at:%Y-%m-%d}",
            badges=badges,
        )
    if kind == "agenda":
        meeting = obj.meeting
        badges = [] if obj.is_published and meeting.is_published else [_("Draft")]
        return Hit(
            url=reverse("committee:meeting-detail", args=[meeting.pk]) + f"#item-{obj.pk}",
            title=highlight(obj.title, q),
            snippet=highlight(obj.description, q, width=SNIPPET_CHARS),
            context=meeting.title,
            badges=badges,
        )
    if kind == "materials":
        meeting = obj.meeting
        badges = [] if obj.is_published and meeting.is_published else [_("Draft")]
        return Hit(
            url=reverse("committee:meeting-detail", args=[meeting.pk]) + f"#material-{obj.pk}",
            title=highlight(f"{obj.number} {obj.title}", q),
            context=meeting.title,
            badges=badges,
        )
    details = " / ".join(
        part for part in (obj.name_en, obj.agency, obj.target, obj.support_content) if part
    )
    return Hit(
        url=reverse("schemes:scheme-detail", args=[obj.slug]),
        title=highlight(obj.name_ja, q),
        snippet=highlight(details, q, width=SNIPPET_CHARS),
        context=obj.country,
    )


def search_queryset(user, q: str, kind: str) -> QuerySet | None:
    """The ranked queryset behind search_kind (None for a blank query), each row annotated
    with `search_rank` and `search_total`. Anyone may call it; it holds only what the user
    may open."""
    condition = matches(q)
    if condition is None:
        return None
    visible = SOURCES[kind](user)
    # Ranking (or even ordering) reads every match's row, so a word found in tens of
    # thousands of comments would cost a heap visit per match (200 ms at 16,000). Instead the
    # first CANDIDATES matches the GIN index yields (storage order, no ORDER BY) are ranked:
    # the scan stops there, which keeps a search fast at any size. Below the cap, which real
    # committee data stays far under, the ranking and the count are exact. No ORDER BY on
    # purpose: with one, PostgreSQL (which underestimates phrase matches of correlated
    # bigrams) must fetch every match before it can return the first.
    candidates = visible.filter(condition).order_by().values("pk")[:CANDIDATES]
    return (
        visible.filter(pk__in=candidates)
        .annotate(search_rank=rank(q), search_total=Window(Count("*")))
        .order_by(F("search_rank").desc(), "-pk")
    )


def search_kind(user, q: str, kind: str, *, offset: int = 0, limit: int = PER_KIND):
    """One kind's results for the user: (hits, total), total capped at CANDIDATES. Anyone may
    call it; it shows only what the user may open (the owning app's visibility rules).
    One query, none for a blank query."""
    qs = search_queryset(user, q, kind)
    if qs is None:
        return [], 0
    rows = list(qs[offset : offset + limit])
    total = rows[0].search_total if rows else 0
    return [_hit(kind, obj, q) for obj in rows], total


def search_site(user, q: str) -> list[KindResults]:
    """The first PER_KIND results of every kind, best first, with each kind's total.
    Anyone may call it; at most one query per kind."""
    results = []
    for key, label in KINDS.items():
        hits, total = search_kind(user, q, key)
        results.append(KindResults(key=key, label=label, hits=hits, total=total))
    return results


@public
@require_safe
def search(request):
    q = clean_query(request.GET.get("q"))
    kind = request.GET.get("kind", "")
    context = {"q": q, "kinds": KINDS, "kind": "", "searched": False}
    if q and matches(q) is not None:
        context["searched"] = True
        if kind in KINDS:
            number = request.GET.get("page", "1")
            number = int(number) if number.isdigit() and 0 < int(number) < 10_000 else 1
            hits, total = search_kind(
                request.user, q, kind, offset=(number - 1) * PER_PAGE, limit=PER_PAGE
            )
            paginator = Paginator(range(total), PER_PAGE)
            context.update(
                kind=kind,
                kind_label=KINDS[kind],
                hits=hits,
                total=total,
                capped=total >= CANDIDATES,
                page=paginator.get_page(number) if total else None,
            )
        else:
            context["results"] = search_site(request.user, q)
            context["total"] = sum(r.total for r in context["results"])
            context["capped"] = any(r.capped for r in context["results"])
    # A history restore (back button, htmx's cache is off) needs the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "search/search.html#results" if partial else "search/search.html"
    response = render(request, template, context)
    # The same URL answers a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response
