"""Registered models, their versions and aliases: look up, list, change, delete.

Every function takes the acting user first and checks it. A model belongs to a workspace: its
members read it (readers) and change it (contributors); to anyone else it answers exactly as a
missing name does. A version is named by a number, by `latest` (the newest) or by `@alias`;
`resolve_version` is the one place that reads those, for the API and for Registered Model
nodes alike. Registering new versions is `registration.py`.
"""

import json
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, QuerySet

from designer.accounts.acting import Action, check, scoped
from designer.errors import Conflict, InvalidInput, NotFound
from designer.kernel.names import name_problem

from ..models import ModelAlias, ModelVersion, RegisteredModel

LATEST = "latest"
MAX_TAGS = 50
MAX_TAG_LENGTH = 100


def list_models(actor, search: str = "") -> QuerySet[RegisteredModel]:
    """The models of the actor's workspaces (or of the chosen one)."""
    check(actor, Action.VIEW)
    models = scoped(actor, _models())
    if search:
        models = models.filter(Q(name__icontains=search) | Q(description__icontains=search))
    return models


def _models() -> QuerySet[RegisteredModel]:
    return (
        RegisteredModel.objects.annotate(
            latest_number=Max("versions__number"), version_count=Count("versions", distinct=True)
        )
        .prefetch_related("aliases__version")
        .select_related("created_by", "workspace")
    )


def get_model(actor, name: str, workspace_id: int | None = None) -> RegisteredModel:
    """The model `actor` may read; with `workspace_id`, also one of that workspace (what a
    pipeline there may use). Anything else answers as a missing name."""
    model = _models().filter(name=name).first()
    missing = f"No registered model named '{name}'."
    if model is None or workspace_id not in (None, model.workspace_id):
        raise NotFound(missing)
    try:
        check(actor, Action.VIEW, model)
    except NotFound:
        raise NotFound(missing) from None
    return model


def versions_of(model: RegisteredModel) -> QuerySet[ModelVersion]:
    return model.versions.select_related(
        "model", "artifact", "pipeline_version", "created_by"
    ).prefetch_related("aliases")


def get_version(actor, name: str, number: int) -> ModelVersion:
    return version_of(get_model(actor, name), number)


def version_of(model: RegisteredModel, number: int) -> ModelVersion:
    name = model.name
    version = versions_of(model).filter(number=number).first()
    if version is None:
        known = ", ".join(str(n) for n in model.versions.values_list("number", flat=True))
        raise NotFound(f"Model '{name}' has no version {number}; it has {known or 'none'}.")
    return version


def resolve_version(actor, name: str, ref: str, workspace_id: int | None = None) -> ModelVersion:
    """The version `ref` names: `latest`, a number such as `3`, or an alias such as `@prod`;
    with `workspace_id`, of a model of that workspace only (see `get_model`)."""
    ref = str(ref).strip() or LATEST
    model = get_model(actor, name, workspace_id)
    if ref == LATEST:
        version = versions_of(model).order_by("-number").first()
        if version is None:
            raise NotFound(f"Model '{name}' has no versions yet.")
        return version
    if ref.startswith("@"):
        alias = model.aliases.select_related("version").filter(alias=ref[1:]).first()
        if alias is None:
            known = ", ".join("@" + a for a in model.aliases.values_list("alias", flat=True))
            raise NotFound(f"Model '{name}' has no alias {ref}; it has {known or 'none'}.")
        return version_of(model, alias.version.number)
    if not (ref.isascii() and ref.isdigit()):
        raise InvalidInput(
            f"'{ref[:40]}' is not a version of model '{name}': use a number, latest or @alias.",
            code="bad_version",
        )
    return version_of(model, int(ref))


def update_model(actor, name: str, **values: Any) -> RegisteredModel:
    """Change a model's description or tags."""
    model = get_model(actor, name)
    check(actor, Action.EDIT, model)
    _apply(model, values)
    model.save()
    return get_model(actor, name)


def update_version(actor, name: str, number: int, **values: Any) -> ModelVersion:
    """Change a version's description or tags; what it was registered from never changes."""
    version = get_version(actor, name, number)
    check(actor, Action.EDIT, version.model)
    _apply(version, values)
    version.save(update_fields=list(values))
    return get_version(actor, name, number)


def _apply(row, values: dict[str, Any]) -> None:
    unknown = set(values) - {"description", "tags"}
    if unknown:
        raise InvalidInput(f"Cannot change {', '.join(sorted(unknown))}; only description, tags.")
    if "tags" in values:
        values["tags"] = clean_tags(values["tags"])
    for key, value in values.items():
        setattr(row, key, value)


def delete_model(actor, name: str) -> None:
    """Delete a model with its versions and aliases; the stored artifacts stay."""
    model = get_model(actor, name)
    check(actor, Action.EDIT, model)
    model.delete()


def delete_version(actor, name: str, number: int) -> None:
    """Delete one version; the aliases that pointed at it go with it."""
    version = get_version(actor, name, number)
    check(actor, Action.EDIT, version.model)
    version.delete()


def set_alias(actor, name: str, alias: str, number: int) -> ModelAlias:
    """Point `alias` at version `number`, moving it if it pointed elsewhere."""
    problem = alias_problem(alias)
    if problem:
        raise InvalidInput(f"Alias {problem}.", code="bad_alias")
    version = get_version(actor, name, number)
    check(actor, Action.EDIT, version.model)
    try:
        with transaction.atomic():
            found, _ = ModelAlias.objects.update_or_create(
                model=version.model, alias=alias, defaults={"version": version}
            )
    except IntegrityError as exc:  # two first settings of one alias at once
        raise Conflict(f"Alias '{alias}' was just set by someone else; set it again.") from exc
    return found


def delete_alias(actor, name: str, alias: str) -> None:
    model = get_model(actor, name)
    check(actor, Action.EDIT, model)
    deleted, _ = model.aliases.filter(alias=alias).delete()
    if not deleted:
        raise NotFound(f"Model '{name}' has no alias '{alias}'.")


def alias_problem(alias: str) -> str | None:
    """What is wrong with `alias`; `latest` and bare numbers would read as versions."""
    problem = name_problem(alias)
    if problem:
        return problem
    if alias == LATEST or alias.isdigit():
        return f"'{alias}' would read as a version; choose a word such as production"
    return None


def clean_tags(raw: Any) -> list[str]:
    """Tags as a list of distinct strings; a JSON list or comma-separated text is accepted."""
    if isinstance(raw, str):
        raw = _tags_from_text(raw)
    if not isinstance(raw, list) or not all(isinstance(tag, str) for tag in raw):
        raise InvalidInput("Tags are a list of strings.", code="bad_tags")
    tags = list(dict.fromkeys(tag.strip() for tag in raw if tag.strip()))
    if len(tags) > MAX_TAGS or any(len(tag) > MAX_TAG_LENGTH for tag in tags):
        raise InvalidInput(
            f"At most {MAX_TAGS} tags of at most {MAX_TAG_LENGTH} characters each.",
            code="bad_tags",
        )
    return tags


def _tags_from_text(text: str) -> Any:
    if text.strip().startswith("["):
        try:
            return json.loads(text)
        except ValueError as exc:
            raise InvalidInput("Tags are not a valid JSON list.", code="bad_tags") from exc
    return text.split(",")
