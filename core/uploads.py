"""The upload size limit every import and upload applies (settings.MAX_UPLOAD_SIZE)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat


def refuse_oversized(size: int, message: str) -> None:
    """Raise `message` (with %(size)s and %(limit)s, as people read sizes) as the form's error
    when `size` bytes pass the limit."""
    if size > settings.MAX_UPLOAD_SIZE:
        limit = settings.MAX_UPLOAD_SIZE
        raise ValidationError(
            message % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
