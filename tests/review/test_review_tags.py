"""The review's filters: a suggestion's tracked change (the 新旧対照表's marks, escaped, computed
once for the same pair of texts however often the thread is read: one cache, in
reports.review_tags) and a review's moment as the date filter would write it."""

import datetime as dt
from types import SimpleNamespace
from unittest import mock

from django.template import Context, Template

from reports.outputs import compare
from reports.templatetags import review_tags


def test_a_tracked_change_marks_and_escapes_and_is_computed_once_per_pair_of_texts():
    review_tags._tracked_change.cache_clear()
    review = SimpleNamespace(base_text="第一段落<b>", suggested_text="第一段落を改めた<b>")
    with mock.patch.object(compare, "tracked_change", wraps=compare.tracked_change) as diff:
        first = review_tags.tracked_change(review)
        again = review_tags.tracked_change(SimpleNamespace(**vars(review)))
    assert first == again == '<p class="tracked-change">第一段落<ins>を改めた</ins>&lt;b&gt;</p>'
    assert diff.call_count == 1


def test_time_tag_is_what_the_date_filter_gives_in_the_current_zone():
    moment = dt.datetime(2026, 3, 30, 1, 5, tzinfo=dt.UTC)
    context = Context({"v": moment, "none": None})
    tag = Template("{% load review_tags %}{{ v|time_tag }}|{{ none|time_tag }}").render(context)
    plain = Template(
        """<time datetime="{{ v|date:'c' }}">{{ v|date:"Y-m-d H:i" }}</time>|"""
    ).render(context)
    assert tag == plain == '<time datetime="2026-03-30T10:05:00+09:00">2026-03-30 10:05</time>|'
