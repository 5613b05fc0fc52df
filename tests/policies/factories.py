"""Factories for comments (questions and users come from tests.factories)."""

import uuid

import factory
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from policies.models import Comment
from tests import factories


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment
        skip_postgeneration_save = True

    question = factory.SubFactory(factories.QuestionFactory)
    author = factory.LazyFunction(factories.member)
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
