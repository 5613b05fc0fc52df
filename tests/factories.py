"""The factories of every app in one namespace (`from tests import factories`), for tests that
build a world across apps. Each factory lives beside the tests of its app:
tests/accounts/factories.py, tests/committee/factories.py, tests/policies/factories.py."""

from tests.accounts.factories import UserFactory, admin, member, observer, secretariat
from tests.committee.factories import AgendaItemFactory, HearingFactory, MeetingFactory
from tests.policies.factories import PerspectiveFactory, QuestionFactory

__all__ = [
    "AgendaItemFactory",
    "HearingFactory",
    "MeetingFactory",
    "PerspectiveFactory",
    "QuestionFactory",
    "UserFactory",
    "admin",
    "member",
    "observer",
    "secretariat",
]
