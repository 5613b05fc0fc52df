"""The minutes' search moved into the site search (kind=statements); the old address redirects."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.decorators import public


@public
@require_safe
def statement_search(request):
    query = {"kind": "statements"}
    q = (request.GET.get("q") or "").strip()[:200]
    if q:
        query["q"] = q
    return redirect(f"{reverse('search')}?{urlencode(query)}")
