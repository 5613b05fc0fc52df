"""`seed_demo` attaches the vendored data files to 第5回 as 参考資料, exactly as an upload would."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from committee import demo_materials, services
from committee.models import ChangeLog, Material, MaterialVersion, Meeting
from tests import factories
from tests.committee.factories import pdf

pytestmark = pytest.mark.django_db

ROOT = Path(django_settings.BASE_DIR)
VENDORED = {
    "参考資料1": ROOT / "dispatch_stats/data/dispatch_researchers.csv",
    "参考資料2": ROOT / "schemes/data/foreign_schemes.csv",
    "参考資料3": ROOT / "dispatch_stats/data/reference_figures.csv",
}


def seed(settings):
    settings.DEBUG = True  # the demo secretariat (the actor) exists only in development
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def seeded(settings, media_root):
    seed(settings)
    return Meeting.objects.get(number=5)


def _media_files(media_root: Path) -> dict[Path, tuple[int, int]]:
    return {
        p: (p.stat().st_size, p.stat().st_mtime_ns) for p in media_root.rglob("*") if p.is_file()
    }


def test_meeting_5_lists_the_three_reference_materials(seeded):
    html = Client().get(reverse("committee:meeting-detail", args=[seeded.pk])).content.decode()
    for material in seeded.materials.all():
        assert material.number in html
        assert material.title in html
        assert reverse("committee:material-download", args=[material.pk]) in html
    assert sorted(seeded.materials.values_list("number", flat=True)) == sorted(VENDORED)
    assert "CSV" in html
    # Only the meeting the deck is about gets them.
    assert not Material.objects.exclude(meeting=seeded).exists()


def test_materials_are_uploads_by_the_demo_secretariat(seeded, media_root):
    for material in seeded.materials.all():
        assert material.is_published
        version = material.versions.get()
        data = VENDORED[material.number].read_bytes()
        assert (version.original_name, version.size, version.content_type) == (
            VENDORED[material.number].name,
            len(data),
            "text/csv",
        )
        assert version.sha256 == hashlib.sha256(data).hexdigest()
        assert version.uploaded_by.username == "secretariat"
        assert (media_root / version.file.name).read_bytes() == data
        log = ChangeLog.objects.get(model_name="material", object_id=material.pk)
        assert (log.action, log.actor.username, log.after["sha256"]) == (
            "create",
            "secretariat",
            version.sha256,
        )


def test_titles_say_what_the_file_is_and_where_the_figures_come_from(seeded):
    titles = dict(seeded.materials.values_list("number", "title"))
    assert "研究交流状況調査" in titles["参考資料1"] and "出典" in titles["参考資料1"]
    assert "エラスムス" in titles["参考資料2"] and "出典" in titles["参考資料2"]
    assert "ベンチマーキング2025" in titles["参考資料3"] and "OECD" in titles["参考資料3"]
    assert all("CSV" in title for title in titles.values())


def test_an_anonymous_visitor_downloads_the_real_bytes(seeded):
    material = seeded.materials.get(number="参考資料1")
    response = Client().get(reverse("committee:material-download", args=[material.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == VENDORED["参考資料1"].read_bytes()
    assert response["Content-Type"] == "text/csv"
    assert "dispatch_researchers.csv" in response["Content-Disposition"]


def test_a_second_seed_adds_nothing_and_rewrites_no_file(seeded, settings, media_root):
    counts = (Material.objects.count(), MaterialVersion.objects.count(), ChangeLog.objects.count())
    files = _media_files(media_root)
    assert len(files) == len(VENDORED)
    seed(settings)
    assert counts == (
        Material.objects.count(),
        MaterialVersion.objects.count(),
        ChangeLog.objects.count(),
    )
    assert _media_files(media_root) == files


def test_the_secretariats_demo_edits_survive_a_second_seed(seeded, settings):
    secretariat = demo_materials.demo_secretariat()
    deleted = seeded.materials.get(number="参考資料3")
    services.material_delete(material=deleted, by=secretariat)
    renamed = seeded.materials.get(number="参考資料2")
    services.material_update(
        material=renamed,
        version=renamed.version,
        number="参考資料9",
        title=renamed.title,
        is_published=False,
        by=secretariat,
    )
    seed(settings)
    assert sorted(seeded.materials.values_list("number", "is_published")) == [
        ("参考資料1", True),
        ("参考資料9", False),
    ]


def test_a_number_the_secretariat_already_used_is_left_alone(settings, media_root):
    settings.DEBUG = False
    call_command("seed_demo", verbosity=0)  # the meetings, without demo accounts
    meeting = Meeting.objects.get(number=5)
    own = services.material_create(
        meeting=meeting,
        number="参考資料1",
        title="事務局の資料",
        is_published=True,
        upload=pdf(),
        content_type="application/pdf",
        by=factories.secretariat(username="secretariat"),
    )
    seed(settings)
    assert meeting.materials.get(number="参考資料1") == own
    assert own.versions.get().content_type == "application/pdf"
    assert sorted(meeting.materials.values_list("number", flat=True)) == [
        "参考資料1",
        "参考資料2",
        "参考資料3",
    ]


def test_no_materials_without_the_demo_secretariat(settings, media_root):
    settings.DEBUG = False  # production: no demo accounts, so nobody to upload them
    call_command("seed_demo", verbosity=0)
    assert Meeting.objects.filter(number=5).exists()
    assert not Material.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))
