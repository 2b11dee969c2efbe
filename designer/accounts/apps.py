from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "designer.accounts"
    label = "accounts"
