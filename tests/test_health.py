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
