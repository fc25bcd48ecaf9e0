from django.urls import path

from negotiation.views import dashboard, focus, missions, offers, opportunities, plans, sharing

mission = "opportunities/<int:pk>/mission"
plan = "opportunities/<int:pk>/plan"

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
    # The negotiation plan: success first, then money.
    path(f"{plan}/", plans.plan_detail, name="plan_detail"),
    path("opportunities/<int:pk>/plan.pdf", plans.plan_pdf, name="plan_pdf"),
    path(f"{plan}/stage/", plans.plan_stage, name="plan_stage"),
    path(f"{plan}/asks/new/", plans.success_ask_create, name="success_ask_create"),
    path(f"{plan}/asks/<int:ask_pk>/", plans.success_ask_edit, name="success_ask_edit"),
    path(f"{plan}/asks/<int:ask_pk>/status/", plans.success_ask_status, name="success_ask_status"),
    path(f"{plan}/asks/<int:ask_pk>/delete/", plans.success_ask_delete, name="success_ask_delete"),
    path(f"{plan}/red-flags/new/", plans.red_flag_create, name="red_flag_create"),
    path(
        f"{plan}/red-flags/<int:flag_pk>/resolve/",
        plans.red_flag_resolve,
        name="red_flag_resolve",
    ),
    path(
        f"{plan}/refused/", plans.success_conversation_refused, name="success_conversation_refused"
    ),
    path(f"{plan}/conversations/new/", plans.conversation_create, name="conversation_create"),
    path(
        f"{plan}/conversations/<int:conversation_pk>/",
        plans.conversation_edit,
        name="conversation_edit",
    ),
    path(
        f"{plan}/conversations/<int:conversation_pk>/delete/",
        plans.conversation_delete,
        name="conversation_delete",
    ),
    path(f"{plan}/money/", plans.money_ask_edit, name="money_ask_edit"),
    path(f"{plan}/money/draft/", plans.money_ask_draft, name="money_ask_draft"),
    path(f"{plan}/money/outcome/", plans.money_ask_outcome, name="money_ask_outcome"),
    # Offers: recorded on the plan, compared across opportunities.
    path(f"{plan}/offers/new/", offers.offer_create, name="offer_create"),
    path(f"{plan}/offers/<int:offer_pk>/", offers.offer_edit, name="offer_edit"),
    path(f"{plan}/offers/<int:offer_pk>/delete/", offers.offer_delete, name="offer_delete"),
    path("offers/compare/", offers.offer_compare, name="offer_compare"),
]
