"""Support scheme pages: the list, the comparison in yen, and one scheme's facts."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.decorators import public
from core.htmx import render_page
from schemes import selectors
from schemes.access import access_scheme
from schemes.forms import SchemeFilterForm
from schemes.models import Scheme


@public
@require_safe
def scheme_list(request):
    schemes = Scheme.objects.only("slug", "kind", "country", "name_ja", "name_en")
    return render(request, "schemes/scheme_list.html", {"schemes": schemes})


@public
@require_safe
def scheme_compare(request):
    form = SchemeFilterForm(request.GET or None, countries=selectors.country_choices())
    if form.is_bound:
        form.is_valid()  # errors are shown next to the fields; valid fields still filter
    filters = form.filters()
    comparison = selectors.scheme_comparison(request.user, **filters)
    ctx = {"form": form, "comparison": comparison}
    return render_page(request, "schemes/scheme_compare.html", ctx, partial="compare-table")


@public
@require_safe
def scheme_detail(request, slug: str):
    scheme = access_scheme(request.user, slug)
    on = timezone.localdate()
    return render(
        request,
        "schemes/scheme_detail.html",
        {
            "scheme": scheme,
            "figures": selectors.scheme_detail_figures(request.user, scheme, on=on),
            "on": on,
        },
    )
