"""Turn one EMAIL_URL into Django 6.1's MAILERS setting."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.console import EmailBackend as ConsoleBackend

BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
    "consolemail": "django.core.mail.backends.console.EmailBackend",
    "filemail": "django.core.mail.backends.filebased.EmailBackend",
    "memorymail": "django.core.mail.backends.locmem.EmailBackend",
    "dummymail": "django.core.mail.backends.dummy.EmailBackend",
}


class ReadableConsoleBackend(ConsoleBackend):
    """Development only: print each mail's headers and decoded text, so links can be clicked.

    The stock console backend prints the wire format, where quoted-printable breaks long
    links with "=" at the line ends.
    """

    def write_message(self, message):
        wire = message.message()
        for header in ("From", "To", "Subject", "Date"):
            self.stream.write(f"{header}: {wire[header]}\n")
        self.stream.write(f"\n{message.body}\n")
        self.stream.write("-" * 79 + "\n")


def mailers_from_url(url: str, *, development: bool = False) -> dict:
    """Return a MAILERS dict whose "default" entry is described by ``url``.

    ``development`` prints console mail readably; production keeps Django's own console
    backend, which ``check --deploy`` rightly flags.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise ImproperlyConfigured(f"EMAIL_URL scheme {scheme!r} is not one of: {known}")
    if scheme == "consolemail" and development:
        return {"default": {"BACKEND": "config.mailers.ReadableConsoleBackend", "OPTIONS": {}}}
    options: dict = {}
    if scheme == "filemail":
        path = unquote(parts.path)
        if not path or path == "/":
            raise ImproperlyConfigured("EMAIL_URL filemail:///path needs a folder path")
        options["file_path"] = path
    elif scheme.startswith("smtp"):
        query = parse_qs(parts.query)
        options["host"] = parts.hostname or "localhost"
        options["port"] = parts.port or {"smtps": 465, "smtp+ssl": 465}.get(scheme, 587)
        if parts.username:
            options["username"] = unquote(parts.username)
        if parts.password:
            options["password"] = unquote(parts.password)
        options["use_tls"] = scheme == "smtp+tls"
        options["use_ssl"] = scheme in ("smtps", "smtp+ssl")
        options["timeout"] = int(query.get("timeout", ["10"])[0])
    return {"default": {"BACKEND": BACKENDS[scheme], "OPTIONS": options}}
