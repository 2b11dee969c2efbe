"""The environment recipe of a registered component, read once per code digest.

Both the cache key (in the runs app) and the worker (in the execution app) need the recipe
of a component's `environment:`; a requirements file in the folder is read here, where the
folder is known. A component without an environment has no recipe: it runs in the default
one. This module must not build anything (see `designer.runtime.virtualenv_build`).
"""

from __future__ import annotations

import threading

from designer.runtime.virtualenv_recipe import Recipe, recipe_for

from .models import Component

_lock = threading.Lock()
# (component id, code digest) → its recipe; the folder's content is fixed by the digest.
_recipes: dict[tuple[int, str], Recipe | None] = {}


def component_recipe(component: Component) -> Recipe | None:
    """The recipe of `component`'s environment, or None for the default environment.

    Raises `EnvironmentInvalid` for a requirements file that cannot be read."""
    environment = component.parsed.environment
    if environment is None:
        return None
    key = (component.pk, component.code_digest)
    with _lock:
        if key in _recipes:
            return _recipes[key]
    recipe = recipe_for(environment, component.path)
    with _lock:
        _recipes[key] = recipe
    return recipe
