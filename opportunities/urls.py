from django.urls import path

from opportunities.views import dashboard, focus, opportunities

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("focus/", focus.focus_edit, name="focus_edit"),
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
    # Offers: recorded on the plan, compared across opportunities.
]
