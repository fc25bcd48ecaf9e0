from django.urls import path

from councils.views import comments, councils, debriefs, gratitude, invitations, sharing

council = "councils/<int:pk>"

urlpatterns = [
    # Councils and their members.
    path("councils/", councils.council_list, name="council_list"),
    path("councils/new/", councils.council_create, name="council_create"),
    path(f"{council}/", councils.council_detail, name="council_detail"),
    path(f"{council}/edit/", councils.council_edit, name="council_edit"),
    path(f"{council}/delete/", councils.council_delete, name="council_delete"),
    path(f"{council}/leave/", councils.council_leave, name="council_leave"),
    path(
        f"{council}/members/<int:membership_pk>/remove/",
        councils.member_remove,
        name="member_remove",
    ),
    # Invitations by email.
    path(f"{council}/invitations/new/", invitations.invitation_create, name="invitation_create"),
    path(
        f"{council}/invitations/<int:invitation_pk>/revoke/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        f"{council}/invitations/<int:invitation_pk>/resend/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    # Sharing the owner's work with councils, and reading what was shared.
    path("focus/councils/", sharing.focus_share, name="focus_share"),
    path("opportunities/<int:pk>/mission/councils/", sharing.mission_share, name="mission_share"),
    path("opportunities/<int:pk>/plan/councils/", sharing.plan_share, name="plan_share"),
    path("debriefs/<int:pk>/councils/", sharing.debrief_share, name="debrief_share"),
    path("councils/shares/<int:share_pk>/", sharing.share_detail, name="share_detail"),
    # Comments on shared work.
    path(
        "councils/shares/<int:share_pk>/comments/new/",
        comments.comment_create,
        name="comment_create",
    ),
    path("comments/<int:comment_pk>/edit/", comments.comment_edit, name="comment_edit"),
    path("comments/<int:comment_pk>/delete/", comments.comment_delete, name="comment_delete"),
    path("comments/<int:comment_pk>/resolve/", comments.comment_resolve, name="comment_resolve"),
    path(
        "notifications/unsubscribe/<str:token>/",
        comments.notification_unsubscribe,
        name="notification_unsubscribe",
    ),
    # Debriefs, the gratitude house and the page to read before an interview.
    path("debriefs/", debriefs.debrief_list, name="debrief_list"),
    path("debriefs/new/", debriefs.debrief_create, name="debrief_create"),
    path("debriefs/<int:pk>/", debriefs.debrief_detail, name="debrief_detail"),
    path("debriefs/<int:pk>/edit/", debriefs.debrief_edit, name="debrief_edit"),
    path("debriefs/<int:pk>/delete/", debriefs.debrief_delete, name="debrief_delete"),
    path("gratitude/", gratitude.gratitude_list, name="gratitude_list"),
    path("gratitude/<int:pk>/edit/", gratitude.gratitude_edit, name="gratitude_edit"),
    path("gratitude/<int:pk>/delete/", gratitude.gratitude_delete, name="gratitude_delete"),
    path("opportunities/<int:pk>/prepare/", debriefs.prepare, name="prepare"),
]
