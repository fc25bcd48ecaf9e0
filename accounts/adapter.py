"""How sign-up and email confirmation fit the council invitations."""

from allauth.account.adapter import DefaultAccountAdapter

from councils.views.invitations import RETURN_TO_INVITATION


class AccountAdapter(DefaultAccountAdapter):
    """Bring an invitee who confirms their address straight back to their invitation."""

    def get_email_verification_redirect_url(self, email_address):
        path = self.request.session.pop(RETURN_TO_INVITATION, None)
        return path or super().get_email_verification_redirect_url(email_address)
