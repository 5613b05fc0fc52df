"""Source links are web addresses only: anything else is refused with its cell named."""

import pytest

from dispatch_stats import services
from dispatch_stats.models import YearlyFigure
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x", "www.mext"])
def test_a_non_web_source_url_is_refused_and_nothing_written(url):
    lines = ["fiscal_year,direction,term,researchers,source_report,source_url,note"]
    lines.append(f'2000,outbound,short,100,"MEXT","{url}",')
    with pytest.raises(services.ImportRefused) as refused:
        services.import_preview(
            kind="yearly",
            user=factories.admin(),
            file_name="x.csv",
            data=("\n".join(lines) + "\n").encode(),
        )
    message = " ".join(refused.value.messages)
    assert "F列" in message or "column F" in message
    assert YearlyFigure.objects.count() == 0


def test_an_https_source_url_is_accepted():
    lines = ["fiscal_year,direction,term,researchers,source_report,source_url,note"]
    lines.append('2000,outbound,short,100,"MEXT","https://www.mext.go.jp/x.pdf",')
    preview = services.import_preview(
        kind="yearly",
        user=factories.admin(),
        file_name="x.csv",
        data=("\n".join(lines) + "\n").encode(),
    )
    assert preview.token
