"""Nothing of A's ever reaches B, except what A shared with B's council.

A plants a unique sentinel word in every free-text field of everything they own, and tell-tale
figures in their offers and money asks. B, with work of their own, is a member of two of A's
councils: one where A shares nothing, one where A shares a single mission; A shares everything
else with a third council B is not in. B then opens every page they can reach by following
links (with every HTMX region and fragment those pages load), every PDF, their data export,
and reads every email they get. Of A's words only these may appear: that mission's own (its
text and OKRs, the role, company and location in its heading, the author's name and contact
line the mission document carries), A's comment on it, and the councils B is in or invited to.

A's share link, opened by anyone, shows the mission and nothing else: no figures, no comment,
no owner email.
"""

from __future__ import annotations

import io
import json
import re
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from councils.models import Comment
from tests.factories import (
    CommentFactory,
    CouncilFactory,
    FocusFactory,
    GratitudeEntryFactory,
    MembershipFactory,
    ShareFactory,
    StageChangeFactory,
    UserFactory,
)
from tests.world import build_work, build_world, client_for, reauthenticate

pytestmark = pytest.mark.django_db

A_EMAIL = "alex.sentinel@example.com"
B_EMAIL = "blair@example.com"
# A's money, as pages and PDFs print it: figures that appear nowhere else.
BASE_SALARY, TARGET_BASE, WALK_AWAY = Decimal("987654"), Decimal("876543"), Decimal("765432")
FIGURES = {"987,654", "987654", "876,543", "876543", "765,432", "765432"}
# Fields that hold none of A's words: secrets, and the address of the person A invites.
NOT_PLANTED = {
    "ShareLink.token_digest",
    "ShareLink.token_salt",
    "Invitation.token_digest",
    "Invitation.email",
}
# The mission document's heading names the role, the company and where the job is.
DOCUMENT_HEADING = ("role", "company", "location")
NOT_FOLLOWED = ("/accounts/logout/", "/static/", "/admin/", "/account/delete/")
MAX_PAGES = 400


def is_free_text(model_field) -> bool:
    return (
        isinstance(model_field, (models.CharField, models.TextField))
        and not model_field.choices
        and f"{model_field.model.__name__}.{model_field.name}" not in NOT_PLANTED
    )


class Planter:
    """Plants a unique sentinel word in every free-text field of the objects it is given."""

    def __init__(self) -> None:
        self.words: dict[str, str] = {}  # word → "Model.field" it was planted in
        self.fields: set[str] = set()  # every "Model.field" that got one

    def __call__(self, obj: models.Model) -> dict[str, str]:
        """Plant into every text field of ``obj``, save it; return field name → word."""
        model = type(obj).__name__
        planted = {}
        for model_field in obj._meta.concrete_fields:
            name = model_field.name
            if not is_free_text(model_field):
                continue
            word = f"zq{len(self.words):03d}{model[:5]}{name.replace('_', '')[:7]}".lower()
            value = word
            if isinstance(model_field, models.URLField):
                value = f"https://{word}.example/"
            elif isinstance(model_field, models.EmailField):
                value = f"{word}@sentinel.example"
            setattr(obj, model_field.attname, value)
            self.words[word] = f"{model}.{name}"
            self.fields.add(f"{model}.{name}")
            planted[name] = word
        obj.save()
        return planted


@dataclass
class Sentinels:
    """The world with A as its owner and B as the council member, and where A's words went."""

    a: object
    b: object
    plant: Planter
    visible_to_b: set[str] = field(default_factory=set)  # A's words B may see
    on_share_page: set[str] = field(default_factory=set)  # A's words a link holder may see
    token: str = ""
    shared_opportunity_pk: int = 0
    mission_share_pk: int = 0
    invite_council_pk: int = 0
    shared_with_b: set[str] = field(default_factory=set)  # the mission's text, A's comment
    a_interview_pk: int = 0
    b_opportunity_pk: int = 0


def plant_sentinels() -> Sentinels:
    """A's world with a sentinel in every text, and B's own work."""
    # A shares one mission (and its link) with the council B is in; the world's other council
    # of A's, which B is not in, will hold everything else.
    world = build_world(
        UserFactory(email=A_EMAIL),
        member=UserFactory(email=B_EMAIL),
        everything=True,
        share_link=True,
    )
    a, b = world.owner, world.member
    sentinels = Sentinels(a=a, b=b, plant=Planter(), token=world.share_token)
    plant = sentinels.plant
    # The mission document names its author and carries their contact line; the name is also
    # how fellow council members see A.
    author = {word for name, word in plant(world.focus).items() if name in ("full_name", "contact")}
    sentinels.on_share_page |= author
    sentinels.visible_to_b |= author

    private_share_items = [{"focus": world.focus}]
    for shared, work in ((True, world), (False, build_work(a))):
        work.offer.base_salary = BASE_SALARY
        work.money_ask.target_base, work.money_ask.walk_away = TARGET_BASE, WALK_AWAY
        if work.stage_change is None:
            work.stage_change = StageChangeFactory(opportunity=work.opportunity)
        title = {word for name, word in plant(work.opportunity).items() if name in DOCUMENT_HEADING}
        for obj in (work.stage_change, work.person, work.interview):
            plant(obj)
        sentinels.a_interview_pk = work.interview.pk
        mission = (work.mission, work.objective, work.key_result, work.question)
        mission_words = {word for o in mission for word in plant(o).values()}
        for obj in (work.ask, work.red_flag, work.conversation, work.offer, work.money_ask):
            plant(obj)
        plant(work.debrief)
        private_share_items += [{"plan": work.plan}, {"debrief": work.debrief}]
        if shared:
            sentinels.visible_to_b |= title | mission_words
            sentinels.shared_with_b |= {
                work.mission.purpose,
                work.objective.title,
                work.key_result.description,
            }
            sentinels.on_share_page |= title | mission_words
            sentinels.shared_opportunity_pk = work.opportunity.pk
        else:
            private_share_items.append({"mission": work.mission})
    plant(world.gratitude)
    plant(GratitudeEntryFactory(owner=a))

    # Councils: B is in two of A's (nothing shared in one, one mission in the other), not in
    # the third, which holds everything else of A's, commented on.
    quiet = CouncilFactory(owner=a)
    MembershipFactory(council=quiet, user=b)
    for council in (quiet, world.council):
        sentinels.visible_to_b |= set(plant(council).values())
    world.comment.key_result = world.key_result
    sentinels.shared_with_b |= set(plant(world.comment).values())
    sentinels.visible_to_b |= sentinels.shared_with_b
    sentinels.mission_share_pk = world.share.pk
    plant(world.invitation)
    closed = world.other_council
    plant(closed)
    for item in private_share_items:
        share = ShareFactory(council=closed, shared_by=a, **{"mission": None, **item})
        plant(CommentFactory(share=share, author=a))
    # A council B is about to be invited to: its name and purpose reach B with the invitation.
    invite = CouncilFactory(owner=a)
    sentinels.visible_to_b |= {w for n, w in plant(invite).items() if n in ("name", "purpose")}
    sentinels.invite_council_pk = invite.pk

    # B's own work, so that B's pages have something to show.
    FocusFactory(owner=b, full_name="Blair Own")
    own = build_work(b, opportunity={"company": "Blair Co"})
    sentinels.b_opportunity_pk = own.opportunity.pk
    GratitudeEntryFactory(owner=b)
    return sentinels


# Reading what B can reach.


class PageLinks(HTMLParser):
    """The links a page offers and the regions it swaps in place."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.fragments: list[tuple[str, str]] = []  # (hx-get URL, its target or "")
        self.targets: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        target = attrs.get("hx-target") or ""
        if target == "this" or (tag == "section" and attrs.get("id")):
            target = attrs.get("id") or ""
        target = target.removeprefix("#")
        if re.fullmatch(r"[\w-]+", target):
            self.targets.add(target)
        if attrs.get("hx-get"):
            self.fragments.append((attrs["hx-get"], target))


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def local(url: str, base: str) -> str | None:
    """The path (and query) of a link on our site worth following, else None."""
    url = urldefrag(url).url
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url:
        return None
    if not url.startswith("/"):
        url = base.rsplit("/", 1)[0] + "/" + url
    return None if url.startswith(NOT_FOLLOWED) else url


def read_everything(client: Client, start: list[str]) -> dict[str, str]:
    """Every page, fragment and PDF reachable from ``start`` by links: URL → its text."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = ""
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if kind.startswith("application/pdf"):
            seen[url] = pdf_text(response.content)
            continue
        seen[url] = response.content.decode()
        parser = PageLinks()
        parser.feed(seen[url])
        queue.extend(link for href in parser.links if (link := local(href, url)))
        for target in sorted(parser.targets):
            headers = {"HX-Request": "true", "HX-Target": target}
            seen[f"{url} [htmx {target}]"] = client.get(url, headers=headers).content.decode()
        for href, target in parser.fragments:
            if link := local(href, url):
                headers = {"HX-Request": "true", "HX-Target": target or "main"}
                response = client.get(link, headers=headers)
                seen[f"{link} [hx-get]"] = response.content.decode()
    return seen


def leaks(texts: dict[str, str], world: Sentinels, allowed: set[str]) -> list[str]:
    """Every (place, A's word or figure) that should not be there."""
    forbidden = {word: source for word, source in world.plant.words.items() if word not in allowed}
    found = []
    for where, text in texts.items():
        lowered = text.lower()
        found += [
            f"{where}: {source} ({word})" for word, source in forbidden.items() if word in lowered
        ]
        found += [f"{where}: a figure of A's ({figure})" for figure in FIGURES if figure in text]
        if A_EMAIL in lowered and A_EMAIL not in allowed:
            found.append(f"{where}: A's email")
    return found


def email_texts(messages, to: str) -> dict[str, str]:
    texts = {}
    for n, message in enumerate(messages):
        if to not in message.to:
            continue
        parts = [message.subject, message.body, *(body for body, _ in message.alternatives)]
        texts[f"email {n}: {message.subject}"] = "\n".join(parts)
    return texts


class TestWhatBSees:
    def test_every_text_field_of_every_model_a_owns_holds_a_sentinel(self):
        world = plant_sentinels()
        text_fields = {
            f"{model.__name__}.{f.name}"
            for label in ("opportunities", "missions", "negotiation", "councils")
            for model in apps.get_app_config(label).get_models()
            for f in model._meta.concrete_fields
            if is_free_text(f)
        }
        assert text_fields - world.plant.fields == set()

    def test_nothing_of_as_reaches_b_but_the_shared_mission(
        self, django_capture_on_commit_callbacks
    ):
        world = plant_sentinels()
        a, b = client_for(world.a), client_for(world.b)
        mail.outbox = []
        # Emails B gets: an invitation from A, and A's reply to B's comment on the mission.
        with django_capture_on_commit_callbacks(execute=True):
            response = a.post(
                reverse("invitation_create", args=[world.invite_council_pk]), {"emails": B_EMAIL}
            )
            assert response.status_code == 302
            comment_url = reverse("comment_create", args=[world.mission_share_pk])
            assert b.post(comment_url, {"body": "Blair asks: why 90 days?"}).status_code == 302
            question = Comment.objects.get(author=world.b)
            reply = {"body": "Because onboarding takes a quarter.", "parent": question.pk}
            assert a.post(comment_url, reply).status_code == 302
        emails = email_texts(mail.outbox, B_EMAIL)
        assert len(emails) == 2, "an invitation and a reply"
        invitation_link = re.search(r"https?://[^/\s]+(/invitations/[\w-]+/)", str(emails))

        start = [
            "/",
            reverse("focus_edit"),
            reverse("opportunity_list") + "?stage=all",
            reverse("offer_compare"),
            reverse("council_list"),
            reverse("debrief_list"),
            reverse("gratitude_list"),
            reverse("account_email"),
            reverse("account_export"),
            invitation_link.group(1),
            # A's ids where B's pages take one in the query string: ignored, never shown.
            f"{reverse('debrief_create')}?interview={world.a_interview_pk}",
            f"{reverse('prepare', args=[world.b_opportunity_pk])}?interview={world.a_interview_pk}",
        ]
        reauthenticate(b)
        texts = read_everything(b, start)
        export = b.post(reverse("account_export"))
        assert export.status_code == 200
        texts["/account/export/ (the JSON)"] = json.dumps(json.loads(export.content))
        texts |= emails

        # The crawl reached the shared mission, its PDF and A's comment: the test has teeth.
        mission_page = reverse("mission_edit", args=[world.shared_opportunity_pk])
        assert mission_page in texts
        assert reverse("mission_pdf", args=[world.shared_opportunity_pk]) in texts
        seen = {word for word in world.plant.words if any(word in t for t in texts.values())}
        assert world.shared_with_b <= seen, "B read the mission A shared and A's comment on it"
        assert leaks(texts, world, world.visible_to_b | {A_EMAIL}) == []

    def test_the_share_link_shows_the_mission_and_nothing_else(self):
        world = plant_sentinels()
        holder = Client()
        page = holder.get(reverse("share_page", args=[world.token]))
        pdf = holder.get(reverse("share_pdf", args=[world.token]))
        texts = {"share page": page.content.decode(), "share PDF": pdf_text(pdf.content)}

        for text in texts.values():
            assert world.on_share_page & {w for w in world.plant.words if w in text.lower()}
        assert leaks(texts, world, world.on_share_page) == []
