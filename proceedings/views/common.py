"""What the proceedings views share: the refusal answer and the redirect after a write."""

from django.contrib import messages
from django.shortcuts import redirect, render


def refused(request, template: str, ctx: dict, error, *, partial: str | None = None):
    """The page (or, for HTMX, its partial) again with the refusal's message and status."""
    ctx = {**ctx, "error": error.message}
    name = f"{template}#{partial}" if request.htmx and partial else template
    return render(request, name, ctx, status=error.status)


def done(request, url: str, message: str = ""):
    if message:
        messages.success(request, message)
    return redirect(url)
