"""Tracked changes of a correction, as (kind, text) pieces the template marks up with
<del>/<ins> (diff-match-patch's own HTML carries inline styles, which our CSP forbids)."""

from diff_match_patch import diff_match_patch

KINDS = {-1: "del", 0: "same", 1: "ins"}


def tracked_changes(before: str, after: str) -> list[tuple[str, str]]:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.5
    diffs = dmp.diff_main(before or "", after or "")
    dmp.diff_cleanupSemantic(diffs)
    return [(KINDS[op], text) for op, text in diffs]
