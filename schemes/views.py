"""Support scheme pages."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.access import public
from schemes.models import Scheme


@public
@require_GET
def scheme_list(request):
    return render(request, "schemes/scheme_list.html", {"schemes": Scheme.objects.all()})


@public
@require_GET
def scheme_detail(request, slug: str):
    scheme = get_object_or_404(Scheme, slug=slug)
    return render(request, "schemes/scheme_detail.html", {"scheme": scheme})
