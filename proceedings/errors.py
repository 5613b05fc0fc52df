"""The one refusal every proceedings service raises; views turn it into a 4xx answer."""


class Refused(Exception):
    """A write the rules do not allow (status 400/403/409), with a message for the person."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


class Stale(Refused):
    """Someone changed the object after the person loaded it."""

    def __init__(self, message: str):
        super().__init__(message, status=409)
