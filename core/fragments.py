"""Helpers for template fragments cached as rendered ({% cache %})."""

import functools
import hashlib
from pathlib import Path

from django.template.loader import get_template


@functools.cache
def template_stamp(*names: str) -> str:
    """A digest of the named templates' source: a changed template must not be served
    fragments the old one rendered (the cache may outlive a deploy if it is shared)."""
    digest = hashlib.md5(usedforsecurity=False)
    for name in names:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    return digest.hexdigest()[:12]
