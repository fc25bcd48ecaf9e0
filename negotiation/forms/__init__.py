"""Forms of the negotiation app, one module per part of the plan. Every form lists its fields
explicitly."""

from negotiation.forms.money import MoneyAskForm, MoneyAskOutcomeForm
from negotiation.forms.offers import EQUITY_FIELDS, OFFER_AMOUNTS, OfferForm
from negotiation.forms.plans import (
    NOT_DISCUSSED,
    AskStatusForm,
    ConversationForm,
    PlanStageForm,
    RedFlagForm,
    RedFlagResolveForm,
    RefusedConversationForm,
    SuccessAskCreateForm,
    SuccessAskForm,
)

__all__ = [
    "EQUITY_FIELDS",
    "NOT_DISCUSSED",
    "OFFER_AMOUNTS",
    "AskStatusForm",
    "ConversationForm",
    "MoneyAskForm",
    "MoneyAskOutcomeForm",
    "OfferForm",
    "PlanStageForm",
    "RedFlagForm",
    "RedFlagResolveForm",
    "RefusedConversationForm",
    "SuccessAskCreateForm",
    "SuccessAskForm",
]
