from django.urls import path

from dispatch_stats import views

app_name = "dispatch_stats"

urlpatterns = [
    path("", views.index, name="index"),
    path("charts/<slug:slug>.csv", views.chart_csv, name="chart-csv"),
    path("export/<str:dataset>.<str:fmt>", views.export, name="export"),
    path("import/", views.import_upload, name="import"),
    path("import/checks/<str:key>/", views.import_check, name="import-check"),
    path("import/confirm/", views.import_confirm, name="import-confirm"),
    path("import/log/", views.import_log_list, name="import-log-list"),
]
