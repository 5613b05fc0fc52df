"""Users with a role, for every app's tests."""

import factory
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User


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
