"""Permission-checked lookups of dispatch statistics: a dry run's check is its uploader's only."""

from dispatch_stats.models import ImportCheck


def import_check_for(user, key: str) -> ImportCheck | None:
    """The user's own check under key; None when it is missing, expired or someone else's (the
    caller answers both alike, so nothing tells a stranger that a key exists)."""
    return ImportCheck.objects.filter(key=key, user_id=user.pk).first()
