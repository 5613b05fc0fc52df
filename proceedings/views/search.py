"""Search in the statements of the published minutes (until the site search has the kind)."""

from django.db.models import F
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.decorators import public
from accounts.search import highlight, matches, rank
from proceedings.searchables import statement_hit, visible_statements

LIMIT = 50


@public
@require_safe
def statement_search(request):
    q = (request.GET.get("q") or "").strip()[:200]
    hits = []
    condition = matches(q) if q else None
    if condition is not None:
        rows = (
            visible_statements(request.user)
            .filter(condition)
            .annotate(search_rank=rank(q))
            .order_by(F("search_rank").desc(), "pk")[:LIMIT]
        )
        for statement in rows:
            hit = statement_hit(statement)
            hit["snippet"] = highlight(statement.text, q, width=120)
            hits.append(hit)
    return render(request, "proceedings/statement_search.html", {"q": q, "hits": hits})
