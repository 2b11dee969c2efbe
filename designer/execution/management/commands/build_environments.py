"""`manage.py build_environments [REF ...]`: build the environments of registered components now.

Run it where the workers run, with the same DESIGNER_ENVIRONMENTS (a virtualenv works only at
the path it was built in): before turning a compute target's `network_installs` off, or after
registering a component, so that no step waits for a build. Each distinct environment is
built once, however many components share it; one already built is left as it is.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from designer.accounts.acting import SYSTEM
from designer.errors import DomainError
from designer.execution.environments import environment_store
from designer.registry.environments import component_recipe
from designer.registry.models import Component
from designer.registry.services import get_component, versions_of
from designer.runtime.virtualenv_build import BuildFailed, QuietWatcher
from designer.runtime.virtualenv_recipe import EnvironmentInvalid


class Command(BaseCommand):
    help = "Build the environments of registered components (all of them, or the ones named)."

    def add_arguments(self, parser):
        parser.add_argument(
            "refs",
            nargs="*",
            help="name@version, or a name for every version; none: every registered component",
        )

    def handle(self, *args, **options):
        store = environment_store()
        failed = []
        for component in self._components(options["refs"]):
            try:
                recipe = component_recipe(component)
            except EnvironmentInvalid as exc:
                failed.append(f"{component.ref}: {exc}")
                continue
            if recipe is None:
                if options["refs"]:
                    self.stdout.write(f"{component.ref}: runs in the default environment")
                continue
            ready = store.find(recipe) is not None
            watcher = _Printer(self) if options["verbosity"] > 1 else QuietWatcher()
            try:
                store.build(recipe, watcher)
            except BuildFailed as exc:
                failed.append(f"{component.ref}: {exc}")
                continue
            state = "was ready" if ready else "built"
            self.stdout.write(
                f"{component.ref}: environment {recipe.digest} {state} ({recipe.describe()})"
            )
        for line in failed:
            self.stderr.write(line)
        if failed:
            raise CommandError(f"{len(failed)} environment(s) could not be built")

    def _components(self, refs: list[str]) -> list[Component]:
        if not refs:
            return list(Component.objects.order_by("name", "version"))
        found: list[Component] = []
        try:
            for ref in refs:
                name, _, version = ref.partition("@")
                if version:
                    found.append(get_component(SYSTEM, name, version))
                else:
                    found.extend(versions_of(SYSTEM, name))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        return found


class _Printer(QuietWatcher):
    """With -v 2: the installer's lines as they come."""

    def __init__(self, command: Any) -> None:
        self.command = command

    def line(self, text: str) -> None:
        self.command.stdout.write(f"  {text}")
