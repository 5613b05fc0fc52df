"""Spreadsheet import (admins only, all or nothing, errors naming row and column in Japanese) and
export (formula cells neutralised, round trip unchanged)."""

import datetime as dt
from decimal import Decimal

import pytest
import tablib
from django.urls import reverse
from django.utils import translation
from import_export.formats import base_formats

from core.errors import Refusal
from schemes.models import Amount, ExchangeRate, Scheme
from schemes.resources import AmountResource, ExchangeRateResource, SchemeResource
from schemes.services import table_import
from tests.schemes.factories import AmountFactory, ExchangeRateFactory, SchemeFactory

pytestmark = pytest.mark.django_db


def csv_dataset(text: str) -> tablib.Dataset:
    return tablib.Dataset().load(text, format="csv")


RATES_OK = """currency,date,jpy_per_unit,source,note
KRW,2026-03-30,0.1,https://example.org/r,
EUR,2026-03-30,183.21,https://example.org/r,demo
"""

RATES_BAD_ROW = """currency,date,jpy_per_unit,source,note
KRW,2026-03-30,0.1,https://example.org/r,
EUR,2026-03-30,abc,https://example.org/r,
usd,2026-03-30,150,https://example.org/r,
"""


def test_admin_imports_rates(admin_user):
    outcome = table_import(
        resource=ExchangeRateResource(), dataset=csv_dataset(RATES_OK), by=admin_user
    )
    assert outcome.ok and outcome.new == 2
    assert ExchangeRate.objects.get(currency="EUR").jpy_per_unit == Decimal("183.21")
    # Importing the same file again updates in place instead of duplicating.
    again = table_import(
        resource=ExchangeRateResource(), dataset=csv_dataset(RATES_OK), by=admin_user
    )
    assert again.ok and ExchangeRate.objects.count() == 2


def test_one_bad_row_writes_nothing_and_names_row_and_column_in_japanese(admin_user):
    with translation.override("ja"):
        outcome = table_import(
            resource=ExchangeRateResource(), dataset=csv_dataset(RATES_BAD_ROW), by=admin_user
        )
    assert not outcome.ok
    assert ExchangeRate.objects.count() == 0  # the good first row was not written either
    text = "\n".join(outcome.errors)
    assert "3行目「jpy_per_unit」列" in text
    assert "4行目「currency」列" in text
    assert "ISO 4217" in text
    assert "abc" in text


def test_scheme_import_refuses_unknown_target_type(admin_user):
    existing = SchemeFactory(slug="kept", name_ja="元の名前")
    data = tablib.Dataset(headers=["slug", "kind", "country", "name_ja", "target_types"])
    data.append(["kept", "foreign", "韓国", "新しい名前", "phd_student"])
    data.append(["new-one", "foreign", "韓国", "新制度", "phd_student, astronaut"])
    with translation.override("ja"):
        outcome = table_import(resource=SchemeResource(), dataset=data, by=admin_user)
    assert not outcome.ok
    assert any("3行目「target_types」列" in e and "astronaut" in e for e in outcome.errors)
    existing.refresh_from_db()
    assert existing.name_ja == "元の名前"
    assert not Scheme.objects.filter(slug="new-one").exists()


def test_amount_import_refuses_period_years_without_years_basis(admin_user):
    SchemeFactory(slug="s1")
    data = tablib.Dataset(
        headers=["scheme", "label", "value", "currency", "per", "period", "period_years", "source"]
    )
    data.append(["s1", "総額", "100", "EUR", "programme", "years", "7", "https://example.org"])
    data.append(["s1", "年額", "100", "EUR", "person", "year", "7", "https://example.org"])
    data.append(["missing", "年額", "100", "EUR", "person", "year", "", "https://example.org"])
    with translation.override("ja"):
        outcome = table_import(resource=AmountResource(), dataset=data, by=admin_user)
    assert not outcome.ok
    assert Amount.objects.count() == 0
    text = "\n".join(outcome.errors)
    assert "3行目「period_years」列" in text
    assert "4行目: 「scheme」列: スラッグ「missing」の支援制度はありません。" in text


@pytest.mark.parametrize("user_fixture", ["secretariat_user", "member_user", "observer_user"])
def test_only_admins_may_import(request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    with pytest.raises(Refusal) as refused:
        table_import(resource=ExchangeRateResource(), dataset=csv_dataset(RATES_OK), by=user)
    assert refused.value.status == 403
    assert ExchangeRate.objects.count() == 0


@pytest.mark.parametrize(
    "payload", ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)"]
)
def test_export_neutralises_formula_cells_and_round_trips(admin_user, payload):
    SchemeFactory(slug="evil", name_ja=payload, agency=payload)
    exported = SchemeResource().export()
    csv_text = base_formats.CSV().export_data(exported)
    assert f"'{payload[:5]}" in csv_text.replace('""', '"')
    row = exported.dict[0]
    assert row["name_ja"] == "'" + payload
    # Importing the export gives back the original text, not the apostrophe.
    Scheme.objects.filter(slug="evil").update(name_ja="changed")
    outcome = table_import(resource=SchemeResource(), dataset=exported, by=admin_user)
    assert outcome.ok, outcome.errors
    assert Scheme.objects.get(slug="evil").name_ja == payload


def test_amount_and_rate_exports_carry_sources():
    AmountFactory(scheme=SchemeFactory(slug="s2"), label="年額", source="https://example.org/a")
    ExchangeRateFactory(currency="KRW", date=dt.date(2026, 3, 30))
    amount_row = AmountResource().export().dict[0]
    assert (amount_row["scheme"], amount_row["source"]) == ("s2", "https://example.org/a")
    assert ExchangeRateResource().export().dict[0]["date"] == "2026-03-30"


# --- The admin screens --------------------------------------------------------------------


@pytest.mark.parametrize("model", ["scheme", "amount", "exchangerate"])
def test_admin_may_open_the_import_screen(admin_user, client, model):
    admin_user.is_superuser = True  # the demo admin is a superuser (model permissions)
    admin_user.save()
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:schemes_{model}_import")).status_code == 200
    assert client.get(reverse(f"admin:schemes_{model}_export")).status_code == 200


def test_staff_secretariat_with_the_permission_still_may_not_import(secretariat_user, client):
    from django.contrib.auth.models import Permission

    secretariat_user.is_staff = True
    secretariat_user.save()
    secretariat_user.user_permissions.add(
        Permission.objects.get(codename="import_exchangerate"),
        Permission.objects.get(codename="view_exchangerate"),
    )
    client.force_login(secretariat_user)
    assert client.get(reverse("admin:schemes_exchangerate_import")).status_code == 403


def test_non_staff_are_sent_to_the_admin_login(member_client):
    response = member_client.get(reverse("admin:schemes_exchangerate_import"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_import_with_a_bad_row_writes_nothing(admin_user, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    upload = SimpleUploadedFile("rates.csv", RATES_BAD_ROW.encode(), content_type="text/csv")
    formats = [f for f in base_formats.DEFAULT_FORMATS if f().can_import()]
    csv_index = [f.__name__ for f in formats].index("CSV")
    response = client.post(
        reverse("admin:schemes_exchangerate_import"),
        {"resource": "0", "import_file": upload, "format": str(csv_index)},
    )
    assert response.status_code == 200
    assert ExchangeRate.objects.count() == 0
    assert "process_import" not in response.content.decode()  # no confirm button offered


def test_admin_edits_a_scheme_with_checkboxes_and_amount_rows(admin_user, client):
    from schemes import demo

    demo.seed()
    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    scheme = Scheme.objects.get(slug="brain-link")
    assert client.get(reverse("admin:schemes_scheme_changelist")).status_code == 200
    response = client.get(reverse("admin:schemes_scheme_change", args=[scheme.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="checkbox" name="target_types" value="research_team"' in html
    assert "研究チームごとの支援規模" in html
    assert client.get(reverse("admin:schemes_exchangerate_changelist")).status_code == 200


def test_admin_import_runs_the_one_import_path(admin_user, client):
    """The admin's screen writes in one step through services.table_import: its one log entry,
    and the Japanese row/column message on a refused file."""
    from django.contrib.admin.models import LogEntry
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    url = reverse("admin:schemes_exchangerate_import")

    def post(text: str):
        upload = SimpleUploadedFile("rates.csv", text.encode(), content_type="text/csv")
        return client.post(url, {"resource": "0", "import_file": upload, "format": "0"})

    refused = post(RATES_BAD_ROW)
    assert refused.status_code == 200
    assert "3行目" in refused.content.decode()
    response = post(RATES_OK)
    assert response.status_code == 302
    assert ExchangeRate.objects.count() == 2
    entries = list(LogEntry.objects.values_list("object_repr", flat=True))
    assert len(entries) == 1 and "2" in entries[0]
