"""The secretariat's consultation desk: perspectives, questions, periods, comment publication.

Every view is secretariat_required (403 for other signed-in users) and looks objects up through
policies.desk.access. Lists and panels answer HTMX with a partial of the same template; without
JavaScript every action is a plain form that redirects back (or shows the page with its error).
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import secretariat_required
from committee.stale import versioned_save
from core.htmx import render_page
from policies.desk import selectors, services
from policies.desk.access import access_desk_question, access_perspective
from policies.desk.forms import (
    CommentsPublicationForm,
    PeriodForm,
    PerspectiveForm,
    PublishForm,
    QuestionForm,
)
from policies.models import Perspective

LIST = "policies/desk/perspective_list.html"
PERSPECTIVE_FORM = "policies/desk/perspective_form.html"
QUESTION_FORM = "policies/desk/question_form.html"
LIVE = "policies/desk/includes/live.html"
PUBLICATION = "policies/desk/comments_publication.html"

# The desk's two kinds of object (the URLconf names the kind): the permission-checked lookup,
# the versioned update, the move and the notice after a save.
LOOKUP = {"perspective": access_perspective, "question": access_desk_question}
UPDATE = {"perspective": services.perspective_update, "question": services.question_update}
MOVE = {"perspective": services.perspective_move, "question": services.question_move}
SAVED = {
    "perspective": _lazy("The perspective was saved."),
    "question": _lazy("The question was saved."),
}


def _stale_message() -> str:
    return _("Someone else changed this meanwhile. Nothing was saved; the current state is shown.")


def _errors(invalid: ValidationError) -> list[str]:
    """Every message of a service's ValidationError, with or without fields."""
    return list(invalid.messages)


# --- The list --------------------------------------------------------------------------


def _list_context(**extra) -> dict:
    return {"perspectives": selectors.overview(), **extra}


@secretariat_required
@require_safe
def index(request):
    return render(request, LIST, _list_context())


def _list_response(request, *, notice="", error="", focus="", anchor="", status=200):
    """HTMX: the refreshed list, keyboard focus on the element `focus` names and the notice in
    a live region; without JavaScript: back to the list (or the list with the error)."""
    if request.htmx or error:
        ctx = _list_context(notice=notice, error=error, focus_id=focus)
        return render_page(request, LIST, ctx, partial="desk-list", status=status)
    if notice:
        messages.success(request, notice)
    return redirect(reverse("desk:index") + (f"#{anchor}" if anchor else ""))


@secretariat_required
@require_POST
def move(request, kind: str, pk: int, direction: str):
    """Move a perspective or question (`kind`, from the URLconf) one place up or down; then the
    list with focus on the pressed button (as the agenda's moves)."""
    obj = LOOKUP[kind](request.user, pk)
    if direction not in ("up", "down"):
        raise Http404
    MOVE[kind](**{kind: obj}, direction=direction, by=request.user)
    return _list_response(request, focus=f"move-{direction}-{kind}-{pk}", anchor=f"{kind}-{pk}")


@secretariat_required
@require_POST
def question_publish(request, pk: int):
    question = access_desk_question(request.user, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _list_response(request, error=_("The form was incomplete. Try again."), status=422)
    published = form.cleaned_data["published"]
    try:
        services.question_publish(
            question=question,
            version=form.cleaned_data["version"],
            published=published,
            by=request.user,
        )
    except services.StaleEdit:
        return _list_response(request, error=_stale_message(), status=409)
    notice = _("The question was published.") if published else _("The question was unpublished.")
    return _list_response(
        request, notice=notice, focus=f"publish-question-{pk}", anchor=f"question-{pk}"
    )


# --- Perspectives ----------------------------------------------------------------------


@secretariat_required
@require_http_methods(["GET", "POST"])
def perspective_create(request):
    form = PerspectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        perspective = services.perspective_create(
            label=form.cleaned_data["label"], title=form.cleaned_data["title"], by=request.user
        )
        messages.success(request, _("The perspective was added."))
        return redirect(reverse("desk:index") + f"#perspective-{perspective.pk}")
    ctx = {"form": form, "obj": None, "kind": "perspective"}
    return render(request, PERSPECTIVE_FORM, ctx, status=422 if form.is_bound else 200)


def _page_context(obj, **extra) -> dict:
    """What an edit page (and its live panel) shows about a perspective or a question."""
    is_perspective = isinstance(obj, Perspective)
    ctx = {
        "obj": obj,
        "kind": _kind(obj),
        "period": selectors.period_of(obj),
        "period_url": "desk:perspective-period" if is_perspective else "desk:question-period",
        "history": selectors.history(obj),
        "close_value": "",
    }
    if ctx["period"].closes is not None:
        ctx["close_value"] = timezone.localtime(ctx["period"].closes).strftime("%Y-%m-%dT%H:%M")
    if not is_perspective:
        ctx["publication"] = selectors.publication_summary(obj)
    ctx.update(extra)
    return ctx


def _kind(obj) -> str:
    return "perspective" if isinstance(obj, Perspective) else "question"


def _form_for(obj, data=None):
    """The edit form of a perspective or question, with its saved values and version."""
    if isinstance(obj, Perspective):
        initial = {"label": obj.label, "title": obj.title}
        return PerspectiveForm(data, initial={**initial, "version": obj.version})
    initial = {
        "title": obj.title,
        "body": obj.body,
        "agenda_item": obj.agenda_item_id,
        "is_published": obj.is_published,
    }
    return QuestionForm(data, initial={**initial, "version": obj.version})


def _edit_page(request, obj, form, *, stale=None, status=200, **extra):
    template = PERSPECTIVE_FORM if isinstance(obj, Perspective) else QUESTION_FORM
    ctx = _page_context(obj, form=form, stale=stale, **extra)
    ctx["stale_values"] = selectors.stale_values(stale)
    return render(request, template, ctx, status=status)


def _edit(request, obj, form, save, *, saved_message: str):
    """GET: the form; POST: save if `version` is current, else the form rebased on the saved
    values (what the editor typed kept, nothing written)."""
    stale = None
    if request.method == "POST":
        # The committee's one stale-save rule: a stale version gives the form back rebased on
        # the saved values, the fields only the other person changed carried over.
        fields = [name for name in form.fields if name != "version"]
        result = versioned_save(form, save, fields=fields)
        if result.saved:
            messages.success(request, saved_message)
            return redirect(request.path)
        form, stale = result.form, result.stale
    status = 409 if stale else (422 if form.is_bound else 200)
    return _edit_page(request, stale or obj, form, stale=stale, status=status)


@secretariat_required
@require_http_methods(["GET", "POST"])
def edit(request, kind: str, pk: int):
    """The edit page of a perspective or question (`kind`, from the URLconf)."""
    obj = LOOKUP[kind](request.user, pk)
    form = _form_for(obj, request.POST or None)
    save = partial(UPDATE[kind], **{kind: obj}, by=request.user)
    return _edit(request, obj, form, save, saved_message=SAVED[kind])


# --- Questions -------------------------------------------------------------------------


@secretariat_required
@require_http_methods(["GET", "POST"])
def question_create(request, pk: int):
    perspective = access_perspective(request.user, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        question = services.question_create(perspective=perspective, by=request.user, **data)
        messages.success(request, _("The question was added."))
        return redirect("desk:question-edit", question.pk)
    ctx = {"form": form, "obj": None, "perspective": perspective, "kind": "question"}
    return render(request, QUESTION_FORM, ctx, status=422 if form.is_bound else 200)


# --- Comment periods -------------------------------------------------------------------


def _period_service(action: str):
    services_by_action = {
        "open": services.period_open,
        "extend": services.period_extend,
        "close": services.period_close,
    }
    if action not in services_by_action:
        raise Http404
    return services_by_action[action]


def _period_notice(action: str) -> str:
    return {
        "open": _("Comments are open. The members are being notified."),
        "extend": _("The period was extended. The members are being notified."),
        "close": _("Comments are closed."),
    }[action]


def _period(request, obj, action: str):
    """One step on the period of `obj`; HTMX: the live panel (and the edit form's new version
    out of band); without JavaScript: back to the page, or the page with the refusal."""
    service = _period_service(action)
    form = PeriodForm(request.POST)
    notice, errors, status, typed = "", [], 200, ""
    if not form.is_valid():
        errors, status = [e for es in form.errors.values() for e in es], 422
        typed = request.POST.get("closes_at", "")
    else:
        kwargs = {"obj": obj, "version": form.cleaned_data["version"], "by": request.user}
        if action != "close":
            kwargs["closes_at"] = form.cleaned_data["closes_at"]
        try:
            obj = service(**kwargs)
        except services.StaleEdit as e:
            if e.current is None:
                raise Http404 from None
            obj, errors, status = e.current, [_stale_message()], 409
        except ValidationError as invalid:
            errors, status = _errors(invalid), 422
            typed = request.POST.get("closes_at", "")
        else:
            notice = _period_notice(action)
    extra = {"period_notice": notice, "period_errors": errors, "period_action": action}
    if typed:
        extra["typed_value"] = typed
    if request.htmx:
        ctx = _page_context(obj, oob_version=status == 200, **extra)
        return render(request, LIVE, ctx, status=status)
    if not errors:
        messages.success(request, notice)
        return redirect(reverse(f"desk:{_kind(obj)}-edit", args=[obj.pk]) + "#period")
    return _edit_page(request, obj, _form_for(obj), status=status, **extra)


@secretariat_required
@require_POST
def period(request, kind: str, pk: int, action: str):
    """One step on the comment period of a perspective or question (`kind`, from the URLconf)."""
    return _period(request, LOOKUP[kind](request.user, pk), action)


# --- Publishing a question's comments --------------------------------------------------


def _publish_comments(request, question, published: bool) -> tuple[str, int]:
    """Run the confirmed change; ("", 200) when done, else the refusal and its status."""
    form = CommentsPublicationForm(request.POST)
    if not form.is_valid():
        return _("The form was incomplete. Try again."), 422
    try:
        services.comments_publish(
            question=question,
            version=form.cleaned_data["version"],
            published=published,
            expected_count=form.cleaned_data["expected_count"],
            by=request.user,
        )
    except services.StaleEdit as e:
        if e.current is None:
            raise Http404 from None
        return _stale_message(), 409
    except ValidationError as invalid:
        return " ".join(_errors(invalid)), 409
    return "", 200


@secretariat_required
@require_http_methods(["GET", "POST"])
def comments_publication(request, pk: int, action: str):
    """GET: what becomes public (or members-only again), to confirm; POST: do it. A refusal
    shows the page again with the current numbers, to confirm afresh."""
    if action not in ("publish", "unpublish"):
        raise Http404
    question = access_desk_question(request.user, pk)
    published = action == "publish"
    error, status = "", 200
    if request.method == "POST":
        error, status = _publish_comments(request, question, published)
        if not error:
            public, members_only = (
                _("The comments are public."),
                _("The comments are members-only again."),
            )
            messages.success(request, public if published else members_only)
            return redirect("desk:question-edit", question.pk)
        question = access_desk_question(request.user, pk)
    ctx = {
        "question": question,
        "action": action,
        "published": published,
        "summary": selectors.publication_summary(question),
        "error": error,
    }
    return render(request, PUBLICATION, ctx, status=status)
