from django.urls import path

from proceedings.views import attendance, confirm, records, search, written

app_name = "proceedings"

urlpatterns = [
    path("meetings/<int:pk>/attendance/", attendance.attendance, name="attendance"),
    path("meetings/<int:pk>/attendance/roster/", attendance.roster_take, name="roster-take"),
    path("attendance/<int:pk>/", attendance.attendance_record, name="attendance-record"),
    path("attendance/<int:pk>/chair/", attendance.attendance_chair, name="attendance-chair"),
    path("meetings/<int:pk>/records/<str:kind>/new/", records.record_create, name="record-create"),
    path("records/<int:pk>/", records.record_detail, name="record-detail"),
    path("records/<int:pk>/manage/", records.record_manage, name="record-manage"),
    path("records/<int:pk>/import/", records.record_import, name="record-import"),
    path("records/<int:pk>/send/", records.record_send, name="record-send"),
    path("records/<int:pk>/remind/", records.record_remind, name="record-remind"),
    path("records/<int:pk>/publish/", records.record_publish, name="record-publish"),
    path("records/<int:pk>/print/", records.record_print, name="record-print"),
    path("records/<int:pk>/record.docx", records.record_docx_view, name="record-docx"),
    path("records/<int:pk>/confirm/", confirm.record_confirm, name="record-confirm"),
    path("records/<int:pk>/confirm/done/", confirm.record_confirm_done, name="record-confirm-done"),
    path("statements/<int:pk>/correct/", confirm.statement_correct, name="statement-correct"),
    path("corrections/<int:pk>/decide/", confirm.correction_decide, name="correction-decide"),
    path("search/", search.statement_search, name="statement-search"),
    path("written/", written.deliberation_list, name="deliberation-list"),
    path("meetings/<int:pk>/written/new/", written.deliberation_create, name="deliberation-create"),
    path("written/<int:pk>/", written.deliberation_detail, name="deliberation-detail"),
    path("written/<int:pk>/open/", written.deliberation_open, name="deliberation-open"),
    path("written/<int:pk>/vote/", written.deliberation_vote, name="deliberation-vote"),
    path("written/<int:pk>/recuse/", written.deliberation_recuse, name="deliberation-recuse"),
    path("items/<int:pk>/recuse/", written.item_recuse, name="item-recuse"),
    path("written/<int:pk>/decide/", written.deliberation_decide, name="deliberation-decide"),
    path("written/<int:pk>/publish/", written.deliberation_publish, name="deliberation-publish"),
    path("written/<int:pk>/result.docx", written.deliberation_docx, name="deliberation-docx"),
]
