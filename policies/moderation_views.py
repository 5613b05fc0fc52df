"""The secretariat's moderation: recent comments across questions, hide/unhide, and one
comment's history. Lives at /moderation/ (the old /digest/moderation/ URLs redirect)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import public, role_required, secretariat_required
from accounts.roles import ADMIN, SECRETARIAT
from policies import services
from policies.access import access_comment
from policies.digest import (
    comments_for_moderation,
    meetings_with_questions,
    recent_moderation_events,
)
from policies.forms import HideForm
from policies.models import Comment, ModerationEvent

TEMPLATE = "policies/moderation.html"


def _context(request, *, errors: dict | None = None) -> dict:
    """errors: comment pk -> its bound HideForm, so the message sits next to its own field."""
    hidden_only = request.GET.get("hidden") == "1"
    comments = comments_for_moderation(request.user, hidden_only=hidden_only)
    for c in comments:
        c.hide_form = (errors or {}).get(c.pk)
    return {
        "comments": comments,
        "events": recent_moderation_events(),
        "digest_meetings": meetings_with_questions(request.user),
        "hidden_only": hidden_only,
    }


def _row_context(comment: Comment, form=None) -> dict:
    comment.history = list(
        ModerationEvent.objects.filter(comment=comment).select_related("actor").order_by("-at")
    )
    comment.hide_form = form
    return {"c": comment}


@secretariat_required
@require_safe
def moderation_list(request):
    ctx = _context(request)
    if request.htmx:
        return render(request, TEMPLATE + "#moderation-table", ctx)
    return render(request, TEMPLATE, ctx)


def apply_moderation(request, comment: Comment):
    """Hide the comment with the posted reason, or show it again (action=unhide); shared by
    this list and the comment's history page. Returns (comment, form, message): form is the
    bound HideForm when the reason was refused (nothing written), else None."""
    if request.POST.get("action") == "unhide":
        comment = services.comment_unhide(comment=comment, by=request.user)
        return comment, None, _("The comment is shown again.")
    form = HideForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_hide(
                comment=comment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as invalid:
            form.add_error("reason", invalid.message_dict.get("reason"))
    if form.errors:
        return comment, form, None
    return comment, None, _("The comment was hidden.")


@secretariat_required
@require_POST
def moderate(request, pk: int):
    comment, form, message = apply_moderation(request, access_comment(request.user, pk))
    if form is not None:
        if request.htmx:
            ctx = _row_context(comment, form)
            return render(request, TEMPLATE + "#moderation-row", ctx, status=400)
        ctx = _context(request, errors={comment.pk: form})
        return render(request, TEMPLATE, ctx, status=400)
    if request.htmx:
        ctx = _row_context(access_comment(request.user, pk))
        ctx["row_message"] = message
        return render(request, TEMPLATE + "#moderation-row", ctx)
    messages.success(request, message)
    return redirect(request.POST.get("next") if _safe_next(request) else "moderation:list")


def _safe_next(request) -> bool:
    target = request.POST.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


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
        status=400,
    )


@public
@require_http_methods(["GET", "HEAD", "POST"])
def moved(request, pk: int | None = None):
    """The moderation pages' old /digest/moderation/ addresses: a permanent redirect that keeps
    the method (308), so old bookmarks and forms still land; the new view checks access."""
    name, args = ("moderation:list", []) if pk is None else ("moderation:moderate", [pk])
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponsePermanentRedirect(
        reverse(name, args=args) + (f"?{query}" if query else "")
    )
    response.status_code = 308
    return response
