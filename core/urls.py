from django.urls import path

from core import task_views

app_name = "core"

urlpatterns = [
    path("<uuid:pk>/", task_views.task_run_detail, name="task-run"),
    path("<uuid:pk>/cancel/", task_views.task_run_cancel, name="task-run-cancel"),
]
