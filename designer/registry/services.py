"""Registry services: load built-ins, register uploads, look components up, yank.

Owns the rule that `name@version` is immutable: the same version with other content is a
conflict. A name belongs to one workspace (the one its first version went to), or to the whole
instance for built-ins; every version of it lives there. Views call these functions and
nothing else.
"""

import io
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from designer.accounts.acting import (
    SYSTEM,
    Action,
    check,
    scoped_with_instance,
    workspace_for_new,
)
from designer.errors import Conflict, InvalidInput, NotFound
from designer.kernel.ports import PORT_TYPES
from designer.kernel.spec import ComponentSpec, SpecError, load_spec_text
from designer.runtime.virtualenv_recipe import EnvironmentInvalid, read_requirements

from .digest import folder_digest, folder_files
from .models import Component
from .search import Searchable, rank, words

log = logging.getLogger(__name__)

MAX_ARCHIVE_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_FILES = 500


class SpecInvalid(InvalidInput):
    code = "invalid_spec"


def version_order(version: str) -> tuple:
    """Sorts versions oldest first: 1.10.0 after 1.9.0, a pre-release before its release."""
    core = version.split("-", 1)[0].split("+", 1)[0]
    parts = [int(p) if p.isdigit() else 0 for p in core.split(".")]
    return (*parts, "-" not in version)


def read_spec(folder: Path, source: str) -> ComponentSpec:
    spec_path = folder / "component.yaml"
    if not spec_path.is_file():
        raise SpecInvalid(
            f"{source}: no component.yaml found; a component folder needs one at its top.",
            errors=[{"file": source, "field": "", "message": "component.yaml is missing"}],
        )
    try:
        return load_spec_text(spec_path.read_text(encoding="utf-8"), source=source)
    except SpecError as exc:
        raise SpecInvalid(
            str(exc),
            errors=[{"file": i.file, "field": i.field, "message": i.message} for i in exc.errors],
        ) from exc
    except UnicodeDecodeError as exc:
        raise SpecInvalid(f"{source}: component.yaml is not UTF-8 text") from exc


def _check_entry_point(spec: ComponentSpec, folder: Path, source: str) -> None:
    _check_environment(spec, folder, source)
    if spec.python:
        filename = spec.python.split(":", 1)[0]
        if not (folder / filename).is_file():
            raise SpecInvalid(
                f"{source}: python: '{spec.python}' names {filename}, which is not in the folder.",
                errors=[{"file": source, "field": "python", "message": f"{filename} not found"}],
            )


def _check_environment(spec: ComponentSpec, folder: Path, source: str) -> None:
    """A requirements file the spec names must be in the folder and hold only requirements."""
    if spec.environment is None:
        return
    try:
        read_requirements(spec.environment, folder)
    except EnvironmentInvalid as exc:
        raise SpecInvalid(
            f"{source}: environment: {exc}",
            errors=[{"file": source, "field": "environment.requirements", "message": str(exc)}],
        ) from exc


@dataclass
class SyncReport:
    created: list[str]
    updated: list[str]
    unchanged: list[str]
    failed: list[str]


def sync_builtin_components(root: Path | None = None) -> SyncReport:
    """(Re)load every `component.yaml` under the built-in folder. Idempotent."""
    root = Path(root or settings.DESIGNER_COMPONENTS_DIR)
    report = SyncReport([], [], [], [])
    for spec_path in sorted(root.rglob("component.yaml")):
        folder = spec_path.parent
        rel = folder.relative_to(root).as_posix()
        try:
            spec = read_spec(folder, f"components/{rel}/component.yaml")
            _check_entry_point(spec, folder, rel)
        except SpecInvalid as exc:
            log.error("skipping %s: %s", rel, exc.message)
            report.failed.append(f"{rel}: {exc.message}")
            continue
        outcome = _upsert_builtin(spec, rel, folder_digest(folder))
        getattr(report, outcome).append(spec.ref)
    return report


def _upsert_builtin(spec: ComponentSpec, rel: str, digest: str) -> str:
    fields = _fields(spec, digest) | {"source_dir": rel, "builtin": True}
    existing = Component.objects.filter(name=spec.name, version=spec.version).first()
    if existing is None:
        Component.objects.create(**fields)
        return "created"
    if existing.code_digest == digest and existing.spec == fields["spec"]:
        return "unchanged"
    # Built-ins ship with the code: a checkout that changed one without a version bump
    # wins over the stored copy (runs keep the code digest they used in their cache keys).
    for key, value in fields.items():
        setattr(existing, key, value)
    existing.save()
    return "updated"


def _fields(spec: ComponentSpec, digest: str) -> dict:
    return {
        "name": spec.name,
        "version": spec.version,
        "display_name": spec.display_name,
        "category": spec.category,
        "description": spec.description,
        "spec": spec.to_dict(),
        "code_digest": digest,
    }


def register_archive(actor, data: bytes, workspace: str | None = None) -> tuple[Component, bool]:
    """Register a component from a zip of its folder. Returns (component, created)."""
    check(actor, Action.EDIT)
    if len(data) > MAX_ARCHIVE_BYTES:
        raise InvalidInput(f"The archive is larger than {MAX_ARCHIVE_BYTES // (1024 * 1024)} MiB.")
    with tempfile.TemporaryDirectory() as tmp:
        folder = _extract(data, Path(tmp))
        return register_folder(actor, folder, workspace)


def register_folder(actor, folder: Path, workspace: str | None = None) -> tuple[Component, bool]:
    """Register a component folder. A new name goes to `workspace` (by name; else the
    request's or the actor's default); a new version of a known name joins the workspace that
    owns the name, and needs the right to edit there."""
    check(actor, Action.EDIT)
    spec = read_spec(folder, "component.yaml")
    _check_entry_point(spec, folder, "component.yaml")
    digest = folder_digest(folder)
    owner = _owning_workspace(actor, spec.name)
    existing = Component.objects.filter(name=spec.name, version=spec.version).first()
    if existing is not None:
        if existing.code_digest == digest:
            return existing, False
        raise Conflict(
            f"{spec.ref} is already registered with other content; "
            "versions are immutable, so give this one a new version.",
            code="version_exists",
        )
    if owner is None:
        owner = _workspace_for_new(actor, workspace)
    rel = f"{spec.name}/{spec.version}"
    target = Path(settings.DESIGNER_USER_COMPONENTS_DIR) / rel
    if target.exists():
        shutil.rmtree(target)
    # Bytecode is not part of a component (nor of its digest): steps run what the worker
    # compiles from the source (`step._ready_code`).
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    with transaction.atomic():
        component = Component.objects.create(
            **_fields(spec, digest), source_dir=rel, workspace=owner
        )
    return component, True


def _owning_workspace(actor, name: str):
    """The workspace that owns `name`, once the actor may add a version of it; None for a name
    nobody registered yet.

    Names are unique across workspaces: a name of a workspace the actor is not a member of is
    taken (409), as for every other globally named object, and says nothing more about it."""
    first = Component.objects.filter(name=name).select_related("workspace").first()
    if first is None:
        return None
    if first.workspace_id is None:
        # Built-ins belong to the instance: administrators only, and even they version them
        # with the code, since the engine treats some names specially (dataset and model
        # nodes are bound, Register Dataset's output is registered).
        check(actor, Action.EDIT, first)
        raise Conflict(
            f"'{name}' is the name of a built-in component; give yours another name.",
            code="builtin_name",
        )
    try:
        check(actor, Action.EDIT, first)
    except NotFound as exc:
        raise Conflict(
            f"The component name '{name}' is taken; give yours another name.",
            code="name_taken",
        ) from exc
    return first.workspace


def _workspace_for_new(actor, name: str | None):
    if actor is SYSTEM and name:
        # The system chooses no workspace through a request; it names one directly.
        from designer.accounts.models import Workspace

        workspace = Workspace.objects.filter(name=name).first()
        if workspace is None:
            raise NotFound(f"No workspace '{name}'.", code="no_workspace")
        return workspace
    return workspace_for_new(actor, name)


def _extract(data: bytes, into: Path) -> Path:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InvalidInput("The upload is not a zip archive.", code="bad_archive") from exc
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_ARCHIVE_FILES:
        raise InvalidInput(f"The archive has more than {MAX_ARCHIVE_FILES} files.")
    if sum(m.file_size for m in members) > 5 * MAX_ARCHIVE_BYTES:
        raise InvalidInput("The archive unpacks to too much data.", code="bad_archive")
    for member in members:
        path = PurePosixPath(member.filename)
        if path.is_absolute() or ".." in path.parts:
            raise InvalidInput(
                f"The archive entry '{member.filename}' points outside the component folder.",
                code="bad_archive",
            )
        dest = into.joinpath(*path.parts)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(archive.read(member))
    return _component_root(into)


def _component_root(into: Path) -> Path:
    """Accept both a zip of the folder's contents and a zip of the folder itself."""
    if (into / "component.yaml").is_file():
        return into
    children = [p for p in into.iterdir() if p.name != "__MACOSX"]
    if len(children) == 1 and (children[0] / "component.yaml").is_file():
        return children[0]
    return into


def latest_components(
    actor,
    search: str = "",
    category: str = "",
    port_type: str = "",
    direction: str = "",
    subcategory: str = "",
    include_yanked: bool = False,
) -> list[Component]:
    """The latest version of each component the actor sees matching every filter given.

    Built-ins and the components of the actor's workspaces (the chosen one alone when the
    request chose one); yanked versions only with `include_yanked`, so a name whose every
    version is yanked drops out of the palette.

    Without `search` they come by category and display name. With it, only components whose
    text holds every word of it (whole words: see `search.py`) come, best first: an exact
    name, then a name that starts with the search, then every word in the name, then in the
    tags, then anywhere (description, category, port names). `port_type` with `direction`
    "in" or "out" keeps components taking or giving that type; `subcategory` those of that
    group (Classification, say) of their category.
    """
    check(actor, Action.VIEW)
    if port_type and port_type not in PORT_TYPES:
        raise InvalidInput(f"Unknown port type '{port_type}'; use one of {', '.join(PORT_TYPES)}.")
    if direction not in ("", "in", "out"):
        raise InvalidInput("direction must be 'in' or 'out'.")
    qs: QuerySet[Component] = scoped_with_instance(
        actor, Component.objects.select_related("workspace")
    )
    if not include_yanked:
        qs = qs.filter(yanked=False)
    if category:
        qs = qs.filter(category__iexact=category)
    latest: dict[str, Component] = {}
    for component in qs:
        current = latest.get(component.name)
        if current is None or version_order(component.version) > version_order(current.version):
            latest[component.name] = component
    found = sorted(
        (
            c
            for c in latest.values()
            if _has_port(c, port_type, direction) and _in_subcategory(c, subcategory)
        ),
        key=lambda c: (c.category, c.display_name),
    )
    if not words(search):
        return found
    return rank(found, search, _searchable)


def _searchable(component: Component) -> Searchable:
    spec = component.spec
    return Searchable(
        names=(component.name, component.display_name),
        tags=tuple(spec.get("tags") or ()),
        text=(
            component.description,
            component.category,
            spec.get("subcategory") or "",
            *spec.get("inputs", {}),
            *spec.get("outputs", {}),
        ),
    )


def _in_subcategory(component: Component, subcategory: str) -> bool:
    return not subcategory or subcategory.lower() == _subcategory(component).lower()


def _subcategory(component: Component) -> str:
    return component.spec.get("subcategory") or ""


def _has_port(component: Component, port_type: str, direction: str) -> bool:
    if not port_type:
        return True
    sections = {"in": ["inputs"], "out": ["outputs"], "": ["inputs", "outputs"]}[direction]
    return any(
        port.get("type") == port_type
        for section in sections
        for port in component.spec.get(section, {}).values()
    )


def categories(actor) -> list[dict]:
    """Each category with how many components it holds, and its sub-categories (the groups
    some components name within it, like Classification) with theirs."""
    counts: dict[str, int] = {}
    groups: dict[str, dict[str, int]] = {}
    for component in latest_components(actor):
        counts[component.category] = counts.get(component.category, 0) + 1
        if sub := _subcategory(component):
            within = groups.setdefault(component.category, {})
            within[sub] = within.get(sub, 0) + 1
    return [
        {
            "name": name,
            "count": count,
            "subcategories": [
                {"name": sub, "count": n} for sub, n in sorted(groups.get(name, {}).items())
            ],
        }
        for name, count in sorted(counts.items())
    ]


SOURCE_SUFFIXES = {".py", ".sql", ".json", ".yaml", ".yml", ".txt", ".md", ".sh", ".r", ".csv"}
MAX_SOURCE_BYTES = 200_000


def component_files(component: Component) -> tuple[str, list[dict]]:
    """The README text and the readable source files of a component's folder."""
    folder = component.path
    if not folder.is_dir():
        return "", []
    readme = folder / "README.md"
    files = []
    for path in folder_files(folder):
        rel = path.relative_to(folder).as_posix()
        if rel == "README.md" or path.name.startswith("test_"):
            continue
        if path.suffix.lower() in SOURCE_SUFFIXES and path.stat().st_size <= MAX_SOURCE_BYTES:
            files.append({"path": rel, "text": path.read_text(encoding="utf-8", errors="replace")})
    files.sort(key=lambda f: (f["path"] != "component.yaml", f["path"]))
    return (readme.read_text(encoding="utf-8", errors="replace") if readme.is_file() else ""), files


UsageFinder = Callable[[object, str], list[dict]]
# Which pipelines use a component is the pipelines app's to answer (it sits above the
# registry); it registers its finder at start-up.
_usage_finder: UsageFinder = lambda actor, ref: []  # noqa: E731


def register_usage_finder(finder: UsageFinder) -> None:
    global _usage_finder
    _usage_finder = finder


def pipelines_using(actor, component: Component) -> list[dict]:
    """`[{id, name, nodes}]`: the pipelines `actor` sees whose graph uses this exact version."""
    return _usage_finder(actor, component.ref)


def versions_by_name() -> dict[str, list[str]]:
    """Every registered version of each component, newest first."""
    found: dict[str, list[str]] = {}
    for name, version in Component.objects.values_list("name", "version"):
        found.setdefault(name, []).append(version)
    for versions in found.values():
        versions.sort(key=version_order, reverse=True)
    return found


def versions_of(actor, name: str) -> list[Component]:
    """Every version of `name` the actor sees, yanked ones included, newest first."""
    check(actor, Action.VIEW)
    named = Component.objects.filter(name=name).select_related("workspace")
    found = list(scoped_with_instance(actor, named))
    if not found:
        raise NotFound(f"No component named '{name}'.")
    return sorted(found, key=lambda c: version_order(c.version), reverse=True)


def latest(actor, name: str) -> Component:
    """The newest version of `name` that is not yanked: what "latest" means for a component."""
    found = versions_of(actor, name)
    for component in found:
        if not component.yanked:
            return component
    raise InvalidInput(
        f"Every version of component '{name}' is yanked ({', '.join(c.version for c in found)}), "
        "so it has no latest version; name one of them exactly.",
        code="all_versions_yanked",
    )


def get_component(actor, name: str, version: str) -> Component:
    """One exact version, yanked or not: pipelines and runs that pin it keep reading it."""
    check(actor, Action.VIEW)
    component = scoped_with_instance(
        actor, Component.objects.filter(name=name, version=version)
    ).first()
    if component is None:
        raise NotFound(f"No component {name}@{version}.")
    return component


def set_status(
    actor,
    name: str,
    version: str,
    yanked: bool | None = None,
    deprecated: bool | None = None,
    reason: str | None = None,
) -> Component:
    """Yank or deprecate a version (or take that back), with the reason shown beside it.

    A contributor of the owning workspace may; for a built-in, an administrator. Nothing of
    the version is removed: what pins it keeps running."""
    component = get_component(actor, name, version)
    check(actor, Action.EDIT, component)
    if yanked is None and deprecated is None and reason is None:
        raise InvalidInput("Send yanked, deprecated or reason.")
    if yanked is not None:
        component.yanked = yanked
    if deprecated is not None:
        component.deprecated = deprecated
    if reason is not None:
        component.status_reason = reason.strip()
    if not (component.yanked or component.deprecated):
        component.status_reason = ""  # a reason explains a status; none is left to explain
    component.save(update_fields=["yanked", "deprecated", "status_reason"])
    return component


def resolver(
    components: dict[str, Component] | None = None,
    workspace: int | None = None,
    refs: Iterable[str] = (),
):
    """A `ref -> ComponentSpec | None` function for graph validation, cached per call site.

    With `workspace` (an id), only built-ins and that workspace's components resolve: a
    pipeline never uses another workspace's component, which answers like an unknown one.
    Yanked versions resolve: a pinned version keeps working. `refs` (a graph's, say) are
    looked up at once, in one query; any other ref on its first use."""
    cache: dict[str, ComponentSpec | None] = {}
    visible = Q() if workspace is None else Q(workspace__isnull=True) | Q(workspace_id=workspace)

    def keep(ref: str, row: Component | None) -> None:
        if components is not None and row is not None:
            components[ref] = row
        cache[ref] = row.parsed if row else None

    wanted = {ref: ref.partition("@") for ref in refs if isinstance(ref, str)}
    if wanted:
        names = {name for name, _, _ in wanted.values()}
        versions = {version for _, _, version in wanted.values()}
        rows = Component.objects.filter(visible, name__in=names, version__in=versions)
        found = {f"{row.name}@{row.version}": row for row in rows}
        for ref in wanted:
            keep(ref, found.get(ref))

    def resolve(ref: str) -> ComponentSpec | None:
        if ref not in cache:
            name, _, version = ref.partition("@")
            keep(ref, Component.objects.filter(visible, name=name, version=version).first())
        return cache[ref]

    return resolve


def refs_of(graph: Any) -> set[str]:
    """The component refs a graph's nodes name (nothing of what is malformed in it)."""
    nodes = graph.get("nodes") if isinstance(graph, dict) else None
    if not isinstance(nodes, list):
        return set()
    return {
        node["component"]
        for node in nodes
        if isinstance(node, dict) and isinstance(node.get("component"), str)
    }
