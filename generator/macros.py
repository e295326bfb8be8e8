"""mkdocs-macros module: live facts from the index for hand-written pages that opt in."""

from __future__ import annotations


def define_env(env) -> None:  # noqa: ANN001 - the macros plugin's own object
    """Filled by the home page work; hand-written pages opt in with `render_macros: true`."""
