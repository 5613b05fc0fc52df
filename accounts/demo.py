"""Demo accounts, one per role (and a second member), created only in development (DEBUG) or
under `make run`'s local production server (DJANGO_DEMO=1), never in a real deployment."""

from django.conf import settings
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - development-only demo accounts

DEMO_USERS = [
    # username, display name, roles, affiliation
    ("chair", "主査（委員長）", [roles.MEMBER], "国立大学法人 A大学"),
    ("member_a", "A委員", [roles.MEMBER], "B大学 大学院理学研究科"),
    ("member_b", "B委員", [roles.MEMBER], "国立研究開発法人 C研究所"),
    ("secretariat", "事務局（国際研究開発政策課）", [roles.SECRETARIAT], "文部科学省"),
    ("admin", "システム管理者", [roles.ADMIN], "文部科学省"),
    ("observer", "傍聴者", [roles.OBSERVER], ""),
]


def enabled() -> bool:
    """Whether the demo accounts may exist here."""
    return settings.DEBUG or settings.DEMO


def seed() -> list[tuple[str, str]]:
    """Create or refresh the demo accounts; returns (username, role label) pairs."""
    if not enabled():
        return []
    created = []
    for username, display_name, role_list, affiliation in DEMO_USERS:
        user, is_new = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": display_name,
                "affiliation": affiliation,
                "email": f"{username}@example.go.jp",
            },
        )
        if is_new:
            user.set_password(DEMO_PASSWORD)
        if roles.ADMIN in role_list:
            user.is_staff = True
            user.is_superuser = True
        user.save()
        user.groups.set(Group.objects.filter(name__in=role_list))
        created.append((username, ", ".join(str(roles.ROLE_LABELS[r]) for r in role_list)))
    return created
