"""Text people type or upload: the control characters we refuse, and how uploads are decoded.

One rule for the whole project: C0 control characters other than tab, LF and CR (vertical tabs
from PowerPoint, NUL, escape …) are refused by every form (TextGuardMixin on each form class),
stripped from query strings (QueryStringGuardMiddleware), named by imports, and removed by the
export writer (core.exports) from whatever old data still holds them.
"""

import codecs
import re

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# C0 controls except tab (0x09), LF (0x0a) and CR (0x0d); the set XML 1.0 cannot hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def control_character_names(text: str) -> list[str]:
    """The refused characters in `text`, as U+000B style names, in order of first appearance."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL_CHARACTERS.findall(text)))


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def strip_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def validate_no_control_characters(value) -> None:
    """Form and model validator: refuse C0 control characters other than tab, LF and CR."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(
            gettext_lazy(
                "This text contains control characters (%(chars)s) that cannot be saved. "
                "Remove them (they often come from pasting out of presentation software)."
            ),
            code="control_characters",
            params={"chars": ", ".join(control_character_names(value))},
        )


class TextGuardMixin:
    """Put first in a form's bases: every text field (CharField and its kin: e-mail, URL, slug,
    choice values typed by hand) refuses control characters, with the message on that field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and (
                validate_no_control_characters not in field.validators
            ):
                field.validators.append(validate_no_control_characters)


# --- Query strings ------------------------------------------------------------------------


class QueryStringGuardMiddleware:
    """Control characters in a query string (a NUL in ?q=) would reach PostgreSQL, which refuses
    NUL in text, as a 500. They are stripped before any view reads request.GET."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            has_control_characters(key) or any(has_control_characters(v) for v in values)
            for key, values in request.GET.lists()
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    strip_control_characters(key), [strip_control_characters(v) for v in values]
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


# --- Uploaded text files -----------------------------------------------------------------

# ISO-2022-JP is 7-bit and would "decode" as ASCII full of escape characters, so it is
# recognised by its escape sequences before anything else.
ISO_2022_JP_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b$(D")
# (codec, the name a person knows it by); tried in this order after the BOM and ISO-2022-JP.
# Not EUC-JP: its bytes mostly decode as (wrong) Shift_JIS, so it cannot be told apart safely.
ENCODINGS = (("utf-8", "UTF-8"), ("cp932", "Shift_JIS"))
EVERY_ENCODING = frozenset({"UTF-8", "Shift_JIS", "ISO-2022-JP"})


class UndecodableText(ValueError):
    """An uploaded text file we cannot read; the message names the encoding and says what to do."""


def decode_upload(data: bytes, *, accept: frozenset[str] = EVERY_ENCODING) -> tuple[str, str]:
    """(text, encoding name) of an uploaded text file (CSV, plain text), for imports and uploads.

    UTF-8 (with or without BOM), ISO-2022-JP and Shift_JIS (cp932) are recognised; an
    encoding outside `accept`, bytes that fit none, or text holding control characters other than
    tab, LF and CR raise UndecodableText with a message that names the encoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8", "UTF-8")]
        data = data[len(codecs.BOM_UTF8) :]
    elif any(escape in data for escape in ISO_2022_JP_ESCAPES):
        candidates = [("iso2022_jp_ext", "ISO-2022-JP")]
    else:
        candidates = list(ENCODINGS)
    for codec, name in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if name not in accept:
            raise UndecodableText(
                _(
                    "The file is encoded as %(encoding)s, which cannot be used here. "
                    "Save it as UTF-8 and upload it again."
                )
                % {"encoding": name}
            )
        if has_control_characters(text):
            raise UndecodableText(
                _(
                    "The file, read as %(encoding)s, contains control characters (%(chars)s). "
                    "Save it as UTF-8 text and upload it again."
                )
                % {"encoding": name, "chars": ", ".join(control_character_names(text))}
            )
        return text, name
    raise UndecodableText(
        _("The file cannot be read as %(encodings)s. Save it as UTF-8 and upload it again.")
        % {"encodings": " / ".join(name for _codec, name in candidates)}
    )
