"""core.dates: moments in the current time zone, in the ISO order the exports and mails use."""

import datetime as dt

from django.utils import timezone

from core.dates import local_day, local_minute, local_second


def test_moments_are_written_in_the_current_zone_and_none_as_empty():
    moment = dt.datetime(2026, 3, 30, 15, 4, 5, tzinfo=dt.UTC)  # 31 March, 00:04 in Tokyo
    assert local_minute(moment) == "2026-03-31 00:04"
    assert local_second(moment) == "2026-03-31 00:04:05"
    assert local_day(moment) == "2026-03-31"
    with timezone.override("UTC"):
        assert local_minute(moment) == "2026-03-30 15:04"
    assert local_minute(None) == local_second(None) == local_day(None) == ""
