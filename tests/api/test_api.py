"""The open-data API: shapes, pagination, download links, ETag and If-None-Match."""

import json

import pytest
from django.test import override_settings

from core import open_data
from tests import factories

pytestmark = pytest.mark.django_db


def _json(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, (path, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(response.content)


def test_meeting_detail_has_agenda_hearings_materials_and_minutes(client, world):
    _, data = _json(client, f"/api/meetings/{world.meeting.pk}")
    assert data["number"] == world.meeting.number
    item = next(i for i in data["agenda_items"] if i["id"] == world.item.pk)
    assert [h["speaker"] for h in item["hearings"]] == ["公開の有識者"]
    material = next(m for m in data["materials"] if m["id"] == world.material.pk)
    assert material["file_name"] == "現行.pdf"
    assert material["download_url"].endswith(f"/meetings/materials/{world.material.pk}/download/")
    assert client.get(material["download_url"]).status_code == 200
    assert data["minutes"]["body"] == "公開議事録"


def test_comments_of_one_question(client, world):
    _, data = _json(client, f"/api/comments?question={world.open_book_question.pk}")
    assert [c["body"] for c in data["items"]] == ["公開済みの意見"]
    assert data["items"][0]["url"].endswith(
        f"/questions/{world.open_book_question.pk}/#comment-{data['items'][0]['id']}"
    )


def test_statistics_series_carry_their_source(client, world):
    _, data = _json(client, "/api/statistics/series")
    assert data and all(s["source_name"] for s in data)
    assert all(isinstance(p["researchers"], int) for s in data for p in s["values"])


def test_published_report_editions_with_their_outline(client, api_world):
    w = api_world
    _, listed = _json(client, "/api/reports/editions")
    assert [e["id"] for e in listed["items"]] == [w.published.pk]  # not the shared nor the draft
    edition = listed["items"][0]
    assert (edition["report_title"], edition["kind"]) == ("公開とりまとめ", "outline")
    assert edition["meeting_number"] == w.meeting.number
    assert edition["url"].endswith(f"/reports/editions/{w.published.pk}/")
    assert client.get(edition["docx_url"]).status_code == 200
    _, detail = _json(client, f"/api/reports/editions/{w.published.pk}")
    (chapter,) = detail["sections"]
    assert (chapter["number"], chapter["title"]) == ("第1章", "公開の章")
    assert [(p["label"], p["body"]) for p in chapter["paragraphs"]] == [
        ("第1章 1", "公開された段落")
    ]
    for hidden in (w.shared, w.draft):
        assert client.get(f"/api/reports/editions/{hidden.pk}").status_code == 404


def test_published_records_with_their_statements(client, api_world):
    w = api_world
    _, listed = _json(client, "/api/proceedings/records")
    assert [r["id"] for r in listed["items"]] == [w.pub_record.pk]
    record = listed["items"][0]
    assert (record["kind"], record["meeting_number"]) == ("summary", w.meeting.number)
    assert record["url"] == f"http://testserver/proceedings/records/{w.pub_record.pk}/"
    _, detail = _json(client, f"/api/proceedings/records/{w.pub_record.pk}")
    (section,) = detail["sections"]
    assert section["statements"] == [{"position": 1, "speaker": "自委員", "text": "公開された発言"}]


def test_pages_of_fifty(client, monkeypatch):
    # Whatever else the module's world holds: pages of PAGE_SIZE, all of them, drafts never.
    for n in range(3):
        factories.MeetingFactory(number=700 + n, is_published=True)
    factories.MeetingFactory(number=703, is_published=False)
    monkeypatch.setattr(open_data, "PAGE_SIZE", 2)
    _, first = _json(client, "/api/meetings")
    count = first["count"]
    assert count >= 3 and first["pages"] == -(-count // 2) and len(first["items"]) == 2
    numbers = []
    for page in range(1, first["pages"] + 1):
        numbers += [m["number"] for m in _json(client, f"/api/meetings?page={page}")[1]["items"]]
    assert len(numbers) == count and {700, 701, 702} <= set(numbers) and 703 not in numbers
    _, beyond = _json(client, f"/api/meetings?page={first['pages'] + 1}")
    assert beyond["items"] == [] and beyond["count"] == count
    assert client.get("/api/meetings?page=99999999999999999999").status_code == 422


def test_etag_and_if_none_match(client, world):
    first, _ = _json(client, "/api/meetings")
    etag = first["ETag"]
    assert etag
    again = client.get("/api/meetings", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    factories.MeetingFactory(number=777, is_published=True)
    changed = client.get("/api/meetings", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_openapi_document_lists_every_operation(client):
    _, doc = _json(client, "/api/openapi.json")
    assert set(doc["paths"]) == {
        "/api/meetings",
        "/api/meetings/{pk}",
        "/api/minutes",
        "/api/comments",
        "/api/statistics/series",
        "/api/schemes",
        "/api/schemes/{slug}",
        "/api/reports/editions",
        "/api/reports/editions/{pk}",
        "/api/proceedings/records",
        "/api/proceedings/records/{pk}",
    }
    assert all(set(ops) == {"get"} for ops in doc["paths"].values())


@override_settings(ALLOWED_HOSTS=["data.example.go.jp"])
def test_links_are_absolute_on_the_host_asked(client, world):
    _, data = _json(client, "/api/meetings", HTTP_HOST="data.example.go.jp")
    assert data["items"][0]["url"].startswith("http://data.example.go.jp/meetings/")
