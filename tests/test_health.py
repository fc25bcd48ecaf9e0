import pytest


@pytest.mark.django_db
class TestHealthz:
    def test_answers_ok_without_sign_in(self, anonymous_client):
        response = anonymous_client.get("/healthz")
        assert response.status_code == 200
        assert response.content == b"ok"

    def test_sets_no_session_cookie(self, anonymous_client):
        response = anonymous_client.get("/healthz")
        assert not response.cookies

    def test_refuses_post(self, anonymous_client):
        assert anonymous_client.post("/healthz").status_code == 405


@pytest.mark.django_db
class TestErrorPages:
    def test_not_found_looks_like_the_app_and_says_what_to_do(self, anonymous_client):
        response = anonymous_client.get("/share/not-a-real-token/")
        assert response.status_code == 404
        page = response.content.decode()
        assert "We could not find that page" in page
        assert "ask them for a fresh one" in page

    def test_server_error_page_renders_without_a_request_context(self):
        from django.template.loader import render_to_string

        assert "Something went wrong on our side" in render_to_string("500.html")
