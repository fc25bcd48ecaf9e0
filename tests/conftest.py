"""Personas and shared fixtures. Browser-test setup lives in tests/e2e/conftest.py."""

import pytest
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow by design; the suite creates thousands of users. Production keeps
    Argon2 (tests/test_settings.py checks that); here a cheap hasher saves minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def owner(db):
    """The user whose data a test is about."""
    return UserFactory(email="owner@example.com")


@pytest.fixture
def stranger(db):
    """Another signed-up user who must never see the owner's data."""
    return UserFactory(email="stranger@example.com")


@pytest.fixture
def owner_client(owner) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def stranger_client(stranger) -> Client:
    client = Client()
    client.force_login(stranger)
    return client


@pytest.fixture
def anonymous_client(db) -> Client:
    return Client()


@pytest.fixture
def htmx_headers():
    """Headers htmx sends when it swaps the element whose id is ``target``."""

    def make(target: str) -> dict:
        return {"HX-Request": "true", "HX-Target": target}

    return make
