"""Sanitised Markdown HTML (policies.markdown) as plain text, for Word and spreadsheets."""

import html
import re

# The HTML is nh3's output (policies.markdown): text holds no "<" or ">" (escaped), and the
# only attributes, <a href> and <ol start>, hold none either (markdown-it percent-encodes
# URLs), so a tag is exactly "<" up to the next ">". Paragraphs, breaks and lists start a new
# line, a list item with "・"; every other tag goes.
_TAG = re.compile(r"<(/?)([a-z]+)\b[^>]*>")
_STARTS_LINE = {"p": "\n", "br": "\n", "ul": "\n", "ol": "\n", "li": "\n・"}


def _tag(match: re.Match) -> str:
    return "" if match.group(1) else _STARTS_LINE.get(match.group(2), "")


def html_to_text(markup: str) -> str:
    """Paragraphs and line breaks become newlines, list items "・"; tags are dropped.

    One regular expression rather than an HTML parser: an edition's exports read a thousand
    comments, and parsing each was most of the time of the 対応 table."""
    text = html.unescape(_TAG.sub(_tag, markup or ""))
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
