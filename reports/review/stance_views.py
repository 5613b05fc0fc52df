"""Where the committee stands: the summary across questions, one question's grid (printable),
and the XLSX of every grid. Members see their own row; the chair and the secretariat every
row; observers and visitors nothing (404)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.decorators import login
from audit import actions
from audit.services import audit_record
from core.exports import XLSX_CONTENT_TYPE, download, sheet_title, xlsx_append, xlsx_bytes
from policies.access import access_question
from reports.review.access import can_see_stances, sees_all_stances
from reports.review.stances import standing


def _allowed(request) -> None:
    if not can_see_stances(request.user):
        raise Http404


@login
@require_safe
def stance_summary(request):
    _allowed(request)
    ctx = {"standing": standing(request.user), "sees_all": sees_all_stances(request.user)}
    return render(request, "reports/review/stance_summary.html", ctx)


@login
@require_safe
def stance_grid(request, pk: int):
    _allowed(request)
    question = access_question(request.user, pk)
    if not question.is_published:  # stances are taken on published questions only
        raise Http404
    data = standing(request.user, question=question)
    ctx = {"standing": data, "grid": data.grids[0] if data.grids else None, "question": question}
    ctx["sees_all"] = sees_all_stances(request.user)
    return render(request, "reports/review/stance_grid.html", ctx)


def _sheet(ws, data) -> None:
    xlsx_append(ws, [_("Where the committee stands")])
    ws["A1"].font = Font(bold=True, size=13)
    for grid in data.grids:
        q = grid.question
        ws.append([])
        xlsx_append(ws, [q.label])
        xlsx_append(ws, [_("Member"), *[f"第{m.number}回" for m in data.meetings]])
        for row in grid.rows:
            cells = [
                f"{c.changed_from_label} → {c.label}" if c.changed_from else c.label
                for c in row.cells
            ]
            xlsx_append(ws, [str(row.member), *cells])
        xlsx_append(ws, [_("Left out (deleted or hidden)"), grid.left_out])


@login
@require_safe
def stance_xlsx(request):
    _allowed(request)
    # Members' stances are members-only data: their export is in the audit trail.
    audit_record(
        actor=request.user, action=actions.EXPORT, after={"what": "stances"}, request=request
    )
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(_("Stances"), set())
    _sheet(ws, standing(request.user))
    return download(xlsx_bytes(wb), "stances.xlsx", XLSX_CONTENT_TYPE)
