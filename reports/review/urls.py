"""The review URLs, added to the reports namespace (reports:review-*)."""

from django.urls import path

from reports.review import stance_views, views

urlpatterns = [
    path("editions/<int:pk>/review/", views.edition_review, name="review-edition"),
    path("editions/<int:pk>/review/period/", views.period_set, name="review-period"),
    path("editions/<int:pk>/review/close/", views.period_close, name="review-close"),
    path("paragraphs/<int:pk>/review/", views.paragraph_review, name="review-paragraph"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="review-edit"),
    path("reviews/<int:pk>/delete/", views.review_delete, name="review-delete"),
    path("reviews/<int:pk>/dispose/", views.suggestion_dispose, name="review-dispose"),
]

urlpatterns += [
    path("stances/", stance_views.stance_summary, name="stance-summary"),
    path("stances/stances.xlsx", stance_views.stance_xlsx, name="stance-xlsx"),
    path("stances/questions/<int:pk>/", stance_views.stance_grid, name="stance-grid"),
]
