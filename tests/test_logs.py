"""Tokens never reach a log: share links and invitations carry them in their paths."""

import logging
import secrets

import pytest
from django.core import mail
from django.urls import reverse

from councils import services as council_services
from missions import services
from tests.factories import CouncilFactory, MissionFactory, UserFactory


@pytest.fixture
def every_log_line(caplog):
    """Capture every record that the app's logging configuration lets through."""
    caplog.set_level(logging.DEBUG)
    return caplog


def visit_everything_a_token_touches(client, share_token, invitation_token):
    unknown = secrets.token_urlsafe(32)
    for token in (share_token, unknown, "not-a-token"):
        client.get(reverse("share_page", args=[token]))
        client.get(reverse("share_pdf", args=[token]))
        client.post(reverse("share_page", args=[token]))  # 405: only GET
    for token in (invitation_token, unknown):
        client.get(reverse("invitation_accept", args=[token]))
        client.post(reverse("invitation_accept", args=[token]))


@pytest.mark.django_db
def test_share_and_invitation_tokens_are_never_logged(
    every_log_line, client, django_capture_on_commit_callbacks
):
    mission = MissionFactory()
    share_token = services.create_share_link(mission=mission)
    council = CouncilFactory()
    with django_capture_on_commit_callbacks(execute=True):
        council_services.invite_members(
            council=council,
            invited_by=council.owner,
            emails=["invitee@example.com"],
            base_url="https://jobs.example.com",
        )
    invitation_token = mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]
    client.force_login(UserFactory(email="someone-else@example.com"))

    visit_everything_a_token_touches(client, share_token, invitation_token)

    logged = every_log_line.text + "".join(str(r.args) for r in every_log_line.records)
    assert share_token not in logged
    assert invitation_token not in logged
    assert "/share/" not in logged and "/invitations/" not in logged
