"""Reads of a 書面審議 for one user: what they may see of the votes depends on who they are and
on whether the result is recorded (votes are private to the secretariat until then)."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import is_member, is_secretariat
from committee.access import visible_materials
from proceedings import rules
from proceedings.forms import RecusalForm, VoteForm
from proceedings.models import Deliberation, Recusal, Vote
from proceedings.services.written import recused_ids, tally


def _names(ids) -> dict[int, str]:
    return {u.pk: str(u) for u in get_user_model().objects.filter(pk__in=list(ids))}


def published_names(d: Deliberation) -> list[tuple[str, str]] | None:
    """Who voted how, for the published 議決記録: only when rules say names are published."""
    if not rules.rule("PUBLISH_VOTE_NAMES") or d.status not in (
        Deliberation.Status.DECIDED,
        Deliberation.Status.PUBLISHED,
    ):
        return None
    recused = recused_ids(d)
    votes = [v for v in Vote.objects.filter(deliberation=d) if v.member_id not in recused]
    names = _names(v.member_id for v in votes)
    return [(names.get(v.member_id, "?"), str(v.get_choice_display())) for v in votes]


def deliberation_page(user, d: Deliberation) -> dict:
    now = timezone.now()
    staff = is_secretariat(user)
    recusals = list(Recusal.objects.filter(deliberation=d).select_related("member"))
    if d.agenda_item_id:
        recusals += list(
            Recusal.objects.filter(agenda_item_id=d.agenda_item_id).select_related("member")
        )
    recused = {r.member_id for r in recusals}
    materials = visible_materials(user).filter(pk__in=d.materials.values("pk"))
    mine = Vote.objects.filter(deliberation=d, member=user).first() if is_member(user) else None
    in_roster = is_member(user) and user.pk in d.roster
    is_open = d.status == Deliberation.Status.OPEN and now < d.closes_at
    decided = d.status in (Deliberation.Status.DECIDED, Deliberation.Status.PUBLISHED)
    ctx = {
        "deliberation": d,
        "materials": list(materials),
        "recusals": recusals,
        "my_vote": mine,
        "my_recusal": next((r for r in recusals if r.member_id == user.pk), None),
        "can_vote": in_roster and is_open and user.pk not in recused,
        "can_recuse": in_roster and is_open and user.pk not in recused,
        "is_open": is_open,
        "decided": decided,
        "rules": {
            "quorum": rules.rule("QUORUM"),
            "majority": rules.rule("MAJORITY"),
            "chair_decides_tie": rules.rule("CHAIR_DECIDES_TIE"),
            "publish_names": rules.rule("PUBLISH_VOTE_NAMES"),
        },
        "vote_form": VoteForm(initial={"choice": mine.choice, "text": mine.text} if mine else None),
        "recusal_form": RecusalForm(),
        "tally": d.tally if decided else None,
        "names": published_names(d),
    }
    if staff:
        # Only the secretariat sees the votes while they are private.
        ctx["votes"] = list(Vote.objects.filter(deliberation=d).select_related("member"))
        ctx["live_tally"] = tally(d) if d.status == Deliberation.Status.OPEN else None
        ctx["chair_name"] = str(d.chair) if d.chair_id else ""
    return ctx
