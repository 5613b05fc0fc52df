"""新旧対照表: two editions side by side per paragraph (matched by their stable number), with
insertions and deletions from diff-match-patch, and moved, new and deleted paragraphs labelled."""

from bisect import bisect_left
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

from reports.models import Edition, ParagraphReview
from reports.outputs.plain import html_to_text
from reports.selectors import edition_outline

SAME, CHANGED, NEW, DELETED = "same", "changed", "new", "deleted"


@dataclass
class CompareRow:
    number: int
    state: str
    moved: bool = False
    new_label: str = ""
    old_label: str = ""
    # (op, text) with op -1 deleted, 0 equal, 1 inserted; the new column shows 0 and 1,
    # the old column 0 and -1.
    new_parts: list[tuple[int, str]] = field(default_factory=list)
    old_parts: list[tuple[int, str]] = field(default_factory=list)
    # Members whose wording suggestion (修文案) was adopted into this paragraph (issue 16).
    suggested_by: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    old: Edition
    new: Edition
    rows: list[CompareRow]


def _stable(ranks: list[int]) -> set[int]:
    """Indexes of a longest increasing subsequence of `ranks`: the paragraphs that kept their
    order; every other common paragraph was moved."""
    tails, tail_index, parent = [], [], [-1] * len(ranks)
    for i, rank in enumerate(ranks):
        j = bisect_left(tails, rank)
        if j == len(tails):
            tails.append(rank)
            tail_index.append(i)
        else:
            tails[j], tail_index[j] = rank, i
        parent[i] = tail_index[j - 1] if j else -1
    keep, i = set(), tail_index[-1] if tail_index else -1
    while i != -1:
        keep.add(i)
        i = parent[i]
    return keep


def _diff(old: str, new: str) -> list[tuple[int, str]]:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0.5
    diffs = engine.diff_main(old, new)
    engine.diff_cleanupSemantic(diffs)
    return diffs


def tracked_change(old: str, new: str) -> list[tuple[int, str]]:
    """The insertions (1) and deletions (-1) turning `old` into `new`, as in the 新旧対照表;
    a member's wording suggestion is shown with it."""
    return _diff(old, new)


def compare_editions(old: Edition, new: Edition) -> Comparison:
    """Rows in the new edition's order; a deleted paragraph follows the row that preceded it in
    the old edition. Five queries."""
    old_ps = [p for s in edition_outline(old) for p in s.paragraphs]
    new_ps = [p for s in edition_outline(new) for p in s.paragraphs]
    old_by_number = {p.number: p for p in old_ps}
    old_rank = {p.number: i for i, p in enumerate(old_ps)}
    common = [p for p in new_ps if p.number in old_by_number]
    kept = {common[i].number for i in _stable([old_rank[p.number] for p in common])}
    rows: list[CompareRow] = []
    by_number: dict[int, CompareRow] = {}
    for p in new_ps:
        text = html_to_text(p.body_html)
        before = old_by_number.get(p.number)
        if before is None:
            row = CompareRow(p.number, NEW, new_label=p.label, new_parts=[(1, text)])
        else:
            diffs = _diff(html_to_text(before.body_html), text)
            row = CompareRow(
                p.number,
                SAME if all(op == 0 for op, _t in diffs) else CHANGED,
                moved=p.number not in kept,
                new_label=p.label,
                old_label=before.label,
                new_parts=[(op, t) for op, t in diffs if op >= 0],
                old_parts=[(op, t) for op, t in diffs if op <= 0],
            )
        rows.append(row)
        by_number[p.number] = row
    new_numbers = {p.number for p in new_ps}
    for i, p in enumerate(old_ps):
        if p.number in new_numbers:
            continue
        row = CompareRow(
            p.number, DELETED, old_label=p.label, old_parts=[(-1, html_to_text(p.body_html))]
        )
        anchor = next(
            (by_number[q.number] for q in reversed(old_ps[:i]) if q.number in by_number), None
        )
        rows.insert(rows.index(anchor) + 1 if anchor else 0, row)
        by_number[p.number] = row
    _attribute(new, by_number)
    return Comparison(old=old, new=new, rows=rows)


def _attribute(new: Edition, by_number: dict[int, CompareRow]) -> None:
    """The adopted suggestions written into the new edition, named on their row (one query)."""
    adopted = ParagraphReview.objects.filter(applied_to__edition=new).select_related(
        "author", "applied_to"
    )
    for review in adopted.order_by("disposed_at", "id"):
        row = by_number.get(review.applied_to.number)
        if row is not None:
            row.suggested_by.append(str(review.author))
