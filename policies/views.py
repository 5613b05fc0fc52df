"""Consultation questions."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import public
from policies.models import Perspective, Question


@public
@require_GET
def question_list(request):
    perspectives = Perspective.objects.prefetch_related("questions")
    return render(request, "policies/question_list.html", {"perspectives": perspectives})


@public
@require_GET
def question_detail(request, pk: int):
    try:
        question = Question.objects.published().select_related("perspective").get(pk=pk)
    except Question.DoesNotExist:
        raise Http404 from None
    return render(request, "policies/question_detail.html", {"question": question})
