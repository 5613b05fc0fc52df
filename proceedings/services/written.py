"""書面審議 writes: put a proposal to the members, votes, conflicts of interest, the result
(議決記録) and its publication as a numbered 資料 of the meeting."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committee import filetypes
from committee import services as committee_services
from committee.models import AgendaItem, Material, Meeting
from core.errors import Refusal
from proceedings import history, rules
from proceedings.models import Attendance, Deliberation, Recusal, Vote
from proceedings.selectors import current_members


@transaction.atomic
def deliberation_create(
    *,
    meeting: Meeting,
    title: str,
    body: str,
    closes_at: dt.datetime,
    agenda_item: AgendaItem | None = None,
    materials: list[Material] = (),
    by,
) -> Deliberation:
    """Secretariat: draft a proposal (not yet put to the members)."""
    d = Deliberation.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        body=body,
        closes_at=closes_at,
        created_by=by,
    )
    d.materials.set(materials)
    history.log(obj=d, meeting_id=meeting.pk, action=history.CREATE, by=by, after={"title": title})
    return d


@transaction.atomic
def deliberation_open(*, deliberation: Deliberation, by, now=None) -> Deliberation:
    """Secretariat: put the proposal to today's members (their list is kept as the roster);
    the chair is the meeting's chair on its attendance roster."""
    now = now or timezone.now()
    d = Deliberation.objects.select_for_update().get(pk=deliberation.pk)
    if d.status != Deliberation.Status.DRAFT:
        raise Refusal(_("This proposal has already been put to the members."), status=409)
    if d.closes_at <= now:
        raise Refusal(_("The deadline must be in the future."), status=400)
    chair = Attendance.objects.filter(meeting=d.meeting_id, is_chair=True).first()
    d.roster = [u.pk for u in current_members()]
    d.chair_id = chair.member_id if chair else None
    d.status = Deliberation.Status.OPEN
    d.opened_at = now
    d.save(update_fields=["roster", "chair", "status", "opened_at"])
    history.log_update(d, by=by, after={"status": d.status})
    return d


def recused_ids(d: Deliberation) -> set[int]:
    """Members recused from the proposal or from its agenda item."""
    ids = set(Recusal.objects.filter(deliberation=d).values_list("member_id", flat=True))
    if d.agenda_item_id:
        ids |= set(
            Recusal.objects.filter(agenda_item_id=d.agenda_item_id).values_list(
                "member_id", flat=True
            )
        )
    return ids


def _open_for(d: Deliberation, member, now) -> None:
    if d.status != Deliberation.Status.OPEN or now >= d.closes_at:
        raise Refusal(_("Votes are accepted only while the proposal is open."), status=409)
    if member.pk not in d.roster:
        raise Refusal(_("Only the members the proposal was put to may vote."), status=403)


@transaction.atomic
def vote_cast(*, deliberation: Deliberation, member, choice: str, text: str = "", now=None):
    """A member: record (or change, until the deadline) their one vote. 意見あり needs text."""
    now = now or timezone.now()
    d = Deliberation.objects.select_for_update().get(pk=deliberation.pk)
    _open_for(d, member, now)
    if member.pk in recused_ids(d):
        raise Refusal(_("You declared a conflict of interest: you do not vote on it."), status=403)
    if choice not in Vote.Choice.values:
        raise Refusal(_("Choose in favour, against, or with an opinion."), status=400)
    text = (text or "").strip()
    if choice == Vote.Choice.OPINION and not text:
        raise Refusal(_("Write your opinion."), status=400)
    vote, _created = Vote.objects.update_or_create(
        deliberation=d, member=member, defaults={"choice": choice, "text": text}
    )
    # The choice itself is private until the result: the history says only that one voted.
    history.log_update(d, by=member, after={"voted": True})
    return vote


@transaction.atomic
def recusal_declare(
    *,
    member,
    reason: str = "",
    deliberation: Deliberation | None = None,
    agenda_item: AgendaItem | None = None,
    now=None,
) -> Recusal:
    """A member: declare a conflict of interest on a proposal (while open; their vote, if
    any, is withdrawn) or on an agenda item."""
    now = now or timezone.now()
    if deliberation is not None:
        d = Deliberation.objects.select_for_update().get(pk=deliberation.pk)
        _open_for(d, member, now)
        Vote.objects.filter(deliberation=d, member=member).delete()
        recusal, _created = Recusal.objects.get_or_create(
            deliberation=d, member=member, defaults={"reason": (reason or "").strip()}
        )
        meeting_id = d.meeting_id
    else:
        recusal, _created = Recusal.objects.get_or_create(
            agenda_item=agenda_item, member=member, defaults={"reason": (reason or "").strip()}
        )
        meeting_id = agenda_item.meeting_id
    history.log(obj=recusal, meeting_id=meeting_id, action=history.CREATE, by=member)
    return recusal


def tally(d: Deliberation) -> dict:
    """The count under rules.py: roster minus the recused is the base of the quorum; the
    votes of recused members are never counted."""
    recused = recused_ids(d)
    eligible = [pk for pk in d.roster if pk not in recused]
    votes = {v.member_id: v.choice for v in Vote.objects.filter(deliberation=d)}
    cast = {pk: c for pk, c in votes.items() if pk in eligible}
    counts = {c: sum(1 for v in cast.values() if v == c) for c in Vote.Choice.values}
    quorum = rules.quorum_met(len(cast), len(eligible))
    adopted = quorum and rules.majority_outcome(
        yes=counts["for"], cast=len(cast), chair_vote=cast.get(d.chair_id)
    )
    if not quorum:
        outcome = Deliberation.Outcome.NO_QUORUM
    else:
        outcome = Deliberation.Outcome.ADOPTED if adopted else Deliberation.Outcome.REJECTED
    return {
        "members": len(d.roster),
        "recused": len(recused & set(d.roster)),
        "eligible": len(eligible),
        "cast": len(cast),
        "needed": rules.quorum_needed(len(eligible)),
        "counts": counts,
        "quorum": quorum,
        "outcome": outcome,
        "chair_decides_tie": rules.rule("CHAIR_DECIDES_TIE"),
        "majority": list(rules.rule("MAJORITY")),
    }


@transaction.atomic
def result_record(*, deliberation: Deliberation, by, now=None) -> Deliberation:
    """Secretariat: after the deadline (or once every eligible member voted), count the votes
    and record the result; from then on the votes are no longer private to the secretariat."""
    now = now or timezone.now()
    d = Deliberation.objects.select_for_update().get(pk=deliberation.pk)
    if d.status != Deliberation.Status.OPEN:
        raise Refusal(_("Only an open proposal can be decided."), status=409)
    result = tally(d)
    if now < d.closes_at and result["cast"] < result["eligible"]:
        raise Refusal(_("Wait for the deadline or for every member's vote."), status=409)
    d.tally = result
    d.outcome = result["outcome"]
    d.status = Deliberation.Status.DECIDED
    d.decided_at = now
    d.save(update_fields=["tally", "outcome", "status", "decided_at"])
    history.log_update(d, by=by, after={"outcome": d.outcome})
    return d


@transaction.atomic
def result_publish(
    *,
    deliberation: Deliberation,
    number: str,
    title: str,
    document: bytes,
    filename: str,
    by,
    now=None,
) -> Deliberation:
    """Secretariat: publish the 議決記録 and attach it (DOCX) to the meeting as a numbered,
    published 資料 through committee's material service (a taken number is refused)."""
    d = Deliberation.objects.select_for_update().get(pk=deliberation.pk)
    if d.status != Deliberation.Status.DECIDED:
        raise Refusal(_("Record the result before publishing it."), status=409)
    upload = ContentFile(document, name=filename)
    # The same check an uploaded file gets: what we attach must pass it too.
    detected = filetypes.detect(upload)
    try:
        material = committee_services.material_create(
            meeting=d.meeting,
            number=number,
            title=title,
            is_published=True,
            upload=upload,
            content_type=detected.content_type,
            by=by,
        )
    except ValidationError as error:  # the number was taken after the form's check
        raise Refusal(" ".join(error.messages), status=409) from None
    values = {"published_at": now or timezone.now(), "material": material}
    status = Deliberation.Status.PUBLISHED
    history.advance(d, by=by, noted={"material": material.number}, status=status, **values)
    return d
