"""Done when (issue 14): an admin imports an official workbook and a Shift_JIS long CSV without a
source column, both unedited; the statistics page then draws the official figures, shows the
deck's two claims computed from them with the edition named, and marks the year only a
lower-priority source has. A newer edition moves the headline."""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from dispatch_stats import demo, selectors
from dispatch_stats.models import YearlyFigure
from tests.dispatch_stats.helpers import delimited_bytes, long_rows, official_workbook

pytestmark = pytest.mark.django_db

OFFICIAL = "文部科学省「国際研究交流の概況」(令和5年度の状況)"
TRANSCRIPTION_PREFIX = "MEXT 国際研究交流の概況(令和6年度の状況)図1・図2"


def upload(client, name: str, data: bytes, **fields):
    handle = io.BytesIO(data)
    handle.name = name
    response = client.post(
        reverse("dispatch_stats:import"), {"kind": "yearly", "file": handle, **fields}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    html = response.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    sha = re.search(r'name="sha256" value="([^"]+)"', html).group(1)
    confirmed = client.post(
        reverse("dispatch_stats:import-confirm"), {"token": token, "sha256": sha}
    )
    assert confirmed.status_code == 302
    return html


def summary_text(html: str) -> str:
    section = re.search(r'<section aria-labelledby="summary-heading".*?</section>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.group(0)))


def test_official_edition_wins_and_the_deck_claims_come_out_of_it(admin_client_role):
    demo.seed()  # the hand-transcribed series (priority 3) reaches one more year, FY2024
    upload(admin_client_role, "国際研究交流の概況.xlsx", official_workbook())
    preview = upload(
        admin_client_role,
        "kokusai_kenkyu_koryu.csv",
        delimited_bytes(long_rows(), "cp932"),
        source_name="国際研究交流の概況（令和5年度）速報",
        source_edition="令和5年度",
        source_priority="1",
    )
    assert "Shift_JIS (cp932)" in preview

    html = Client().get(reverse("dispatch_stats:index")).content.decode()
    text = summary_text(html)
    assert "中・長期派遣は2000年度の7,674人がピークです。" in text
    assert "派遣総数は2018年度の177,821人がピークです。" in text
    assert "2023年度は110,236人（ピークの62.0%）。" in text
    assert text.count(f"出典：{OFFICIAL}") == 2

    series = selectors.chart_series()[("outbound", "total")]
    assert series.main.name == OFFICIAL
    assert series.year_sources[2018].name == OFFICIAL  # not the transcription
    assert series.marked == [2024]
    assert "◇ 2024年度：この値は MEXT 国際研究交流の概況" in html

    rows = list(
        csv.reader(
            io.StringIO(
                Client()
                .get(reverse("dispatch_stats:chart-csv", args=["outbound"]))
                .content.decode("utf-8-sig")
            )
        )
    )
    by_year = {row[0]: row for row in rows[1:]}
    assert by_year["2000"][4] == OFFICIAL
    assert by_year["2024"][4].startswith(TRANSCRIPTION_PREFIX)


def test_a_newer_edition_moves_the_headline(admin_client_role):
    upload(admin_client_role, "r5.xlsx", official_workbook())
    upload(
        admin_client_role,
        "r6.csv",
        delimited_bytes(
            [["年度", "区分", "期間", "人数"]]
            + [
                [year, "派遣", term, value]
                for year, values in {
                    2018: (173530, 4291, 177821),
                    2023: (106613, 3623, 110236),
                    2024: (115767, 4028, 119795),
                }.items()
                for term, value in zip(("短期", "中・長期", "合計"), values, strict=True)
            ]
            + [[year, "派遣", "合計", 100] for year in range(1993, 2018)],
            "utf-8",
        ),
        source_name="国際研究交流の概況",
        source_edition="令和6年度",
        source_priority="1",
    )
    text = summary_text(Client().get(reverse("dispatch_stats:index")).content.decode())
    assert "2024年度は119,795人（ピークの67.4%）。 出典：国際研究交流の概況 (令和6年度)" in text
    # The mid/long-term series of the newer file is too short to be a main source.
    assert "2023年度は3,623人（ピークの47.2%）。 出典：文部科学省" in text
    assert YearlyFigure.objects.filter(fiscal_year=2024).count() == 3
