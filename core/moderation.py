"""The moderation page's registry: each app declares the kinds of post the secretariat can hide
(a question's comments, a report paragraph's reviews) in `<app>/moderatables.py`, imported by
its AppConfig.ready(). The moderation page (policies.moderation_views) lists every registered
kind and hides or shows a post through the kind's own services, so a lower app never imports
the higher one whose posts it moderates, and adding a kind touches one app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import Http404


@dataclass
class ModerationEntry:
    """One moderation action, in a post's history or in the page's record at the foot."""

    at: object
    action: str
    reason: str
    actor: str
    url: str = ""
    label: str = ""


@dataclass
class ModerationRow:
    """One post on the moderation page. obj has author, created_at, is_deleted and the hiding
    fields; body_html is its safe rendering; url/context say where it was posted."""

    kind: str
    obj: object
    badge: str
    body_html: str
    url: str
    context: str
    history: list = field(default_factory=list)
    hide_form: object = None

    @property
    def pk(self) -> int:
        return self.obj.pk

    @property
    def dom_id(self) -> str:
        # A question comment keeps its historical row id (mod-row-<pk>); other kinds are named.
        return str(self.pk) if self.kind == "comment" else f"{self.kind}-{self.pk}"


@dataclass(frozen=True)
class ModerationKind:
    """key: the URL's kind; label: the table's caption; order: its place on the page.

    rows(user, hidden_only) -> the most recent posts (or the hidden ones) as ModerationRow,
    a constant number of queries; row(user, pk) -> one ModerationRow (Http404 for missing and
    forbidden alike); hide(obj, by=, reason=) / unhide(obj, by=): the kind's services (audited);
    records(limit) -> the latest ModerationEntry items with url and label."""

    key: str
    label: str
    order: int
    rows: Callable[..., list]
    row: Callable[..., ModerationRow]
    hide: Callable[..., object]
    unhide: Callable[..., object]
    records: Callable[..., list]


_KINDS: dict[str, ModerationKind] = {}


def register(kind: ModerationKind) -> ModerationKind:
    """Declare a kind (at import of an app's moderatables module); a key is taken once."""
    if _KINDS.setdefault(kind.key, kind) != kind:
        raise ValueError(f"moderation kind {kind.key!r} is registered twice")
    return kind


def moderation_kinds() -> list[ModerationKind]:
    """Every registered kind, in page order."""
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.key))


def moderation_kind(key: str) -> ModerationKind:
    """The kind a URL names; 404 for a key nobody registered."""
    try:
        return _KINDS[key]
    except KeyError:
        raise Http404 from None
