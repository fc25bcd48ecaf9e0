"""Turn one EMAIL_URL into Django 6.1's MAILERS setting."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

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


def mailers_from_url(url: str) -> dict:
    """Return a MAILERS dict whose "default" entry is described by ``url``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise ImproperlyConfigured(f"EMAIL_URL scheme {scheme!r} is not one of: {known}")
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
