"""No mass assignment: forms list their fields, and posting who owns a thing changes nothing."""

import inspect

import pytest
from django import forms as django_forms
from django.urls import reverse
from django.utils import timezone

from councils import forms as council_forms
from councils.models import Comment, Council, Debrief
from missions import forms as mission_forms
from negotiation import forms as negotiation_forms
from opportunities import forms as opportunity_forms
from opportunities.models import Opportunity
from tests.factories import (
    CouncilFactory,
    MembershipFactory,
    OpportunityFactory,
    ShareFactory,
    UserFactory,
)
from tests.opportunities.test_opportunities import opportunity_data

# Fields that say who owns a row, where it belongs or how it is guarded: never from a form.
NEVER_FROM_A_FORM = {
    "owner",
    "user",
    "author",
    "shared_by",
    "invited_by",
    "council",
    "share",
    "mission",
    "plan",
    "token_digest",
    "token_salt",
    "created_at",
    "updated_at",
    "deleted_at",
    "accepted_at",
    "revoked_at",
}


def model_forms():
    for module in (opportunity_forms, mission_forms, negotiation_forms, council_forms):
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, django_forms.ModelForm) and form.__module__.startswith(
                module.__name__
            ):
                yield pytest.param(form, id=name)


@pytest.mark.parametrize("form", list(model_forms()))
def test_every_model_form_lists_its_fields_and_none_that_say_who_owns_the_row(form):
    meta = form._meta
    assert isinstance(meta.fields, (list, tuple)), f"{form.__name__} must list its fields"
    assert not meta.exclude, f"{form.__name__} uses exclude; list the fields instead"
    assert not NEVER_FROM_A_FORM & set(meta.fields), f"{form.__name__}: {meta.fields}"


@pytest.fixture
def victim(db):
    return UserFactory(email="victim@example.com")


@pytest.mark.django_db
class TestPostingOwnershipChangesNothing:
    def test_a_new_opportunity_belongs_to_whoever_creates_it(self, owner_client, owner, victim):
        owner_client.post(
            reverse("opportunity_create"),
            opportunity_data(company="Acme", owner=victim.pk),
        )
        assert Opportunity.objects.get(company="Acme").owner == owner
        assert not victim.opportunities.exists()

    def test_editing_an_opportunity_cannot_give_it_away(self, owner_client, owner, victim):
        opportunity = OpportunityFactory(owner=owner, company="Acme", role="PM")
        owner_client.post(
            reverse("opportunity_edit", args=[opportunity.pk]),
            opportunity_data(company="Acme", role="Lead PM", owner=victim.pk),
        )
        opportunity.refresh_from_db()
        assert opportunity.role == "Lead PM", "the edit itself was accepted"
        assert opportunity.owner == owner

    def test_editing_a_council_cannot_hand_it_over(self, owner_client, owner, victim):
        council = CouncilFactory(owner=owner, name="Tuesday")
        owner_client.post(
            reverse("council_edit", args=[council.pk]),
            {"name": "Thursday", "purpose": "", "kind": "fast", "owner": victim.pk},
        )
        council.refresh_from_db()
        assert council.name == "Thursday", "the edit itself was accepted"
        assert council.owner == owner
        assert not Council.objects.filter(owner=victim).exists()

    def test_a_comment_is_written_by_whoever_posts_it(self, owner_client, owner, victim):
        share = ShareFactory()
        MembershipFactory(council=share.council, user=owner)
        MembershipFactory(council=share.council, user=victim)
        other_share = ShareFactory()
        owner_client.post(
            reverse("comment_create", args=[share.pk]),
            {"body": "Strong objective.", "author": victim.pk, "share": other_share.pk},
        )
        comment = Comment.objects.get(body="Strong objective.")
        assert comment.author == owner
        assert comment.share == share

    def test_a_debrief_belongs_to_whoever_writes_it(self, owner_client, owner, victim):
        owner_client.post(
            reverse("debrief_create"),
            {
                "happened_on": timezone.localdate().isoformat(),
                "what_happened": "A long talk.",
                "went_well": "",
                "do_differently": "",
                "feeling": 3,
                "inner_critic": "",
                "evidence": "",
                "next_steps": "",
                "owner": victim.pk,
            },
        )
        assert Debrief.objects.get(what_happened="A long talk.").owner == owner
