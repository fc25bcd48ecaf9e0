from django.urls import path

from negotiation.views import dashboard, focus, missions, opportunities, sharing

mission = "opportunities/<int:pk>/mission"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("focus/", focus.focus_edit, name="focus_edit"),
    # Opportunities, their people and interviews.
    path("opportunities/", opportunities.opportunity_list, name="opportunity_list"),
    path("opportunities/new/", opportunities.opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/", opportunities.opportunity_detail, name="opportunity_detail"),
    path("opportunities/<int:pk>/edit/", opportunities.opportunity_edit, name="opportunity_edit"),
    path(
        "opportunities/<int:pk>/delete/",
        opportunities.opportunity_delete,
        name="opportunity_delete",
    ),
    path(
        "opportunities/<int:pk>/stage/", opportunities.opportunity_stage, name="opportunity_stage"
    ),
    path("opportunities/<int:pk>/people/new/", opportunities.person_create, name="person_create"),
    path(
        "opportunities/<int:pk>/people/<int:person_pk>/edit/",
        opportunities.person_edit,
        name="person_edit",
    ),
    path(
        "opportunities/<int:pk>/people/<int:person_pk>/delete/",
        opportunities.person_delete,
        name="person_delete",
    ),
    path(
        "opportunities/<int:pk>/interviews/new/",
        opportunities.interview_create,
        name="interview_create",
    ),
    path(
        "opportunities/<int:pk>/interviews/<int:interview_pk>/edit/",
        opportunities.interview_edit,
        name="interview_edit",
    ),
    path(
        "opportunities/<int:pk>/interviews/<int:interview_pk>/delete/",
        opportunities.interview_delete,
        name="interview_delete",
    ),
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
