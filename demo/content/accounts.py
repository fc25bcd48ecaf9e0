"""The demo's two accounts: the candidate, and the peer in their council."""

DEFAULT_EMAIL = "demo@example.com"
DEFAULT_PASSWORD = "jobmission-demo"  # noqa: S105 - printed for the person trying the app
DEFAULT_BASE_URL = "http://127.0.0.1:8000"

OWNER_NAME = ("Maya", "Lindqvist")
MEMBER_NAME = ("Jordan", "Avery")
