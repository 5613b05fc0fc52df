"""No text can break an export: every text field of every form refuses C0 control characters
(tab, LF and CR aside), whatever page it is on, and every form class in the project carries the
one guard (core.text.TextGuardMixin).

The forms are found by walking every page of the project (tests/security/urlwalk.py) as each
role and reading its POST forms, so a form added tomorrow is covered without editing this file.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse

from committee.models import Meeting
from core.text import TextGuardMixin, control_character_names, validate_no_control_characters
from tests import factories
from tests.security.urlwalk import allowed_methods, fill, seed_demo, walk

pytestmark = pytest.mark.django_db

C0 = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"]
TEXT_INPUTS = {"text", "email", "url", "search", "password", "tel", ""}
# Forms that are not people's text: the language switch and the search box (GET).
SKIP_ACTIONS = ("/accounts/language/", "/accounts/logout/")


@dataclass
class PostForm:
    page: str
    action: str
    values: dict[str, list[str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        match = resolve(urlsplit(self.action).path)
        return (match.view_name, tuple(sorted(self.texts)))


class FormParser(HTMLParser):
    """The POST forms of a page: their fields' current values and which fields take text."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[PostForm] = []
        self._form: PostForm | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._form = PostForm(self.page, a.get("action") or self.page)
            return
        form = self._form
        if form is None or not a.get("name") or "disabled" in a:
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.values.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("submit", "button", "file", "reset", "image"):
                form.values[name] = [a.get("value", "")]
                if kind in TEXT_INPUTS:
                    form.texts.append(name)
        elif tag == "textarea":
            form.values[name] = [""]
            form.texts.append(name)
            self._textarea = name
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select:
            values = form.values.setdefault(self._select, [])
            if "selected" in a or not values or values == [""]:
                form.values[self._select] = [a.get("value", "")]

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.values[self._textarea] = [self._form.values[self._textarea][0] + data]

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            if self._form.texts and not self._form.action.startswith(SKIP_ACTIONS):
                self.forms.append(self._form)
            self._form = None


def post_forms(client: Client, paths: list[str]) -> list[PostForm]:
    found = []
    for path in paths:
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser(path)
        parser.feed(response.content.decode())
        found.extend(parser.forms)
    return found


def _clients() -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for role, user in (
        ("member", factories.member()),
        ("secretariat", factories.secretariat()),
        ("admin", factories.admin()),
    ):
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


def test_every_text_field_of_every_form_refuses_each_c0_character():
    seed_demo()
    paths = [
        fill(route)[0]
        for route in walk()
        if (methods := allowed_methods(route.callback)) is None or "GET" in methods
    ]
    # Pages whose parameter the walk cannot guess from its own app's models.
    paths += [
        reverse("digest:meeting", args=[pk]) for pk in Meeting.objects.values_list("pk", flat=True)
    ]
    problems, seen, posted = [], set(), 0
    for role, client in _clients().items():
        for form in post_forms(client, paths):
            if form.key in seen:
                continue
            seen.add(form.key)
            for char in C0:
                data = dict(form.values)
                for name in form.texts:
                    data[name] = [f"ZQ{char}text"]
                response = client.post(form.action, data)
                posted += 1
                code = control_character_names(char)[0]
                shown = response.content.decode("utf-8", "replace").count(code)
                if response.status_code not in (200, 400, 422) or shown < len(form.texts):
                    problems.append(
                        f"{role} {form.action} (from {form.page}) {form.texts} with {code}: "
                        f"{response.status_code}, message shown {shown}x"
                    )
                    break
    assert not problems, "\n".join(problems)
    # The walk really reached the forms people type into.
    views = {key[0] for key in seen}
    for expected in (
        "accounts:profile",
        "accounts:login",
        "accounts:password-change",
        "committee:meeting-create",
        "committee:material-edit",
        "policies:comment-create",
        "digest:meeting-attach",
    ):
        assert expected in views, sorted(views)
    assert len(seen) >= 10 and posted >= 10 * len(C0)


def _project_modules():
    for config in apps.get_app_configs():
        if Path(config.path).parent != settings.BASE_DIR:  # the project's own apps only
            continue
        yield importlib.import_module(config.name)
        for info in pkgutil.walk_packages([str(config.path)], prefix=f"{config.name}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            yield importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_form_class_of_the_project_carries_the_guard():
    modules = {m.__name__ for m in _project_modules()}
    ours = [c for c in set(_subclasses(forms.BaseForm)) if c.__module__ in modules]
    assert len(ours) >= 15
    unguarded = sorted(
        f"{c.__module__}.{c.__qualname__}" for c in ours if not issubclass(c, TextGuardMixin)
    )
    assert unguarded == []


def test_the_guard_reaches_every_kind_of_text_field():
    class Sample(TextGuardMixin, forms.Form):
        name = forms.CharField()
        mail = forms.EmailField()
        slug = forms.SlugField()
        number = forms.IntegerField()

    form = Sample({"name": "a\x0bb", "mail": "a\x1b@example.org", "slug": "a\x00", "number": "1"})
    assert not form.is_valid()
    assert set(form.errors) == {"name", "mail", "slug"}
    assert "U+000B" in form.errors["name"][0]
    # The class's own fields are not changed (each form instance gets its copy).
    assert validate_no_control_characters not in Sample.base_fields["name"].validators
    ok = Sample({"name": "a\tb\r\nc", "mail": "a@example.org", "slug": "a", "number": "1"})
    assert ok.is_valid(), ok.errors


def test_the_validator_names_each_character_once():
    with pytest.raises(forms.ValidationError) as raised:
        validate_no_control_characters("a\x0b\x0bb\x00")
    assert "U+000B, U+0000" in str(raised.value.messages[0])
