"""Split a transcript into statements and match each speaker to a person.

The usual form of a 審議会 transcript: a line starting with 【A委員】, or with the speaker and a
full-width space (「○A委員　ありがとうございます。」), opens a statement; the lines after it
continue that statement until the next speaker. A line 「議題2」 or 「（議題２）」 moves the
statements that follow to that agenda item. Pure functions: no database access here.
"""

import re
import unicodedata
from dataclasses import dataclass, field

# 【A委員】本文 / 【事務局（国際研究開発政策課長）】本文
BRACKET = re.compile(r"^[○◯〇]?\s*【(?P<name>[^】]{1,60})】\s*(?P<text>.*)$")
# ○A委員　本文 : a title ending the name, then a (full-width) space.
TITLES = (
    "委員長|委員|主査代理|主査|座長|事務局|参考人|説明者"
    "|課長|室長|参事官|局長|審議官|理事長|理事|教授|氏"
)
SPACED = re.compile(
    r"^[○◯〇]?(?P<name>[^\s　【】。、]{0,40}?(?:"
    + TITLES
    + r")(?:（[^）]{1,40}）)?)[ 　]+(?P<text>\S.*)$"
)
AGENDA = re.compile(r"^[（(]?議題\s*(?P<n>\d+)[）)]?\s*$")
SECRETARIAT_WORDS = ("事務局", "課長", "室長", "参事官", "局長", "審議官")


@dataclass
class Parsed:
    """A statement as written: the speaker's name, the agenda position it falls under."""

    name: str
    text: str
    item_position: int | None = None


@dataclass
class Speaker:
    """Who a name was matched to: kind is member / secretariat / hearing / other."""

    kind: str
    label: str
    user_id: int | None = None
    hearing_id: int | None = None


@dataclass
class Split:
    statements: list[Parsed] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)  # text before the first speaker


def normalise_name(name: str) -> str:
    """「Ａ　委員」 → 「A委員」: NFKC, no spaces, no ○ marks."""
    name = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s○◯〇]", "", name)


def split(text: str) -> Split:
    """The statements of a transcript, in order."""
    result = Split()
    position = None
    current = None
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        agenda = AGENDA.match(unicodedata.normalize("NFKC", line))
        if agenda:
            position = int(agenda.group("n"))
            current = None
            continue
        match = BRACKET.match(line) or SPACED.match(line)
        if match:
            current = Parsed(name=match.group("name").strip(), text=match.group("text").strip())
            current.item_position = position
            result.statements.append(current)
        elif current is not None:
            current.text = f"{current.text}\n{line}" if current.text else line
        else:
            result.preamble.append(line)
    return result


def _base(name: str) -> str:
    """The person part of a name: 「A委員」 → 「A」, 「田中主査」 → 「田中」."""
    name = re.sub(r"（.*?）|\(.*?\)", "", name)
    return re.sub("(" + TITLES + ")$", "", name)


def build_directory(*, members, chair_id, hearings) -> dict[str, Speaker]:
    """Every form of every known name → Speaker. members: (pk, display name) pairs;
    hearings: (pk, speaker name) pairs."""
    directory: dict[str, Speaker] = {}
    for pk, shown in members:
        speaker = Speaker("member", shown, user_id=pk)
        for form in {shown, _base(shown)}:
            form = normalise_name(form)
            if form:
                directory[form] = speaker
                directory[form + "委員"] = speaker
        if pk == chair_id:
            for title in ("主査", "委員長", "座長"):
                directory[title] = speaker
    for pk, shown in hearings:
        speaker = Speaker("hearing", shown, hearing_id=pk)
        for form in {shown, _base(shown)}:
            form = normalise_name(form)
            if form:
                directory.setdefault(form, speaker)
    return directory


def match(name: str, directory: dict[str, Speaker]) -> Speaker | None:
    """The person a written name stands for, or None when nobody matches."""
    key = normalise_name(name)
    for candidate in (key, re.sub(r"（.*?）", "", key), _base(key)):
        if candidate in directory:
            return directory[candidate]
        if candidate and candidate + "委員" in directory:
            return directory[candidate + "委員"]
    if any(word in key for word in SECRETARIAT_WORDS):
        return Speaker("secretariat", name)
    return None


def unmatched_names(statements: list[Parsed], directory: dict[str, Speaker]) -> list[str]:
    """The names no person matched, once each, in the order they first speak."""
    seen: dict[str, None] = {}
    for s in statements:
        if match(s.name, directory) is None:
            seen.setdefault(s.name, None)
    return list(seen)
