"""Factories for perspectives, questions and comments."""

import datetime as dt
import uuid

import factory
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from policies.models import Comment, Perspective, Question
from tests.accounts.factories import member
from tests.committee.factories import AgendaItemFactory


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


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment
        skip_postgeneration_save = True

    question = factory.SubFactory(QuestionFactory)
    author = factory.LazyFunction(member)
    body = factory.Sequence(lambda n: f"意見{n}：短期の海外経験は有効だと考えます。")
    stance = Comment.Stance.SUPPORT
    idempotency_token = factory.LazyFunction(uuid.uuid4)
    activity_at = factory.SelfAttribute("created_at")
    created_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def bump_thread(self, create, extracted, **kwargs):
        """Like comment_create: a reply moves its thread's latest activity forward."""
        if create and self.parent_id:
            Comment.objects.filter(pk=self.parent_id).update(
                activity_at=Greatest(F("activity_at"), Value(self.created_at))
            )
