"""Shapes of API tokens on the wire. The secret's digest never leaves the server."""

from rest_framework import serializers

from .choices import TokenKind
from .models import ApiToken
from .tokens import NAME_LENGTH


class ApiTokenSerializer(serializers.ModelSerializer):
    prefix = serializers.CharField(
        read_only=True, help_text="The start of the token, to tell tokens apart."
    )
    scopes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "kind",
            "prefix",
            "scopes",
            "created_at",
            "expires_at",
            "last_used_at",
        ]
        read_only_fields = fields


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    token = serializers.CharField(
        read_only=True, help_text="The raw token. Shown only in this answer: store it now."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]
        read_only_fields = fields


class ApiTokenRequestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=NAME_LENGTH)
    kind = serializers.ChoiceField(choices=TokenKind.choices, default=TokenKind.PERSONAL)
    scopes = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="'*' (everything you may do, the default) or 'endpoint:run:<name>' each.",
    )
    expires_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="When the token stops working; none: never."
    )
