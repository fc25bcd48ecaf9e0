"""Browser-side protections every page carries."""

import json
import re

import pytest

from tests.html import attributes, one

NONCE = re.compile(r"'nonce-([^']+)'")
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def csp_nonce(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "http:" not in policy and "https:" not in policy, "no external origins"
    return NONCE.search(policy).group(1)


@pytest.mark.django_db
class TestContentSecurityPolicy:
    @pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/"])
    def test_every_script_carries_the_nonce_of_its_response(self, anonymous_client, path):
        response = anonymous_client.get(path)
        nonce = csp_nonce(response)
        scripts = SCRIPT.findall(response.content.decode())
        assert scripts, "the page loads htmx"
        for script in scripts:
            assert f'nonce="{nonce}"' in script

    def test_signed_in_pages_carry_it_too(self, owner_client):
        response = owner_client.get("/opportunities/")
        nonce = csp_nonce(response)
        for script in SCRIPT.findall(response.content.decode()):
            assert f'nonce="{nonce}"' in script

    def test_the_nonce_changes_per_request(self, anonymous_client):
        first = csp_nonce(anonymous_client.get("/"))
        second = csp_nonce(anonymous_client.get("/"))
        assert first != second

    def test_no_inline_event_handlers_or_styles(self, owner_client):
        html = owner_client.get("/").content.decode()
        assert not re.search(r"\son[a-z]+=", html)
        assert not re.search(r"\sstyle=", html)
        assert "hx-on" not in html


@pytest.mark.django_db
class TestHeaders:
    def test_framing_sniffing_and_referrer_are_locked_down(self, anonymous_client):
        response = anonymous_client.get("/")
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"

    def test_private_pages_are_not_stored_and_vary_on_htmx(self, owner_client):
        response = owner_client.get("/opportunities/")
        assert "no-store" in response.headers["Cache-Control"]
        assert "HX-Request" in response.headers["Vary"]

    def test_htmx_is_configured_without_eval_or_script_tags(self, anonymous_client):
        html = anonymous_client.get("/").content.decode()
        config = json.loads(attributes(one(html, "meta", name="htmx-config"))["content"])
        assert {
            "allowEval": False,
            "allowScriptTags": False,
            "selfRequestsOnly": True,
            "historyCacheSize": 0,
        }.items() <= config.items()

    def test_csrf_token_travels_in_htmx_headers(self, owner_client):
        html = owner_client.get("/").content.decode()
        headers = json.loads(attributes(one(html, "body"))["hx-headers"])
        assert list(headers) == ["X-CSRFToken"] and headers["X-CSRFToken"]


@pytest.mark.django_db
class TestCsrf:
    def test_a_post_without_the_token_is_refused(self, owner):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(owner)
        response = client.post("/opportunities/new/", {"company": "Acme", "role": "PM"})
        assert response.status_code == 403
        assert not owner.opportunities.exists()
