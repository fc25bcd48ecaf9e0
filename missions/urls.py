from django.urls import path

from missions.views import editor as missions
from missions.views import sharing

mission = "opportunities/<int:pk>/mission"

urlpatterns = [
    # The job mission editor: one URL per region and action.
    path(f"{mission}/", missions.mission_edit, name="mission_edit"),
    path(f"{mission}/objectives/new/", missions.objective_create, name="objective_create"),
    path(
        f"{mission}/objectives/<int:objective_pk>/",
        missions.objective_edit,
        name="objective_edit",
    ),
    path(
        f"{mission}/objectives/<int:objective_pk>/delete/",
        missions.objective_delete,
        name="objective_delete",
    ),
    path(
        f"{mission}/objectives/<int:objective_pk>/move/",
        missions.objective_move,
        name="objective_move",
    ),
    path(
        f"{mission}/objectives/<int:objective_pk>/key-results/new/",
        missions.key_result_create,
        name="key_result_create",
    ),
    path(
        f"{mission}/key-results/<int:key_result_pk>/",
        missions.key_result_edit,
        name="key_result_edit",
    ),
    path(
        f"{mission}/key-results/<int:key_result_pk>/delete/",
        missions.key_result_delete,
        name="key_result_delete",
    ),
    path(
        f"{mission}/key-results/<int:key_result_pk>/move/",
        missions.key_result_move,
        name="key_result_move",
    ),
    path(f"{mission}/questions/new/", missions.question_create, name="question_create"),
    path(
        f"{mission}/questions/<int:question_pk>/",
        missions.question_edit,
        name="question_edit",
    ),
    path(
        f"{mission}/questions/<int:question_pk>/delete/",
        missions.question_delete,
        name="question_delete",
    ),
    path(
        f"{mission}/questions/<int:question_pk>/move/",
        missions.question_move,
        name="question_move",
    ),
    # The PDF and the hiring manager's read-only link.
    path("opportunities/<int:pk>/mission.pdf", sharing.mission_pdf, name="mission_pdf"),
    path(f"{mission}/share/", sharing.share_link_create, name="share_link_create"),
    path(f"{mission}/share/revoke/", sharing.share_link_revoke, name="share_link_revoke"),
    path("share/<str:token>/", sharing.share_page, name="share_page"),
    path("share/<str:token>/pdf", sharing.share_pdf, name="share_pdf"),
]
