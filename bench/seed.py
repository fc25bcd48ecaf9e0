"""Scale the demo account up to benchmark size."""

from django.db import transaction

from negotiation.models import (
    Fit,
    Horizon,
    KeyResult,
    Mission,
    Objective,
    Opportunity,
    Question,
    Stage,
)


@transaction.atomic
def scale_up(user, opportunities: int) -> dict[str, int]:
    """Add opportunities until the user has ``opportunities``; add a PDF-sized mission."""
    stages = list(Stage.values)
    fits = list(Fit.values)
    existing = Opportunity.objects.filter(owner=user).count()
    Opportunity.objects.bulk_create(
        Opportunity(
            owner=user,
            company=f"Scale Co {n}",
            role="Senior Product Manager",
            stage=stages[n % len(stages)],
            fit=fits[n % len(fits)],
            next_step="Follow up with the recruiter",
        )
        for n in range(max(0, opportunities - existing))
    )
    # The mission editor page: the demo's full mission.
    mission_opportunity = (
        Mission.objects.filter(opportunity__owner=user).order_by("pk").first().opportunity_id
    )
    # The PDF: 5 objectives × 4 key results and 10 questions.
    opportunity = Opportunity.objects.create(
        owner=user, company="Benchmark Labs", role="Director of Product", stage=Stage.INTERVIEWING
    )
    mission = Mission.objects.create(
        opportunity=opportunity,
        purpose="Turn the developer platform into the reason customers stay. " * 4,
        responsibilities="Own the platform roadmap, its three product managers and its budget. "
        * 4,
    )
    horizons = list(Horizon.values)
    for o in range(5):
        objective = Objective.objects.create(
            mission=mission, title=f"Objective {o + 1}: make onboarding effortless", position=o
        )
        KeyResult.objects.bulk_create(
            KeyResult(
                objective=objective,
                description=f"Key result {k + 1}: time to first deploy",
                target="from 3 days to under 1 hour",
                horizon=horizons[k % len(horizons)],
                position=k,
            )
            for k in range(4)
        )
    Question.objects.bulk_create(
        Question(
            mission=mission, text=f"Question {q + 1}: how is success measured today?", position=q
        )
        for q in range(10)
    )
    return {"mission_opportunity": mission_opportunity, "pdf_mission": mission.pk}
