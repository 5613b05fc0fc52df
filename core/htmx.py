"""The one HTMX convention: a view renders one template; an HTMX request gets one named partial
of it (Luke Plant's for_htmx idea), with the same honest status code as the full page."""

from django.shortcuts import render


def wants_partial(request) -> bool:
    """An HTMX request, except a history restore (back button with htmx's cache off), which
    needs the whole page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def serves_partial(request, partial: str) -> bool:
    """Whether render_page answers with `partial` alone: for a view whose context differs."""
    return bool(partial) and wants_partial(request)


def render_page(request, template: str, context: dict, *, partial: str = "", status: int = 200):
    """`template` for a normal request; `template#partial` for an HTMX one (when given).

    Refusals keep their 4xx status either way: base.html's htmx config swaps 400, 403, 409 and
    422 responses, so no view answers 200 for a refusal just to be swapped."""
    if serves_partial(request, partial):
        template = f"{template}#{partial}"
    return render(request, template, context, status=status)
