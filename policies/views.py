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
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import (
    commenter_required,
    login,
    public,
    role_required,
    secretariat_required,
)
from accounts.roles import ADMIN, SECRETARIAT, can_comment, can_see_internal, is_secretariat
from core.http import conditional
from policies import services
from policies.access import access_comment, access_evidence, access_question
from policies.comment_poll import comment_list_etag
from policies.evidence import (
    citation_choices,
    citing_comments,
    evidence_cards,
    evidence_source_url,
    evidence_title,
    question_evidence,
    target_choices,
)
from policies.forms import (
    CommentEditForm,
    CommentForm,
    EvidenceLinkForm,
    HideForm,
    StanceFilterForm,
)
from policies.models import Comment, Question
from policies.moderation_views import apply_moderation
from policies.selectors import (
    comment_threads_page,
    dashboard_for,
    last_dashboard_visit,
    questions_for_list,
)

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


def _context(
    request, question: Question, composer: Composer, *, list_error: str = "", full: bool = False
) -> dict:
    """The question page's context; full: the whole page (with the evidence cards), not only a
    partial (the polled list must stay cheap)."""
    user = request.user
    params = _list_params(request)
    thread_page = comment_threads_page(
        user, question, stance=params["stance"], page_number=params["page"]
    )
    query = {"stance": thread_page.stance} if thread_page.stance else {}
    if thread_page.page.number > 1:
        query["page"] = thread_page.page.number
    detail_url = reverse("policies:question-detail", args=[question.pk])
    cards = evidence_cards(user, question) if full else []
    item = question.agenda_item
    show_item = item is not None and (
        is_secretariat(user) or (item.is_published and item.meeting.is_published)
    )
    can_post = can_comment(user) and question.is_open()
    return {
        "question": question,
        "perspective": question.perspective,
        "agenda_item": item if show_item else None,
        "opens_at": question.effective_opens_at,
        "closes_at": question.effective_closes_at,
        "is_open": question.is_open(),
        "not_yet_open": bool(question.effective_opens_at)
        and timezone.now() < question.effective_opens_at,
        "can_post": can_post,
        # What, besides the comment itself, changes a cached comment fragment (see the template).
        "comment_fragment_viewer": "|".join(
            str(part)
            for part in (
                question.pk,
                question.comments_published,
                can_post,
                is_secretariat(user),
                get_language(),
                timezone.get_current_timezone_name(),
            )
        ),
        "can_read_comments": can_see_internal(user) or question.comments_published,
        "thread_page": thread_page,
        "stance_form": StanceFilterForm(initial={"stance": thread_page.stance}),
        "detail_url": detail_url,
        "list_url": detail_url + ("?" + urlencode(query) if query else ""),
        "list_query": urlencode(query),
        "poll_seconds": _poll_seconds(),
        "composer": composer,
        "list_error": list_error,
        "evidence_cards": cards,
        "has_chart": any(card.chart for card in cards),
        "can_manage_evidence": is_secretariat(user),
    }


def _new_form(question: Question, *args, **kwargs) -> CommentForm:
    return CommentForm(*args, evidence_choices=citation_choices(question), **kwargs)


def _cited(question: Question, form: Form):
    """The evidence item picked in the form (already one of the question's), or None."""
    chosen = form.cleaned_data.get("cited_evidence")
    return {e.pk: e for e in question_evidence(question)}.get(chosen)


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
        form = CommentEditForm(
            initial={
                "stance": comment.stance,
                "body": comment.body,
                "cited_evidence": comment.cited_evidence_id,
            },
            evidence_choices=citation_choices(question),
        )
        _focus_body(form)
        return Composer(mode="edit", form=form, target=comment)
    if request.GET.get("reply_to"):
        parent = access_comment(user, request.GET["reply_to"])
        if parent.parent_id is not None:
            parent = parent.parent
        if parent.question_id != question.pk or parent.is_deleted or parent.is_hidden:
            raise Http404
        return Composer(
            mode="reply", form=_new_form(question, initial={"parent": parent.pk}), target=parent
        )
    return Composer(form=_new_form(question))


def _render_page(request, question, composer, *, list_error="", status=None):
    ctx = _context(request, question, composer, list_error=list_error, full=True)
    return render(request, TEMPLATE, ctx, status=status or composer.status)


def _render_composer(request, question, composer):
    """After a refused or invalid write: the form with the message (HTMX) or the whole page."""
    ctx = _context(request, question, composer, full=not request.htmx)
    name = TEMPLATE + "#composer" if request.htmx else TEMPLATE
    return render(request, name, ctx, status=composer.status)


def _after_write(request, question, comment, message):
    """HTMX: a fresh form plus the refreshed list (out of band); without JS: redirect."""
    if request.htmx:
        ctx = _context(request, question, Composer(form=_new_form(question)))
        ctx["list_oob"] = True
        return render(request, TEMPLATE + "#comment-posted", ctx)
    messages.success(request, message)
    url = reverse("policies:question-detail", args=[question.pk])
    return redirect(f"{url}#comment-{comment.pk}" if comment else url)


def _apply_errors(form: Form, error: ValidationError) -> None:
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@public
@require_safe
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
@require_safe
def question_detail(request, pk: int):
    question = access_question(request.user, pk)
    if request.htmx and request.htmx.target != "composer":
        # The polled list: no form is shown, so none is built (no evidence query either); 304
        # when nothing the reader may see changed.
        def render_list():
            ctx = _context(request, question, Composer())
            return render(request, TEMPLATE + "#comment-list", ctx)

        etag = comment_list_etag(request, question, _list_params(request), TEMPLATE)
        return conditional(request, etag=etag, render=render_list)
    composer = _composer_from_query(request, question)
    if request.htmx:
        return render(request, TEMPLATE + "#composer", _context(request, question, composer))
    return _render_page(request, question, composer)


@commenter_required
@require_POST
def comment_create(request, pk: int):
    question = access_question(request.user, pk, for_write=True)
    form = _new_form(question, request.POST)
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
        if parent is not None and (parent.is_deleted or parent.is_hidden):
            # The same answer as opening the form with ?reply_to=: the refused form must not
            # quote a body its reader may not see.
            parent = None
            composer.error = _("The comment you replied to is not available.")
            composer.status = 403
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
                cited_evidence=_cited(question, form),
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
    form = CommentEditForm(request.POST, evidence_choices=citation_choices(question))
    composer = Composer(mode="edit", form=form, target=comment)
    if form.is_valid():
        citation = _cited(question, form) if "cited_evidence" in form.fields else services.UNCHANGED
        try:
            comment = services.comment_update(
                comment=comment,
                by=request.user,
                body=form.cleaned_data["body"],
                stance=form.cleaned_data["stance"],
                cited_evidence=citation,
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
        composer = Composer(form=_new_form(question) if question.is_open() else None)
        return _render_page(request, question, composer, list_error=refused.message, status=403)
    if request.htmx:
        ctx = _context(request, question, Composer())
        return render(request, TEMPLATE + "#comment-list", ctx)
    messages.success(request, _("Your comment was deleted."))
    return redirect("policies:question-detail", pk=question.pk)


@role_required(SECRETARIAT, ADMIN, hide=True)
@require_safe
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
    comment, form, message = apply_moderation(request, access_comment(request.user, pk))
    if form is None:
        messages.success(request, message)
        return redirect("policies:comment-history", pk=comment.pk)
    revisions = list(comment.revisions.order_by("-written_at"))
    return render(
        request,
        "policies/comment_history.html",
        {"comment": comment, "revisions": revisions, "hide_form": form},
    )


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


EVIDENCE_TEMPLATE = "policies/evidence_manage.html"


def _evidence_context(request, question: Question, form: EvidenceLinkForm, *, error: str = ""):
    return {
        "question": question,
        "perspective": question.perspective,
        "items": [(e, evidence_title(e)) for e in question_evidence(question)],
        "form": form,
        "error": error,
    }


def _render_evidence(request, question, form, *, error="", status=200):
    name = EVIDENCE_TEMPLATE + "#evidence-manager" if request.htmx else EVIDENCE_TEMPLATE
    return render(
        request, name, _evidence_context(request, question, form, error=error), status=status
    )


def _link_form(request, data=None) -> EvidenceLinkForm:
    return EvidenceLinkForm(data, target_choices=target_choices(request.user))


@secretariat_required
@require_http_methods(["GET", "POST"])
def evidence_manage(request, pk: int):
    """The secretariat's list of a question's evidence, with the form to link one more."""
    question = access_question(request.user, pk)
    if request.method == "GET":
        return _render_evidence(request, question, _link_form(request))
    form = _link_form(request, request.POST)
    if form.is_valid():
        try:
            services.evidence_link(
                question=question,
                by=request.user,
                note=form.cleaned_data["note"],
                **form.target_fields(),
            )
        except ValidationError as invalid:
            _apply_errors(form, invalid)
        else:
            if request.htmx:
                question._evidence_items = None
                return _render_evidence(request, question, _link_form(request))
            messages.success(request, _("The evidence was linked to the question."))
            return redirect("policies:evidence-manage", pk=question.pk)
    return _render_evidence(request, question, form)


@secretariat_required
@require_POST
def evidence_unlink(request, pk: int):
    """Remove one evidence link (refused while comments cite it)."""
    evidence = access_evidence(request.user, pk)
    question = evidence.question
    try:
        services.evidence_unlink(evidence=evidence, by=request.user)
    except services.EvidenceRefused as refused:
        return _render_evidence(
            request, question, _link_form(request), error=refused.message, status=409
        )
    if request.htmx:
        return _render_evidence(request, question, _link_form(request))
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
            "can_read_comments": can_see_internal(request.user) or question.comments_published,
        },
    )
