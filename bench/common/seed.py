"""Scale the demo data up: `python bench/common/seed.py seed --members N --comments M` (with
DATABASE_URL set); load.py and durability.py run it in a subprocess (databases.prepare_database)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# Run as a script: the repository root on the path, for Django and for bench.common itself.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common.base import BENCH_PASSWORD  # noqa: E402


def comment_model():
    """policies.Comment when the comments feature exists, else None (call after django.setup)."""
    from django.apps import apps

    try:
        return apps.get_model("policies", "Comment")
    except LookupError:
        return None


def _fill_required(model, values: dict, n: int) -> dict:
    """Values for required fields the caller did not give, from choices/defaults by type."""
    import uuid

    from django.db import models

    out = dict(values)
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in out or field.attname in out:
            continue
        if field.has_default() or field.null or getattr(field, "auto_now_add", False):
            continue
        if field.choices:
            out[field.name] = field.choices[n % len(field.choices)][0]
        elif isinstance(field, models.UUIDField):
            out[field.name] = uuid.uuid4()
        elif isinstance(field, models.BooleanField):
            out[field.name] = False
        elif isinstance(field, (models.CharField, models.TextField)) and field.blank:
            out[field.name] = ""
        elif isinstance(field, (models.CharField, models.TextField)):
            out[field.name] = f"bench {n}"[: field.max_length or 100]
    return out


def _bench_members(members: int) -> tuple:
    from django.contrib.auth.models import Group

    from accounts import roles
    from accounts.models import User

    group, _ = Group.objects.get_or_create(name=roles.MEMBER)
    users = []
    for i in range(members):
        user, created = User.objects.get_or_create(
            username=f"bench{i:03d}", defaults={"display_name": f"負荷委員{i:03d}"}
        )
        if created:
            user.set_password(BENCH_PASSWORD)
            user.save()
        user.groups.add(group)
        users.append(user)
    return group, users


def _bench_comments(model, users: list, questions: list, comments: int) -> int:
    """Comments up to `comments` in all, spread over the members and questions."""
    from accounts.models import User
    from policies.models import Question

    have = model.objects.count()
    fields = model._meta.concrete_fields
    fk_user = next(
        f.name for f in fields if f.is_relation and f.related_model is User and not f.null
    )
    fk_question = next(f.name for f in fields if f.related_model is Question)
    text = "body" if any(f.name == "body" for f in model._meta.fields) else None
    rendered = None
    if any(f.name == "body_html" for f in model._meta.fields):
        from policies.markdown import render_markdown as rendered
    rows = []
    for n in range(have, comments):
        values = {fk_user: users[n % len(users)], fk_question: questions[n % len(questions)]}
        if text:
            values[text] = f"負荷試験のコメント {n}。海外派遣の裾野拡大について。" * 3
            if rendered is not None:
                # The app stores the sanitised HTML when a comment is written; rows
                # without it would be rendered on every view and skew the figures.
                values["body_html"] = rendered(values[text])
        rows.append(model(**_fill_required(model, values, n)))
    model.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _seed_main(members: int, comments: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from accounts.models import User
    from policies.models import Question

    group, users = _bench_members(members)
    model = comment_model()
    questions = list(Question.objects.all())
    made = 0
    if model is not None and questions:
        made = _bench_comments(model, users, questions, comments)
    print(
        json.dumps(
            {
                "members": User.objects.filter(groups=group).count(),
                "comments": model.objects.count() if model else None,
                "comments_created": made,
                "questions": len(questions),
            }
        )
    )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["seed"])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--comments", type=int, default=2000)
    args = parser.parse_args()
    _seed_main(args.members, args.comments)
