from django.urls import path

from reports.review import urls as review_urls
from reports.views import drafting, links, outputs, pages

app_name = "reports"

# The outline's edit, move and delete views serve headings and paragraphs alike.
SECTION = {"kind": "section"}
PARAGRAPH = {"kind": "paragraph"}

urlpatterns = [
    path("", pages.report_list, name="report-list"),
    path("new/", pages.report_create, name="report-create"),
    path("<int:pk>/editions/new/", pages.edition_create, name="edition-create"),
    path("editions/<int:pk>/", pages.edition_detail, name="edition-detail"),
    path("editions/<int:pk>/coverage/", pages.edition_coverage, name="edition-coverage"),
    path("editions/<int:pk>/status/", pages.edition_status, name="edition-status"),
    path("editions/<int:pk>/history/", pages.edition_history, name="edition-history"),
    path("editions/<int:pk>/sections/new/", drafting.section_create, name="section-create"),
    path("sections/<int:pk>/edit/", drafting.item_edit, SECTION, name="section-edit"),
    path(
        "sections/<int:pk>/move/<str:direction>/", drafting.item_move, SECTION, name="section-move"
    ),
    path("sections/<int:pk>/delete/", drafting.item_delete, SECTION, name="section-delete"),
    path("sections/<int:pk>/paragraphs/new/", drafting.paragraph_create, name="paragraph-create"),
    path("paragraphs/<int:pk>/edit/", drafting.item_edit, PARAGRAPH, name="paragraph-edit"),
    path(
        "paragraphs/<int:pk>/move/<str:direction>/",
        drafting.item_move,
        PARAGRAPH,
        name="paragraph-move",
    ),
    path("paragraphs/<int:pk>/delete/", drafting.item_delete, PARAGRAPH, name="paragraph-delete"),
    path("paragraphs/<int:pk>/links/", links.paragraph_links, name="paragraph-links"),
    path("paragraphs/<int:pk>/questions/", links.paragraph_questions, name="paragraph-questions"),
    path("paragraphs/<int:pk>/links/add/", links.paragraph_link, name="paragraph-link"),
    path(
        "paragraphs/<int:pk>/links/<int:comment_pk>/delete/",
        links.paragraph_unlink,
        name="paragraph-unlink",
    ),
    path(
        "editions/<int:pk>/comments/<int:comment_pk>/disposition/",
        links.disposition_edit,
        name="disposition-edit",
    ),
    path("editions/<int:pk>/print/", outputs.edition_print, name="edition-print"),
    path("editions/<int:pk>/edition.docx", outputs.edition_word, name="edition-docx"),
    path("editions/<int:pk>/responses/", outputs.responses_page, name="responses"),
    path(
        "editions/<int:pk>/responses.xlsx",
        outputs.responses_xlsx_download,
        name="responses-xlsx",
    ),
    path("editions/<int:pk>/responses.csv", outputs.responses_csv_download, name="responses-csv"),
    path("editions/<int:pk>/compare/", outputs.compare_page, name="compare"),
    path("editions/<int:pk>/compare.docx", outputs.compare_word, name="compare-docx"),
    path("editions/<int:pk>/attach/", outputs.edition_attach, name="edition-attach"),
]

# Review of a shared edition (issue 16).
urlpatterns += review_urls.urlpatterns
