"""The one refusal type: a service raises it when the rules forbid a write, views catch it.

Services check every rule themselves (role, period, state, staleness) and raise `Refusal`
with a message in the user's language; a view catches this one type and answers
`refusal.status` with the message where the person acted (the form keeps what they typed).
Uncaught, it is a PermissionDenied: Django answers 403 and nothing was written.
"""

from django.core.exceptions import PermissionDenied


class Refusal(PermissionDenied):
    """The rules forbid this write; `message` says why, `status` is the HTTP answer (4xx)."""

    status = 403

    def __init__(self, message, *, status: int | None = None):
        super().__init__(message)
        self.message = str(message)
        # Every reason, for refusals that have several (an import's problems); one by default.
        self.messages = [self.message]
        if status is not None:
            self.status = status
