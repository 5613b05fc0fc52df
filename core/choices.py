"""Choice labels for a read that shows many rows: `choice_labels(Model.Kind.choices)` gives
{value: label} translated once, in the active language, where get_FOO_display or a lazy label
translates again for every row. Built per call, never cached: the next request may be in the
other language."""

from collections.abc import Iterable


def choice_labels(choices: Iterable[tuple[object, object]]) -> dict:
    """{value: str(label)} for (value, label) pairs (TextChoices.choices, a field's
    flatchoices), each label translated now."""
    return {value: str(label) for value, label in choices}
