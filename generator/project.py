"""Where a project's inputs live, read from its `mkdocs.yml`: one `Project` for every entry point.

`mkdocs build` and `mkdocs serve` (through the plugin), every `briefings` command,
the home page's macros and the benchmark all get their folders from here, so the
plugin options `briefings_dir` and `content_dir` and MkDocs' own `docs_dir` mean
the same thing everywhere, and every message names the folders as configured.

The plugin receives its options already validated by MkDocs and calls
`Project.from_options`; everything else calls `Project.at`, which reads the same
options from `mkdocs.yml` without importing MkDocs. The file is composed, never
constructed, so its tags (`!!python/name:…`, `!ENV`, `!relative`) run nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .reading.loader import REGISTRY_FILES
from .reading.problems import display_path

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "briefings"
DEFAULTS = {"briefings_dir": "briefings", "content_dir": "content", "docs_dir": "docs"}
MAX_INHERIT = 10


class ProjectError(Exception):
    """`mkdocs.yml` cannot say where the inputs are; the message names its file, line and column."""


@dataclass(frozen=True)
class Project:
    """The project's folders. `root` (the folder of mkdocs.yml) is where short paths in messages start."""

    root: Path
    briefings_dir: Path
    content_dir: Path
    docs_dir: Path
    config_file: Path | None = None

    @classmethod
    def from_options(cls, root: Path, *, briefings_dir: str = DEFAULTS["briefings_dir"],
                     content_dir: str = DEFAULTS["content_dir"], docs_dir: str = DEFAULTS["docs_dir"],
                     config_file: Path | None = None) -> "Project":
        """The one place a Project is made: folders relative to `root` (absolute ones stay as they are)."""
        root = root.resolve()
        return cls(root, root / briefings_dir, root / content_dir, root / docs_dir,
                   config_file.resolve() if config_file else None)

    @classmethod
    def at(cls, root: Path, config_file: Path | None = None) -> "Project":
        """The project whose mkdocs.yml is `config_file` (default: `root/mkdocs.yml`).

        Without a mkdocs.yml, the default layout under `root`. Raises ProjectError.
        """
        config = config_file if config_file is not None else root / CONFIG_FILE
        if config_file is None and not config.is_file():
            return cls.from_options(root)
        options = read_options(config)
        return cls.from_options(config.parent, **options, config_file=config)

    def shown(self, path: Path) -> str:
        """A path as messages write it: relative to the project when inside it."""
        return display_path(path, self.root)

    @property
    def registry_files(self) -> list[Path]:
        return [self.content_dir / name for name in REGISTRY_FILES]


def read_options(config: Path, _depth: int = 0) -> dict[str, str]:
    """`briefings_dir`, `content_dir` (the plugin's options) and `docs_dir` as mkdocs.yml sets them.

    `INHERIT` is followed as MkDocs does: the parent's values, overridden by the child's.
    """
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{config}: cannot read the MkDocs configuration: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ProjectError(f"{config}{where}: YAML syntax: {exc.problem or exc} (fix mkdocs.yml first)") from None
    except yaml.YAMLError as exc:
        raise ProjectError(f"{config}: YAML syntax: {exc} (fix mkdocs.yml first)") from None
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise ProjectError(f"{_where(config, node)}: mkdocs.yml must be a mapping of settings")
    top = _mapping(node)
    options: dict[str, str] = {}
    if "INHERIT" in top:
        if _depth >= MAX_INHERIT:
            raise ProjectError(f"{_where(config, top['INHERIT'])}: INHERIT: more than {MAX_INHERIT} levels (a loop?)")
        parent = _folder_name(config, top["INHERIT"], "INHERIT")
        options.update(read_options((config.parent / parent), _depth + 1))
    if "docs_dir" in top:
        options["docs_dir"] = _folder_name(config, top["docs_dir"], "docs_dir")
    if "plugins" in top:
        for key in ("briefings_dir", "content_dir"):
            options.pop(key, None)  # a child's plugin list replaces its parent's
        settings = _plugin_settings(config, top["plugins"])
        for key in ("briefings_dir", "content_dir"):
            if key in settings:
                options[key] = _folder_name(config, settings[key], f"plugins.{PLUGIN}.{key}")
    return options


def _plugin_settings(config: Path, plugins: yaml.Node) -> dict[str, yaml.Node]:
    """The briefings plugin's options, whether `plugins` is a list or a mapping; empty when absent."""
    entries: list[tuple[str, yaml.Node | None]] = []
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.ScalarNode):
                entries.append((item.value, None))
            elif isinstance(item, yaml.MappingNode):
                entries += [(k.value, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)]
    elif isinstance(plugins, yaml.MappingNode):
        entries = [(k.value, v) for k, v in plugins.value if isinstance(k, yaml.ScalarNode)]
    for name, value in entries:
        if name != PLUGIN or value is None or _is_null(value):
            continue
        if not isinstance(value, yaml.MappingNode):
            raise ProjectError(f"{_where(config, value)}: plugins.{PLUGIN}: expected its options as a mapping "
                               "(write `- briefings:` then the options indented under it)")
        return _mapping(value)
    return {}


def _folder_name(config: Path, node: yaml.Node, key: str) -> str:
    value = _env(node) if node.tag == "!ENV" else node.value if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(value, str) or not value.strip():
        raise ProjectError(f"{_where(config, node)}: {key}: expected a folder name, relative to mkdocs.yml "
                           f"(e.g. `{key.rsplit('.', 1)[-1]}: {DEFAULTS.get(key.rsplit('.', 1)[-1], 'base.yml')}`)")
    return value


def _env(node: yaml.Node) -> str | None:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, as MkDocs reads them."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(node.value)
    names = [item.value for item in node.value if isinstance(item, yaml.ScalarNode)]
    for name in names[:-1]:
        if name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else os.environ.get(names[0]) if names else None


def _mapping(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _where(config: Path, node: yaml.Node) -> str:
    return f"{config}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
