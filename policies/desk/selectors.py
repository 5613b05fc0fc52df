"""Reads of the consultation desk (secretariat only: callers are secretariat_required views)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.models import AgendaItem, ChangeLog
from policies.models import Comment, Perspective, Question

FIELD_LABELS = {
    "position": gettext_lazy("position"),
    "label": gettext_lazy("label"),
    "title": gettext_lazy("title"),
    "body": gettext_lazy("question"),
    "perspective_id": gettext_lazy("perspective"),
    "agenda_item_id": gettext_lazy("agenda item"),
    "is_published": gettext_lazy("published"),
    "comments_published": gettext_lazy("comments published"),
    "opens_at": gettext_lazy("comments open"),
    "closes_at": gettext_lazy("comments close"),
    "comment_opens_at": gettext_lazy("comments open"),
    "comment_closes_at": gettext_lazy("comments close"),
}


@dataclass
class Period:
    """A comment period as the desk shows it: the one in force (the model's CommentPeriod, the
    one rule), its state, and whether it is the object's own (a question without its own
    follows its perspective)."""

    state: str  # CommentPeriod.NOT_SET, UPCOMING, OPEN or CLOSED
    opens: dt.datetime | None
    closes: dt.datetime | None
    own: bool


def period_of(obj, now=None) -> Period:
    period = obj.period
    own = isinstance(obj, Perspective) or obj.opens_at is not None or obj.closes_at is not None
    return Period(state=period.state(now), opens=period.opens_at, closes=period.closes_at, own=own)


def overview() -> list[Perspective]:
    """Every perspective with all its questions (drafts too), their agenda items and counts."""
    questions = (
        Question.objects.select_related("agenda_item__meeting", "perspective")
        .annotate(comment_count=Count("comments", filter=Q(comments__deleted_at__isnull=True)))
        .order_by("position", "id")
    )
    perspectives = list(
        Perspective.objects.order_by("position", "id").prefetch_related(
            Prefetch("questions", queryset=questions, to_attr="question_list")
        )
    )
    now = timezone.now()
    for perspective in perspectives:
        perspective.desk_period = period_of(perspective, now)
        for question in perspective.question_list:
            question.desk_period = period_of(question, now)
    return perspectives


def agenda_item_choices():
    """Agenda items a question can be linked to, meeting by meeting (drafts included)."""
    return AgendaItem.objects.select_related("meeting").order_by("meeting__number", "position")


def publication_summary(question: Question) -> dict:
    """What publishing the question's comments makes public (or withdrawing takes back): the
    comments readers would see (not deleted, not hidden), how many, and by whom."""
    comments = Comment.objects.shown().filter(question_id=question.pk).select_related("author")
    authors: dict[int, dict] = {}
    count = 0
    for comment in comments.order_by("created_at", "id"):
        count += 1
        entry = authors.setdefault(comment.author_id, {"name": str(comment.author), "count": 0})
        entry["count"] += 1
    return {"count": count, "authors": list(authors.values())}


def agenda_item_label(item: AgendaItem) -> str:
    """「第6回国際戦略委員会 — 2. 議題」: the meeting and the item (join the meeting first)."""
    return f"{item.meeting.title} — {item}"


def _names(entries: list[ChangeLog]) -> dict[tuple[str, object], str]:
    # Ids in logged values read as names: one query per kind, whatever the number of entries.
    ids = {"agenda_item_id": set(), "perspective_id": set()}
    for entry in entries:
        for values in (entry.before or {}, entry.after or {}):
            for key, found in ids.items():
                if values.get(key) is not None:
                    found.add(values[key])
    names = {}
    items = AgendaItem.objects.select_related("meeting").filter(pk__in=ids["agenda_item_id"])
    names.update({("agenda_item_id", i.pk): agenda_item_label(i) for i in items})
    for p in Perspective.objects.filter(pk__in=ids["perspective_id"]):
        names[("perspective_id", p.pk)] = str(p)
    return names


def _display(name: str, value, names=None) -> str:
    if names and (name, value) in names:
        return names[(name, value)]
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name.endswith("_at") and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def history(obj, limit: int = 50) -> list[ChangeLog]:
    """The object's recorded changes, newest first, each with `changes`: the fields that
    changed as (label, before, after), values for people (local time, yes/no)."""
    entries = list(
        ChangeLog.objects.filter(model_name=obj._meta.model_name, object_id=obj.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
    names = _names(entries)
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        entry.changes = [
            (
                FIELD_LABELS.get(key, key),
                _display(key, before.get(key), names),
                _display(key, after.get(key), names),
            )
            for key in keys
            if entry.action == ChangeLog.Action.CREATE or before.get(key) != after.get(key)
        ]
        entry.shown_changes = entry.changes  # already written for people
    return entries


def stale_values(current) -> list[tuple[str, str]]:
    """The saved values of a stale edit, labelled and formatted (for the stale panel)."""
    if current is None:
        return []
    names = (
        ["label", "title"]
        if isinstance(current, Perspective)
        else ["title", "body", "agenda_item_id", "is_published", "opens_at", "closes_at"]
    )
    out = []
    for name in names:
        value = getattr(current, name)
        if name == "agenda_item_id" and value is not None:
            value = agenda_item_label(AgendaItem.objects.select_related("meeting").get(pk=value))
        if isinstance(value, dt.datetime):
            value = formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        out.append((str(FIELD_LABELS[name]), _display(name, value)))
    return out
