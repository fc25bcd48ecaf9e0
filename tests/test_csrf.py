"""Every URL refuses a POST without the CSRF token, and changes nothing when it does.

The list of URLs comes from the URL resolver, so a new view is covered the day it is added; a
URL whose path needs values this file does not know how to fill fails the first test until
someone adds them to PATH_VALUES. Posting to every URL (not only the ones whose view takes a
POST) is deliberate: CSRF protection must hold before the view decides anything. With the
token, the same post must not be a 403, or the refusal would prove nothing.
"""

import re

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from councils.emails import unsubscribe_token
from missions.services import create_share_link
from tests.world import (
    INVITATION_TOKEN,
    World,
    database_fingerprint,
    fingerprint_difference,
    invitee_for,
)

# Values for the named parts of a path, by URL name, then by the part's name alone.
PATH_VALUES = {
    "person_edit": lambda w: {"person_pk": w.person.pk},
    "person_delete": lambda w: {"person_pk": w.person.pk},
    "interview_edit": lambda w: {"interview_pk": w.interview.pk},
    "interview_delete": lambda w: {"interview_pk": w.interview.pk},
    "council_detail": lambda w: {"pk": w.council.pk},
    "council_edit": lambda w: {"pk": w.council.pk},
    "council_delete": lambda w: {"pk": w.council.pk},
    "council_leave": lambda w: {"pk": w.council.pk},
    "member_remove": lambda w: {"pk": w.council.pk, "membership_pk": w.membership.pk},
    "invitation_create": lambda w: {"pk": w.council.pk},
    "invitation_revoke": lambda w: {"pk": w.council.pk, "invitation_pk": w.invitation.pk},
    "invitation_resend": lambda w: {"pk": w.council.pk, "invitation_pk": w.invitation.pk},
    "invitation_accept": lambda w: {"token": INVITATION_TOKEN},
    "debrief_share": lambda w: {"pk": w.debrief.pk},
    "debrief_detail": lambda w: {"pk": w.debrief.pk},
    "debrief_edit": lambda w: {"pk": w.debrief.pk},
    "debrief_delete": lambda w: {"pk": w.debrief.pk},
    "gratitude_edit": lambda w: {"pk": w.gratitude.pk},
    "gratitude_delete": lambda w: {"pk": w.gratitude.pk},
    "notification_unsubscribe": lambda w: {"token": unsubscribe_token(w.owner)},
    "share_page": lambda w: {"token": create_share_link(mission=w.mission)},
    "share_pdf": lambda w: {"token": create_share_link(mission=w.mission)},
    "admin:view_on_site": lambda w: {"content_type_id": 1, "object_id": w.owner.pk},
}
BY_PART = {
    "pk": lambda w: w.opportunity.pk,
    "objective_pk": lambda w: w.objective.pk,
    "key_result_pk": lambda w: w.key_result.pk,
    "question_pk": lambda w: w.question.pk,
    "ask_pk": lambda w: w.ask.pk,
    "flag_pk": lambda w: w.red_flag.pk,
    "conversation_pk": lambda w: w.conversation.pk,
    "offer_pk": lambda w: w.offer.pk,
    "share_pk": lambda w: w.share.pk,
    "comment_pk": lambda w: w.comment.pk,
    "object_id": lambda w: w.owner.pk,
    "id": lambda w: w.owner.pk,
}
# Regex-based paths (allauth's key links, the admin's app list and catch-all): an example each.
REGEX_EXAMPLES = {
    "account_confirm_email": "accounts/confirm-email/not-a-real-key/",
    "account_reset_password_from_key": "accounts/password/reset/key/1-not-a-real-key/",
    "admin:app_list": "admin/auth/",
    "admin:": "admin/no-such-page/",
}


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, pattern, path prefix) for every URL the project serves."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", entry.pattern, prefix


def concrete_path(name: str, pattern, prefix: str, world: World) -> str | None:
    """A path that reaches the view behind ``pattern``, or None when we cannot build one."""
    if isinstance(pattern, RegexPattern):
        example = REGEX_EXAMPLES.get(name)
        return f"/{example}" if example else None
    named = PATH_VALUES.get(name, lambda w: {})(world)
    route = str(pattern)

    def fill(match: re.Match) -> str:
        part = match.group(1)
        if part in named:
            return str(named[part])
        if part in BY_PART:
            return str(BY_PART[part](world))
        raise LookupError(part)

    try:
        return "/" + prefix + re.sub(r"<(?:\w+:)?(\w+)>", fill, route)
    except LookupError:
        return None


@pytest.fixture
def clients(full_world) -> dict[str, Client]:
    """Browsers that check CSRF like real ones: the owner's, the invitee's, a signed-out one."""
    made = {"anonymous": Client(enforce_csrf_checks=True)}
    for persona, user in (("owner", full_world.owner), ("invitee", invitee_for(full_world))):
        made[persona] = Client(enforce_csrf_checks=True)
        made[persona].force_login(user)
    return made


# Who posts where: the owner everywhere, except where only someone else can act at all.
POSTED_BY = {"invitation_accept": "invitee", "admin:login": "anonymous"}


def csrf_token(client: Client) -> str:
    """The token a page gives the browser: the cookie's secret, read from a real response."""
    signed_in = "_auth_user_id" in client.session
    client.get("/accounts/email/" if signed_in else "/accounts/login/")
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def every_path(world: World) -> list[tuple[str, str]]:
    paths, unknown = [], []
    for name, pattern, prefix in url_patterns():
        path = concrete_path(name, pattern, prefix, world)
        if path is None:
            unknown.append(f"{name or '(unnamed)'}: {prefix}{pattern}")
        else:
            paths.append((name, path))
    assert not unknown, f"add path values for these URLs to PATH_VALUES: {unknown}"
    return paths


def test_every_url_of_the_project_gets_a_path(full_world):
    names = {name for name, _ in every_path(full_world)}
    # The ones SECURITY.md names, so a change to the resolver walk cannot quietly drop them.
    assert {"account_logout", "account_email", "account_change_password"} <= names
    assert {"invitation_accept", "mission_edit", "comment_create", "account_delete"} <= names


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(full_world, clients):
    failures = []
    for name, path in every_path(full_world):
        client = clients[POSTED_BY.get(name, "owner")]
        before = database_fingerprint()
        for headers in ({}, {"HX-Request": "true", "HX-Target": "main"}):
            response = client.post(path, {"title": "changed", "body": "changed"}, headers=headers)
            if response.status_code != 403:
                failures.append(f"{name} {path}: {response.status_code} without a token")
        after = database_fingerprint()
        if before != after:
            failures.append(f"{name} {path}: changed {fingerprint_difference(before, after)}")
    assert not failures, "\n".join(failures)


def test_the_same_post_with_the_token_is_not_refused_for_csrf(full_world, clients):
    tokens = {persona: csrf_token(client) for persona, client in clients.items()}
    failures = []
    for name, path in every_path(full_world):
        persona = POSTED_BY.get(name, "owner")
        client = clients[persona]
        cookies = client.cookies
        client.cookies = type(cookies)(cookies)  # signing out must not sign out the next post
        with transaction.atomic():
            response = client.post(
                path,
                {"title": "changed", "body": "changed"},
                headers={"X-CSRFToken": tokens[persona]},
            )
            transaction.set_rollback(True)
        client.cookies = cookies
        if response.status_code == 403:
            failures.append(f"{name} {path}: 403 even with the token")
    assert not failures, "\n".join(failures)


def test_the_token_in_the_form_field_works_too(full_world, clients):
    client = clients["owner"]
    token = csrf_token(client)
    path = f"/opportunities/{full_world.opportunity.pk}/mission/objectives/new/"
    response = client.post(path, {"title": "Grow trust", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert full_world.mission.objectives.filter(title="Grow trust").exists()


def test_a_forged_token_is_refused(full_world, clients):
    client = clients["owner"]
    csrf_token(client)
    path = f"/opportunities/{full_world.opportunity.pk}/mission/objectives/new/"
    response = client.post(path, {"title": "Grow trust", "csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    assert not full_world.mission.objectives.filter(title="Grow trust").exists()
