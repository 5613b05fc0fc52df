"""One refusal type (core.errors.Refusal): services raise it, views catch it, and uncaught it
is still a 403 with nothing written."""

import pytest
from django.core.exceptions import PermissionDenied

from core.errors import Refusal
from dispatch_stats.services import ImportRefused
from policies import services
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_refusal_carries_its_message_and_status():
    refused = Refusal("締め切られました", status=409)
    assert isinstance(refused, PermissionDenied)  # uncaught: Django answers 403
    assert (refused.message, refused.messages, refused.status) == (
        "締め切られました",
        ["締め切られました"],
        409,
    )
    assert Refusal("x").status == 403
    many = ImportRefused(["行2: 年度がありません", "行3: 数値ではありません"])
    assert isinstance(many, Refusal) and many.status == 400 and len(many.messages) == 2


def test_policies_services_raise_the_one_type(observer_user):
    with pytest.raises(Refusal) as refused:
        services.comment_create(
            question=factories.QuestionFactory(), author=observer_user, body="x", stance="support"
        )
    assert refused.value.status == 403 and refused.value.message
