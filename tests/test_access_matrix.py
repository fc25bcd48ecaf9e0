"""Who may do what, for every URL: the access rules of DESIGN.md ("Who may see what") as a test.

1. Every named URL is accounted for: public (``PUBLIC``, the public allauth flows), allauth's
   signed-in pages and the admin by rule, or a row of ``MATRIX``. A new URL that is in none of
   them fails here, naming it, until someone decides who may use it.
2. The matrix: each row says which object a URL acts on, who may read it (GET) and who may
   change it (POST); the expected answer for every role × method follows from that and from who
   can see the object at all: invisible → 404 (never 403), visible but not theirs to change →
   403, anonymous (and a hiring manager holding a share link) → sign-in, and back to that very
   URL afterwards. A refused request, and any GET, leaves every row of the database as it was.
   The roles are the personas of tests/conftest.py (the council's manager is its owner).
3. Revocation is immediate: removing a member, unsharing, leaving, revoking a share link —
   the same client's next request (a GET, and a POST from a form it still has open) is a 404.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.factories import CommentFactory
from tests.world import (
    SHARE_KINDS,
    build_work,
    build_world,
    client_for,
    database_fingerprint,
    fingerprint_difference,
)

# Roles, the personas of tests/conftest.py. "member" belongs to the council the owner shares
# their work with; "other" belongs to another council of the owner's, with which nothing is
# shared; "ex-member" was in the first council and left it; "link holder" is an anonymous
# visitor who has opened the owner's share link. The member with edit rights, the council's
# manager, is the owner.
OWNER, MEMBER, OTHER, EX_MEMBER, STRANGER = "owner", "member", "other", "ex-member", "stranger"
ANONYMOUS, LINK_HOLDER = "anonymous", "link holder"
SIGNED_IN_ROLES = (OWNER, MEMBER, OTHER, EX_MEMBER, STRANGER)
ROLES = (*SIGNED_IN_ROLES, ANONYMOUS, LINK_HOLDER)

ONLY_OWNER = frozenset({OWNER})
COUNCIL = frozenset({OWNER, MEMBER})  # the members of the council the item is shared with
EVERYONE = frozenset(SIGNED_IN_ROLES)  # pages with no object: each user gets their own
ONLY_MEMBER = frozenset({MEMBER})

GET, POST, HTMX_POST, DELETE = "GET", "POST", "HTMX POST", "DELETE"
METHODS = (GET, POST, HTMX_POST, DELETE)
G, P, GP = frozenset({GET}), frozenset({POST}), frozenset({GET, POST})

# Objects, and who can see each at all (a refusal is 403 for them, 404 for everyone else).
# Work that can be shared with a council comes in two variants, shared and not shared.
SEES = {
    "nothing": EVERYONE,  # lists and create pages
    "opportunity": ONLY_OWNER,  # with its people, interviews, offers: never shared
    "mission": COUNCIL,
    "plan": COUNCIL,
    "debrief": COUNCIL,
    "council": COUNCIL,
    "share": COUNCIL,
    "comment": COUNCIL,
    "gratitude": ONLY_OWNER,
}
SHAREABLE = {"mission", "plan", "debrief"}


@dataclasses.dataclass(frozen=True)
class Row:
    """One URL: the object it acts on, who may GET it, who may POST to it, what it accepts."""

    name: str
    on: str  # a key of SEES
    kwargs: tuple[tuple[str, str], ...] = ()  # URL kwarg → a key of Matrix.ids
    read: frozenset = ONLY_OWNER  # who may GET (a page, a form, an "are you sure?")
    write: frozenset = ONLY_OWNER  # who may POST
    methods: frozenset = GP  # what the view accepts; anything else is 405 (or the refusal)
    label: str = ""  # when one URL is checked against several objects

    def __str__(self) -> str:
        return self.label or self.name


def row(name, on, methods=GP, read=ONLY_OWNER, write=ONLY_OWNER, label="", **kwargs) -> Row:
    return Row(name, on, tuple(kwargs.items()), read, write, methods, label)


def on_opportunity(name, methods=GP, **kwargs) -> Row:
    return row(name, "opportunity", methods, pk="opportunity", **kwargs)


def on_mission(name, methods=GP, read=ONLY_OWNER, **kwargs) -> Row:
    return row(name, "mission", methods, read, pk="opportunity", **kwargs)


def on_plan(name, methods=GP, read=ONLY_OWNER, **kwargs) -> Row:
    return row(name, "plan", methods, read, pk="opportunity", **kwargs)


def on_council(name, methods=GP, read=ONLY_OWNER, write=ONLY_OWNER, **kwargs) -> Row:
    return row(name, "council", methods, read, write, pk="council", **kwargs)


# A member's own comment: theirs to change; the owner of the work may only resolve it.
BY_MEMBER, MEMBERS = (ONLY_MEMBER, ONLY_MEMBER), "members_comment"

MATRIX = [
    # Pages with no object of their own: every signed-in user gets their own.
    row("focus_edit", "nothing", read=EVERYONE, write=EVERYONE),
    row("opportunity_list", "nothing", G, read=EVERYONE),
    row("opportunity_create", "nothing", read=EVERYONE, write=EVERYONE),
    row("offer_compare", "nothing", G, read=EVERYONE),
    row("council_list", "nothing", G, read=EVERYONE),
    row("council_create", "nothing", read=EVERYONE, write=EVERYONE),
    row("focus_share", "nothing", read=EVERYONE, write=EVERYONE),
    row("debrief_list", "nothing", G, read=EVERYONE),
    row("debrief_create", "nothing", read=EVERYONE, write=EVERYONE),
    row("gratitude_list", "nothing", read=EVERYONE, write=EVERYONE),
    row("account_export", "nothing", read=EVERYONE, write=EVERYONE),
    row("account_delete", "nothing", read=EVERYONE, write=EVERYONE),
    # Opportunities, their people and interviews, offers, the page before an interview: the
    # owner's alone, even when the opportunity's mission or plan is shared.
    on_opportunity("opportunity_detail", G),
    on_opportunity("opportunity_edit"),
    on_opportunity("opportunity_delete"),
    on_opportunity("opportunity_stage", P),
    on_opportunity("person_create", P),
    on_opportunity("person_edit", person_pk="person"),
    on_opportunity("person_delete", P, person_pk="person"),
    on_opportunity("interview_create", P),
    on_opportunity("interview_edit", interview_pk="interview"),
    on_opportunity("interview_delete", P, interview_pk="interview"),
    on_opportunity("prepare", G),
    # The mission: members of a council it is shared with read it (page and PDF), no more.
    on_mission("mission_edit", read=COUNCIL),
    on_mission("mission_pdf", G, read=COUNCIL),
    on_mission("objective_create"),
    on_mission("objective_edit", objective_pk="objective"),
    on_mission("objective_delete", objective_pk="objective"),
    on_mission("objective_move", P, objective_pk="objective"),
    on_mission("key_result_create", objective_pk="objective"),
    on_mission("key_result_edit", key_result_pk="key_result"),
    on_mission("key_result_delete", key_result_pk="key_result"),
    on_mission("key_result_move", P, key_result_pk="key_result"),
    on_mission("question_create"),
    on_mission("question_edit", question_pk="question"),
    on_mission("question_delete", question_pk="question"),
    on_mission("question_move", P, question_pk="question"),
    on_mission("share_link_create", P),
    on_mission("share_link_revoke", P),
    on_mission("mission_share"),
    # The plan: members of a council it is shared with read it, figures included; the prep
    # sheet PDF stays the owner's.
    on_plan("plan_detail", G, read=COUNCIL),
    on_plan("plan_pdf", G),
    on_plan("plan_stage", P),
    on_plan("success_ask_create"),
    on_plan("success_ask_edit", ask_pk="ask"),
    on_plan("success_ask_status", P, ask_pk="ask"),
    on_plan("success_ask_delete", ask_pk="ask"),
    on_plan("red_flag_create"),
    on_plan("red_flag_resolve", flag_pk="red_flag"),
    on_plan("success_conversation_refused"),
    on_plan("conversation_create"),
    on_plan("conversation_edit", conversation_pk="conversation"),
    on_plan("conversation_delete", conversation_pk="conversation"),
    on_plan("money_ask_edit"),
    on_plan("money_ask_draft", P),
    on_plan("money_ask_outcome", P),
    on_plan("offer_create"),
    on_plan("offer_edit", offer_pk="offer"),
    on_plan("offer_delete", offer_pk="offer"),
    on_plan("plan_share"),
    # Debriefs.
    row("debrief_detail", "debrief", G, read=COUNCIL, pk="debrief"),
    row("debrief_edit", "debrief", pk="debrief"),
    row("debrief_delete", "debrief", pk="debrief"),
    row("debrief_share", "debrief", pk="debrief"),
    # The gratitude house.
    row("gratitude_edit", "gratitude", pk="gratitude"),
    row("gratitude_delete", "gratitude", pk="gratitude"),
    # Councils: members read the feed and may leave; the owner manages.
    on_council("council_detail", G, read=COUNCIL),
    on_council("council_edit"),
    on_council("council_delete"),
    on_council("council_leave", read=COUNCIL, write=COUNCIL),
    on_council("member_remove", membership_pk="membership"),
    on_council("invitation_create"),
    on_council("invitation_revoke", P, invitation_pk="invitation"),
    on_council("invitation_resend", P, invitation_pk="invitation"),
    # Shared work and comments on it: members comment; authors change their own words; the
    # work's owner resolves threads.
    row("share_detail", "share", G, read=COUNCIL, share_pk="focus_share"),
    row("share_detail", "share", G, COUNCIL, label="share_detail[mission]", share_pk="share"),
    row("comment_create", "share", P, write=COUNCIL, share_pk="focus_share"),
    row("comment_edit", "comment", label="comment_edit[owner's]", comment_pk="owners_comment"),
    row("comment_delete", "comment", label="comment_delete[owner's]", comment_pk="owners_comment"),
    row("comment_edit", "comment", GP, *BY_MEMBER, "comment_edit[member's]", comment_pk=MEMBERS),
    row(
        "comment_delete", "comment", GP, *BY_MEMBER, "comment_delete[member's]", comment_pk=MEMBERS
    ),
    row("comment_resolve", "comment", P, comment_pk=MEMBERS),
]

# Reached without signing in; each has its own tests (share links, invitations, emails).
PUBLIC = {
    "healthz",
    "dashboard",  # the landing page for visitors
    "share_page",
    "share_pdf",
    "invitation_accept",
    "notification_unsubscribe",
}
# allauth's flows for people who are not signed in; every other allauth page (email addresses,
# password change, two-factor, re-authentication …) is for signed-in users only.
ALLAUTH_PUBLIC = {
    "account_login",
    "account_logout",
    "account_signup",
    "account_inactive",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_confirm_login_code",
    "account_request_login_code",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "mfa_authenticate",
    "mfa_trust",
}
LOGIN = "/accounts/login/"


# Walking the URL resolver.


@dataclasses.dataclass(frozen=True)
class NamedUrl:
    name: str
    module: str  # of the view
    params: tuple[str, ...]

    def __str__(self) -> str:
        return self.name

    def sample(self) -> str:
        """A URL of this name with placeholder arguments (no real object behind them)."""
        for value in ("1", "x", "auth"):
            try:
                return reverse(self.name, kwargs=dict.fromkeys(self.params, value))
            except NoReverseMatch:
                continue
        raise AssertionError(f"cannot build a URL for {self.name}")


def _params(pattern) -> tuple[str, ...]:
    return tuple(pattern.regex.groupindex)


def named_urls(resolver=None, namespace="", params=()) -> Iterator[NamedUrl]:
    for entry in (resolver or get_resolver()).url_patterns:
        here = (*params, *_params(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry, inner, here)
        elif isinstance(entry, URLPattern) and entry.name:
            module = getattr(entry.callback, "__module__", "")
            yield NamedUrl(namespace + entry.name, module, here)


def _unique(urls) -> list[NamedUrl]:
    return list({url.name: url for url in urls}.values())


ALL_URLS = _unique(named_urls())
MATRIX_NAMES = {r.name for r in MATRIX}


def kind_of(url: NamedUrl) -> str | None:
    """How a URL is accounted for, or None when nobody decided yet."""
    if url.name in PUBLIC:
        return "public"
    if url.name.startswith("admin:"):
        return "admin"
    if url.module.startswith("allauth."):
        return "allauth public" if url.name in ALLAUTH_PUBLIC else "signed-in"
    if url.name in MATRIX_NAMES:
        return "matrix"
    return None


def is_login_redirect(response, back_to: str | None = None) -> bool:
    """Sent to sign in, to come back here (to ``back_to``, when given) afterwards."""
    if response.status_code != 302:
        return False
    where = urlsplit(response.url)
    coming_back = parse_qs(where.query).get("next")
    if where.path != LOGIN or not coming_back:
        return False
    return back_to is None or coming_back == [back_to]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ALL_URLS, ids=str)
def test_every_named_url_is_public_or_in_the_matrix(url, client, stranger):
    """Each URL the resolver knows: who may use it was decided, and it behaves that way."""
    kind = kind_of(url)
    assert kind is not None, (
        f"{url.name} ({url.module}) is neither public nor in the access matrix: add a row to "
        "MATRIX in tests/test_access_matrix.py saying who may see and change it"
    )
    if kind == "matrix":
        return  # test_the_access_matrix checks every role and method
    response = client.get(url.sample())
    if kind == "signed-in":
        assert is_login_redirect(response), f"{url.name}: anonymous must be sent to sign in"
        client.force_login(stranger)
        signed_in = client.get(url.sample())
        assert signed_in.status_code in (200, 302, 404), url.name
        assert not is_login_redirect(signed_in), url.name
    elif kind == "admin":
        # The admin is for staff: visitors are sent to sign in, ordinary users never get in.
        assert response.status_code == 302, url.name
        client.force_login(stranger)
        assert client.get(url.sample()).status_code in (302, 403), url.name
    else:
        assert response.status_code < 500, url.name
        assert not is_login_redirect(response), f"{url.name} should not need signing in"


def test_every_matrix_row_names_a_url():
    known = {url.name for url in ALL_URLS}
    assert known >= MATRIX_NAMES, sorted(MATRIX_NAMES - known)
    assert not MATRIX_NAMES & (PUBLIC | ALLAUTH_PUBLIC)


# The world the matrix runs in: built once for the module, every request rolled back.


@dataclasses.dataclass
class Matrix:
    users: dict  # role → user
    ids: dict  # variant ("shared" or "private") → object key → pk
    token: str  # the live share link of the shared mission


def build_matrix() -> Matrix:
    """The world with one of each kind of work shared with the council, and one of each not."""
    world = build_world(everything=True, share=SHARE_KINDS, share_link=True)
    focus_share = world.shares["focus"]
    common = {
        "council": world.council.pk,
        "membership": world.membership.pk,
        "invitation": world.invitation.pk,
        "focus_share": focus_share.pk,
        "owners_comment": CommentFactory(share=focus_share, author=world.owner).pk,
        "members_comment": CommentFactory(share=focus_share, author=world.member).pk,
        "gratitude": world.gratitude.pk,
    }
    ids = {}
    for variant, work in (("shared", world), ("private", build_work(world.owner))):
        ids[variant] = {
            **common,
            **{key: getattr(work, key).pk for key in WORK_KEYS},
            # Shares exist only when shared; the private variant never uses this one.
            "share": world.share.pk if variant == "shared" else focus_share.pk,
        }
    users = {
        OWNER: world.owner,
        MEMBER: world.member,
        OTHER: world.outsider,
        EX_MEMBER: world.ex_member,
        STRANGER: world.stranger,
    }
    return Matrix(users=users, ids=ids, token=world.share_token)


WORK_KEYS = (
    "opportunity",
    "person",
    "interview",
    "objective",
    "key_result",
    "question",
    "ask",
    "red_flag",
    "conversation",
    "offer",
    "debrief",
)


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker) -> Iterator[Matrix]:
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        yield build_matrix()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(matrix, django_db_blocker) -> dict[str, Client]:
    with django_db_blocker.unblock():
        clients = {role: client_for(user) for role, user in matrix.users.items()}
        clients |= {ANONYMOUS: Client(), LINK_HOLDER: Client()}
        opened = clients[LINK_HOLDER].get(reverse("share_page", args=[matrix.token]))
        assert opened.status_code == 200, "the link holder opens the share link"
    return clients


def rows_written() -> int | None:
    """Rows SQLite inserted, updated or deleted on this connection so far; None elsewhere.

    A cheap first look: when it did not move, nothing changed and no fingerprint is needed.
    """
    if connection.vendor != "sqlite":
        return None
    connection.ensure_connection()
    return connection.connection.total_changes


# The expected answer for a row, a role and a method: the status codes that are right, and
# whether the request may change anything ("login" means: sent to sign in, nothing changed).


def expected(r: Row, variant: str, role: str, method: str) -> tuple[set[int] | str, bool]:
    """What ``role`` using ``method`` on ``r``'s URL gets, and whether it may write."""
    if role in (ANONYMOUS, LINK_HOLDER):
        return "login", False
    sees = SEES[r.on] if variant == "shared" else ONLY_OWNER
    may = (r.read if method == GET else r.write) & sees
    refusal = {403} if role in sees else {404}
    verb = POST if method == HTMX_POST else method
    if verb not in r.methods:
        # A method the view does not take: 405, or the refusal when it asks who you are first.
        return ({405} if role in may else {405} | refusal), False
    if role not in may:
        return refusal, False
    if method == GET:
        return {200, 302}, False
    return {200, 302, 400}, True  # an empty form comes back with its errors, or acts


def variants(r: Row) -> tuple[str, ...]:
    return ("shared", "private") if r.on in SHAREABLE else ("shared",)


CASES = [
    pytest.param(r, variant, role, id=f"{r}-{variant}-{role}".replace(" ", "_"))
    for r in MATRIX
    for variant in variants(r)
    for role in ROLES
]


def send(client: Client, method: str, url: str):
    if method == GET:
        return client.get(url)
    if method == POST:
        return client.post(url)
    if method == HTMX_POST:
        return client.post(url, headers={"HX-Request": "true", "HX-Target": "main"})
    return client.delete(url)


@pytest.fixture(scope="module")
def baseline(matrix, clients, django_db_blocker) -> dict:
    """The database as every request of the matrix finds it (each one is rolled back)."""
    with django_db_blocker.unblock():
        return database_fingerprint()


@pytest.mark.parametrize(("r", "variant", "role"), CASES)
def test_the_access_matrix(r, variant, role, matrix, clients, baseline, db):
    url = reverse(r.name, kwargs={arg: matrix.ids[variant][key] for arg, key in r.kwargs})
    for method in METHODS:
        with transaction.atomic():
            written = rows_written()
            response = send(clients[role], method, url)
            want, may_write = expected(r, variant, role, method)
            where = f"{role} {method} {url} ({r}, {variant})"
            if want == "login":
                assert is_login_redirect(response, back_to=url), (
                    f"{where}: {response.status_code}, not sign-in and back"
                )
            else:
                assert response.status_code in want, (
                    f"{where}: {response.status_code}, expected {sorted(want)}"
                )
                assert not is_login_redirect(response), where
            if not may_write and (written is None or rows_written() != written):
                after = database_fingerprint()
                assert after == baseline, (
                    f"{where} changed {fingerprint_difference(baseline, after)}"
                )
            transaction.set_rollback(True)
