"""Failed sign-ins: a cool-down per client address that grows, and a mail to the account's owner.

django-axes counts failures per client address only (AXES_LOCKOUT_PARAMETERS), so a stranger
guessing a member's password slows down their own address and never locks the member out from
theirs. The address comes from the proxy's header only where settings say a proxy is trusted
(AXES_IPWARE_*). Each lockout of an address within a day doubles its cool-down.
"""

from datetime import timedelta

from axes.models import AccessFailureLog
from django.conf import settings
from django.utils import timezone

# How far back failures count towards a longer cool-down, and the longest cool-down.
ESCALATION_WINDOW = timedelta(hours=24)
MAX_COOL_OFF = timedelta(hours=1)


def cool_off(request=None) -> timedelta:
    """AXES_COOLOFF_TIME: base × 2^(earlier lockouts of this address in the last 24 hours)."""
    base = timedelta(minutes=settings.LOGIN_COOL_OFF_MINUTES)
    address = getattr(request, "axes_ip_address", None) if request is not None else None
    if not address:
        return base
    failures = AccessFailureLog.objects.filter(
        ip_address=address, attempt_time__gte=timezone.now() - ESCALATION_WINDOW
    ).count()
    earlier_lockouts = max(0, failures // settings.AXES_FAILURE_LIMIT - 1)
    return min(base * 2 ** min(earlier_lockouts, 16), MAX_COOL_OFF)


def recent_failures_for(username: str, *, within: timedelta) -> int:
    """Failed sign-ins naming `username` (from any address) in the last `within`."""
    return AccessFailureLog.objects.filter(
        username=username, attempt_time__gte=timezone.now() - within
    ).count()
