"""Writes of the consultation desk; each one transaction that records its ChangeLog row.

Secretariat only: the views check the role (secretariat_required) and look the objects up
with permission; the services do not re-check it. History and optimistic locking are the
committee's own (committee.services): the same ChangeLog table (without a meeting), the same
`UPDATE … WHERE version = n` that raises StaleEdit and writes nothing when someone saved first.
Bad input or an action that does not fit the current state raises ValidationError.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.models import AgendaItem, ChangeLog
from committee.services.history import StaleEdit
from committee.services.history import editable as _editable
from committee.services.history import log as _log
from committee.services.history import snapshot as _snapshot
from committee.services.history import update_versioned as _update_versioned
from policies.desk import notify
from policies.desk.selectors import publication_summary
from policies.models import Perspective, Question
from policies.models.consultation import CommentPeriod
from policies.services import _locked_question

__all__ = ["StaleEdit"]

PERSPECTIVE_FIELDS = ["position", "label", "title", "comment_opens_at", "comment_closes_at"]
QUESTION_FIELDS = [
    "perspective_id",
    "position",
    "title",
    "body",
    "agenda_item_id",
    "is_published",
    "opens_at",
    "closes_at",
    "comments_published",
]


def _fields(obj) -> list[str]:
    return PERSPECTIVE_FIELDS if isinstance(obj, Perspective) else QUESTION_FIELDS


def _logged(obj, *, action, by, before=None, after=None) -> None:
    # Desk objects belong to no meeting: their history is read by model and id.
    _log(obj=obj, meeting_id=None, action=action, by=by, before=before, after=after)


def _logged_create(obj, *, by) -> None:
    _logged(obj, action=ChangeLog.Action.CREATE, by=by, after=_snapshot(obj, _fields(obj)))


def _update_logged(obj, *, version: int, values: dict, by):
    """The versioned update (StaleEdit when stale) and its UPDATE entry."""
    fields = _fields(obj)
    before, row = _update_versioned(type(obj), obj, version=version, fields=fields, values=values)
    _logged(row, action=ChangeLog.Action.UPDATE, by=by, before=before, after=_snapshot(row, fields))
    return row


# --- Perspectives ------------------------------------------------------------------------


@transaction.atomic
def perspective_create(*, label: str, title: str, by) -> Perspective:
    """Secretariat: add a perspective (観点) after the last one."""
    last = _locked_perspectives()
    position = (last[-1].position if last else 0) + 1
    perspective = Perspective.objects.create(position=position, label=label, title=title)
    _logged_create(perspective, by=by)
    return perspective


@transaction.atomic
def perspective_update(
    *, perspective: Perspective, version: int, label: str, title: str, by
) -> Perspective:
    """Secretariat: rename a perspective, if nobody saved it since `version`."""
    return _update_logged(
        perspective, version=version, values={"label": label, "title": title}, by=by
    )


def _locked_perspectives() -> list[Perspective]:
    # Every reorder or append locks all perspectives (a handful of rows), in id order (which
    # no move changes), and works on them in position order.
    rows = Perspective.objects.select_for_update().order_by("id")
    return sorted(rows, key=lambda p: (p.position, p.id))


def _move(model, ordered: list, obj, direction: str, *, by) -> None:
    """Swap `obj` with its neighbour in `ordered` (the committed order, locked), logging both.

    As the agenda's move (committee.services.agenda_item_move): it works from the order in the
    database, not the one the caller saw, so two moves at once both take effect, in turn.
    The unique position is not deferrable here: one row waits on a free position meanwhile.
    """
    if direction not in ("up", "down"):
        raise ValueError(direction)
    index = next((i for i, other in enumerate(ordered) if other.pk == obj.pk), None)
    if index is None:
        raise model.DoesNotExist
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        return
    a, b = ordered[index], ordered[target]
    fields = _fields(a)
    before = {a.pk: _snapshot(a, fields), b.pk: _snapshot(b, fields)}
    free = max(o.position for o in ordered) + 1
    model.objects.filter(pk=a.pk).update(position=free)
    model.objects.filter(pk=b.pk).update(position=a.position, version=F("version") + 1)
    model.objects.filter(pk=a.pk).update(position=b.position, version=F("version") + 1)
    a.position, b.position = b.position, a.position
    for row in (a, b):
        _logged(
            row,
            action=ChangeLog.Action.MOVE,
            by=by,
            before=before[row.pk],
            after=_snapshot(row, fields),
        )


@transaction.atomic
def perspective_move(*, perspective: Perspective, direction: str, by) -> Perspective:
    """Secretariat: move a perspective one place "up" or "down" (its marker ①②③ follows)."""
    _move(Perspective, _locked_perspectives(), perspective, direction, by=by)
    return Perspective.objects.get(pk=perspective.pk)


# --- Questions ---------------------------------------------------------------------------


def _locked_questions(perspective_id: int) -> list[Question]:
    """The perspective's questions in position order, locked, then the perspective locked.

    Rows are locked in id order, which no move changes (positions do: two movers locking in
    position order could each hold what the other waits for), and before the perspective, as
    comment_create locks a question before its perspective. The perspective lock serialises
    appends too; the questions are read again after it, so one appended meanwhile is included.
    """
    questions = Question.objects.select_for_update().filter(perspective_id=perspective_id)
    list(questions.order_by("id").values_list("pk", flat=True))
    Perspective.objects.select_for_update().get(pk=perspective_id)
    return sorted(questions.order_by("id"), key=lambda q: (q.position, q.id))


@transaction.atomic
def question_create(
    *,
    perspective: Perspective,
    title: str,
    body: str,
    agenda_item: AgendaItem | None,
    is_published: bool,
    by,
) -> Question:
    """Secretariat: add a question (論点) at the end of a perspective; it follows the
    perspective's comment period until it is given its own."""
    siblings = _locked_questions(perspective.pk)
    last = max((q.position for q in siblings), default=0)
    question = Question.objects.create(
        perspective=perspective,
        position=last + 1,
        title=title,
        body=body,
        agenda_item=agenda_item,
        is_published=is_published,
    )
    _logged_create(question, by=by)
    if is_published:
        notify.announce_opened_after_commit()
    return question


@transaction.atomic
def question_update(*, question: Question, version: int, by, **values) -> Question:
    """Secretariat: change a question's title, body, agenda item or publication if still
    `version`."""
    values = _editable(values, "title", "body", "agenda_item", "is_published")
    row = _update_logged(question, version=version, values=values, by=by)
    if values["is_published"]:
        notify.announce_opened_after_commit()
    return row


@transaction.atomic
def question_publish(*, question: Question, version: int, published: bool, by) -> Question:
    """Secretariat: publish or unpublish a question in one step (members see published ones)."""
    row = _update_logged(question, version=version, values={"is_published": published}, by=by)
    if published:
        notify.announce_opened_after_commit()
    return row


@transaction.atomic
def question_move(*, question: Question, direction: str, by) -> Question:
    """Secretariat: move a question one place "up" or "down" within its perspective."""
    ordered = _locked_questions(question.perspective_id)
    _move(Question, ordered, question, direction, by=by)
    return Question.objects.get(pk=question.pk)


# --- Comment periods -----------------------------------------------------------------------


def _period_names(obj) -> tuple[str, str]:
    if isinstance(obj, Perspective):
        return "comment_opens_at", "comment_closes_at"
    return "opens_at", "closes_at"


def _effective_period(obj) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The period in force (the model's one rule: a question without its own follows its
    perspective's)."""
    return tuple(obj.period)


def _locked(obj):
    """The row as committed now, locked: a question with its perspective in the one statement
    the comment services use (policies.services._locked_question), so the lock order is theirs."""
    if isinstance(obj, Perspective):
        return Perspective.objects.select_for_update().get(pk=obj.pk)
    return _locked_question(obj.pk)


def _is_open(opens, closes, now) -> bool:
    return CommentPeriod(opens, closes).is_open(now)


def _set_period(obj, *, version: int, opens, closes, by):
    opens_name, closes_name = _period_names(obj)
    return _update_logged(
        obj, version=version, values={opens_name: opens, closes_name: closes}, by=by
    )


@transaction.atomic
def period_open(*, obj, version: int, closes_at: dt.datetime | None, by, now=None):
    """Secretariat: open comments on a perspective or a question now, until `closes_at` (or the
    close already set, if it is still ahead). The members are told once, after the commit."""
    row = _locked(obj)
    now = now or timezone.now()  # read after the lock, as comment_create reads its clock
    if row.version != version:
        raise StaleEdit(row)
    opens, closes = _effective_period(row)
    if _is_open(opens, closes, now):
        raise ValidationError(_("Comments are already open. Extend or close the period instead."))
    closes = closes_at or (closes if closes is not None and closes > now else None)
    if closes is None:
        raise ValidationError({"closes_at": _("Give the date and time comments close.")})
    if closes <= now:
        raise ValidationError({"closes_at": _("The closing time must be in the future.")})
    row = _set_period(row, version=version, opens=now, closes=closes, by=by)
    notify.announce_opened_after_commit()
    return row


@transaction.atomic
def period_extend(*, obj, version: int, closes_at: dt.datetime | None, by, now=None):
    """Secretariat: move the close of an opened period later (a closed one opens again).
    The members are told of the new deadline once, after the commit."""
    row = _locked(obj)
    now = now or timezone.now()  # read after the lock, as comment_create reads its clock
    if row.version != version:
        raise StaleEdit(row)
    opens, closes = _effective_period(row)
    if opens is None or opens > now:
        raise ValidationError(_("Comments have not opened yet: open them now instead."))
    if closes_at is None:
        raise ValidationError({"closes_at": _("Give the new date and time comments close.")})
    if closes_at <= now or (closes is not None and closes_at <= closes):
        raise ValidationError(
            {"closes_at": _("Choose a time after the current close and in the future.")}
        )
    row = _set_period(row, version=version, opens=opens, closes=closes_at, by=by)
    notify.announce_extended_after_commit(row)
    return row


@transaction.atomic
def period_close(*, obj, version: int, by, now=None):
    """Secretariat: close an open period now; posts arriving from now on are refused."""
    row = _locked(obj)
    now = now or timezone.now()  # read after the lock, as comment_create reads its clock
    if row.version != version:
        raise StaleEdit(row)
    opens, closes = _effective_period(row)
    if not _is_open(opens, closes, now):
        raise ValidationError(_("Comments are not open, so there is nothing to close."))
    return _set_period(row, version=version, opens=opens, closes=now, by=by)


# --- Publishing a question's comments ------------------------------------------------------


@transaction.atomic
def comments_publish(
    *, question: Question, version: int, published: bool, expected_count: int, by
) -> Question:
    """Secretariat: make a question's comments public (委員限り → 公開) or members-only again.

    `expected_count` is the number of comments the confirmation page said would change; if
    comments came or went since, nothing is written and the new numbers must be confirmed.
    """
    row = _locked(question)
    if row.version != version:
        raise StaleEdit(row)
    if row.comments_published == published:
        raise ValidationError(_("Nothing to change: the comments already are as asked."))
    if publication_summary(row)["count"] != expected_count:
        raise ValidationError(
            _("Comments were posted or withdrawn meanwhile: check the numbers and confirm again.")
        )
    return _update_logged(row, version=version, values={"comments_published": published}, by=by)
