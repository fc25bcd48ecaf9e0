"""``manage.py demo``: a demo account with a focused search, a full job mission and a share link,
negotiation plans with offers to compare, and a council of two with comments, debriefs and a
gratitude house (demo/content), built through the apps' services (demo/builders).

Running it again rebuilds the same demo data for the demo account and touches nobody else.
"""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from demo.builders import build_demo_account, council_member_email
from demo.content.accounts import DEFAULT_BASE_URL, DEFAULT_EMAIL, DEFAULT_PASSWORD


class Command(BaseCommand):
    help = "Create (or rebuild) a demo account with a focus, opportunities and a job mission."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", default=DEFAULT_EMAIL, help="Email to sign in with.")
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Password to use.")
        parser.add_argument(
            "--base-url", default=DEFAULT_BASE_URL, help="Where the app is served, for links."
        )
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, email: str, password: str, base_url: str, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real deployment: the demo command creates "
                "an account with a known password. Pass --force if you really want it here."
            )
        email = email.strip().lower()
        if not email or "@" not in email:
            raise CommandError(f"{email!r} is not an email address.")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError("Choose another --password: " + " ".join(error.messages)) from None

        base_url = base_url.rstrip("/")
        account = build_demo_account(email=email, password=password, base_url=base_url)

        share_url = base_url + reverse("share_page", args=[account.share_token])
        self.stdout.write(
            self.style.SUCCESS("The demo account is ready.")
            + f"\n\n  Sign in at  {base_url}{reverse('account_login')}"
            f"\n  Email       {email}"
            f"\n  Password    {password}"
            f"\n\n  The hiring manager's read-only link to the demo mission:\n  {share_url}\n"
        )
        self.stdout.write(
            "\n  Your council's second member, to try it in a second browser:"
            f"\n  Member      {council_member_email(email)}"
            "\n  (with the same password)\n"
        )
