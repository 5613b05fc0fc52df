"""Factories for comments (questions and users come from tests.factories)."""

import uuid

import factory

from policies.models import Comment
from tests import factories


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    question = factory.SubFactory(factories.QuestionFactory)
    author = factory.LazyFunction(factories.member)
    body = factory.Sequence(lambda n: f"意見{n}：短期の海外経験は有効だと考えます。")
    stance = Comment.Stance.SUPPORT
    idempotency_token = factory.LazyFunction(uuid.uuid4)
