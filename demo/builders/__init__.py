"""Builders of a user's world from demo content, through the apps' services and forms."""

from demo.builders.accounts import council_member_email, demo_username
from demo.builders.world import DemoAccount, build_demo_account

__all__ = ["DemoAccount", "build_demo_account", "council_member_email", "demo_username"]
