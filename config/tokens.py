"""Secret tokens in links (share links, invitations): only their digest is ever stored."""

import hashlib


def digest_token(token: str) -> str:
    """Return the SHA-256 hex digest under which a secret token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()
