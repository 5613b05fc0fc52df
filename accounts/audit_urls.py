from django.urls import path

from accounts import audit_views as views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="entry-list"),
    path("export.csv", views.entry_list_csv, name="entry-list-csv"),
    path("export.xlsx", views.entry_list_xlsx, name="entry-list-xlsx"),
]
