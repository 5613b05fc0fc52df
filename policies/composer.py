"""The one comment form (new comment, reply or edit) and how it is rendered: the Composer is
every commented page's (a question's comments, a report paragraph's reviews, which set its
scope, action and labels); the rest of this module builds the question page around it.

A refused or invalid write comes back as the same composer with the person's text, stance and
other fields still in the box and the message inside it, with an honest 4xx status: HTMX swaps
it in place (the htmx-config in base.html swaps 4xx answers), without JavaScript it is the whole
page. static/js/policies.js keeps a local draft for everything else (5xx, no network).
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404
from django.urls import reverse
from django_htmx.http import trigger_client_event

from core.errors import Refusal
from core.htmx import render_page, serves_partial
from policies.access import access_comment
from policies.evidence import citation_choices, question_evidence
from policies.forms import CommentEditForm, CommentForm, StanceFilterForm
from policies.models import Question
from policies.selectors import can_post, question_page

TEMPLATE = "policies/question_detail.html"
ORPHAN_TEMPLATE = "policies/comment_refused.html"


@dataclass
class Composer:
    """The one comment form of a commented page: new comment, reply, or edit.

    scope names the page's local drafts (a question's id by default); action, heading, submit
    and cancel_url replace the question page's defaults (templates/policies/includes/
    composer.html) on another page."""

    mode: str = "new"  # new | reply | edit
    form: Form | None = None
    target: object = None  # the comment replied to or edited
    error: str = ""
    status: int = 200
    scope: str = ""
    action: str = ""
    heading: str = ""
    submit: str = ""
    cancel_url: str = ""

    @property
    def draft_key(self) -> str:
        """Names the local draft (static/js/policies.js): one per question and per reply or
        edit target, so a reply's draft never lands in the box of another thread. A refused
        reply whose parent is gone keeps the key of the reply it was."""
        if self.target is not None and self.mode != "new":
            return f"{self.mode}-{self.target.pk}"
        parent = self.form.data.get("parent", "") if self.form is not None else ""
        if self.mode == "reply" and str(parent).isdigit():
            return f"reply-{parent}"
        return "new"

    def refuse(self, message: str, status: int) -> None:
        self.error, self.status = str(message), status


def stored(response, composer: Composer, scope) -> object:
    """Tell static/js/policies.js the post of this box is stored, so it drops that box's local
    draft (only then): the "policies:comment-stored" event, as an HX-Trigger header."""
    detail = {"scope": str(composer.scope or scope), "key": composer.draft_key}
    return trigger_client_event(response, "policies:comment-stored", detail)


def attempt(composer: Composer, write):
    """Run the service call write() for the box: a Refusal becomes the box's message with its
    status, a ValidationError the form's field errors. Returns what write() returned, or None
    when refused (the box then comes back with the typed text)."""
    try:
        return write()
    except Refusal as refused:
        composer.refuse(refused.message, refused.status)
    except ValidationError as invalid:
        apply_errors(composer.form, invalid)
    return None


def poll_seconds() -> int:
    # Tests (and a busy deployment) can change how often open pages ask for new comments.
    return max(1, int(getattr(settings, "COMMENT_POLL_SECONDS", 10)))


def list_params(request) -> dict:
    """The list's filter and page: from the query string, or for an HTMX post, from the page
    the request came from, so the refreshed list keeps what the reader chose."""
    if request.method == "GET":
        source = request.GET
        return {"stance": source.get("stance", ""), "page": source.get("page", "1")}
    if request.htmx and request.htmx.current_url:
        query = parse_qs(urlsplit(request.htmx.current_url).query)
        return {"stance": query.get("stance", [""])[0], "page": query.get("page", ["1"])[0]}
    return {"stance": "", "page": "1"}


def page_context(
    request, question: Question, composer: Composer, *, list_error: str = "", full: bool = False
) -> dict:
    """The question page's template context: the selector's QuestionPage plus the form, the
    URLs and the polling interval. full: the whole page (with the evidence cards)."""
    params = list_params(request)
    page = question_page(
        request.user,
        question,
        stance=params["stance"],
        page_number=params["page"],
        with_evidence=full,
    )
    thread_page = page.thread_page
    query = {"stance": thread_page.stance} if thread_page.stance else {}
    if thread_page.page.number > 1:
        query["page"] = thread_page.page.number
    detail_url = reverse("policies:question-detail", args=[question.pk])
    return {
        "page": page,
        "question": question,
        "perspective": question.perspective,
        "agenda_item": page.agenda_item,
        "can_post": page.can_post,
        "comment_fragment_viewer": page.fragment_viewer,
        "can_read_comments": page.can_read_comments,
        "thread_page": thread_page,
        "stance_form": StanceFilterForm(initial={"stance": thread_page.stance}),
        "detail_url": detail_url,
        "list_url": detail_url + ("?" + urlencode(query) if query else ""),
        "list_query": urlencode(query),
        "poll_seconds": poll_seconds(),
        "composer": composer,
        "list_error": list_error,
        "evidence_cards": page.evidence_cards,
        "has_chart": page.has_chart,
        "can_manage_evidence": page.is_secretariat,
    }


def new_form(question: Question, *args, **kwargs) -> CommentForm:
    return CommentForm(*args, evidence_choices=citation_choices(question), **kwargs)


def edit_form(question: Question, *args, **kwargs) -> CommentEditForm:
    return CommentEditForm(*args, evidence_choices=citation_choices(question), **kwargs)


def cited(question: Question, form: Form):
    """The evidence item picked in the form (already one of the question's), or None."""
    chosen = form.cleaned_data.get("cited_evidence")
    return {e.pk: e for e in question_evidence(question)}.get(chosen)


def _focus_body(form: Form) -> Form:
    # static/js/app.js moves focus here after an HTMX swap (keyboard users land in the form).
    form.fields["body"].widget.attrs["data-autofocus"] = ""
    return form


def composer_from_query(request, question: Question) -> Composer:
    """?reply_to=<id> or ?edit=<id> opens the form in that mode (links work without JS)."""
    user = request.user
    if not can_post(user, question):
        return Composer()
    if request.GET.get("edit"):
        comment = access_comment(user, request.GET["edit"], for_write=True)
        if comment.question_id != question.pk or not comment.is_shown:
            raise Http404
        initial = {
            "stance": comment.stance,
            "body": comment.body,
            "cited_evidence": comment.cited_evidence_id,
            "cited_year": (comment.cited_point or {}).get("fiscal_year"),
            "version": comment.version,
        }
        form = _focus_body(edit_form(question, initial=initial))
        return Composer(mode="edit", form=form, target=comment)
    if request.GET.get("reply_to"):
        parent = access_comment(user, request.GET["reply_to"])
        if parent.parent_id is not None:
            parent = parent.parent
        if parent.question_id != question.pk or not parent.is_shown:
            raise Http404
        form = new_form(question, initial={"parent": parent.pk})
        return Composer(mode="reply", form=form, target=parent)
    return Composer(form=new_form(question))


def render_question_page(request, question, composer, *, partial="", list_error="", status=None):
    """The question page, or for HTMX its `partial` (core.htmx.render_page picks), with the
    composer's status unless another is given."""
    full = not serves_partial(request, partial)  # only the whole page shows the evidence
    ctx = page_context(request, question, composer, list_error=list_error, full=full)
    return render_page(request, TEMPLATE, ctx, partial=partial, status=status or composer.status)


def render_composer(request, question, composer):
    """After a refused or invalid write: the form with the typed text and the message (HTMX:
    the composer alone, in place; without JS: the whole page, text in the box)."""
    return render_question_page(request, question, composer, partial="composer")


def render_orphan(request, composer):
    """The composer for a question the writer may no longer see (unpublished since the page
    loaded): the same 404 as a missing question, but the typed text comes back in the box."""
    ctx = {"composer": composer}
    return render_page(request, ORPHAN_TEMPLATE, ctx, partial="composer", status=composer.status)


def apply_errors(form: Form, error: ValidationError) -> None:
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)
