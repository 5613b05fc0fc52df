"""議事録確認: a speaker confirms their statements or proposes corrections; the secretariat
accepts or discusses each correction; reminders go to the speakers who have not answered."""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import Refusal
from policies.desk.notify import deliver
from policies.notifications import Mail
from proceedings import history
from proceedings.models import Confirmation, Correction, Record, Statement

REMINDER = "minutes-confirm"


def _open_confirmation(record: Record, member) -> Confirmation:
    """The member's request on a record out for confirmation, or a refusal."""
    if record.status != Record.Status.CONFIRMING:
        raise Refusal(_("This record is not out for confirmation."), status=409)
    row = Confirmation.objects.select_for_update().filter(record=record, member=member).first()
    if row is None:
        raise Refusal(_("Only the members who speak in the record confirm it."), status=403)
    return row


@transaction.atomic
def confirmation_confirm(*, record: Record, member, now=None) -> Confirmation:
    """A speaker: confirm their own statements in the record as they stand."""
    row = _open_confirmation(record, member)
    row.confirmed_at = now or timezone.now()
    row.save(update_fields=["confirmed_at"])
    history.log_update(row, by=member, after={"confirmed": True}, meeting_id=record.meeting_id)
    return row


@transaction.atomic
def correction_propose(
    *, statement: Statement, member, base_version: int, text: str, note: str = "", now=None
) -> Correction:
    """A speaker: propose a new text for one of their own statements. The version they saw
    must still be the statement's: a correction of a text changed since is refused."""
    if statement.speaker_kind != Statement.Speaker.MEMBER or statement.speaker_user_id != member.pk:
        raise Refusal(_("Only the speaker corrects a statement."), status=403)
    row = _open_confirmation(statement.record, member)
    text = (text or "").strip()
    if not text:
        raise Refusal(_("Write the corrected statement."), status=400)
    current = Statement.objects.select_for_update().get(pk=statement.pk)
    if current.version != base_version:
        raise Refusal(
            _("The statement changed since you opened it: check the new text."), status=409
        )
    if text == current.text:
        raise Refusal(_("The proposed text is the same as the statement."), status=400)
    correction = Correction.objects.create(
        statement=current,
        proposed_by=member,
        base_version=base_version,
        original_text=current.text,
        proposed_text=text,
        note=(note or "").strip(),
    )
    row.confirmed_at = now or timezone.now()
    row.with_corrections = True
    row.save(update_fields=["confirmed_at", "with_corrections"])
    history.log(
        obj=correction,
        meeting_id=statement.record.meeting_id,
        action=history.CREATE,
        by=member,
        after={"proposed_text": text},
    )
    return correction


@transaction.atomic
def correction_decide(*, correction: Correction, decision: str, response: str = "", by, now=None):
    """Secretariat: accept a correction (the statement takes the proposed text, if it has not
    changed since it was proposed) or mark it to be discussed with a reply."""
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    if correction.status == Correction.Status.ACCEPTED:
        raise Refusal(_("This correction is already accepted."), status=409)
    record = correction.statement.record
    if record.status == Record.Status.PUBLISHED:
        raise Refusal(_("The record is published: it can no longer change."), status=409)
    if decision == "accept":
        changed = Statement.objects.filter(
            pk=correction.statement_id, version=correction.base_version
        ).update(text=correction.proposed_text, version=F("version") + 1)
        if not changed:
            raise Refusal(
                _("The statement changed after this correction was proposed."), status=409
            )
        correction.status = Correction.Status.ACCEPTED
    elif decision == "discuss":
        correction.status = Correction.Status.DISCUSS
    else:
        raise Refusal(_("Choose to accept or to discuss the correction."), status=400)
    correction.response = (response or "").strip()
    correction.decided_at = now or timezone.now()
    correction.decided_by = by
    correction.save(update_fields=["status", "response", "decided_at", "decided_by"])
    history.log_update(
        correction, by=by, after={"status": correction.status}, meeting_id=record.meeting_id
    )
    return correction


def _site_url() -> str:
    return (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


def due_reminders(record: Record, now=None) -> list[Mail]:
    """One mail per speaker who has not answered; keyed per record and day, so the same
    member gets at most one reminder a day for a record (NotificationLog dedupes)."""
    now = now or timezone.now()
    if record.status != Record.Status.CONFIRMING:
        return []
    key = f"{REMINDER}:record-{record.pk}:{timezone.localdate(now).isoformat()}"
    url = _site_url() + reverse("proceedings:record-confirm", args=[record.pk])
    mails = []
    waiting = Confirmation.objects.filter(record=record, confirmed_at=None).select_related("member")
    for row in waiting:
        if not row.member.email or not row.member.is_active:
            continue
        ctx = {"user": row.member, "record": record, "url": url}
        subject = render_to_string("proceedings/mail/confirm_reminder_subject.txt", ctx)
        body = render_to_string("proceedings/mail/confirm_reminder.txt", ctx)
        mails.append(Mail(row.member, REMINDER, [key], " ".join(subject.split()), body))
    return mails


def reminders_send(*, record: Record, now=None) -> int:
    """Secretariat (or the reminder command): send the due reminders once. Returns how many."""
    record = Record.objects.select_related("meeting").get(pk=record.pk)
    with translation.override(settings.LANGUAGE_CODE):
        return deliver(due_reminders(record, now))
