"""Consultation questions, members' comments (HTMX with a no-JavaScript fallback) and the
"my questions" dashboard."""

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import commenter_required, login, public, role_required
from accounts.roles import ADMIN, SECRETARIAT, can_comment, can_see_internal
from policies import services
from policies.access import access_comment, access_question
from policies.forms import CommentEditForm, CommentForm, HideForm, StanceFilterForm
from policies.models import Comment, Question
from policies.selectors import comment_threads_page, dashboard_for, questions_for_list

TEMPLATE = "policies/question_detail.html"


def _poll_seconds() -> int:
    # Tests (and a busy deployment) can change how often open pages ask for new comments.
    return max(1, int(getattr(settings, "COMMENT_POLL_SECONDS", 10)))


@dataclass
class Composer:
    """The one comment form on the question page: new comment, reply, or edit."""

    mode: str = "new"  # new | reply | edit
    form: Form | None = None
    target: Comment | None = None  # the comment replied to or edited
    error: str = ""
    status: int = 200
    extra: dict = field(default_factory=dict)


def _list_params(request) -> dict:
    """The list's filter and page: from the query string, or for an HTMX post, from the page
    the request came from, so the refreshed list keeps what the reader chose."""
    if request.method == "GET":
        source = request.GET
        return {"stance": source.get("stance", ""), "page": source.get("page", "1")}
    if request.htmx and request.htmx.current_url:
        query = parse_qs(urlsplit(request.htmx.current_url).query)
        return {"stance": query.get("stance", [""])[0], "page": query.get("page", ["1"])[0]}
    return {"stance": "", "page": "1"}


def _context(request, question: Question, composer: Composer, *, list_error: str = "") -> dict:
    user = request.user
    params = _list_params(request)
    thread_page = comment_threads_page(
        user, question, stance=params["stance"], page_number=params["page"]
    )
    query = {"stance": thread_page.stance} if thread_page.stance else {}
    if thread_page.page.number > 1:
        query["page"] = thread_page.page.number
    detail_url = reverse("policies:question-detail", args=[question.pk])
    item = question.agenda_item
    show_item = item is not None and (
        can_see_internal(user) or (item.is_published and item.meeting.is_published)
    )
    return {
        "question": question,
        "perspective": question.perspective,
        "agenda_item": item if show_item else None,
        "opens_at": question.effective_opens_at,
        "closes_at": question.effective_closes_at,
        "is_open": question.is_open(),
        "not_yet_open": bool(question.effective_opens_at)
        and timezone.now() < question.effective_opens_at,
        "can_post": can_comment(user) and question.is_open(),
        "can_read_comments": can_see_internal(user) or question.comments_published,
        "thread_page": thread_page,
        "stance_form": StanceFilterForm(initial={"stance": thread_page.stance}),
        "detail_url": detail_url,
        "list_url": detail_url + ("?" + urlencode(query) if query else ""),
        "list_query": urlencode(query),
        "poll_seconds": _poll_seconds(),
        "composer": composer,
        "list_error": list_error,
    }


def _focus_body(form: Form) -> None:
    # static/js/app.js moves focus here after an HTMX swap (keyboard users land in the form).
    form.fields["body"].widget.attrs["data-autofocus"] = ""


def _composer_from_query(request, question: Question) -> Composer:
    """?reply_to=<id> or ?edit=<id> opens the form in that mode (links work without JS)."""
    user = request.user
    if not (can_comment(user) and question.is_open()):
        return Composer()
    if request.GET.get("edit"):
        comment = access_comment(user, request.GET["edit"], for_write=True)
        if comment.question_id != question.pk or comment.is_deleted or comment.is_hidden:
            raise Http404
        form = CommentEditForm(initial={"stance": comment.stance, "body": comment.body})
        _focus_body(form)
        return Composer(mode="edit", form=form, target=comment)
    if request.GET.get("reply_to"):
        parent = access_comment(user, request.GET["reply_to"])
        if parent.parent_id is not None:
            parent = parent.parent
        if parent.question_id != question.pk or parent.is_deleted or parent.is_hidden:
            raise Http404
        return Composer(
            mode="reply", form=CommentForm(initial={"parent": parent.pk}), target=parent
        )
    return Composer(form=CommentForm())


def _render_page(request, question, composer, *, list_error="", status=None):
    ctx = _context(request, question, composer, list_error=list_error)
    return render(request, TEMPLATE, ctx, status=status or composer.status)


def _render_composer(request, question, composer):
    """After a refused or invalid write: the form with the message (HTMX) or the whole page."""
    ctx = _context(request, question, composer)
    name = TEMPLATE + "#composer" if request.htmx else TEMPLATE
    return render(request, name, ctx, status=composer.status)


def _after_write(request, question, comment, message):
    """HTMX: a fresh form plus the refreshed list (out of band); without JS: redirect."""
    if request.htmx:
        ctx = _context(request, question, Composer(form=CommentForm()))
        ctx["list_oob"] = True
        return render(request, TEMPLATE + "#comment-posted", ctx)
    messages.success(request, message)
    url = reverse("policies:question-detail", args=[question.pk])
    return redirect(f"{url}#comment-{comment.pk}" if comment else url)


def _apply_errors(form: Form, error: ValidationError) -> None:
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@public
@require_GET
def question_list(request):
    questions = list(questions_for_list(request.user))
    groups: dict = {}
    for q in questions:
        groups.setdefault(q.perspective, []).append(q)
    return render(
        request,
        "policies/question_list.html",
        {"groups": list(groups.items()), "can_comment": can_comment(request.user)},
    )


@public
@require_GET
def question_detail(request, pk: int):
    question = access_question(request.user, pk)
    composer = _composer_from_query(request, question)
    if request.htmx and request.htmx.target == "composer":
        return render(request, TEMPLATE + "#composer", _context(request, question, composer))
    if request.htmx:
        return render(request, TEMPLATE + "#comment-list", _context(request, question, composer))
    return _render_page(request, question, composer)


@commenter_required
@require_POST
def comment_create(request, pk: int):
    question = access_question(request.user, pk, for_write=True)
    form = CommentForm(request.POST)
    composer = Composer(form=form)
    parent = None
    if request.POST.get("parent"):
        composer.mode = "reply"
        try:
            parent = access_comment(request.user, int(request.POST["parent"]))
        except (ValueError, Http404):
            parent = None
            composer.error = _("The comment you replied to is not available.")
            composer.status = 403
        if parent is not None and parent.question_id != question.pk:
            raise Http404
        composer.target = parent
    if form.is_valid() and not composer.error:
        try:
            comment = services.comment_create(
                question=question,
                author=request.user,
                body=form.cleaned_data["body"],
                stance=form.cleaned_data["stance"],
                parent=parent,
                idempotency_token=form.cleaned_data["idempotency_token"],
            )
        except services.CommentRefused as refused:
            composer.error, composer.status = refused.message, 403
        except ValidationError as invalid:
            _apply_errors(form, invalid)
        else:
            return _after_write(request, question, comment, _("Your comment was posted."))
    return _render_composer(request, question, composer)


@commenter_required
@require_POST
def comment_update(request, pk: int):
    comment = access_comment(request.user, pk, for_write=True)
    question = comment.question
    form = CommentEditForm(request.POST)
    composer = Composer(mode="edit", form=form, target=comment)
    if form.is_valid():
        try:
            comment = services.comment_update(
                comment=comment,
                by=request.user,
                body=form.cleaned_data["body"],
                stance=form.cleaned_data["stance"],
            )
        except services.CommentRefused as refused:
            composer.error, composer.status = refused.message, 403
        except ValidationError as invalid:
            _apply_errors(form, invalid)
        else:
            return _after_write(request, question, comment, _("Your comment was updated."))
    return _render_composer(request, question, composer)


@commenter_required
@require_POST
def comment_delete(request, pk: int):
    comment = access_comment(request.user, pk, for_write=True)
    question = comment.question
    try:
        services.comment_delete(comment=comment, by=request.user)
    except services.CommentRefused as refused:
        if request.htmx:
            ctx = _context(request, question, Composer(), list_error=refused.message)
            return render(request, TEMPLATE + "#comment-list", ctx, status=403)
        composer = Composer(form=CommentForm() if question.is_open() else None)
        return _render_page(request, question, composer, list_error=refused.message, status=403)
    if request.htmx:
        ctx = _context(request, question, Composer())
        return render(request, TEMPLATE + "#comment-list", ctx)
    messages.success(request, _("Your comment was deleted."))
    return redirect("policies:question-detail", pk=question.pk)


@role_required(SECRETARIAT, ADMIN, hide=True)
@require_GET
def comment_history(request, pk: int):
    comment = access_comment(request.user, pk)
    return render(
        request,
        "policies/comment_history.html",
        {
            "comment": comment,
            "revisions": list(comment.revisions.order_by("-written_at")),
            "hide_form": HideForm(),
        },
    )


@role_required(SECRETARIAT, ADMIN, hide=True)
@require_POST
def comment_moderate(request, pk: int):
    comment = access_comment(request.user, pk)
    if request.POST.get("action") == "unhide":
        services.comment_unhide(comment=comment, by=request.user)
        messages.success(request, _("The comment is shown again."))
        return redirect("policies:comment-history", pk=comment.pk)
    form = HideForm(request.POST)
    if form.is_valid():
        services.comment_hide(comment=comment, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The comment was hidden."))
        return redirect("policies:comment-history", pk=comment.pk)
    revisions = list(comment.revisions.order_by("-written_at"))
    return render(
        request,
        "policies/comment_history.html",
        {"comment": comment, "revisions": revisions, "hide_form": form},
    )


@login
@require_GET
def dashboard(request):
    # Read the replies "since" the previous visit, then move the marker to now.
    previous = services.dashboard_visit_record(user=request.user)
    board = dashboard_for(request.user, since=previous)
    return render(
        request,
        "policies/dashboard.html",
        {"board": board, "can_comment": can_comment(request.user)},
    )
