from django.urls import path

from negotiation.views import conversations, money, offers, plans

plan = "opportunities/<int:pk>/plan"

urlpatterns = [
    # Opportunities, their people and interviews.
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
    path(
        f"{plan}/conversations/new/", conversations.conversation_create, name="conversation_create"
    ),
    path(
        f"{plan}/conversations/<int:conversation_pk>/",
        conversations.conversation_edit,
        name="conversation_edit",
    ),
    path(
        f"{plan}/conversations/<int:conversation_pk>/delete/",
        conversations.conversation_delete,
        name="conversation_delete",
    ),
    path(f"{plan}/money/", money.money_ask_edit, name="money_ask_edit"),
    path(f"{plan}/money/draft/", money.money_ask_draft, name="money_ask_draft"),
    path(f"{plan}/money/outcome/", money.money_ask_outcome, name="money_ask_outcome"),
    path(f"{plan}/offers/new/", offers.offer_create, name="offer_create"),
    path(f"{plan}/offers/<int:offer_pk>/", offers.offer_edit, name="offer_edit"),
    path(f"{plan}/offers/<int:offer_pk>/delete/", offers.offer_delete, name="offer_delete"),
    path("offers/compare/", offers.offer_compare, name="offer_compare"),
]
