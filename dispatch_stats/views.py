"""Statistics pages."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import public
from dispatch_stats.models import YearlyFigure


@public
@require_GET
def index(request):
    figures = YearlyFigure.objects.select_related("source").order_by(
        "direction", "term", "fiscal_year"
    )
    return render(request, "dispatch_stats/index.html", {"figures": figures})
