"""tests/html.py finds exactly the elements a markup assertion names, and no look-alikes."""

import re

import pytest

from tests.html import (
    definitions,
    field_names,
    links,
    links_to,
    one,
    opens_with,
    position,
    roots,
    select,
    text_of,
    texts,
)

PAGE = """<!DOCTYPE html>
<html><body>
<!-- <a href="/commented/">not a link</a> -->
<script nonce="n">const html = '<a href="/in-a-script/">';</script>
<nav id="plan-progress" class="steps is-done small"><a href="/focus/#top">Focus</a></nav>
<form id="new-ask" method="post" action="/ask/" hx-post="/ask/">
  <input type="text" name="description" value="Coach &amp; mentor" autofocus>
  <input type="checkbox" name="councils" value="7" checked>
  <input type="checkbox" name="councils" value="8">
  <textarea name="reasons">  Saved
     reasons </textarea>
  <button type="submit" formaction="/ask/draft/">Draft</button>
</form>
<ol><li id="ask-1">First</li><li id="ask-2">Second</li></ol>
</body></html>"""


def test_finds_elements_by_tag_and_attributes():
    assert select(PAGE, "form", id="new-ask", hx_post="/ask/")
    assert not select(PAGE, "form", id="new-ask", hx_post="/elsewhere/")
    assert select(PAGE, "input", name="description", autofocus=True)
    assert not select(PAGE, "input", name="councils", value="8", checked=True)
    assert select(PAGE, "input", name="councils", value=8, checked=False)
    assert select(PAGE, "button", formaction="/ask/draft/")


def test_a_class_that_means_a_state_matches_in_any_order():
    assert select(PAGE, "nav", class_="is-done steps")
    assert not select(PAGE, "nav", class_="is-current")


def test_ignores_what_is_not_markup():
    assert links(PAGE) == ["/focus/#top"]
    assert not select(PAGE, "a", href="/commented/")
    assert not select(PAGE, "a", href="/in-a-script/")


def test_reads_text_and_order():
    assert text_of(one(PAGE, "textarea")) == "Saved reasons"
    assert one(PAGE, "input", value="Coach & mentor")
    assert [text_of(li) for li in select(PAGE, "li", id=re.compile(r"ask-\d+"))] == [
        "First",
        "Second",
    ]
    assert select(PAGE, "li", text="Second")


def test_links_to_a_page_allow_a_fragment_but_not_another_path():
    assert links_to(PAGE, "/focus/")
    assert not links_to(PAGE, "/foc")
    assert field_names(one(PAGE, "form")) == {"description", "councils", "reasons"}


def test_one_fails_saying_how_many_it_found():
    with pytest.raises(AssertionError, match="found 2"):
        one(PAGE, "li")
    with pytest.raises(AssertionError, match="found 0"):
        one(PAGE, "form", id="missing")


def test_tells_the_order_of_elements_and_the_top_of_a_fragment():
    assert position(PAGE, "li", id="ask-1") < position(PAGE, "li", id="ask-2")
    assert position(PAGE, "nav") < position(PAGE, "form")
    fragment = '<section id="thread-1"><p>Hi</p></section><div id="announcer">Saved.</div>'
    assert [element.name for element in roots(fragment)] == ["section", "div"]
    assert texts(fragment, "div") == ["Saved."]


def test_reads_terms_and_their_descriptions():
    listing = "<dl><dt>Purpose</dt><dd class='mb-1'>Saved</dd><dt>Target</dt><dd>1 h</dd></dl>"
    assert definitions(listing) == [("Purpose", "Saved"), ("Target", "1 h")]


def test_knows_which_element_a_fragment_opens_with():
    fragment = '<section id="people"><h2>People</h2></section><div id="announcer"></div>'
    assert opens_with(fragment, "section", id="people")
    assert not opens_with(fragment, "div", id="announcer")
    assert not opens_with(PAGE, "section", id="people")


def test_text_reads_as_a_person_reads_it():
    assert text_of(one("<p>Your place in <strong>BOB council</strong>, kept.</p>", "p")) == (
        "Your place in BOB council, kept."
    )


def test_the_position_of_a_text_is_where_it_is_written():
    assert position(PAGE, text="Second") > position(PAGE, text="First") > position(PAGE, "form")
    with pytest.raises(AssertionError):
        position(PAGE, text="Nowhere on the page")
