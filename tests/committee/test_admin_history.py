"""Repairs in the Django admin are in the meeting's change history and move versions.

The tests post the admin's own forms as a browser would: every field of the rendered change
form (inline management forms included), with the admin's "add another row" done by copying
the empty __prefix__ row.
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from committee import services
from committee.models import AgendaItem, ChangeLog, Hearing, Material, Meeting, Minutes
from tests import factories
from tests.committee.factories import MaterialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db):
    return factories.UserFactory(
        username="root", display_name="管理者ルート", is_staff=True, is_superuser=True
    )


@pytest.fixture
def root_client(client, root):
    client.force_login(root)
    return client


class _FormFields(HTMLParser):
    """The name/value pairs a browser submits from the form with the given id."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, str] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[name] = a.get("value") or "on"
            elif kind not in ("submit", "button", "reset", "image", "file"):
                self.data[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            # No option selected: the browser sends the first.
            if "selected" in a or self._select not in self.data:
                self.data[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def admin_form(client, url: str, model: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    parser = _FormFields(f"{model}_form")
    parser.feed(response.content.decode())
    data = {k: v.removeprefix("\n") for k, v in parser.data.items()}
    assert data, "change form not found"
    return data


def add_inline_row(data: dict[str, str], prefix: str, **values) -> None:
    """What the admin's "Add another" link does: copy the empty row with the next index."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    empty = f"{prefix}-__prefix__-"
    for key, value in list(data.items()):
        if key.startswith(empty):
            data[f"{prefix}-{index}-{key.removeprefix(empty)}"] = value
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)


def inline_index(data: dict[str, str], prefix: str, pk: int) -> int:
    for key, value in data.items():
        match = re.fullmatch(rf"{prefix}-(\d+)-id", key)
        if match and value == str(pk):
            return int(match.group(1))
    raise AssertionError(f"no inline row for {pk}")


def change_url(obj) -> str:
    return reverse(f"admin:committee_{obj._meta.model_name}_change", args=[obj.pk])


def _meeting_page_data(meeting: Meeting, **overrides) -> dict:
    data = {
        "number": meeting.number,
        "title": meeting.title,
        "starts_at": "",
        "ends_at": "",
        "period_start": meeting.period_start.isoformat(),
        "period_end": meeting.period_end.isoformat(),
        "place": meeting.place,
        "status": meeting.status,
        "internal_note": meeting.internal_note,
        "version": meeting.version,
    }
    data.update(overrides)
    return data


def _agenda(meeting) -> list[tuple[int, str]]:
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("position", "title")
    )


def test_editing_a_meeting_in_the_admin_logs_before_and_after(root_client, root):
    meeting = factories.MeetingFactory(number=9, title="元の会議名", place="会議室A")
    data = admin_form(root_client, change_url(meeting), "meeting")
    assert data["seen_version"] == "1"
    data.update(title="管理画面で修正", place="会議室B", _save="Save")
    response = root_client.post(change_url(meeting), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("管理画面で修正", 2)
    log = ChangeLog.objects.get(model_name="meeting")
    assert (log.action, log.actor, log.meeting_id) == ("update", root, meeting.pk)
    assert (log.before["title"], log.after["title"]) == ("元の会議名", "管理画面で修正")
    assert (log.before["place"], log.after["place"]) == ("会議室A", "会議室B")


def test_the_admin_text_guard_leaves_the_version_to_admin_save(root_client, monkeypatch):
    # core.admin_guard bumps a versioned row's version on an admin save unless the admin saves
    # through a service that does (saves_version): admin_save must see the loaded version,
    # not an F() expression it would then overwrite.
    seen = []
    real = services.admin_save

    def spy(*, obj, by, version=None):
        seen.append(obj.version)
        return real(obj=obj, by=by, version=version)

    monkeypatch.setattr("committee.admin.services.admin_save", spy)
    meeting = factories.MeetingFactory(number=9, title="元の会議名")
    data = admin_form(root_client, change_url(meeting), "meeting")
    response = root_client.post(change_url(meeting), {**data, "title": "修正", "_save": "Save"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (seen, meeting.version) == ([1], 2)


def test_a_save_without_changes_leaves_no_entry(root_client):
    meeting = factories.MeetingFactory(number=9)
    data = admin_form(root_client, change_url(meeting), "meeting")
    assert root_client.post(change_url(meeting), {**data, "_save": "Save"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.version == 1 and not ChangeLog.objects.exists()


def test_meeting_page_edit_opened_before_an_admin_save_is_refused(root_client, secretariat_client):
    meeting = factories.MeetingFactory(number=9, title="元の会議名")
    page_form = _meeting_page_data(meeting, title="事務局の変更")  # opened at version 1
    data = admin_form(root_client, change_url(meeting), "meeting")
    data.update(title="管理画面で修正", _save="Save")
    assert root_client.post(change_url(meeting), data).status_code == 302

    response = secretariat_client.post(
        reverse("committee:meeting-edit", args=[meeting.pk]), page_form
    )
    assert response.status_code == 409
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("管理画面で修正", 2)


def test_admin_save_over_a_newer_save_is_refused(root_client, secretariat_user):
    meeting = factories.MeetingFactory(number=9, title="元の会議名")
    data = admin_form(root_client, change_url(meeting), "meeting")  # opened at version 1
    services.meeting_update(meeting=meeting, version=1, by=secretariat_user, title="事務局の変更")
    data.update(title="管理画面で修正", _save="Save")
    response = root_client.post(change_url(meeting), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error(NON_FIELD_ERRORS, code="stale")
    assert "編集中に他の人が保存したため、保存されていません。" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("事務局の変更", 2)
    assert not ChangeLog.objects.filter(actor__username="root").exists()


def test_admin_save_checks_the_version_under_the_row_lock(root):
    # The race after the form's own check: the service refuses and writes nothing.
    meeting = factories.MeetingFactory(number=9, title="元の会議名")
    Meeting.objects.filter(pk=meeting.pk).update(version=2)
    meeting.title = "管理画面で修正"
    with pytest.raises(services.StaleEdit):
        services.admin_save(obj=meeting, by=root, version=1)
    assert Meeting.objects.get().title == "元の会議名" and not ChangeLog.objects.exists()


def test_agenda_items_added_changed_and_deleted_in_the_meeting_inline(
    root_client, root, secretariat_user
):
    meeting = factories.MeetingFactory(number=9)
    first, second, third = (
        services.agenda_item_create(meeting=meeting, title=title, by=secretariat_user)
        for title in ("議題一", "議題二", "議題三")
    )
    ChangeLog.objects.all().delete()
    data = admin_form(root_client, change_url(meeting), "meeting")
    assert "agenda_items-0-position" not in data  # read-only: reordering is on the meeting page
    data[f"agenda_items-{inline_index(data, 'agenda_items', first.pk)}-DELETE"] = "on"
    data[f"agenda_items-{inline_index(data, 'agenda_items', second.pk)}-title"] = "議題二（修正）"
    add_inline_row(data, "agenda_items", title="新しい議題", is_published="on")
    add_inline_row(data, "agenda_items", title="もう一つの議題", is_published="on")
    data["_save"] = "Save"

    response = root_client.post(change_url(meeting), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _agenda(meeting) == [
        (1, "議題二（修正）"),
        (2, "議題三"),
        (3, "新しい議題"),
        (4, "もう一つの議題"),
    ]
    logs = ChangeLog.objects.filter(model_name="agendaitem", meeting=meeting, actor=root)
    assert logs.get(action="delete").object_id == first.pk
    update = logs.get(action="update")
    assert (update.object_id, update.before["title"], update.after["title"]) == (
        second.pk,
        "議題二",
        "議題二（修正）",
    )
    assert sorted(log.after["title"] for log in logs.filter(action="create")) == [
        "もう一つの議題",
        "新しい議題",
    ]
    moves = {
        log.object_id: (log.before["position"], log.after["position"])
        for log in logs.filter(action="move")
    }
    assert moves == {second.pk: (2, 1), third.pk: (3, 2)}
    second.refresh_from_db()
    assert second.version == 3  # changed, then moved up


def test_new_agenda_item_in_the_agenda_item_admin_goes_last(root_client, root, secretariat_user):
    meeting = factories.MeetingFactory(number=9)
    services.agenda_item_create(meeting=meeting, title="議題一", by=secretariat_user)
    url = reverse("admin:committee_agendaitem_add")
    data = admin_form(root_client, url, "agendaitem")
    assert "position" not in data
    data.update(meeting=str(meeting.pk), title="追加の議題", _save="Save")
    assert root_client.post(url, data).status_code == 302
    assert _agenda(meeting) == [(1, "議題一"), (2, "追加の議題")]
    log = ChangeLog.objects.get(actor=root)
    assert (log.action, log.meeting_id, log.after["position"]) == ("create", meeting.pk, 2)


def _two(model: str, secretariat_user) -> list:
    meeting = factories.MeetingFactory()
    if model == "meeting":
        return [meeting, factories.MeetingFactory()]
    if model == "minutes":
        return [
            Minutes.objects.create(meeting=meeting, body="議事録"),
            Minutes.objects.create(meeting=factories.MeetingFactory(), body="議事録"),
        ]
    if model == "material":
        return [MaterialFactory(meeting=meeting), MaterialFactory(meeting=meeting)]
    items = [
        services.agenda_item_create(meeting=meeting, title=title, by=secretariat_user)
        for title in ("議題一", "議題二", "議題三")
    ]
    if model == "hearing":
        return [Hearing.objects.create(agenda_item=items[0], speaker=s) for s in ("甲", "乙")]
    return items[:2]


@pytest.mark.parametrize("model", ["meeting", "agendaitem", "hearing", "material", "minutes"])
def test_bulk_delete_logs_one_delete_per_object(root_client, root, secretariat_user, model):
    objects = _two(model, secretariat_user)
    url = reverse(f"admin:committee_{model}_changelist")
    response = root_client.post(
        url,
        {
            "action": "delete_selected",
            "_selected_action": [str(obj.pk) for obj in objects],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not type(objects[0]).objects.filter(pk__in=[o.pk for o in objects]).exists()
    deletes = ChangeLog.objects.filter(model_name=model, action="delete", actor=root)
    assert sorted(deletes.values_list("object_id", flat=True)) == sorted(o.pk for o in objects)
    if model == "agendaitem":
        # The remaining item closes the gap.
        assert _agenda(objects[0].meeting) == [(1, "議題三")]
    elif model == "hearing":
        assert {log.meeting_id for log in deletes} == {objects[0].agenda_item.meeting_id}
    elif model != "meeting":
        assert {log.meeting_id for log in deletes} == {o.meeting_id for o in objects}


def test_delete_from_the_change_page_is_logged(root_client, root):
    material = MaterialFactory(number="資料1")
    url = reverse("admin:committee_material_delete", args=[material.pk])
    assert root_client.post(url, {"post": "yes"}).status_code == 302
    log = ChangeLog.objects.get(actor=root)
    assert (log.action, log.meeting_id, log.before["number"]) == (
        "delete",
        material.meeting_id,
        "資料1",
    )


def test_admin_changes_show_in_the_meeting_history(root_client, secretariat_client):
    meeting = factories.MeetingFactory(number=9)
    item = factories.AgendaItemFactory(meeting=meeting, position=1, title="議題")
    hearing = Hearing.objects.create(agenda_item=item, speaker="有識者", topic="元の論点")
    data = admin_form(root_client, change_url(hearing), "hearing")
    data.update(topic="修正した論点", _save="Save")
    assert root_client.post(change_url(hearing), data).status_code == 302
    hearing.refresh_from_db()
    assert hearing.version == 2

    html = secretariat_client.get(reverse("committee:meeting-detail", args=[meeting.pk]))
    history = html.content.decode().split('id="history-heading"', 1)[1]
    assert "管理者ルート" in history
    assert "元の論点" in history and "修正した論点" in history


def test_material_number_is_normalised_in_the_admin(root_client, root):
    meeting = factories.MeetingFactory(number=9)
    MaterialFactory(meeting=meeting, number="資料1")
    data = admin_form(root_client, change_url(meeting), "meeting")
    add_inline_row(data, "materials", number="資料１", title="重複")
    data["_save"] = "Save"
    response = root_client.post(change_url(meeting), data)
    assert response.status_code == 200  # refused as a duplicate, not a server error
    assert Material.objects.count() == 1 and not ChangeLog.objects.exists()


def test_publishing_minutes_in_the_admin_publishes_them_as_the_meeting_page_does(root_client, root):
    meeting = factories.MeetingFactory(number=9, status=Meeting.Status.HELD)
    minutes = Minutes.objects.create(
        meeting=meeting, body="【主査】開会します。", is_published=False
    )
    data = admin_form(root_client, change_url(minutes), "minutes")
    data.update(is_published="on", _save="Save")
    response = root_client.post(change_url(minutes), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    minutes.refresh_from_db()
    meeting.refresh_from_db()
    assert minutes.is_published and minutes.published_at is not None
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
    status_change = ChangeLog.objects.get(model_name="meeting", action="update")
    assert (status_change.before["status"], status_change.after["status"]) == (
        "held",
        "minutes_published",
    )
    assert status_change.actor == root
    # Withdrawing them clears the publication time (the meeting keeps its status, as on the page).
    data = admin_form(root_client, change_url(minutes), "minutes")
    data.pop("is_published", None)
    assert root_client.post(change_url(minutes), {**data, "_save": "Save"}).status_code == 302
    minutes.refresh_from_db()
    assert not minutes.is_published and minutes.published_at is None
