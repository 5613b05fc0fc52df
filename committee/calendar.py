"""iCalendar (.ics) export: a timed event, or an all-day span for a tentative period."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from committee.models import Meeting
from committee.templatetags.committee_tags import meeting_when


def meeting_ics(meeting: Meeting, *, url: str = "") -> bytes:
    """The meeting as a one-event calendar. A tentative period (4月～5月頃) becomes an all-day
    event across the whole period, marked tentative in its summary and description."""
    cal = Calendar()
    cal.add("prodid", "-//MEXT International Strategy Committee//committee//JA")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@committee.mext.example")
    event.add("dtstamp", timezone.now())
    description = []
    if meeting.starts_at:
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at or meeting.starts_at + dt.timedelta(hours=2))
        event.add("status", "CONFIRMED")
    elif meeting.period_start and meeting.period_end:
        when = meeting_when(meeting)
        event.add(
            "summary", _("%(title)s (tentative: %(when)s)") % {"title": meeting.title, "when": when}
        )
        event.add("dtstart", meeting.period_start)
        # DTEND of an all-day event is exclusive: the day after the period's last day.
        event.add("dtend", meeting.period_end + dt.timedelta(days=1))
        event.add("status", "TENTATIVE")
        event.add("transp", "TRANSPARENT")
        description.append(
            _("The date is not fixed yet; the meeting is planned for %(when)s.") % {"when": when}
        )
    else:
        raise ValueError("meeting without date or period")
    place = meeting.place or ""
    if meeting.is_online:
        place = f"{place} ({_('Online')})" if place else _("Online")
    if place:
        event.add("location", place)
    if url:
        event.add("url", url)
        description.append(url)
    if description:
        event.add("description", "\n".join(description))
    cal.add_component(event)
    return cal.to_ical()
