"""The interim strategy (中間まとめ) and its glossary: public reading pages."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.decorators import public
from policies.models import GlossaryTerm, Measure, Pillar


@public
@require_safe
def strategy(request):
    pillars = Pillar.objects.prefetch_related(
        Prefetch("measures", queryset=Measure.objects.order_by("position", "id"))
    )
    return render(request, "policies/strategy.html", {"pillars": pillars})


@public
@require_safe
def glossary(request):
    return render(request, "policies/glossary.html", {"terms": GlossaryTerm.objects.all()})
