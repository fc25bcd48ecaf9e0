"""Configuration comes from the environment, with safe defaults and a refusal to run unsafely."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from config.mailers import mailers_from_url

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    ours = (
        "SECRET_KEY",
        "DEBUG",
        "EMAIL_URL",
        "SECURE_SSL_REDIRECT",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests; check --deploy flags it
    )
    base = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class TestSecretKey:
    def test_refuses_to_start_without_a_secret_key_when_debug_is_off(self):
        result = run_manage("check", DEBUG="0")
        assert result.returncode != 0
        assert "SECRET_KEY must be set when DEBUG is off" in result.stderr

    def test_starts_in_development_without_a_secret_key(self):
        result = run_manage("check", DEBUG="1")
        assert result.returncode == 0, result.stderr


class TestProductionChecks:
    def test_check_deploy_is_clean_with_production_settings(self):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="jobmission.example",
            EMAIL_URL="smtp+tls://mailer:secret@mail.example:587",
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout

    def test_check_deploy_flags_a_console_mailer(self):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="jobmission.example",
            EMAIL_URL="consolemail://",
        )
        assert result.returncode != 0
        assert "mail.E001" in result.stderr


class TestPasswords:
    def test_production_hashes_passwords_with_argon2(self):
        from config import settings as configured

        assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")

    def test_argon2_is_available(self):
        from django.contrib.auth.hashers import Argon2PasswordHasher

        assert Argon2PasswordHasher().encode("secret", "somesalt").startswith("argon2$")


class TestMailersFromUrl:
    def test_console(self):
        mailer = mailers_from_url("consolemail://")["default"]
        assert mailer["BACKEND"] == "django.core.mail.backends.console.EmailBackend"

    def test_console_in_development_prints_links_whole(self, settings):
        import io

        from django.core.mail import EmailMessage

        settings.MAILERS = mailers_from_url("consolemail://", development=True)
        link = "http://127.0.0.1:8000/accounts/password/reset/key/" + "x" * 80 + "/"
        stream = io.StringIO()
        from config.mailers import ReadableConsoleBackend

        backend = ReadableConsoleBackend(stream=stream, alias="default")
        backend.send_messages([EmailMessage("Reset", f"Open {link}", to=["a@example.com"])])
        assert link in stream.getvalue()
        assert "Subject: Reset" in stream.getvalue()

    def test_file_keeps_the_absolute_folder(self):
        mailer = mailers_from_url("filemail:///srv/mail/jobmission")["default"]
        assert mailer["BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
        assert mailer["OPTIONS"]["file_path"] == "/srv/mail/jobmission"

    def test_smtp_with_starttls_and_credentials(self):
        mailer = mailers_from_url("smtp+tls://me%40example.com:p%40ss@mail.example:2525")["default"]
        assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
        assert mailer["OPTIONS"] == {
            "host": "mail.example",
            "port": 2525,
            "username": "me@example.com",
            "password": "p@ss",
            "use_tls": True,
            "use_ssl": False,
            "timeout": 10,
        }

    def test_smtps_defaults_to_port_465_over_ssl(self):
        options = mailers_from_url("smtps://mail.example")["default"]["OPTIONS"]
        assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)

    def test_unknown_scheme_is_refused_with_the_known_ones(self):
        with pytest.raises(ImproperlyConfigured, match="consolemail"):
            mailers_from_url("carrierpigeon://coop")

    def test_file_without_a_folder_is_refused(self):
        with pytest.raises(ImproperlyConfigured):
            mailers_from_url("filemail://")

    def test_file_mailer_writes_a_message(self, tmp_path, settings):
        from django.core.mail import send_mail

        settings.MAILERS = mailers_from_url(f"filemail://{tmp_path}")
        send_mail("Hello", "Body text", "from@example.com", ["to@example.com"])
        written = list(tmp_path.iterdir())
        assert len(written) == 1
        assert "Body text" in written[0].read_text()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pragmas")
class TestSqlite:
    def test_pragmas_are_set_on_every_connection(self):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 1  # NORMAL
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000

    def test_transactions_take_the_write_lock_up_front(self):
        assert connection.transaction_mode == "IMMEDIATE"
