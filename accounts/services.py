"""A user's whole account: everything they keep here, to take away (export) or to erase (delete).

``OWN_ROWS`` says, for every model of our apps, which of its rows are the user's. The export
walks it, and tests/accounts/test_export.py fails when a model of any domain app is
missing from it, so new data can't quietly stay out of a user's export.
"""

import datetime as dt
import json
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from councils.models import (
    Comment,
    Council,
    Debrief,
    GratitudeEntry,
    Invitation,
    Membership,
    NotificationPreference,
    Share,
)
from missions.models import KeyResult, Mission, Objective, Question, ShareLink
from negotiation.models import Conversation, MoneyAsk, NegotiationPlan, Offer, RedFlag, SuccessAsk
from opportunities.models import Focus, Interview, Opportunity, Person, StageChange

EXPORT_FORMAT = "jobmission-export/1"

# For each model: the lookup from its rows to the user they belong to.
OWN_ROWS: dict[type[models.Model], str] = {
    Focus: "owner",
    Opportunity: "owner",
    StageChange: "opportunity__owner",
    Person: "opportunity__owner",
    Interview: "opportunity__owner",
    Mission: "opportunity__owner",
    Objective: "mission__opportunity__owner",
    KeyResult: "objective__mission__opportunity__owner",
    Question: "mission__opportunity__owner",
    ShareLink: "mission__opportunity__owner",
    NegotiationPlan: "opportunity__owner",
    SuccessAsk: "plan__opportunity__owner",
    RedFlag: "plan__opportunity__owner",
    Conversation: "plan__opportunity__owner",
    Offer: "opportunity__owner",
    MoneyAsk: "plan__opportunity__owner",
    Council: "owner",
    Membership: "user",
    Invitation: "invited_by",
    Share: "shared_by",
    Comment: "author",
    Debrief: "owner",
    GratitudeEntry: "owner",
    NotificationPreference: "user",
}

# Secrets never leave the server, not even to their owner: a share link's token can be rebuilt
# from its salt, and a digest is only useful to someone guessing tokens.
SECRET_FIELDS: dict[type[models.Model], set[str]] = {
    ShareLink: {"token_digest", "token_salt"},
    Invitation: {"token_digest"},
}


# Bookkeeping, not the user's data: the counter that keys cached pages.
INTERNAL_FIELDS: dict[type[models.Model], set[str]] = {Opportunity: {"revision"}}


def _rows(model: type[models.Model], user) -> list[dict]:
    """The user's rows of one model as plain values: foreign keys as ids, many-to-many as lists."""
    hidden = SECRET_FIELDS.get(model, set()) | INTERNAL_FIELDS.get(model, set())
    fields = [f for f in model._meta.concrete_fields if f.name not in hidden]
    many = [f.name for f in model._meta.many_to_many]
    queryset = model.objects.filter(**{OWN_ROWS[model]: user}).order_by("pk")
    rows = []
    for obj in queryset.prefetch_related(*many):
        row = {field.attname: field.value_from_object(obj) for field in fields}
        for name in many:
            row[name] = sorted(related.pk for related in getattr(obj, name).all())
        rows.append(row)
    return rows


def export_data(*, user) -> dict:
    """Everything the user keeps in JobMission, without password hashes or secrets."""
    data: dict = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": list(
                EmailAddress.objects.filter(user=user)
                .order_by("pk")
                .values("email", "verified", "primary")
            ),
            # Which kinds of two-factor authentication are on, never their secrets.
            "two_factor": list(
                Authenticator.objects.filter(user=user)
                .order_by("pk")
                .values("type", "created_at", "last_used_at")
            ),
        },
    }
    for model in OWN_ROWS:
        app = data.setdefault(model._meta.app_label, {})
        app[model.__name__] = _rows(model, user)
    return data


def export_json(*, user) -> str:
    """The export as the JSON document a user downloads."""
    return json.dumps(export_data(user=user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def export_filename(today: dt.date | None = None) -> str:
    """jobmission-export-YYYY-MM-DD.json, dated in the server's time zone."""
    return f"jobmission-export-{(today or timezone.localdate()).isoformat()}.json"


def deletion_summary(*, user) -> dict:
    """What deleting the account takes with it, in numbers the confirmation page shows."""
    owned = (
        Council.objects.filter(owner=user)
        .annotate(others=Count("memberships", filter=~Q(memberships__user=user)))
        .order_by("name", "pk")
    )
    return {
        "has_focus": Focus.objects.filter(owner=user).exists(),
        "opportunities": Opportunity.objects.filter(owner=user).count(),
        "debriefs": Debrief.objects.filter(owner=user).count(),
        "gratitude_entries": GratitudeEntry.objects.filter(owner=user).count(),
        "comments": Comment.objects.filter(author=user, deleted_at__isnull=True).count(),
        "owned_councils": [(council, council.others) for council in owned],
        "other_councils": Council.objects.filter(memberships__user=user)
        .exclude(owner=user)
        .order_by("name", "pk"),
    }


def _session_keys_of(user) -> list[str]:
    """The keys of every stored session signed in as the user, on any device."""
    engine = import_module(settings.SESSION_ENGINE)
    get_model = getattr(engine.SessionStore, "get_model_class", None)
    if get_model is None:
        # Signed-cookie and cache-only sessions can't be listed; they end on their next request
        # anyway, because their user no longer exists.
        return []
    user_id = str(user.pk)
    sessions = get_model().objects.filter(expire_date__gt=timezone.now())
    return [
        session.session_key
        for session in sessions.iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]


def delete_account(*, user) -> None:
    """Delete the user and everything that is theirs; other people's work stays.

    Councils the user started go with their shares and comments (the council was theirs);
    what the user wrote in other people's councils goes, but replies others wrote to the
    user's comments stay, moved up to the top of the same thread.

    Their sessions are found before the write transaction (reading every stored session would
    otherwise hold the database's write lock meanwhile) and ended after it; a session begun in
    between belongs to a user who no longer exists, so it signs nobody in.
    """
    engine = import_module(settings.SESSION_ENGINE)
    session_keys = _session_keys_of(user)
    with transaction.atomic():
        Comment.objects.filter(parent__author=user).exclude(author=user).exclude(
            share__council__owner=user
        ).update(parent=None)
        user.delete()
    for key in session_keys:
        engine.SessionStore(session_key=key).delete()
