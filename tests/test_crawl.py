"""Follow every link a signed-in user can click, starting at the dashboard of the demo account.

Each page answers without an error and carries the browser-side protections of SECURITY.md:
every <script> holds this response's CSP nonce, no inline event handlers or style attributes
(our policy would block them, so they would be broken anyway), and private pages are not
stored by the browser or a proxy.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.world import DemoWorld, build_demo_world, client_for

NONCE = re.compile(r"'nonce-([^']+)'")
NOT_FOLLOWED = ("/accounts/logout/", "/static/", "/share/")
MAX_PAGES = 400


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[dict] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "script":
            self.scripts.append(attributes)
        for name, _value in attrs:
            if name == "style" or name.startswith("on") or name.startswith("hx-on"):
                self.inline.append(f"<{tag} {name}>")


def same_site_paths(hrefs):
    for href in hrefs:
        parts = urlsplit(urldefrag(href).url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(NOT_FOLLOWED):
            yield path


@pytest.fixture
def demo(db) -> DemoWorld:
    return build_demo_world()


def crawl(client):
    seen, queue, problems = {"/"}, deque(["/"]), []
    while queue and len(seen) <= MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code in (301, 302):  # e.g. a share opens the item it shares
            links = [response["Location"]]
        elif response.status_code != 200:
            problems.append(f"{path}: {response.status_code}")
            continue
        elif response["Content-Type"] == "application/pdf":
            continue
        else:
            links = check_page(path, response, problems)
        for link in same_site_paths(links):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return seen, problems


def check_page(path, response, problems) -> list[str]:
    if "no-store" not in response.headers.get("Cache-Control", ""):
        problems.append(f"{path}: may be stored by the browser")
    nonce = NONCE.search(response.headers["Content-Security-Policy"]).group(1)
    page = PageParser()
    page.feed(response.content.decode())
    problems += [
        f"{path}: script without the nonce" for s in page.scripts if s.get("nonce") != nonce
    ]
    problems += [f"{path}: inline {markup}" for markup in page.inline]
    return page.links


@pytest.mark.django_db
def test_every_page_linked_from_the_dashboard_opens_and_is_locked_down(demo):
    seen, problems = crawl(client_for(demo.owner))
    assert not problems, "\n".join(problems)
    assert len(seen) > 40, sorted(seen)
    assert len(seen) <= MAX_PAGES, "the crawl stopped early; raise MAX_PAGES"
    for page in ("/focus/", "/opportunities/", "/offers/compare/", "/councils/", "/gratitude/"):
        assert page in seen
    assert any(path.endswith("/mission/") for path in seen)
    assert any(path.endswith("/plan/") for path in seen)
    assert any(path.startswith("/debriefs/") and path != "/debriefs/" for path in seen)


@pytest.mark.django_db
def test_a_council_member_meets_no_link_they_may_not_follow(demo):
    """The member reads what is shared with the council; no link leads them to a 403 or 404."""
    seen, problems = crawl(client_for(demo.member))
    assert not problems, "\n".join(problems)
    assert any(path.endswith("/mission/") for path in seen), "the shared mission is reachable"
    assert any(path.startswith("/debriefs/") and path[-2].isdigit() for path in seen)
    assert not any(path.endswith(("/edit/", "/delete/")) and "/councils/" in path for path in seen)
