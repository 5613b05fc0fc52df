"""Normalising cell values: NFKC, fiscal years (western and wareki), counts, directions, terms."""

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Era start years: 年度 N of the era = start + N - 1.
ERAS = {
    "明治": 1868,
    "大正": 1912,
    "昭和": 1926,
    "平成": 1989,
    "令和": 2019,
    "M": 1868,
    "T": 1912,
    "S": 1926,
    "H": 1989,
    "R": 2019,
}
MIN_YEAR, MAX_YEAR = 1900, 2200

_WAREKI = re.compile(r"^(明治|大正|昭和|平成|令和|[MTSHR])\s*(元|\d{1,2})\s*(年度|年)?$", re.I)
_WESTERN = re.compile(r"^(?:FY\s*)?(\d{4})\s*(?:年度|年)?$", re.I)
_ANY_ERA = re.compile(r"^([^\d\s元]+)\s*(元|\d{1,2})\s*(年度|年)?$")


class ValueProblem(ValueError):
    """A single cell that cannot be read; the message says what to change."""


def norm(value) -> str:
    """Text of a cell, NFKC-normalised (full-width digits and letters become ASCII), trimmed."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    # Most cells are plain ASCII; NFKC cannot change those, so skip it (import speed).
    return (text if text.isascii() else unicodedata.normalize("NFKC", text)).strip()


def header_key(value) -> str:
    """A header cell reduced for matching: NFKC, lower case, no spaces or punctuation."""
    text = norm(value).lower()
    return re.sub(r"[\s・·_\-()（）\[\]【】:：/／.]", "", text)


def parse_fiscal_year(value) -> int:
    """2018, FY2018, 2018年度, 平成30年度, H30, 令和元年度, R5 → 2018 etc."""
    if isinstance(value, int) and not isinstance(value, bool):
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise ValueProblem("range")
        return value
    if isinstance(value, str):
        return _parse_year_text(value)
    return _parse_year(value)


@lru_cache(maxsize=4096)
def _parse_year_text(value: str) -> int:
    # A file repeats the same few hundred year labels; parse each once.
    return _parse_year(value)


def _parse_year(value) -> int:
    if isinstance(value, (dt.date, dt.datetime)):
        raise ValueProblem("date")
    text = norm(value).replace(" ", "")
    if isinstance(value, float) and not value.is_integer():
        raise ValueProblem("format")
    match = _WESTERN.match(text)
    if match:
        year = int(match.group(1))
    else:
        match = _WAREKI.match(text)
        if match:
            era = match.group(1)
            era = era.upper() if len(era) == 1 else era
            number = 1 if match.group(2) == "元" else int(match.group(2))
            if number < 1:
                raise ValueProblem("format")
            year = ERAS[era] + number - 1
        elif _ANY_ERA.match(text) and _ANY_ERA.match(text).group(1).upper() not in ERAS:
            raise ValueProblem("era")
        else:
            raise ValueProblem("format")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem("range")
    return year


def parse_count(value) -> int:
    """A non-negative whole number of researchers; thousands separators allowed (７,６７４)."""
    if isinstance(value, bool):
        raise ValueProblem("text")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueProblem("fraction")
        number = int(value)
    else:
        text = norm(value).replace(",", "").replace(" ", "")
        text = re.sub(r"(人|名)$", "", text)
        if not text:
            raise ValueProblem("empty")
        if not re.fullmatch(r"[-+−]?\d+", text):
            if re.fullmatch(r"[-+−]?\d+\.\d+", text):
                raise ValueProblem("fraction")
            raise ValueProblem("text")
        number = int(text.replace("−", "-"))
    if number < 0:
        raise ValueProblem("negative")
    if number > 10_000_000:
        raise ValueProblem("range")
    return number


def parse_decimal(value) -> Decimal | None:
    """A number for a reference figure, or None when the source gives text (a range, NOT FOUND)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    text = norm(value).replace(",", "").replace(" ", "").replace("−", "-")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if abs(number) >= Decimal(10) ** 16:
        raise ValueProblem("range")
    return number


DIRECTIONS = {
    "outbound": "outbound",
    "派遣": "outbound",
    "派遣研究者": "outbound",
    "out": "outbound",
    "inbound": "inbound",
    "受入": "inbound",
    "受入れ": "inbound",
    "受け入れ": "inbound",
    "受入研究者": "inbound",
    "in": "inbound",
}

TERMS = {
    "short": "short",
    "短期": "short",
    "midlong": "mid_long",
    "mid_long": "mid_long",
    "中長期": "mid_long",
    "中・長期": "mid_long",
    "total": "total",
    "合計": "total",
    "計": "total",
    "総数": "total",
}


# When no alias matches: the value whose words all stand in the cell, first match wins.
DIRECTION_WORDS = ((("派遣",), "outbound"), (("受", "入"), "inbound"))
TERM_WORDS = ((("短期",), "short"), (("中", "長期"), "mid_long"))


def _choice(text: str, aliases: dict, keys: tuple[str, ...], words: tuple, field: str) -> str:
    """The value of the first of `keys` in `aliases`, else of the first `words` all in `text`;
    ValueProblem(field) when neither names one."""
    for key in keys:
        if key in aliases:
            return aliases[key]
    for needed, value in words:
        if all(word in text for word in needed):
            return value
    raise ValueProblem(field)


@lru_cache(maxsize=1024)
def parse_direction(value) -> str:
    text = norm(value)
    return _choice(text, DIRECTIONS, (text.lower(),), DIRECTION_WORDS, "direction")


@lru_cache(maxsize=1024)
def parse_term(value) -> str:
    text = norm(value)
    return _choice(text, TERMS, (text.lower(), header_key(text)), TERM_WORDS, "term")


def direction_from_label(label: str) -> str | None:
    """Direction named in a sheet name or title row (派遣 / 受入れ / outbound / inbound), if any."""
    text = norm(label)
    lower = text.lower()
    if "派遣" in text or "outbound" in lower:
        return "outbound"
    if "受入" in text or "受け入れ" in text or "inbound" in lower:
        return "inbound"
    return None
