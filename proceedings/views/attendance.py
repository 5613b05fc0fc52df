"""The secretariat's attendance sheet (出欠) of a meeting, with the live quorum."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import secretariat_required
from committee.access import access_meeting
from core.errors import Refusal
from core.htmx import render_page
from proceedings import selectors
from proceedings.access import access_attendance
from proceedings.forms import AttendanceForm
from proceedings.services import attendance as services
from proceedings.views.common import done, refused

TEMPLATE = "proceedings/attendance_edit.html"


def _ctx(meeting, **extra) -> dict:
    return {"meeting": meeting, "summary": selectors.attendance_summary(meeting), **extra}


def _url(meeting, row=None) -> str:
    url = reverse("proceedings:attendance", args=[meeting.pk])
    return url + (f"#att-{row.pk}" if row else "")


def _saved(request, row, notice: str):
    """HTMX: the sheet again with the notice and focus on the row; else back to the row."""
    if request.htmx:
        ctx = _ctx(row.meeting, focus=row.pk, notice=notice)
        return render_page(request, TEMPLATE, ctx, partial="attendance-panel")
    return done(request, _url(row.meeting, row), notice)


@secretariat_required
@require_safe
def attendance(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    return render_page(request, TEMPLATE, _ctx(meeting), partial="attendance-panel")


@secretariat_required
@require_POST
def roster_take(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    added = services.roster_take(meeting=meeting, by=request.user)
    return done(request, _url(meeting), _("%(n)s members added to the roster.") % {"n": added})


@secretariat_required
@require_POST
def attendance_record(request, pk: int):
    row = access_attendance(request.user, pk)
    form = AttendanceForm(request.POST)
    try:
        if not form.is_valid():
            raise Refusal(_("Check the attendance and the times (HH:MM)."), status=422)
        services.attendance_record(attendance=row, by=request.user, **form.cleaned_data)
    except Refusal as error:
        ctx = _ctx(row.meeting, error_row=row.pk, focus=row.pk)
        return refused(request, TEMPLATE, ctx, error, partial="attendance-panel")
    return _saved(request, row, _("Saved: %(name)s") % {"name": row.name})


@secretariat_required
@require_POST
def attendance_chair(request, pk: int):
    row = access_attendance(request.user, pk)
    services.chair_set(attendance=row, by=request.user)
    return _saved(request, row, _("%(name)s is the chair.") % {"name": row.name})
