"""Add or update entries in a .po file from a simple "msgid<TAB>msgstr" list on stdin.

Usage: python scripts/po_add.py committee/locale/ja/LC_MESSAGES/django.po < pairs.tsv
Creates the file (with a header) when missing. Keeps the file sorted by msgid for calm diffs.
"""

import sys
from pathlib import Path

import polib

HEADER = {
    "Project-Id-Version": "committee-deliberation",
    "Language": "ja",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def main(path: str) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    po = polib.pofile(str(target)) if target.exists() else polib.POFile()
    if not target.exists():
        po.metadata = HEADER
    po.wrapwidth = 0
    for line in sys.stdin.read().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        msgid, msgstr = line.split("\t", 1)
        msgid = msgid.encode().decode("unicode_escape") if "\\n" in msgid else msgid
        msgstr = msgstr.encode().decode("unicode_escape") if "\\n" in msgstr else msgstr
        entry = po.find(msgid)
        if entry:
            entry.msgstr = msgstr
        else:
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    po.sort(key=lambda e: e.msgid)
    po.save(str(target))


if __name__ == "__main__":
    main(sys.argv[1])
