"""Personas and shared fixtures. Browser-test setup lives in tests/e2e/conftest.py.

Every test speaks of the same people, relative to the owner's work:

- ``anonymous_client``: a visitor who has not signed in.
- ``owner``: whose data the test is about; they start ``council``.
- ``council_member``: in the owner's council; reads what is shared with it and comments.
- ``council_manager``: the member with edit rights. Only an item's owner edits the item, and
  the council's owner manages the council (invites, removes, renames): that is the owner.
- ``ex_member``: was in the owner's council and left it; now sees nothing of it.
- ``stranger``: signed up, in none of the owner's councils; must never see the owner's data.

Each has a ``<persona>_client`` signed in as them. ``world`` (tests/world.py) puts the same
people around the owner's mission, shared with ``council``, and ``outsider_client`` is a
member of the owner's other council, with which nothing is shared; ``full_world`` adds a row
of every kind the owner can have and the stranger's look-alikes. ``opportunity`` is the
owner's: Director of Product at Kestrel Routing.
"""

import pytest
from django.core.cache import caches
from django.test import Client

from councils import services as council_services
from tests.factories import CouncilFactory, MembershipFactory, OpportunityFactory, UserFactory
from tests.world import World, build_world, client_for


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow by design; the suite creates thousands of users. Production keeps
    Argon2 (tests/test_settings.py checks that); here a cheap hasher saves minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_region_cache():
    """Each test starts with no cached regions or PDFs (the cache lives as long as the process;
    a rolled-back test's ids come back in the next one)."""
    caches["regions"].clear()
    caches["documents"].clear()


@pytest.fixture
def owner(db):
    """The user whose data a test is about."""
    return UserFactory(email="owner@example.com")


@pytest.fixture
def stranger(db):
    """Another signed-up user who must never see the owner's data."""
    return UserFactory(email="stranger@example.com")


@pytest.fixture
def council(owner):
    """A council the owner started (and so manages)."""
    return CouncilFactory(owner=owner, name="Thursday circle")


@pytest.fixture
def council_member(council):
    """A member of the owner's council: reads what is shared with it and comments on it."""
    user = UserFactory(email="member@example.com")
    MembershipFactory(council=council, user=user)
    return user


@pytest.fixture
def council_manager(council):
    """The member with edit rights: the council's owner, who alone manages it (nobody else edits
    a council, and only an item's owner edits the item)."""
    return council.owner


@pytest.fixture
def ex_member(council):
    """Was a member of the owner's council and left it: sees nothing of it any more."""
    user = UserFactory(email="ex-member@example.com")
    MembershipFactory(council=council, user=user)
    council_services.leave_council(council=council, user=user)
    return user


@pytest.fixture
def opportunity(owner):
    """The owner's opportunity: Director of Product at Kestrel Routing, applied."""
    return OpportunityFactory(owner=owner, company="Kestrel Routing", role="Director of Product")


@pytest.fixture
def owner_client(owner) -> Client:
    """Signed in as the owner."""
    return client_for(owner)


@pytest.fixture
def council_member_client(council_member) -> Client:
    """Signed in as the council member."""
    return client_for(council_member)


@pytest.fixture
def council_manager_client(council_manager) -> Client:
    """Signed in as the council's manager (its owner)."""
    return client_for(council_manager)


@pytest.fixture
def ex_member_client(ex_member) -> Client:
    """Signed in as the former member."""
    return client_for(ex_member)


@pytest.fixture
def stranger_client(stranger) -> Client:
    """Signed in as the stranger."""
    return client_for(stranger)


@pytest.fixture
def anonymous_client(db) -> Client:
    """A visitor who has not signed in."""
    return Client()


@pytest.fixture
def world(owner, council, council_member, ex_member, stranger) -> World:
    """The personas around the owner's mission, shared with their council (tests/world.py)."""
    return build_world(
        owner, council=council, member=council_member, ex_member=ex_member, stranger=stranger
    )


@pytest.fixture
def full_world(owner, council, council_member, ex_member, stranger) -> World:
    """The world with a row of every kind the owner can have, and the stranger's look-alikes."""
    return build_world(
        owner,
        council=council,
        member=council_member,
        ex_member=ex_member,
        stranger=stranger,
        everything=True,
        look_alikes=True,
    )


@pytest.fixture
def outsider_client(world) -> Client:
    """Signed in as a member of the owner's other council, with which nothing is shared."""
    return client_for(world.outsider)


@pytest.fixture
def htmx_headers():
    """Headers htmx sends when it swaps the element whose id is ``target``."""

    def make(target: str) -> dict:
        return {"HX-Request": "true", "HX-Target": target}

    return make
