"""The personas of tests/conftest.py are who their names say, towards the owner's council."""

from django.urls import reverse

from councils.models import Membership


def members_of(council) -> set:
    return set(Membership.objects.filter(council=council).values_list("user__email", flat=True))


def test_each_persona_stands_where_its_name_says(
    owner, council, council_member, council_manager, ex_member, stranger
):
    assert council.owner == owner == council_manager
    assert members_of(council) == {owner.email, council_member.email}
    assert not Membership.objects.filter(user__in=[ex_member, stranger]).exists()


def test_the_council_page_answers_each_persona_as_the_access_rules_say(
    council,
    anonymous_client,
    council_member_client,
    council_manager_client,
    ex_member_client,
    stranger_client,
):
    page = reverse("council_detail", args=[council.pk])
    edit = reverse("council_edit", args=[council.pk])

    assert anonymous_client.get(page).status_code == 302
    assert council_member_client.get(page).status_code == 200
    assert council_member_client.get(edit).status_code == 403
    assert council_manager_client.get(edit).status_code == 200
    assert ex_member_client.get(page).status_code == 404
    assert stranger_client.get(page).status_code == 404


def test_the_world_puts_the_same_people_around_the_shared_mission(
    world, owner, council_member, ex_member, stranger, outsider_client
):
    assert (world.owner, world.member, world.ex_member, world.stranger) == (
        owner,
        council_member,
        ex_member,
        stranger,
    )
    assert world.share.council == world.council
    mission = reverse("mission_edit", args=[world.opportunity.pk])
    assert outsider_client.get(mission).status_code == 404
