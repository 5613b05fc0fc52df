"""Japanese first, English second; every string a user reads is translated."""

import pytest
from django.urls import reverse

from config.i18n_check import missing_translations


def test_every_translatable_string_has_japanese():
    missing = missing_translations("ja")
    assert not missing, "Strings without a Japanese translation:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_pages_are_japanese_by_default_and_switch_to_english(client):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="ja">' in html
    assert "会議" in html and "論点" in html
    response = client.post(reverse("accounts:set-language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "Meetings" in html
