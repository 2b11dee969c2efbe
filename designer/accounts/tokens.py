"""API token services: issue, list, revoke, and recognise a presented token.

A raw token is `pw_` followed by 40 letters and digits (~238 bits). Its first 11
characters are the public `prefix`, the lookup index; the whole token's SHA-256 is
compared in constant time. A refusal names why (unknown, revoked, expired) only once
the whole secret matched, so nobody learns which prefixes exist.
"""

import hashlib
import hmac
import secrets
import string
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from designer.errors import DomainError, InvalidInput, NotFound

from .choices import TokenKind
from .keys import MARKER, PREFIX_LENGTH, SECRET_LENGTH, TokenRefused
from .models import ApiToken
from .scopes import ALL, ScopeError, check_scopes

_ALPHABET = string.ascii_letters + string.digits
# Recording every use would turn each read into a write; a minute is precise enough to
# tell a token in use from a forgotten one.
TOUCH_EVERY = timedelta(minutes=1)
NAME_LENGTH = 100
_NO_DIGEST = "0" * 64


class DuplicateName(DomainError):
    code = "duplicate_name"


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def list_tokens(user) -> QuerySet[ApiToken]:
    """The user's tokens that are not revoked (expired ones too), newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-id")


def create_token(
    user,
    name: str,
    scopes: list[str] | None = None,
    expires_at: datetime | None = None,
    kind: str = TokenKind.PERSONAL,
) -> tuple[ApiToken, str]:
    """A new token and its raw value, which is never available again."""
    now = timezone.now()
    name = name.strip()
    if not name:
        raise InvalidInput("Give the token a name.", code="blank_name")
    if len(name) > NAME_LENGTH:
        raise InvalidInput(f"A token name has at most {NAME_LENGTH} characters.", code="long_name")
    try:
        checked = check_scopes([ALL] if scopes is None else scopes)
    except ScopeError as bad:
        raise InvalidInput(str(bad), code="invalid_scope", scope=bad.scope) from bad
    if expires_at is not None and expires_at <= now:
        raise InvalidInput(
            f"The expiry {expires_at.isoformat()} is in the past; give a future date or none.",
            code="expired_date",
        )
    with transaction.atomic():
        # An expired token can never be used again: let its name go to the new one.
        _live_named(user, name).filter(expires_at__lte=now).update(revoked_at=now)
        if _live_named(user, name).exists():
            raise _duplicate(name)
        try:
            with transaction.atomic():
                raw = _new_raw()
                return _insert(user, raw, name, kind, checked, expires_at, now), raw
        except IntegrityError as race:
            raise _duplicate(name) from race


def issue_signin_token(user) -> tuple[ApiToken, str]:
    """What `POST /api/auth/token/` hands out: every scope, for a limited time."""
    now = timezone.now()
    expires_at = now + timedelta(days=settings.DESIGNER_SIGNIN_TOKEN_DAYS)
    raw = _new_raw()
    # The prefix keeps the name unique even for several sign-ins in the same second.
    name = f"sign-in {now:%Y-%m-%d %H:%M:%S} {raw[:PREFIX_LENGTH]}"
    return _insert(user, raw, name, TokenKind.PERSONAL, [ALL], expires_at, now), raw


def revoke_token(user, token_id: int) -> None:
    """Revoke one of the user's own tokens; another user's token is not found."""
    revoked = list_tokens(user).filter(pk=token_id).update(revoked_at=timezone.now())
    if not revoked:
        raise NotFound(f"You have no token with id {token_id}.")


def authenticate_key(raw: str) -> ApiToken:
    """The live token `raw` stands for, with its user; refuses anything else."""
    now = timezone.now()
    token = _find(raw)
    if token is None:
        raise TokenRefused(
            f"Unknown API token. Tokens start with {MARKER!r}; sign in again or create one.",
            code="unknown_token",
        )
    if token.revoked_at is not None:
        raise TokenRefused("This API token was revoked.", code="token_revoked")
    if token.expires_at is not None and token.expires_at <= now:
        raise TokenRefused(
            f"This API token expired at {token.expires_at.isoformat()}.", code="token_expired"
        )
    if not token.user.is_active:
        raise TokenRefused("The account this token belongs to is disabled.", code="user_inactive")
    _touch(token, now)
    return token


def _find(raw: str) -> ApiToken | None:
    if not raw.startswith(MARKER) or len(raw) != len(MARKER) + SECRET_LENGTH:
        return None
    digest = digest_of(raw)
    candidate = ApiToken.objects.select_related("user").filter(prefix=raw[:PREFIX_LENGTH]).first()
    # Compare even without a candidate, so the answer takes as long either way.
    stored = candidate.secret_sha256 if candidate else _NO_DIGEST
    if not hmac.compare_digest(stored, digest) or candidate is None:
        return None
    return candidate


def _touch(token: ApiToken, now: datetime) -> None:
    stale = now - TOUCH_EVERY
    if token.last_used_at is not None and token.last_used_at > stale:
        return
    # Conditional, so concurrent requests with the same token write once between them.
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale)
    ).update(last_used_at=now)
    token.last_used_at = now


def _insert(user, raw, name, kind, scopes, expires_at, now) -> ApiToken:
    return ApiToken.objects.create(
        user=user,
        name=name,
        kind=kind,
        prefix=raw[:PREFIX_LENGTH],
        secret_sha256=digest_of(raw),
        scopes=scopes,
        created_at=now,
        expires_at=expires_at,
    )


def _new_raw() -> str:
    # Eight letters or digits (~48 bits) may clash once there are millions of tokens;
    # the prefix is unique, so draw again rather than fail on insert.
    while True:
        raw = MARKER + "".join(secrets.choice(_ALPHABET) for _ in range(SECRET_LENGTH))
        if not ApiToken.objects.filter(prefix=raw[:PREFIX_LENGTH]).exists():
            return raw


def _live_named(user, name: str) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True)


def _duplicate(name: str) -> DuplicateName:
    return DuplicateName(
        f"You already have a token named {name!r}: revoke it or choose another name.",
        name=name,
    )
