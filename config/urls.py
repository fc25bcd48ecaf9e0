from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from config import views

# The admin signs in through allauth too: its rate limits, verification and enumeration rules.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("opportunities.urls")),
    path("", include("missions.urls")),
    path("", include("negotiation.urls")),
    path("", include("councils.urls")),
]
