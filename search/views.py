"""The search page: all kinds at once, or one kind page by page; HTMX swaps the results."""

from django.core.paginator import Paginator
from django.views.decorators.http import require_safe

from accounts.decorators import public
from core.htmx import render_page
from core.search import matches
from search import selectors
from search.selectors import PER_PAGE, clean_query, kind_labels, search_kind, search_site


def _page_number(raw: str) -> int:
    return int(raw) if raw.isdigit() and 0 < int(raw) < 10_000 else 1


def _one_kind(request, q: str, kind: str, labels: dict) -> dict:
    number = _page_number(request.GET.get("page", "1"))
    hits, total = search_kind(request.user, q, kind, offset=(number - 1) * PER_PAGE, limit=PER_PAGE)
    paginator = Paginator(range(total), PER_PAGE)
    return {
        "kind": kind,
        "kind_label": labels[kind],
        "hits": hits,
        "total": total,
        "capped": total >= selectors.CANDIDATES,
        "page": paginator.get_page(number) if total else None,
    }


@public
@require_safe
def search(request):
    q = clean_query(request.GET.get("q"))
    kind = request.GET.get("kind", "")
    labels = kind_labels()
    context = {"q": q, "kinds": labels, "kind": "", "searched": False}
    if q and matches(q) is not None:
        context["searched"] = True
        if kind in labels:
            context.update(_one_kind(request, q, kind, labels))
        else:
            results = search_site(request.user, q)
            context.update(
                results=results,
                total=sum(r.total for r in results),
                capped=any(r.capped for r in results),
            )
    # The same URL answers a fragment or a page: core.middleware.VaryOnHtmxMiddleware keeps
    # them apart in caches.
    return render_page(request, "search/search.html", context, partial="results")
