"""Abbreviations (ASPIRE, SICORP …) shown with their full names as accessible tooltips."""

import re
from itertools import count

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from policies.models import GlossaryTerm

_ids = count(1)


def glossary_terms() -> dict[str, str]:
    """All terms as {abbreviation: full name}, one query."""
    return dict(GlossaryTerm.objects.values_list("abbreviation", "full_name"))


def glossarize(text: str, terms: dict[str, str]) -> SafeString:
    """Escape text and mark each first occurrence of a known abbreviation.

    The tooltip is a real element referenced by aria-describedby, so screen readers and
    keyboard users (the abbreviation is focusable) get the full name, not only mouse users.
    """
    escaped = str(conditional_escape(text))
    if not terms:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    # Longest first so "Horizon Europe" wins over a shorter overlapping term.
    names = sorted(terms, key=len, reverse=True)
    pattern = re.compile(
        "|".join(
            r"(?<![\w-])" + re.escape(str(conditional_escape(n))) + r"(?![\w-])" for n in names
        )
    )
    escaped_terms = {str(conditional_escape(k)): v for k, v in terms.items()}
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        word = match.group(0)
        if word in seen:
            return word
        seen.add(word)
        tip_id = f"glossary-tip-{next(_ids)}"
        return format_html(
            '<span class="glossary-term"><abbr tabindex="0" aria-describedby="{}">{}</abbr>'
            '<span role="tooltip" id="{}" class="glossary-tip">{}</span></span>',
            tip_id,
            mark_safe(word),  # noqa: S308 - already escaped
            tip_id,
            escaped_terms[word],
        )

    return mark_safe(pattern.sub(replace, escaped))  # noqa: S308 - pieces escaped above
