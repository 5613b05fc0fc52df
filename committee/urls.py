from django.urls import path

from committee import views

app_name = "committee"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
]
