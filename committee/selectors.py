"""Reads of meetings, agendas, materials, minutes and history, always given the acting user."""

import re

from django.db.models import Max, Prefetch, Q
from django.utils import timezone

from accounts.roles import is_secretariat
from committee import display
from committee.access import (
    visible_agenda_items,
    visible_hearings,
    visible_materials,
    visible_meetings,
)
from committee.models import ChangeLog, Material, MaterialVersion, Meeting, Minutes

PAST_STATUSES = [Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED]


def meetings_split(user) -> dict:
    """The user's visible meetings as {"upcoming": [...], "past": [...]}, past newest first."""
    meetings = list(visible_meetings(user).order_by("number"))
    upcoming = [m for m in meetings if m.status not in PAST_STATUSES]
    past = [m for m in meetings if m.status in PAST_STATUSES]
    past.reverse()
    return {"upcoming": upcoming, "past": past}


def next_meeting_number() -> int:
    """The number a new meeting most likely gets: one after the highest so far."""
    return (Meeting.objects.aggregate(n=Max("number"))["n"] or 0) + 1


def next_meeting(user, now=None):
    """The first meeting not yet held, by date or tentative period."""
    now = now or timezone.now()
    # Chosen in the database, so only that one meeting's agenda is fetched.
    return (
        visible_meetings(user)
        .exclude(status__in=PAST_STATUSES)
        .filter(Q(starts_at__isnull=True) | Q(starts_at__gte=now))
        .order_by("number")
        .prefetch_related(
            Prefetch("agenda_items", queryset=visible_agenda_items(user).order_by("position"))
        )
        .first()
    )


def materials_for(user, meeting: Meeting) -> list[Material]:
    """The meeting's materials the user may see, in 審議会 order (資料1, 資料2-1, 参考資料1),
    each with `current` (its latest file version) and, for the secretariat, all versions."""
    materials = (
        visible_materials(user)
        .filter(meeting=meeting)
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=MaterialVersion.objects.select_related("uploaded_by").order_by(
                    "-uploaded_at", "-id"
                ),
                to_attr="version_list",
            )
        )
    )
    result = sorted(materials, key=lambda m: m.sort_key)
    for material in result:
        material.current = material.version_list[0] if material.version_list else None
    return result


def minutes_for(user, meeting: Meeting) -> Minutes | None:
    """The minutes: for the secretariat always (to edit), for others only once published."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or (not minutes.is_published and not is_secretariat(user)):
        return None
    return minutes


def history_for(user, meeting: Meeting, limit: int = 100) -> list[ChangeLog]:
    """Secretariat only (others get an empty list): recent changes with the fields that changed."""
    if not is_secretariat(user):
        return []
    entries = list(
        ChangeLog.objects.filter(meeting=meeting)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        entry.changes = [
            (key, before.get(key), after.get(key))
            for key in keys
            if not (before and after) or before.get(key) != after.get(key)
        ]
        entry.shown_changes = [
            (
                display.field_label(key, entry.model_name),
                display.display_value(old, name=key, model_name=entry.model_name),
                display.display_value(new, name=key, model_name=entry.model_name),
            )
            for key, old, new in entry.changes
        ]
    return entries


def meeting_page(user, meeting: Meeting) -> dict:
    """Everything on a meeting's page, in a fixed number of queries whatever its size."""
    items = list(
        visible_agenda_items(user)
        .filter(meeting=meeting)
        .order_by("position")
        .prefetch_related(Prefetch("hearings", queryset=visible_hearings(user).order_by("id")))
    )
    return {
        "meeting": meeting,
        "items": items,
        "materials": materials_for(user, meeting),
        "minutes": minutes_for(user, meeting),
        "history": history_for(user, meeting),
    }


NUMBER_RE = re.compile(r"^(資料|参考資料)(\d+)(?:-(\d+))?$")


def suggest_material_numbers(meeting: Meeting) -> list[str]:
    """Next free numbers in 審議会 style: the next 資料N, the next sub-number of the last
    資料 (資料N-k), and the next 参考資料M. The first is the default suggestion."""
    taken = set(Material.objects.filter(meeting=meeting).values_list("number", flat=True))
    main_max, ref_max, last_main, last_sub = 0, 0, 0, 0
    for number in taken:
        match = NUMBER_RE.match(number)
        if not match:
            continue
        kind, major, minor = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if kind == "資料":
            main_max = max(main_max, major)
            if (major, minor) > (last_main, last_sub):
                last_main, last_sub = major, minor
        else:
            ref_max = max(ref_max, major)
    suggestions = [f"資料{main_max + 1}"]
    if last_sub:
        sub = f"資料{last_main}-{last_sub + 1}"
        if sub not in taken:
            suggestions.append(sub)
    suggestions.append(f"参考資料{ref_max + 1}")
    return [s for s in suggestions if s not in taken]
