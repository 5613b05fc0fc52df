from django.urls import path

from search import views

# Un-namespaced on purpose: templates everywhere link {% url 'search' %}.
urlpatterns = [
    path("", views.search, name="search"),
]
