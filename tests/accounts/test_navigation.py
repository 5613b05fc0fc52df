"""The header shows each role the sections it may use (display only: views check themselves)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_secretariat_sees_moderation_link(secretariat_client):
    html = secretariat_client.get(reverse("home")).content.decode()
    assert reverse("moderation:list") in html


@pytest.mark.parametrize("client_fixture", ["client", "member_client", "observer_client"])
def test_others_do_not(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    html = client.get(reverse("home")).content.decode()
    assert reverse("moderation:list") not in html
    for name in [
        "committee:meeting-list",
        "policies:question-list",
        "dispatch_stats:index",
        "strategy:index",
        "schemes:scheme-list",
    ]:
        assert f'href="{reverse(name)}"' in html
