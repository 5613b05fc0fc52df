"""The secretariat's moderation: recent posts of every moderatable kind (core.moderation: the
question comments, and what higher apps register, such as a report paragraph's reviews),
hide/unhide through each kind's audited services, and one comment's history. Lives at
/moderation/ (the old /digest/moderation/ URLs redirect)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import public, role_required, secretariat_required
from accounts.roles import SECRETARIAT_ROLES
from core.htmx import render_page, wants_partial
from core.moderation import ModerationKind, moderation_kind, moderation_kinds
from policies.access import access_comment
from policies.digest import meetings_with_questions
from policies.forms import HideForm

TEMPLATE = "policies/moderation.html"
RECORD_SIZE = 30
# One comment's history and its moderation: the secretariat's, and 404 (not 403) for anyone
# else, since the page's very existence names a hidden comment.
secretariat_only_hidden = role_required(*SECRETARIAT_ROLES, hide=True)


def _context(request, *, errors: dict | None = None) -> dict:
    """errors: (kind, pk) -> its bound HideForm, so the message sits next to its own field."""
    hidden_only = request.GET.get("hidden") == "1"
    tables, records = [], []
    for kind in moderation_kinds():
        rows = kind.rows(request.user, hidden_only)
        for row in rows:
            row.hide_form = (errors or {}).get((kind.key, row.pk))
        tables.append((kind, rows))
        records += kind.records(RECORD_SIZE)
    records.sort(key=lambda e: e.at, reverse=True)
    return {
        "tables": tables,
        "events": records[:RECORD_SIZE],
        "digest_meetings": meetings_with_questions(request.user),
        "hidden_only": hidden_only,
    }


@secretariat_required
@require_safe
def moderation_list(request):
    return render_page(request, TEMPLATE, _context(request), partial="moderation-tables")


def apply_moderation(request, kind: ModerationKind, obj):
    """Hide the post with the posted reason, or show it again (action=unhide), through the
    kind's services; shared by this list and a comment's history page. Returns (form, message):
    form is the bound HideForm when the reason was refused (nothing written), else None."""
    if request.POST.get("action") == "unhide":
        kind.unhide(obj, by=request.user)
        return None, _("The comment is shown again.")
    form = HideForm(request.POST)
    if form.is_valid():
        try:
            kind.hide(obj, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as invalid:
            form.add_error("reason", invalid.message_dict.get("reason"))
    if form.errors:
        return form, None
    return None, _("The comment was hidden.")


@secretariat_required
@require_POST
def moderate(request, pk: int, kind: str = "comment"):
    """Hide or show again one post of a kind (/moderation/<pk>/ is a question comment's)."""
    moderatable = moderation_kind(kind)
    row = moderatable.row(request.user, pk)
    form, message = apply_moderation(request, moderatable, row.obj)
    if form is not None:
        if wants_partial(request):  # the row alone; the page finds the form by the row's key
            row.hide_form = form
            ctx = {"r": row}
        else:
            ctx = _context(request, errors={(kind, row.pk): form})
        return render_page(request, TEMPLATE, ctx, partial="moderation-row", status=400)
    if request.htmx:  # without JavaScript: a redirect (post/redirect/get), not a page
        ctx = {"r": moderatable.row(request.user, pk), "row_message": message}
        return render_page(request, TEMPLATE, ctx, partial="moderation-row")
    messages.success(request, message)
    return redirect(request.POST.get("next") if _safe_next(request) else "moderation:list")


def _safe_next(request) -> bool:
    target = request.POST.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


@secretariat_only_hidden
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


@secretariat_only_hidden
@require_POST
def comment_moderate(request, pk: int):
    comment = access_comment(request.user, pk)
    form, message = apply_moderation(request, moderation_kind("comment"), comment)
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
