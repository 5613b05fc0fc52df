"""The demo 骨子案 for 第7回: the deck's perspectives and 論点, a few dispositions, idempotent."""

import pytest
from django.core.management import call_command

from reports.demo import NOTICE
from reports.models import Disposition, Edition, Paragraph, ReportChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_outline_follows_the_deck_and_says_it_is_a_demo(seeded):
    edition = Edition.objects.get()
    assert (edition.kind, edition.meeting.number, edition.status) == ("outline", 7, "draft")
    chapters = list(edition.sections.values_list("title", flat=True))
    assert chapters[0] == "はじめに"
    assert [c[:1] for c in chapters[1:]] == ["①", "②", "③"]
    assert edition.paragraphs.filter(body=NOTICE).exists()
    assert edition.paragraphs.filter(body__contains="7,674人").exists()
    answering = Paragraph.questions.through.objects.filter(paragraph__edition=edition)
    assert answering.count() == 9
    kinds = set(Disposition.objects.filter(edition=edition).values_list("kind", flat=True))
    assert kinds == {"reflected", "future", "answered"}


def test_seeding_twice_adds_nothing(seeded):
    counts = (Paragraph.objects.count(), Disposition.objects.count(), ReportChange.objects.count())
    call_command("seed_demo", verbosity=0)
    assert counts == (
        Paragraph.objects.count(),
        Disposition.objects.count(),
        ReportChange.objects.count(),
    )
