"""Minutes writes: create a record, import a transcript, send it for confirmation, publish."""

import datetime as dt

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.models import AgendaItem, Hearing, Meeting
from core.errors import Refusal
from proceedings import history, transcript
from proceedings.models import Attendance, Confirmation, Correction, Record, Statement
from proceedings.selectors import current_members


class Unresolved(Refusal):
    """Speakers nobody matched: nothing is imported until each is resolved or accepted; the
    import page asks about each of `names`."""

    status = 400

    def __init__(self, names: list[str]):
        super().__init__(
            _("Some speakers matched nobody: resolve each name or accept it as a non-member.")
        )
        self.names = names


@transaction.atomic
def record_create(*, meeting: Meeting, kind: str, by) -> Record:
    """Secretariat: start the meeting's 議事要旨 or 議事録 (returns the existing one if any)."""
    if kind not in Record.Kind.values:
        raise Refusal(_("Unknown kind of record."), status=400)
    record, created = Record.objects.get_or_create(meeting=meeting, kind=kind)
    if created:
        history.log(obj=record, meeting_id=meeting.pk, action=history.CREATE, by=by)
    return record


def _directory(meeting: Meeting) -> dict:
    roster = list(Attendance.objects.filter(meeting=meeting).values_list("member_id", "name"))
    chair_id = next(
        iter(
            Attendance.objects.filter(meeting=meeting, is_chair=True).values_list(
                "member_id", flat=True
            )
        ),
        None,
    )
    if not roster:
        roster = [(u.pk, str(u)) for u in current_members()]
    hearings = Hearing.objects.filter(agenda_item__meeting=meeting).values_list("pk", "speaker")
    return transcript.build_directory(members=roster, chair_id=chair_id, hearings=list(hearings))


def _resolve(choice: str, name: str, meeting: Meeting, directory: dict) -> transcript.Speaker:
    """A secretariat's resolution of an unmatched name ("user:3", "hearing:5", ...)."""
    kind, _sep, pk = choice.partition(":")
    if kind == "other":
        return transcript.Speaker("other", name)
    if kind == "secretariat":
        return transcript.Speaker("secretariat", name)
    for speaker in directory.values():
        if kind == "user" and str(speaker.user_id) == pk:
            return transcript.Speaker("member", speaker.label, user_id=speaker.user_id)
        if kind == "hearing" and str(speaker.hearing_id) == pk:
            return transcript.Speaker("hearing", speaker.label, hearing_id=speaker.hearing_id)
    raise Refusal(
        _("「%(name)s」: choose someone on this meeting's roster.") % {"name": name}, status=400
    )


def transcript_preview(*, record: Record, text: str) -> tuple[transcript.Split, list[str]]:
    """The statements a transcript splits into and the names nobody matched (no writes)."""
    parsed = transcript.split(text)
    return parsed, transcript.unmatched_names(parsed.statements, _directory(record.meeting))


@transaction.atomic
def transcript_import(
    *,
    record: Record,
    text: str,
    agenda_item: AgendaItem | None,
    resolutions: dict[str, str],
    by,
) -> list[Statement]:
    """Secretariat: append the transcript's statements to a draft record. Unmatched speakers
    without a resolution raise Unresolved and nothing is written."""
    if record.status == Record.Status.PUBLISHED:
        raise Refusal(_("The record is published: it can no longer change."), status=409)
    Record.objects.select_for_update().get(pk=record.pk)
    parsed = transcript.split(text)
    if not parsed.statements:
        raise Refusal(
            _("No statement found: start each with 【name】 or the name and a space."), status=400
        )
    directory = _directory(record.meeting)
    missing = list(transcript.unmatched_names(parsed.statements, directory))
    unresolved = [n for n in missing if not resolutions.get(n)]
    if unresolved:
        raise Unresolved(unresolved)
    speakers = {n: _resolve(resolutions[n], n, record.meeting, directory) for n in missing}
    items = {i.position: i for i in AgendaItem.objects.filter(meeting=record.meeting)}
    start = Statement.objects.filter(record=record).aggregate(m=Max("position"))["m"] or 0
    rows = []
    for offset, p in enumerate(parsed.statements, start=1):
        speaker = speakers.get(p.name) or transcript.match(p.name, directory)
        item = items.get(p.item_position) if p.item_position else agenda_item
        rows.append(
            Statement(
                record=record,
                agenda_item=item,
                position=start + offset,
                speaker_kind=speaker.kind,
                speaker_user_id=speaker.user_id,
                speaker_hearing_id=speaker.hearing_id,
                speaker_label=(speaker.label if speaker.kind != "other" else p.name)[:100],
                text=p.text,
            )
        )
    created = Statement.objects.bulk_create(rows)
    Record.objects.filter(pk=record.pk).update(version=F("version") + 1)
    history.log_update(record, by=by, after={"statements_imported": len(created)})
    return created


@transaction.atomic
def record_send(*, record: Record, deadline: dt.datetime, by, now=None) -> int:
    """Secretariat: send the draft 議事録 to the members who speak in it, with a deadline.
    Sending again moves the deadline and asks members who joined the record since."""
    now = now or timezone.now()
    if record.status == Record.Status.PUBLISHED:
        raise Refusal(_("The record is published: it can no longer change."), status=409)
    if deadline <= now:
        raise Refusal(_("The deadline must be in the future."), status=400)
    speakers = set(
        Statement.objects.filter(record=record, speaker_kind=Statement.Speaker.MEMBER)
        .exclude(speaker_user=None)
        .values_list("speaker_user_id", flat=True)
    )
    if not speakers:
        raise Refusal(
            _("No member speaks in this record yet: there is nothing to confirm."), status=400
        )
    asked = set(Confirmation.objects.filter(record=record).values_list("member_id", flat=True))
    Confirmation.objects.bulk_create(
        [Confirmation(record=record, member_id=pk) for pk in sorted(speakers - asked)]
    )
    values = {"status": Record.Status.CONFIRMING, "confirm_deadline": deadline, "sent_at": now}
    history.advance(record, by=by, noted={"confirm_deadline": deadline.isoformat()}, **values)
    return len(speakers)


def publish_basis(record: Record, now=None) -> str | None:
    """Why the record may be published now, or None: a 議事要旨 needs no confirmation; a
    議事録 needs every speaker's answer or a passed deadline, and no correction left open."""
    now = now or timezone.now()
    if record.kind == Record.Kind.SUMMARY:
        return Record.Basis.NOT_REQUIRED
    if record.status != Record.Status.CONFIRMING:
        return None
    if Correction.objects.filter(
        statement__record=record, status=Correction.Status.PENDING
    ).exists():
        return None
    if not Confirmation.objects.filter(record=record, confirmed_at=None).exists():
        return Record.Basis.ALL_CONFIRMED
    if record.confirm_deadline and record.confirm_deadline <= now:
        return Record.Basis.DEADLINE_PASSED
    return None


@transaction.atomic
def record_publish(*, record: Record, by, now=None) -> Record:
    """Secretariat: publish the record, saying on what basis (publish_basis)."""
    now = now or timezone.now()
    record = Record.objects.select_for_update().get(pk=record.pk)
    if record.status == Record.Status.PUBLISHED:
        raise Refusal(_("The record is already published."), status=409)
    basis = publish_basis(record, now)
    if basis is None:
        raise Refusal(
            _(
                "Not yet: every speaker must confirm (or the deadline pass) and every proposed"
                " correction be answered."
            ),
            status=409,
        )
    values = {"status": Record.Status.PUBLISHED, "published_at": now, "published_basis": basis}
    history.advance(record, by=by, noted={"published_basis": basis}, **values)
    return record
