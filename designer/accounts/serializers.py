"""Shapes of API tokens on the wire. The secret's digest never leaves the server."""

from rest_framework import serializers

from .choices import Role, TokenKind
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


class WorkspaceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=63)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True, allow_null=True)
    member_count = serializers.IntegerField(read_only=True, required=False)
    created_at = serializers.DateTimeField(read_only=True)


class WorkspaceUpdateSerializer(serializers.Serializer):
    description = serializers.CharField(allow_blank=True, max_length=2000)


class MemberSerializer(serializers.Serializer):
    user = serializers.CharField(max_length=150, help_text="The member's username.")
    role = serializers.ChoiceField(choices=Role.choices, default=Role.CONTRIBUTOR)
    added_at = serializers.DateTimeField(read_only=True)


class MemberRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
