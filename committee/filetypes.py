"""Check an uploaded material's real type from its bytes (no libmagic): PDF, Office or CSV."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext_lazy as _

from core.text import UndecodableText, decode_upload

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

# extension -> (family, content type, main OOXML part when the family is "ooxml")
ALLOWED = {
    ".pdf": ("pdf", "application/pdf", None),
    ".docx": (
        "ooxml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "word/document.xml",
    ),
    ".xlsx": (
        "ooxml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xl/workbook.xml",
    ),
    ".pptx": (
        "ooxml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ppt/presentation.xml",
    ),
    ".doc": ("ole2", "application/msword", None),
    ".xls": ("ole2", "application/vnd.ms-excel", None),
    ".ppt": ("ole2", "application/vnd.ms-powerpoint", None),
    ".csv": ("csv", "text/csv", None),
}


class FileTypeError(ValueError):
    """The file is not one of the accepted types, or its bytes do not match its extension."""


@dataclass(frozen=True)
class DetectedType:
    extension: str
    content_type: str


def allowed_extensions() -> str:
    return ", ".join(sorted(ALLOWED))


def detect(uploaded, name: str | None = None) -> DetectedType:
    """The checked type of an uploaded file, or FileTypeError with a message for the user.

    The extension chooses what the file claims to be; its bytes must then prove it.
    """
    name = name or getattr(uploaded, "name", "") or ""
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED:
        raise FileTypeError(
            _("Files of this type cannot be uploaded. Accepted: %(types)s.")
            % {"types": allowed_extensions()}
        )
    family, content_type, main_part = ALLOWED[extension]
    uploaded.seek(0)
    try:
        ok = {
            "pdf": _is_pdf,
            "ooxml": lambda f: _is_ooxml(f, main_part),
            "ole2": _is_ole2,
            "csv": _is_csv,
        }[family](uploaded)
    finally:
        uploaded.seek(0)
    if not ok:
        raise FileTypeError(
            _("The contents of this file do not match its extension (%(ext)s).")
            % {"ext": extension}
        )
    return DetectedType(extension=extension, content_type=content_type)


def _is_pdf(f) -> bool:
    # Some generators put a few bytes before the header; readers accept it within 1 KiB.
    return b"%PDF-" in f.read(1024)


def _is_ole2(f) -> bool:
    return f.read(8) == OLE2_MAGIC


def _is_ooxml(f, main_part: str) -> bool:
    if f.read(4) != b"PK\x03\x04":
        return False
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and main_part in names


def _is_csv(f) -> bool:
    """Text that spreadsheet programs open as it is: UTF-8 or Shift_JIS, no control characters.
    Anything else (ISO-2022-JP mail attachments included) is refused, naming its encoding."""
    data = f.read()
    if not data:
        return False
    try:
        decode_upload(data, accept=frozenset({"UTF-8", "Shift_JIS"}))
    except UndecodableText as refused:
        raise FileTypeError(str(refused)) from None
    return True
