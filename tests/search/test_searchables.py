"""Every searchable kind finds its objects by each text field their page shows (issue 14: a
scheme's 帰国義務 was shown but not found), and the registry holds what the apps declare."""

import pytest

from core.searchables import search_kinds
from policies.models import Measure, Pillar
from search.selectors import search_kind
from tests import factories
from tests.committee.factories import MaterialFactory
from tests.policies.factories import CommentFactory
from tests.proceedings import factories as proceedings_factories
from tests.schemes.factories import AmountFactory, SchemeFactory

pytestmark = pytest.mark.django_db


def _measure(**fields):
    pillar = Pillar.objects.create(position=1, title="国際連携の戦略的強化")
    return Measure.objects.create(pillar=pillar, **{"name": "施策", **fields})


def _statement(**fields):
    record = proceedings_factories.record(factories.MeetingFactory())
    return proceedings_factories.statement(record, **fields)


# How the tests make one object of each kind; a new kind without an entry fails the test below.
MAKERS = {
    "questions": lambda **f: factories.QuestionFactory(**f),
    "comments": lambda **f: CommentFactory(**f),
    "agenda": lambda **f: factories.AgendaItemFactory(**f),
    "materials": lambda **f: MaterialFactory(**f),
    "schemes": lambda **f: SchemeFactory(**f),
    "measures": _measure,
    "statements": _statement,
}


def _token(name: str) -> str:
    # Letters only, unique per field: found only through that field.
    return "zq" + name.replace("_", "") + "qz"


def _cases():
    for key, kind in search_kinds().items():
        for name in kind.fields:
            yield pytest.param(key, name, id=f"{key}.{name}")


def test_every_kind_has_a_maker():
    assert sorted(search_kinds()) == sorted(MAKERS)


@pytest.mark.parametrize("key, name", list(_cases()))
def test_each_displayed_field_is_found(secretariat_user, key, name):
    MAKERS[key](**{name: _token(name)})
    hits, total = search_kind(secretariat_user, _token(name), key)
    assert total == 1, f"{key}.{name} is shown on its page but not searchable"
    assert len(hits) == 1 and hits[0].url


def test_a_scheme_is_found_by_its_return_obligation(member_user):
    SchemeFactory(name_ja="海外研究派遣", obligation="派遣者に対して帰国義務が課される。")
    hits, total = search_kind(member_user, "帰国義務", "schemes")
    assert total == 1 and "海外研究派遣" in hits[0].title


@pytest.mark.parametrize("name", ["label", "note", "source"])
def test_a_scheme_is_found_by_its_amounts(member_user, name):
    amount = AmountFactory(**{name: _token(name)})
    hits, total = search_kind(member_user, _token(name), "schemes")
    assert total == 1 and amount.scheme.name_ja in hits[0].title
