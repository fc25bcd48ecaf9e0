"""Playwright drives Debian's Chromium. On CI a missing browser fails; elsewhere it skips."""

import os
import shutil
import warnings

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    message = (
        f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package "
        "(or set CHROMIUM_PATH) to run the browser tests."
    )
    if os.environ.get("CI"):
        raise pytest.UsageError("On CI the browser tests must run. " + message)
    warnings.warn(message, stacklevel=1)
    print(f"\n!!! SKIPPING BROWSER TESTS: {message}\n")
    skip = pytest.mark.skip(reason=message)
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def unhashed_static_files(settings):
    """The live server serves static files through the finders, which know no hashed names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def e2e_settings(settings, live_server):
    """Settings a browser needs against the live server (plain HTTP, local host)."""
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    settings.SECURE_SSL_REDIRECT = False
    return settings


@pytest.fixture
def sign_in(e2e_settings, live_server, context):
    """Sign ``user`` in inside the browser context by planting a real session cookie."""
    from django.conf import settings
    from django.test import Client

    def do(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "domain": "localhost",
                    "path": "/",
                    "httpOnly": True,
                    "secure": settings.SESSION_COOKIE_SECURE,
                    "sameSite": "Lax",
                }
            ]
        )

    return do
