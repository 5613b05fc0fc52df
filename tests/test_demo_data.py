"""`seed_demo` builds the committee from the deck and can run again without duplicating."""

import pytest
from django.core.management import call_command

from committee.models import AgendaItem, Meeting
from policies.models import GlossaryTerm, Perspective, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True  # demo accounts exist only in development
    call_command("seed_demo", verbosity=0)


def test_meetings_5_to_8_as_in_the_deck(seeded):
    meetings = {m.number: m for m in Meeting.objects.all()}
    assert sorted(meetings) == [5, 6, 7, 8]
    assert meetings[5].starts_at.date().isoformat() == "2026-03-30"
    assert meetings[5].agenda_items.count() == 4
    # Future meetings have tentative periods, not dates.
    assert meetings[6].starts_at is None
    assert (meetings[6].period_start.month, meetings[6].period_end.month) == (4, 5)
    assert (meetings[7].period_start.month, meetings[7].period_end.month) == (5, 6)
    assert (meetings[8].period_start.month, meetings[8].period_end.month) == (6, 7)


def test_perspectives_and_nine_questions_scheduled_as_planned(seeded):
    assert Perspective.objects.count() == 3
    assert Question.objects.count() == 9
    for position, meeting_no in [(1, 6), (2, 6), (3, 7)]:
        numbers = set(
            Question.objects.filter(perspective__position=position).values_list(
                "agenda_item__meeting__number", flat=True
            )
        )
        assert numbers == {meeting_no}
    assert GlossaryTerm.objects.get(abbreviation="ASPIRE").full_name.startswith("先端国際共同研究")


def test_seeding_twice_changes_nothing(seeded):
    counts = (Meeting.objects.count(), AgendaItem.objects.count(), Question.objects.count())
    call_command("seed_demo", verbosity=0)
    assert counts == (Meeting.objects.count(), AgendaItem.objects.count(), Question.objects.count())


def test_demo_accounts_only_in_debug(settings):
    from accounts.models import User

    settings.DEBUG = False
    call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    assert set(User.objects.values_list("username", flat=True)) >= {
        "chair",
        "member_a",
        "secretariat",
        "admin",
        "observer",
    }
