"""議事録確認: a speaker's own statements, confirmed or corrected; the secretariat's decision."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts import roles
from accounts.decorators import role_required, secretariat_required
from core.errors import Refusal
from proceedings import selectors
from proceedings.access import access_confirmation, access_correction, access_own_statement
from proceedings.forms import CorrectionForm, DecisionForm
from proceedings.models import Confirmation, Correction
from proceedings.services import confirm as services
from proceedings.views.common import done, refused
from proceedings.views.records import MANAGE, manage_context

CONFIRM = "proceedings/record_confirm.html"
member_required = role_required(roles.MEMBER)


def _confirm_ctx(record, user, **extra) -> dict:
    statements = list(
        selectors.own_statements(record, user).prefetch_related("corrections").order_by("position")
    )
    for s in statements:
        s.own_corrections = [c for c in s.corrections.all() if c.proposed_by_id == user.pk]
    return {
        "record": record,
        "meeting": record.meeting,
        "statements": statements,
        "mine": Confirmation.objects.filter(record=record, member=user).first(),
        **extra,
    }


@member_required
@require_safe
def record_confirm(request, pk: int):
    record = access_confirmation(request.user, pk)
    return render(request, CONFIRM, _confirm_ctx(record, request.user))


@member_required
@require_POST
def record_confirm_done(request, pk: int):
    record = access_confirmation(request.user, pk)
    try:
        services.confirmation_confirm(record=record, member=request.user)
    except Refusal as error:
        return refused(request, CONFIRM, _confirm_ctx(record, request.user), error)
    url = reverse("proceedings:record-confirm", args=[record.pk])
    return done(request, url, _("Thank you: your statements are confirmed."))


@member_required
@require_POST
def statement_correct(request, pk: int):
    statement = access_own_statement(request.user, pk)
    record = statement.record
    form = CorrectionForm(request.POST)
    try:
        if not form.is_valid():
            raise Refusal(_("Write the corrected statement."), status=422)
        services.correction_propose(
            statement=statement,
            member=request.user,
            base_version=form.cleaned_data["version"],
            text=form.cleaned_data["text"],
            note=form.cleaned_data["note"],
        )
    except Refusal as error:
        ctx = _confirm_ctx(
            record,
            request.user,
            bad_statement=statement.pk,
            typed=request.POST.get("text", ""),
            typed_note=request.POST.get("note", ""),
        )
        return refused(request, CONFIRM, ctx, error)
    url = reverse("proceedings:record-confirm", args=[record.pk]) + f"#st-{statement.pk}"
    return done(request, url, _("Your correction was sent to the secretariat."))


@secretariat_required
@require_POST
def correction_decide(request, pk: int):
    correction = access_correction(request.user, pk)
    record = correction.statement.record
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise Refusal(_("Choose to accept or to discuss the correction."), status=422)
        correction = services.correction_decide(
            correction=correction,
            decision=form.cleaned_data["decision"],
            response=form.cleaned_data["response"],
            by=request.user,
        )
    except Refusal as error:
        return refused(request, MANAGE, manage_context(record), error)
    message = (
        _("Correction accepted.")
        if correction.status == Correction.Status.ACCEPTED
        else _("Marked for discussion.")
    )
    url = reverse("proceedings:record-manage", args=[record.pk]) + f"#st-{correction.statement_id}"
    return done(request, url, message)
