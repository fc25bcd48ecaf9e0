from django.apps import AppConfig


class InplaceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inplace"
    verbose_name = "In-place editing"
