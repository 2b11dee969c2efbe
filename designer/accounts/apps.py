"""Sign-in: sessions for browsers, API tokens for scripts, and the first admin."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "designer.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import schema  # noqa: F401  registers the token scheme with drf-spectacular
