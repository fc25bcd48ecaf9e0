"""The demo's accounts: made, and made again, only where the demo made them before."""

import hashlib

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def demo_username(email: str) -> str:
    """The username that marks an account as one the demo made, and may rebuild."""
    return "demo-" + hashlib.sha256(email.lower().encode()).hexdigest()[:12]


def council_member_email(email: str) -> str:
    """The demo council's second member: owner@example.com → owner+member@example.com."""
    local, _, domain = email.partition("@")
    return f"{local}+member@{domain}"


def ensure_account(*, email: str, password: str | None, name: tuple[str, str]):
    """A verified account for ``email`` (without a password when None); refuse one the demo
    did not make."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.username != demo_username(email):
        raise CommandError(
            f"{email} belongs to an account the demo command did not create, and it will not "
            "touch it. Pass another --email."
        )
    user = user or User(username=demo_username(email), email=email)
    user.first_name, user.last_name = name
    user.is_active = True
    if password is None:
        user.set_unusable_password()
    elif not user.check_password(password):
        # Only when it differs: a new hash would sign the demo user out of open browsers.
        user.set_password(password)
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).delete()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user
