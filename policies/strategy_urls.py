from django.urls import path

from policies import strategy_views

app_name = "strategy"

urlpatterns = [
    path("", strategy_views.strategy, name="index"),
    path("glossary/", strategy_views.glossary, name="glossary"),
]
