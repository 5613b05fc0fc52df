"""Evidence on questions: the secretariat links and unlinks items; anyone who may see the
question reads one item with the comments citing it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import public, secretariat_required
from core.errors import Refusal
from core.htmx import render_page
from policies import services
from policies.access import access_evidence, access_question
from policies.composer import apply_errors
from policies.evidence import (
    citing_comments,
    evidence_cards,
    evidence_source_url,
    question_evidence,
    target_choices,
)
from policies.forms import EvidenceLinkForm
from policies.models import Question
from policies.selectors import can_read_comments

TEMPLATE = "policies/evidence_manage.html"


def _render_manager(request, question: Question, form: EvidenceLinkForm, *, error="", status=200):
    ctx = {
        "question": question,
        "perspective": question.perspective,
        "items": question_evidence(question),
        "form": form,
        "error": error,
    }
    return render_page(request, TEMPLATE, ctx, partial="evidence-manager", status=status)


def _link_form(request, data=None) -> EvidenceLinkForm:
    return EvidenceLinkForm(data, target_choices=target_choices(request.user))


@secretariat_required
@require_http_methods(["GET", "POST"])
def evidence_manage(request, pk: int):
    """The secretariat's list of a question's evidence, with the form to link one more."""
    question = access_question(request.user, pk)
    if request.method == "GET":
        return _render_manager(request, question, _link_form(request))
    form = _link_form(request, request.POST)
    if form.is_valid():
        try:
            services.evidence_link(
                question=question,
                by=request.user,
                note=form.cleaned_data["note"],
                **form.target_fields(),
            )
        except Refusal as refused:
            return _render_manager(
                request, question, form, error=refused.message, status=refused.status
            )
        except ValidationError as invalid:
            apply_errors(form, invalid)
        else:
            if request.htmx:
                question._evidence_items = None
                return _render_manager(request, question, _link_form(request))
            messages.success(request, _("The evidence was linked to the question."))
            return redirect("policies:evidence-manage", pk=question.pk)
    return _render_manager(request, question, form, status=422)


@secretariat_required
@require_POST
def evidence_unlink(request, pk: int):
    """Remove one evidence link (refused while comments cite it)."""
    evidence = access_evidence(request.user, pk)
    question = evidence.question
    try:
        services.evidence_unlink(evidence=evidence, by=request.user)
    except Refusal as refused:
        return _render_manager(
            request, question, _link_form(request), error=refused.message, status=409
        )
    if request.htmx:
        return _render_manager(request, question, _link_form(request))
    messages.success(request, _("The evidence was unlinked."))
    return redirect("policies:evidence-manage", pk=question.pk)


@public
@require_safe
def evidence_detail(request, pk: int):
    """One evidence item of a question: its card and the comments citing it that the reader
    may see (hidden ones without their text)."""
    evidence = access_evidence(request.user, pk)
    question = evidence.question
    question._evidence_items = [evidence]
    card = evidence_cards(request.user, question)[0]
    return render(
        request,
        "policies/evidence_detail.html",
        {
            "evidence": evidence,
            "question": question,
            "card": card,
            "has_chart": card.chart is not None,
            "source_url": evidence_source_url(evidence),
            "comments": list(citing_comments(request.user, evidence)),
            "can_read_comments": can_read_comments(request.user, question),
        },
    )
