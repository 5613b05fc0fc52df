"""factory-boy factories shared by the test modules."""

import datetime as dt

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import User
from committee.models import AgendaItem, Hearing, Meeting
from policies.models import Perspective, Question


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"委員{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.jp")
    password = factory.PostGenerationMethodCall("set_password", "pass-for-tests-1")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """UserFactory(role="member") puts the user in that group."""
        if extracted:
            group, _ = Group.objects.get_or_create(name=extracted)
            self.groups.add(group)
        if create:
            self.save()


def member(**kwargs) -> User:
    return UserFactory(role=roles.MEMBER, **kwargs)


def secretariat(**kwargs) -> User:
    return UserFactory(role=roles.SECRETARIAT, **kwargs)


def admin(**kwargs) -> User:
    return UserFactory(role=roles.ADMIN, is_staff=True, **kwargs)


def observer(**kwargs) -> User:
    return UserFactory(role=roles.OBSERVER, **kwargs)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.LazyAttribute(lambda m: f"第{m.number}回国際戦略委員会")
    period_start = dt.date(2026, 4, 1)
    period_end = dt.date(2026, 5, 31)
    is_published = True


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"議題{n}")


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hearing

    agenda_item = factory.SubFactory(AgendaItemFactory)
    speaker = "有識者"


class PerspectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Perspective

    position = factory.Sequence(lambda n: n + 1)
    label = "個人の観点"
    title = "海外派遣の裾野拡大"
    comment_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    comment_closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    perspective = factory.SubFactory(PerspectiveFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"論点{n}")
    body = "海外挑戦への関心をどう高めるか。"
    agenda_item = factory.SubFactory(AgendaItemFactory)
