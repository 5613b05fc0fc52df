"""Sessions time out: idle and absolute limits (the HTMX Vary header is core.middleware's)."""

import time

from django.conf import settings
from django.contrib.auth import logout


def session_timeout_start(sender, request, user, **kwargs) -> None:
    """At sign-in (user_logged_in): both clocks of SessionTimeoutMiddleware start now."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SessionTimeoutMiddleware.STARTED] = now
        request.session[SessionTimeoutMiddleware.SEEN] = now


class SessionTimeoutMiddleware:
    """Signs a user out after SESSION_IDLE_TIMEOUT seconds without a request, and in any case
    SESSION_ABSOLUTE_TIMEOUT seconds after signing in (SESSION_COOKIE_AGE alone restarts with
    every save of the session). The next request is then anonymous: private pages send it to
    the login page. The last-seen time is written at most once a minute, not on every request.
    """

    STARTED, SEEN = "_session_started_at", "_session_seen_at"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session, now = request.session, int(time.time())
        started = session.get(self.STARTED)
        seen = session.get(self.SEEN)
        if started is None or seen is None:  # a session from before this rule: start now
            session[self.STARTED] = started or now
            session[self.SEEN] = now
            return
        idle = now - seen > settings.SESSION_IDLE_TIMEOUT
        expired = now - started > settings.SESSION_ABSOLUTE_TIMEOUT
        if idle or expired:
            logout(request)  # flushes the session; request.user is now anonymous
            return
        if now - seen >= self.WRITE_EVERY:
            session[self.SEEN] = now
