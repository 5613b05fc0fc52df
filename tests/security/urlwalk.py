"""Walk every URL pattern of the project (admin excluded) and fill its parameters from data.

The security suites use this so that a view added tomorrow is covered without editing them.
Parameters are filled from existing rows: the model is guessed from the kwarg name
(`meeting_pk` -> Meeting) or the path segment before it (`items/<int:pk>` -> AgendaItem),
among the models of the view's own app, preferring rows that belong to the objects chosen for
earlier kwargs. What cannot be filled gets a dummy value of the right shape (the URL then
404s, which still exercises middleware: CSRF, headers).
"""

from __future__ import annotations

import importlib
import re
import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import models, transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from factory.django import DjangoModelFactory

from accounts import roles
from tests import factories

PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
# str parameters whose values are words, not rows.
KNOWN_VALUES = {"direction": "up", "fmt": "csv", "format": "csv"}
DUMMY_BY_CONVERTER = {"int": "1", "slug": "x", "str": "x", "path": "x"}


@dataclass
class Route:
    route: str  # e.g. "meetings/<int:pk>/edit/"
    name: str  # namespaced, e.g. "committee:meeting-edit"
    pattern: URLPattern
    params: list[tuple[str, str]] = field(default_factory=list)  # (converter, name)

    @property
    def callback(self):
        return self.pattern.callback

    @property
    def app_label(self) -> str:
        module = getattr(self.callback, "__module__", "") or ""
        view_class = getattr(self.callback, "view_class", None)
        if view_class is not None:
            module = view_class.__module__
        return module.split(".")[0]

    def __str__(self) -> str:
        return f"/{self.route} ({self.name})"


def walk() -> list[Route]:
    """Every URL pattern outside admin/, in resolver order."""
    out: list[Route] = []

    def visit(patterns, prefix: str, namespace: str):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or ""
                visit(
                    entry.url_patterns,
                    prefix + str(entry.pattern),
                    f"{namespace}{ns}:" if ns else namespace,
                )
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if route.startswith("admin/") or route.startswith("^"):
                    continue
                params = [(m["conv"] or "str", m["name"]) for m in PARAM.finditer(route)]
                out.append(Route(route, f"{namespace}{entry.name or '?'}", entry, params))

    visit(get_resolver().url_patterns, "", "")
    return out


def allowed_methods(callback) -> set[str] | None:
    """The HTTP methods a function view restricts itself to (require_safe/POST/http_methods),
    found in the decorators' closures; None when the view declares no restriction."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)} - {
            "OPTIONS"
        }
    seen = set()

    def search(fn):
        if fn is None or id(fn) in seen:
            return None
        seen.add(id(fn))
        for cell in getattr(fn, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if (
                isinstance(value, (list, tuple))
                and value
                and all(isinstance(v, str) and v.isupper() for v in value)
            ):
                return set(value)
            if callable(value):
                found = search(value)
                if found is not None:
                    return found
        return search(getattr(fn, "__wrapped__", None))

    return search(callback)


def _singular(word: str) -> str:
    word = word.lower().replace("-", "").replace("_", "")
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + repl
    return word


def _model_for(app_label: str, hint: str):
    try:
        candidates = list(apps.get_app_config(app_label).get_models())
    except LookupError:
        return None
    hint = _singular(hint)
    if not hint:
        return None
    exact = [m for m in candidates if m.__name__.lower() == hint]
    suffix = [m for m in candidates if m.__name__.lower().endswith(hint)]
    return (exact or suffix or [None])[0]


def _hint(route: str, param_name: str) -> str:
    if param_name not in ("pk", "id", "slug"):
        return re.sub(r"_(pk|id|slug)$", "", param_name)
    before = route.split(f":{param_name}>")[0]
    before = before.rsplit("<", 1)[0].rstrip("/")
    return before.rsplit("/", 1)[-1]


def fill(route: Route) -> tuple[str, bool]:
    """(path, filled): a concrete path for the route; filled is False when a parameter got a
    dummy value because no matching row was found."""
    path = "/" + route.route
    chosen: list[models.Model] = []
    filled = True
    for conv, name in route.params:
        value = None
        if name in KNOWN_VALUES:
            value = KNOWN_VALUES[name]
        else:
            model = _model_for(route.app_label, _hint(route.route, name))
            if model is not None:
                qs = model._default_manager.order_by("pk")
                for parent in chosen:
                    fks = [
                        f.name
                        for f in model._meta.concrete_fields
                        if f.is_relation and f.related_model is type(parent)
                    ]
                    if fks:
                        qs = qs.filter(**{fks[0]: parent})
                obj = qs.first()
                if obj is not None:
                    chosen.append(obj)
                    value = str(obj.slug if conv == "slug" and hasattr(obj, "slug") else obj.pk)
        if value is None:
            filled = False
            value = str(uuid.uuid4()) if conv == "uuid" else DUMMY_BY_CONVERTER.get(conv, "x")
        path = path.replace(
            f"<{conv}:{name}>" if f"<{conv}:{name}>" in path else f"<{name}>", value, 1
        )
    return path, filled


def seed_demo() -> None:
    """The demo committee (with demo accounts) in the test database, plus one row from each
    app factory (tests/<app>/factories.py) whose model the demo leaves empty (comments,
    materials...), so that their URLs get real parameters."""
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    for app_config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"tests.{app_config.label}.factories")
        except ImportError:
            continue
        for obj in vars(module).values():
            model = getattr(getattr(obj, "_meta", None), "model", None)
            if not (isinstance(obj, type) and issubclass(obj, DjangoModelFactory) and model):
                continue
            if model._default_manager.exists():
                continue
            try:
                with transaction.atomic():
                    obj()
            except Exception:  # noqa: BLE001, S112 - a factory needing arguments is skipped
                continue


def superuser_all_roles(**kwargs):
    """A user in every group (and superuser), who passes every role check."""
    user = factories.admin(is_superuser=True, **kwargs)
    for name in (roles.MEMBER, roles.SECRETARIAT, roles.ADMIN):
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user
