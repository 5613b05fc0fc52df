"""Read-only views answer HEAD as well as GET (monitors and link checkers use it); a HEAD of the
dashboard is not a visit, so it does not mark replies as seen."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from policies import services
from policies.models import DashboardVisit
from tests import factories
from tests.committee.factories import MaterialVersionFactory

pytestmark = pytest.mark.django_db


def test_healthz_answers_head():
    assert Client().head("/healthz/").status_code == 200


def test_public_pages_and_downloads_answer_head():
    version = MaterialVersionFactory()
    meeting = version.material.meeting
    client = Client()
    for url in (
        reverse("committee:meeting-detail", args=[meeting.pk]),
        reverse("committee:meeting-ics", args=[meeting.pk]),
        reverse("committee:material-download", args=[version.material.pk]),
        reverse("dispatch_stats:index"),
    ):
        response = client.head(url)
        assert response.status_code == 200, url


def test_writing_views_still_refuse_head(member_client):
    question = factories.QuestionFactory()
    url = reverse("policies:comment-create", args=[question.pk])
    assert member_client.head(url).status_code == 405


def test_a_head_of_the_dashboard_does_not_count_as_a_visit(member_client, member_user):
    earlier = timezone.now() - dt.timedelta(days=2)
    services.dashboard_visit_record(user=member_user, now=earlier)
    assert member_client.head(reverse("policies:dashboard")).status_code == 200
    assert DashboardVisit.objects.get(user=member_user).seen_at == earlier
    assert member_client.get(reverse("policies:dashboard")).status_code == 200
    assert DashboardVisit.objects.get(user=member_user).seen_at > earlier
