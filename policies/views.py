"""Consultation questions, members' comments (HTMX with a no-JavaScript fallback) and the
"my questions" dashboard. The composer's rendering lives in policies.composer."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import commenter_required, login, public
from accounts.roles import can_comment
from core.errors import Refusal
from core.htmx import render_page, wants_partial
from core.http import conditional
from policies import services
from policies.access import access_comment, access_question
from policies.comment_poll import comment_list_etag
from policies.composer import (
    TEMPLATE,
    Composer,
    apply_errors,
    cited,
    composer_from_query,
    edit_form,
    list_params,
    new_form,
    page_context,
    render_composer,
    render_orphan,
    render_question_page,
    stored,
)
from policies.forms import CommentForm
from policies.selectors import dashboard_for, last_dashboard_visit, questions_for_list


def _after_write(request, question, composer, comment, message):
    """HTMX: a fresh form plus the refreshed list (out of band), and the event that tells
    static/js/policies.js the comment is stored, so it drops that box's draft (only then);
    without JS: redirect."""
    if request.htmx:
        ctx = page_context(request, question, Composer(form=new_form(question)))
        ctx["list_oob"] = True
        response = render_page(request, TEMPLATE, ctx, partial="comment-posted")
        return stored(response, composer, question.pk)
    messages.success(request, message)
    url = reverse("policies:question-detail", args=[question.pk])
    return redirect(f"{url}#comment-{comment.pk}" if comment else url)


def _text(form) -> dict:
    """What every comment write takes from the form as typed: the body and the stance."""
    return {"body": form.cleaned_data["body"], "stance": form.cleaned_data["stance"]}


def _write(request, question, composer, write, message: str):
    """Run `write()` (a comment service): a refusal or invalid data comes back in the
    composer (4xx), else the page after the write (_after_write) with `message`."""
    try:
        comment = write()
    except Refusal as refused:
        composer.refuse(refused.message, refused.status)
    except ValidationError as invalid:
        apply_errors(composer.form, invalid)
    else:
        return _after_write(request, question, composer, comment, message)
    return render_composer(request, question, composer)


@public
@require_safe
def question_list(request):
    groups: dict = {}
    for q in questions_for_list(request.user):
        groups.setdefault(q.perspective, []).append(q)
    return render(request, "policies/question_list.html", {"groups": list(groups.items())})


@public
@require_safe
def question_detail(request, pk: int):
    question = access_question(request.user, pk)
    if wants_partial(request) and request.htmx.target != "composer":
        # The polled list: no form is shown, so none is built (no evidence query either); 304
        # when nothing the reader may see changed.
        def render_list():
            return render_question_page(request, question, Composer(), partial="comment-list")

        etag = comment_list_etag(request, question, list_params(request), TEMPLATE)
        return conditional(request, etag=etag, render=render_list)
    composer = composer_from_query(request, question)
    return render_question_page(request, question, composer, partial="composer")


def _unavailable_question(request):
    """The question went away (unpublished) between page load and submit: the same 404 as a
    missing one, with the typed text back in the box."""
    mode = "reply" if request.POST.get("parent") else "new"
    composer = Composer(mode=mode, form=CommentForm(request.POST))
    composer.refuse(_("This question is not available any more. Your text is kept below."), 404)
    return render_orphan(request, composer)


def _reply_parent(request, question, composer):
    """The comment replied to, or None with the composer refused (it is gone or hidden)."""
    try:
        parent = access_comment(request.user, int(request.POST["parent"]))
    except (ValueError, Http404):
        parent = None
    if parent is not None and parent.question_id != question.pk:
        raise Http404
    if parent is None or not parent.is_shown:
        # The same answer as opening the form with ?reply_to=: the refused form must not
        # quote a body its reader may not see.
        composer.refuse(_("The comment you replied to is not available."), 403)
        return None
    composer.target = parent
    return parent


@commenter_required
@require_POST
def comment_create(request, pk: int):
    try:
        question = access_question(request.user, pk, for_write=True)
    except Http404:
        return _unavailable_question(request)
    form = new_form(question, request.POST)
    # Invalid until proven otherwise: a form that comes back is a 4xx, never a 200.
    composer = Composer(form=form, status=422)
    parent = None
    if request.POST.get("parent"):
        composer.mode = "reply"
        parent = _reply_parent(request, question, composer)
    if form.is_valid() and not composer.error:
        write = partial(
            services.comment_create,
            question=question,
            author=request.user,
            parent=parent,
            **_text(form),
            idempotency_token=form.cleaned_data["idempotency_token"],
            cited_evidence=cited(question, form),
            cited_year=form.cleaned_data.get("cited_year"),
        )
        return _write(request, question, composer, write, _("Your comment was posted."))
    return render_composer(request, question, composer)


@commenter_required
@require_POST
def comment_delete(request, pk: int):
    comment = access_comment(request.user, pk, for_write=True)
    question = comment.question
    try:
        services.comment_delete(comment=comment, by=request.user)
    except Refusal as refused:
        # HTMX: the list alone, so no form is built; without JS the page with the box.
        with_form = not wants_partial(request) and question.is_open()
        composer = Composer(form=new_form(question) if with_form else None)
        return render_question_page(
            request,
            question,
            composer,
            partial="comment-list",
            list_error=refused.message,
            status=refused.status,
        )
    if request.htmx:
        return render_question_page(request, question, Composer(), partial="comment-list")
    messages.success(request, _("Your comment was deleted."))
    return redirect("policies:question-detail", pk=question.pk)


@commenter_required
@require_POST
def comment_update(request, pk: int):
    comment = access_comment(request.user, pk, for_write=True)
    question = comment.question
    form = edit_form(question, request.POST)
    composer = Composer(mode="edit", form=form, target=comment, status=422)
    if form.is_valid():
        citation = cited(question, form) if "cited_evidence" in form.fields else services.UNCHANGED
        write = partial(
            services.comment_update,
            comment=comment,
            by=request.user,
            **_text(form),
            cited_evidence=citation,
            cited_year=form.cleaned_data.get("cited_year")
            if "cited_year" in form.fields
            else services.UNCHANGED,
            version=form.cleaned_data["version"] or None,
        )
        return _write(request, question, composer, write, _("Your comment was updated."))
    return render_composer(request, question, composer)


@login
@require_safe
def dashboard(request):
    # Read the replies "since" the previous visit, then move the marker to now. A HEAD request
    # (link checkers, prefetchers) is not a visit: it must not mark replies as seen.
    if request.method == "HEAD":
        previous = last_dashboard_visit(request.user)
    else:
        previous = services.dashboard_visit_record(user=request.user)
    board = dashboard_for(request.user, since=previous)
    return render(
        request,
        "policies/dashboard.html",
        {"board": board, "can_comment": can_comment(request.user)},
    )
