from django.contrib import admin
from django.urls import include, path

from committee import views as committee_views
from config import views

admin.site.site_header = "国際戦略委員会 管理"
admin.site.site_title = "国際戦略委員会"

urlpatterns = [
    path("", committee_views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("oidc/", include("accounts.oidc_urls")),
    path("meetings/", include("committee.urls")),
    path("questions/", include("policies.urls")),
    path("desk/", include("policies.desk.urls")),
    path("strategy/", include("policies.strategy_urls")),
    path("digest/", include("policies.digest_urls")),
    path("moderation/", include("policies.moderation_urls")),
    path("reports/", include("reports.urls")),
    path("proceedings/", include("proceedings.urls")),
    path("statistics/", include("dispatch_stats.urls")),
    path("schemes/", include("schemes.urls")),
    path("search/", include("search.urls")),
    path("tasks/", include("core.urls")),
    path("audit/", include("accounts.audit_urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "config.views.server_error"
