"""Datasets as people and runs read them: lists, versions, previews, downloads, the runs that
read a version, and the binder that puts a version into a run.

A version never changes once made; this module only reads versions, and changes nothing of a
dataset but its description and tags.
"""

from typing import Any, BinaryIO

from django.db.models import Count, Q, QuerySet

from designer.accounts.acting import scoped
from designer.artifacts import services as artifacts
from designer.errors import InvalidInput, NotFound
from designer.runs.models import Run
from designer.runs.sources import Bound

from .. import tables
from ..models import Dataset, DatasetVersion
from . import access

MAX_TAGS = 20
TAG_LENGTH = 64
DOWNLOAD_FORMATS = ("parquet", "csv")


def list_datasets(actor, search: str = "") -> QuerySet[Dataset]:
    """Datasets `actor` may read whose name, description or tags contain `search`."""
    rows = access.visible(actor, Dataset.objects.all())
    text = search.strip()
    if text:
        rows = rows.filter(
            Q(name__icontains=text) | Q(description__icontains=text) | Q(tags__icontains=text)
        )
    return (
        rows.select_related("workspace", "created_by", "latest__artifact", "latest__created_by")
        .annotate(version_count=Count("versions"))
        .order_by("-id")
    )


def get_dataset(actor, name: str, workspace_id: int | None = None) -> Dataset:
    """The dataset `actor` may read; with `workspace_id`, also one a pipeline of that
    workspace may use (its own or a sample). Anything else answers as a missing name."""
    dataset = (
        Dataset.objects.select_related(
            "workspace", "created_by", "latest__artifact", "latest__created_by"
        )
        .annotate(version_count=Count("versions"))
        .filter(name=name)
        .first()
    )
    missing = f"No dataset named '{name}'."
    if dataset is None or not access.usable_from(dataset, workspace_id):
        raise NotFound(missing)
    access.check_read(actor, dataset, missing)
    return dataset


def versions_of(dataset: Dataset) -> QuerySet[DatasetVersion]:
    """Every version, newest first."""
    return dataset.versions.select_related("artifact", "created_by").order_by("-version")


def update_dataset(actor, name: str, **values: Any) -> Dataset:
    dataset = get_dataset(actor, name)
    access.check_edit(actor, dataset, f"No dataset named '{name}'.")
    unknown = set(values) - {"description", "tags"}
    if unknown:
        raise InvalidInput(
            f"Only the description and tags of a dataset change, not {', '.join(sorted(unknown))}.",
            code="immutable",
        )
    if "description" in values:
        dataset.description = str(values["description"] or "")
    if "tags" in values:
        dataset.tags = check_tags(values["tags"])
    dataset.save(update_fields=["description", "tags", "updated_at"])
    return dataset


def delete_dataset(actor, name: str) -> None:
    """Remove the dataset and its versions. Their stored tables stay, as any artifact does,
    so runs that read a version keep their inputs."""
    dataset = get_dataset(actor, name)
    access.check_edit(actor, dataset, f"No dataset named '{name}'.")
    dataset.delete()


def check_tags(value: Any) -> list[str]:
    """Tags as a list of short strings, trimmed, each once; a comma-separated string is also
    taken (a form field)."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise InvalidInput("tags must be a list of strings.", code="bad_tags")
    tags: list[str] = []
    for tag in (t.strip() for t in value):
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS or any(len(t) > TAG_LENGTH for t in tags):
        raise InvalidInput(
            f"At most {MAX_TAGS} tags of up to {TAG_LENGTH} characters each.", code="bad_tags"
        )
    return tags


def get_version(actor, name: str, version: Any) -> DatasetVersion:
    """Version `version` ("latest", a number, or digits) of a dataset `actor` may read."""
    return version_of(get_dataset(actor, name), version)


def version_of(dataset: Dataset, version: Any) -> DatasetVersion:
    number = _version_number(dataset, version)
    found = versions_of(dataset).filter(version=number).first()
    if found is None:
        raise NotFound(
            f"Dataset '{dataset.name}' has no version {number}; its newest is "
            f"{dataset.latest.version if dataset.latest else 'none'}.",
            code="no_such_version",
        )
    return found


def _version_number(dataset: Dataset, version: Any) -> int:
    if version in (None, "", "latest"):
        if dataset.latest is None:
            raise NotFound(f"Dataset '{dataset.name}' has no versions yet.")
        return dataset.latest.version
    if isinstance(version, int) and not isinstance(version, bool) and version > 0:
        return version
    if isinstance(version, str) and version.isascii() and version.isdigit() and int(version) > 0:
        return int(version)
    raise InvalidInput(
        f"A dataset version is 'latest' or a number such as 1 or 2, not {str(version)[:40]!r}.",
        code="bad_version",
    )


def preview_version(actor, name: str, version: int, limit: int) -> dict[str, Any]:
    return artifacts.preview(get_version(actor, name, version).artifact, limit)


def profile_version(actor, name: str, version: int) -> dict[str, Any]:
    return artifacts.profile(get_version(actor, name, version).artifact)


def download_version(actor, name: str, version: int, fmt: str = "") -> tuple[BinaryIO, str]:
    """The version's stored Parquet file, or the same rows as CSV; and a file name."""
    fmt = fmt or "parquet"
    if fmt not in DOWNLOAD_FORMATS:
        raise InvalidInput(
            f"format must be {' or '.join(DOWNLOAD_FORMATS)}, not {fmt[:20]!r}.",
            code="bad_format",
        )
    found = get_version(actor, name, version)
    stream, _ = artifacts.download(found.artifact)
    filename = f"{name}-v{found.version}.{fmt}"
    if fmt == "parquet":
        return stream, filename
    with stream:
        return tables.parquet_as_csv(stream), filename


def runs_reading(actor, dataset_name: str, version: int) -> QuerySet[Run]:
    """Runs `actor` may see that read version `version` of the dataset (through a dataset
    node), newest first."""
    dataset = get_dataset(actor, dataset_name)
    return (
        scoped(actor, Run.objects.all(), "pipeline__workspace")
        .filter(
            node_runs__source__kind="dataset",
            node_runs__source__name=dataset.name,
            node_runs__source__version=int(version),
        )
        .distinct()
        .order_by("-created_at", "-id")
    )


def bind_dataset(actor, params: dict[str, Any], workspace_id: int | None = None) -> Bound:
    """A dataset node's binding when its run starts: the version ("latest" resolved now),
    its stored table as the `data` output, and what it was for the run's record.

    `workspace_id` is the pipeline's workspace: only its datasets and the samples bind, a
    dataset of another workspace answers as a missing one, whoever starts the run."""
    name = params.get("name")
    if not isinstance(name, str) or not name:
        raise InvalidInput("give the name of a registered dataset.", code="no_dataset")
    dataset = get_dataset(actor, name, workspace_id)
    found = version_of(dataset, params.get("version") or "latest")
    return Bound(
        params={"name": name, "version": str(found.version)},
        outputs={"data": found.artifact_id},
        source={"kind": "dataset", "name": name, "version": found.version, "digest": found.digest},
    )
