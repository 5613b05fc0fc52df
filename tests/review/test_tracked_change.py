"""A suggestion's tracked change: the 新旧対照表's marks, escaped, and computed once for the
same pair of texts however often the thread is read (one cache, in reports.review_tags)."""

from types import SimpleNamespace
from unittest import mock

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
