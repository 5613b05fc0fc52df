from django.urls import path

from committee import views

app_name = "committee"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/calendar.ics", views.meeting_ics, name="meeting-ics"),
    path("<int:pk>/items/new/", views.agenda_item_create, name="agenda-item-create"),
    path("items/<int:pk>/edit/", views.agenda_item_edit, name="agenda-item-edit"),
    path("items/<int:pk>/delete/", views.agenda_item_delete, name="agenda-item-delete"),
    path("items/<int:pk>/move/<str:direction>/", views.agenda_item_move, name="agenda-item-move"),
    path("items/<int:pk>/hearings/new/", views.hearing_create, name="hearing-create"),
    path("hearings/<int:pk>/edit/", views.hearing_edit, name="hearing-edit"),
    path("hearings/<int:pk>/delete/", views.hearing_delete, name="hearing-delete"),
    path("<int:pk>/materials/new/", views.material_create, name="material-create"),
    path("materials/<int:pk>/edit/", views.material_edit, name="material-edit"),
    path("materials/<int:pk>/delete/", views.material_delete, name="material-delete"),
    path("materials/<int:pk>/download/", views.material_download, name="material-download"),
    path(
        "materials/<int:pk>/versions/<int:version_pk>/download/",
        views.material_download,
        name="material-version-download",
    ),
    path("<int:pk>/minutes/edit/", views.minutes_edit, name="minutes-edit"),
]
