"""Private pages stay private: one rule for which responses no shared cache may keep.

A response is private when the view's declared access rule (accounts.decorators sets
`view.access_rule`) is anything but public, or when the request is signed in at all: a public
page seen by a member can show members-only parts (委員限り comments, their own drafts, the
secretariat's links) and always carries the user's name and CSRF token. Private responses get
`Cache-Control: private, no-store`, whatever the view set. Anonymous reads of public views are
the only responses a shared cache (CDN) may keep; core.public_cache asks `is_private` too.
"""

from django.utils.cache import patch_cache_control

from core.access_rules import PUBLIC


def access_rule(request) -> str | None:
    """The access rule of the view that handled `request`; None when no view was resolved."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    func = match.func
    return getattr(func, "access_rule", None) or getattr(
        getattr(func, "view_class", None), "access_rule", None
    )


def is_private(request) -> bool:
    """True when the response to `request` may show content meant for one person or role."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if getattr(request, "resolver_match", None) is None:
        return False  # nothing resolved (a 404 for an unknown URL): nothing private shown
    # A resolved view without a rule is private: LoginRequiredMiddleware treats it so too.
    return access_rule(request) != PUBLIC


# Directives that would let a shared cache keep the response.
SHARED_DIRECTIVES = {"public", "s-maxage", "stale-while-revalidate", "stale-if-error"}


def make_private(response):
    """`Cache-Control: private, no-store`, without anything that lets a shared cache keep it."""
    patch_cache_control(response, private=True, no_store=True)
    parts = [part.strip() for part in response.headers["Cache-Control"].split(",")]
    response.headers["Cache-Control"] = ", ".join(
        part for part in parts if part.split("=")[0].strip().lower() not in SHARED_DIRECTIVES
    )
    return response


class PrivateResponseMiddleware:
    """Marks every private response (see is_private) `Cache-Control: private, no-store`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private(request):
            make_private(response)
        return response
