"""The search focus: the candidate-market-fit statement and its limits."""

from opportunities.models import Focus
from tests.factories import FocusFactory
from tests.html import select


def focus_data(**overrides) -> dict:
    data = {
        "attribute_1": "Product leader for B2B developer tools",
        "attribute_2": "Series B to D companies with 100–500 people",
        "attribute_3": "I turn platform debt into shipping speed",
        "attribute_4": "",
        "target_roles": "Head of Product",
        "level": "director",
        "industries": "Developer tools",
        "locations": "Berlin or remote",
        "must_haves": "A seat at the leadership table",
        "deal_breakers": "No budget for the platform",
        "full_name": "Alex Rivera",
        "contact": "alex@example.com",
    }
    return {**data, **overrides}


class TestFocusEdit:
    url = "/focus/"

    def test_shows_an_empty_form_on_first_visit(self, owner_client):
        response = owner_client.get(self.url)

        page = response.content.decode()
        assert response.status_code == 200
        assert select(page, name="attribute_1")
        assert "e.g. Product leader for B2B developer tools" in page
        assert not Focus.objects.exists()

    def test_explains_what_a_good_attribute_looks_like(self, owner_client):
        page = owner_client.get(self.url).content.decode()

        assert "What makes a good attribute" in page

    def test_saves_the_focus_and_confirms(self, owner, owner_client):
        response = owner_client.post(self.url, focus_data(), follow=True)

        focus = Focus.objects.get(owner=owner)
        assert response.redirect_chain == [("/focus/", 302)]
        assert "Your focus is saved." in response.content.decode()
        assert focus.attributes == [
            "Product leader for B2B developer tools",
            "Series B to D companies with 100–500 people",
            "I turn platform debt into shipping speed",
        ]
        assert focus.full_name == "Alex Rivera"

    def test_updates_the_existing_focus(self, owner, owner_client):
        FocusFactory(owner=owner)

        owner_client.post(self.url, focus_data(attribute_4="Remote-first teams"))

        assert Focus.objects.get(owner=owner).attribute_4 == "Remote-first teams"
        assert Focus.objects.count() == 1

    def test_shows_the_saved_focus(self, owner, owner_client):
        FocusFactory(owner=owner, attribute_3="I make platforms boring")

        page = owner_client.get(self.url).content.decode()

        assert select(page, value="I make platforms boring")

    def test_requires_three_attributes_and_keeps_typed_text(self, owner_client):
        response = owner_client.post(self.url, focus_data(attribute_3="   ", locations="Lisbon"))

        page = response.content.decode()
        assert response.status_code == 200
        assert "This field is required." in page
        assert select(page, value="Lisbon")
        assert not Focus.objects.exists()

    def test_rejects_over_long_text(self, owner_client):
        response = owner_client.post(
            self.url, focus_data(attribute_1="x" * 201, deal_breakers="y" * 4001)
        )

        errors = response.context["form"].errors
        assert response.status_code == 200
        assert set(errors) == {"attribute_1", "deal_breakers"}
        assert "Ensure this value has at most 200 characters" in response.content.decode()

    def test_rejects_an_unknown_level(self, owner_client):
        response = owner_client.post(self.url, focus_data(level="emperor"))

        assert "Select a valid choice." in response.content.decode()
        assert not Focus.objects.exists()

    def test_shows_html_as_text(self, owner, owner_client):
        owner_client.post(self.url, focus_data(attribute_1="<script>alert(1)</script>"))

        page = owner_client.get(self.url).content.decode()

        assert Focus.objects.get().attribute_1 == "<script>alert(1)</script>"
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_ignores_an_owner_in_the_post(self, owner, stranger, owner_client):
        owner_client.post(self.url, focus_data(owner=stranger.pk))

        assert Focus.objects.get().owner == owner

    def test_a_stranger_sees_only_their_own_focus(self, owner, stranger, stranger_client):
        FocusFactory(owner=owner, attribute_1="Owner secret attribute")

        page = stranger_client.get(self.url).content.decode()
        stranger_client.post(self.url, focus_data(attribute_1="Stranger attribute"))

        assert "Owner secret attribute" not in page
        assert Focus.objects.get(owner=owner).attribute_1 == "Owner secret attribute"
        assert Focus.objects.get(owner=stranger).attribute_1 == "Stranger attribute"
