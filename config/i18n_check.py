"""Find user-visible strings that have no Japanese translation.

Scans our templates ({% translate %} tags) and Python modules (gettext calls with a literal)
and asks the active catalogues for each. Used by the test suite and by developers:
`python -m config.i18n_check` prints what is missing.
"""

import ast
import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
APPS = [
    "accounts",
    "api",
    "audit",
    "committee",
    "policies",
    "dispatch_stats",
    "schemes",
    "config",
    "reports",
    "proceedings",
]
GETTEXT_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
}
TAG = re.compile(
    r"""{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<msg>.*?)(?P=q)(?:\s+context\s+(?P<q2>["'])(?P<ctx>.*?)(?P=q2))?"""
)
BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?(?P<args>[^%]*)%}(?P<body>.*?){%\s*(?:plural|endblocktrans(?:late)?)",
    re.S,
)


def _template_messages():
    for path in sorted((BASE_DIR / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for m in TAG.finditer(text):
            yield path, m.group("ctx"), m.group("msg")
        for m in BLOCK.finditer(text):
            if "trimmed" in m.group("args"):
                body = " ".join(line.strip() for line in m.group("body").strip().splitlines())
            else:
                body = m.group("body")
            body = re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body)
            ctx = re.search(r"""context\s+["'](.*?)["']""", m.group("args"))
            yield path, ctx.group(1) if ctx else None, body


def _python_messages():
    for app in APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in GETTEXT_NAMES or not node.args:
                    continue
                args = node.args
                ctx = None
                if name.startswith("pgettext"):
                    if len(args) < 2 or not isinstance(args[0], ast.Constant):
                        continue
                    ctx, args = args[0].value, args[1:]
                if isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                    yield path, ctx, args[0].value


def missing_translations(language: str = "ja") -> list[str]:
    from django.utils import translation
    from django.utils.translation import trans_real

    catalog = trans_real.translation(language)
    missing = []
    with translation.override(language):
        for path, ctx, msg in [*_template_messages(), *_python_messages()]:
            if not msg.strip():
                continue
            key = f"{ctx}\x04{msg}" if ctx else msg
            found = catalog._catalog.get(key) if hasattr(catalog, "_catalog") else None
            if found is None:
                # plural entries are stored under (msgid, index)
                found = catalog._catalog.get((key, 0)) if hasattr(catalog, "_catalog") else None
            if not found:
                missing.append(f"{path.relative_to(BASE_DIR)}: {msg!r}")
    return sorted(set(missing))


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    result = missing_translations()
    print("\n".join(result) or "all strings translated")
