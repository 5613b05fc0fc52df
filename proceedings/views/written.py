"""書面審議: the secretariat's proposals, members' votes and conflicts of interest, the 議決記録."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import roles
from accounts.decorators import login, public, role_required, secretariat_required
from accounts.roles import is_secretariat
from committee.access import access_agenda_item, access_meeting
from committee.selectors import suggest_material_numbers
from core.errors import Refusal
from core.exports import DOCX_CONTENT_TYPE, download
from proceedings import written_selectors as selectors
from proceedings.access import access_deliberation, visible_deliberations
from proceedings.exports import resolution_docx
from proceedings.forms import DeliberationForm, PublishResultForm, RecusalForm, VoteForm
from proceedings.services import written as services
from proceedings.views.common import done, refused

DETAIL = "proceedings/deliberation_detail.html"
member_required = role_required(roles.MEMBER)


def _url(d) -> str:
    return reverse("proceedings:deliberation-detail", args=[d.pk])


def _ctx(request, d, **extra) -> dict:
    ctx = selectors.deliberation_page(request.user, d)
    if is_secretariat(request.user) and d.status == d.Status.DECIDED:
        ctx["publish_form"] = extra.pop("publish_form", None) or PublishResultForm(
            meeting=d.meeting,
            initial={
                "number": next(iter(suggest_material_numbers(d.meeting)), ""),
                "title": _("Record of decision in writing") + f"：{d.title}",
            },
        )
    return {**ctx, **extra}


@login
@require_safe
def deliberation_list(request):
    items = visible_deliberations(request.user).order_by("-created_at")
    return render(request, "proceedings/deliberation_list.html", {"deliberations": items})


@secretariat_required
@require_http_methods(["GET", "HEAD", "POST"])
def deliberation_create(request, pk: int):
    meeting = access_meeting(request.user, pk, for_write=True)
    form = DeliberationForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        d = services.deliberation_create(meeting=meeting, by=request.user, **form.cleaned_data)
        return done(request, _url(d), _("The proposal was saved as a draft."))
    status = 422 if request.method == "POST" else 200
    ctx = {"meeting": meeting, "form": form}
    return render(request, "proceedings/deliberation_form.html", ctx, status=status)


@public
@require_safe
def deliberation_detail(request, pk: int):
    d = access_deliberation(request.user, pk)
    return render(request, DETAIL, _ctx(request, d))


def _act(request, d, action, message: str, **extra):
    try:
        action()
    except Refusal as error:
        return refused(request, DETAIL, _ctx(request, d, **extra), error)
    return done(request, _url(d), message)


def _secretariat_step(request, pk: int, service, message: str):
    """A step the secretariat takes on the proposal with no form: open it, record the result."""
    d = access_deliberation(request.user, pk, for_write=True)
    return _act(request, d, lambda: service(deliberation=d, by=request.user), message)


@secretariat_required
@require_POST
def deliberation_open(request, pk: int):
    message = _("The proposal was put to the members.")
    return _secretariat_step(request, pk, services.deliberation_open, message)


def _reason_error(form) -> str:
    """What is wrong with the reason, as the form says it (too long, a control character…)."""
    return " ".join(str(m) for m in form.errors.get("reason", [])) or _("The reason is too long.")


def _member_answer(request, pk: int, form, service, *, invalid, message: str, form_name: str):
    """A member's vote or declaration on the proposal: `invalid(form)` says what is wrong with
    the form; a valid one goes to `service` with the member."""
    d = access_deliberation(request.user, pk)

    def action():
        if not form.is_valid():
            raise Refusal(invalid(form), status=422)
        service(deliberation=d, member=request.user, **form.cleaned_data)

    return _act(request, d, action, message, **{form_name: form})


@member_required
@require_POST
def deliberation_vote(request, pk: int):
    return _member_answer(
        request,
        pk,
        VoteForm(request.POST),
        services.vote_cast,
        invalid=lambda _form: _("Choose in favour, against, or with an opinion."),
        message=_("Your vote was recorded."),
        form_name="vote_form",
    )


@member_required
@require_POST
def deliberation_recuse(request, pk: int):
    message = _("Your conflict of interest was recorded.")
    form = RecusalForm(request.POST)
    return _member_answer(
        request,
        pk,
        form,
        services.recusal_declare,
        invalid=_reason_error,
        message=message,
        form_name="recusal_form",
    )


@member_required
@require_POST
def item_recuse(request, pk: int):
    item = access_agenda_item(request.user, pk)
    form = RecusalForm(request.POST)
    url = reverse("committee:meeting-detail", args=[item.meeting_id]) + f"#item-{item.pk}"
    if not form.is_valid():
        return HttpResponse(_reason_error(form), status=422)
    services.recusal_declare(agenda_item=item, member=request.user, **form.cleaned_data)
    return done(request, url, _("Your conflict of interest was recorded."))


@secretariat_required
@require_POST
def deliberation_decide(request, pk: int):
    return _secretariat_step(request, pk, services.result_record, _("The result was recorded."))


@secretariat_required
@require_POST
def deliberation_publish(request, pk: int):
    d = access_deliberation(request.user, pk, for_write=True)
    form = PublishResultForm(request.POST, meeting=d.meeting)

    def action():
        if not form.is_valid():
            raise Refusal(_("Check the material number and title."), status=422)
        document = resolution_docx(d, names=selectors.published_names(d))
        filename = f"giketsu-{d.pk}.docx"
        services.result_publish(
            deliberation=d,
            document=document,
            filename=filename,
            by=request.user,
            **form.cleaned_data,
        )

    return _act(request, d, action, _("The record of decision was published."), publish_form=form)


@public
@require_safe
def deliberation_docx(request, pk: int):
    d = access_deliberation(request.user, pk)
    if d.status not in (d.Status.DECIDED, d.Status.PUBLISHED):
        return HttpResponse(_("The result is not recorded yet."), status=404)
    data = resolution_docx(d, names=selectors.published_names(d))
    return download(data, f"giketsu-{d.pk}.docx", DOCX_CONTENT_TYPE)
