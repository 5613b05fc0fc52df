"""core.choices.choice_labels: a choices field's labels translated once, in the language active
at the call (never kept across languages)."""

from django.utils import translation

from core.choices import choice_labels
from policies.models import Comment


def test_choice_labels_are_plain_strings_in_the_active_language():
    with translation.override("ja"):
        ja = choice_labels(Comment.Stance.choices)
    with translation.override("en"):
        en = choice_labels(Comment.Stance.choices)
    assert set(ja) == set(en) == set(Comment.Stance.values)
    assert all(type(label) is str for label in [*ja.values(), *en.values()])
    assert ja["concern"] == "懸念" and en["concern"] != ja["concern"]
