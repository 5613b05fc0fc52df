"""The change log: every service write leaves who, when, before and after, in its transaction."""

import pytest
from django.db import transaction

from committee import selectors, services
from committee.models import ChangeLog, Meeting
from core.errors import Refusal
from tests import factories

pytestmark = pytest.mark.django_db


def test_update_history_lists_only_changed_fields(secretariat_user):
    meeting = factories.MeetingFactory(number=9, title="元", place="会議室A")
    services.meeting_update(
        meeting=meeting, version=1, by=secretariat_user, title="新", place="会議室A"
    )
    entry = selectors.history_for(secretariat_user, meeting)[0]
    assert entry.actor == secretariat_user and entry.at is not None
    assert entry.changes == [("title", "元", "新")]


def test_history_is_hidden_from_members(member_user, secretariat_user):
    meeting = factories.MeetingFactory(number=9)
    services.agenda_item_create(meeting=meeting, title="議題", by=secretariat_user)
    assert selectors.history_for(member_user, meeting) == []
    assert len(selectors.history_for(secretariat_user, meeting)) == 1


def test_a_failed_write_leaves_no_log(secretariat_user):
    meeting = factories.MeetingFactory(number=9)
    with pytest.raises(services.StaleEdit) as stale:
        services.meeting_update(meeting=meeting, version=7, by=secretariat_user, title="x")
    # The stale edit is the one refusal type: 409, a message, and the saved row.
    assert isinstance(stale.value, Refusal) and stale.value.status == 409
    assert stale.value.message and stale.value.current.pk == meeting.pk
    assert not ChangeLog.objects.exists()
    assert Meeting.objects.get().title != "x"


def test_log_rolls_back_with_the_change(secretariat_user):
    meeting = factories.MeetingFactory(number=9)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.agenda_item_create(meeting=meeting, title="議題", by=secretariat_user)
        raise RuntimeError
    assert not ChangeLog.objects.exists()
