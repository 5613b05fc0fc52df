"""The committee's rules (運営規則) as the app applies them, configurable in settings:

    PROCEEDINGS_RULES = {
        "QUORUM": (1, 2),        # quorum: MORE than 1/2 of the members on the roster
        "MAJORITY": (1, 2),      # adopted: 賛成 MORE than 1/2 of the votes cast (意見あり cast)
        "CHAIR_DECIDES_TIE": True,  # 賛成 exactly at the line: the chair's own vote decides
        "PUBLISH_VOTE_NAMES": False,  # the published 議決記録 names who voted how
    }

Recused members (利害関係) are left out of both the roster the quorum is counted against and
the votes cast.
"""

from django.conf import settings

DEFAULTS = {
    "QUORUM": (1, 2),
    "MAJORITY": (1, 2),
    "CHAIR_DECIDES_TIE": True,
    "PUBLISH_VOTE_NAMES": False,
}


def rule(name: str):
    return getattr(settings, "PROCEEDINGS_RULES", {}).get(name, DEFAULTS[name])


def _more_than(count: int, total: int, fraction) -> bool:
    numerator, denominator = fraction
    return count * denominator > total * numerator


def quorum_needed(members: int) -> int:
    """The smallest number present that makes a quorum of `members`."""
    numerator, denominator = rule("QUORUM")
    return members * numerator // denominator + 1


def quorum_met(present: int, members: int) -> bool:
    return members > 0 and _more_than(present, members, rule("QUORUM"))


def majority_outcome(*, yes: int, cast: int, chair_vote: str | None) -> bool:
    """Whether 賛成 carries: more than the majority fraction of the votes cast; exactly at it,
    the chair's vote decides when CHAIR_DECIDES_TIE (else it is not adopted)."""
    fraction = rule("MAJORITY")
    if cast == 0:
        return False
    if _more_than(yes, cast, fraction):
        return True
    numerator, denominator = fraction
    at_line = yes * denominator == cast * numerator
    return bool(at_line and rule("CHAIR_DECIDES_TIE") and chair_vote == "for")
