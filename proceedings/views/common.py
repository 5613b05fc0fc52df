"""What the proceedings views share: the refusal answer and the redirect after a write."""

from django.contrib import messages
from django.shortcuts import redirect

from core.htmx import render_page


def refused(request, template: str, ctx: dict, error, *, partial: str | None = None):
    """The page (or, for HTMX, its partial) again with the refusal's message and status."""
    ctx = {**ctx, "error": error.message}
    return render_page(request, template, ctx, partial=partial or "", status=error.status)


def done(request, url: str, message: str = ""):
    if message:
        messages.success(request, message)
    return redirect(url)
