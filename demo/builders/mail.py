"""The demo's people are made up: the emails their actions send go nowhere."""

from contextlib import contextmanager

from django.test.utils import override_settings

NO_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


@contextmanager
def mail_to_nobody():
    """Drop the invitations and comment notifications the demo's actions send.

    Wrap the whole transaction: the services send them once it commits. The addresses are made
    up, and mail sent to them would only fill the console in development or bounce in a bench.
    """
    with override_settings(MAILERS=NO_MAIL):
        yield
