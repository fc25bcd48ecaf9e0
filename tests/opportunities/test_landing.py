"""The front page for visitors who have not signed in: the method and an invitation."""

import pytest

from tests.html import position, select


@pytest.mark.django_db
class TestLanding:
    url = "/"

    def test_explains_the_method(self, anonymous_client):
        page = anonymous_client.get(self.url).content.decode()

        assert "A focus, not spray-and-pray" in page
        assert "Your own job mission, with OKRs" in page
        assert "Negotiate for success first, then for money" in page
        assert "87%" in page
        assert "Never search alone" in page

    def test_invites_to_sign_up_and_sign_in(self, anonymous_client):
        page = anonymous_client.get(self.url).content.decode()

        assert select(page, "a", href="/accounts/signup/")
        assert select(page, "a", href="/accounts/login/")

    def test_headings_are_in_order(self, anonymous_client):
        page = anonymous_client.get(self.url).content.decode()

        assert len(select(page, "h1")) == 1
        assert position(page, "h1") < position(page, "h2") < position(page, "h3")

    def test_sets_no_session_cookie(self, anonymous_client):
        response = anonymous_client.get(self.url)

        assert response.status_code == 200
        assert not response.cookies.get("__Host-sessionid")
        assert not response.cookies.get("sessionid")

    def test_signed_in_users_get_their_dashboard_instead(self, owner_client):
        page = owner_client.get(self.url).content.decode()

        assert "Your search at a glance" in page
        assert "A focus, not spray-and-pray" not in page
