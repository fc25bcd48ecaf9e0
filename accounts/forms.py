"""Forms of the accounts app. Every form lists its fields explicitly."""

from django import forms


class DeleteAccountForm(forms.Form):
    """Deleting everything is confirmed by typing the address the user signs in with."""

    email = forms.CharField(
        label="Type your email address to confirm",
        max_length=254,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email.casefold() != self.user.email.casefold():
            raise forms.ValidationError(
                f"That isn't the address you sign in with. Type {self.user.email} to confirm.",
                code="email_mismatch",
            )
        return email
