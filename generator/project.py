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

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .reading.loader import REGISTRY_FILES
from .reading.problems import display_path
from .reading.yamlread import YamlError, read_text

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "briefings"
DEFAULTS = {"briefings_dir": "briefings", "content_dir": "content", "docs_dir": "docs"}


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

        def folder(name: str) -> Path:
            # `..` is folded away so messages show `../shared/notes/x.yaml`, not `p/../shared/notes/x.yaml`;
            # symbolic links are left as they are, for the loader to refuse.
            return Path(os.path.normpath(root / name))

        return cls(root, folder(briefings_dir), folder(content_dir), folder(docs_dir),
                   config_file.resolve() if config_file else None)

    @classmethod
    def at(cls, root: Path, config_file: Path | None = None) -> "Project":
        """The project whose mkdocs.yml is `config_file` (default: `root/mkdocs.yml`).

        Without a mkdocs.yml, the default layout under `root`. Raises ProjectError.
        """
        config = config_file if config_file is not None else root / CONFIG_FILE
        if config_file is None and not config.exists() and not config.is_symlink():
            return cls.from_options(root)
        if not config.is_file():
            raise ProjectError(f"{config}: is not a readable file (a folder, or a link to nothing): "
                               "MkDocs cannot read it either")
        options = read_options(config)
        return cls.from_options(config.parent, **options, config_file=config)

    def shown(self, path: Path) -> str:
        """A path as messages write it: relative to the project when inside it."""
        return display_path(path, self.root)

    @property
    def registry_files(self) -> list[Path]:
        return [self.content_dir / name for name in REGISTRY_FILES]


def read_options(config: Path) -> dict[str, str]:
    """`briefings_dir`, `content_dir` (the plugin's options) and `docs_dir` as MkDocs reads them from `config`.

    As MkDocs does: `INHERIT` deep-merges the parent under the child (mappings key by key,
    anything else replaced), merge keys (`<<`) apply, the last of two equal keys wins, a
    null option means its default, `!ENV` reads the environment. Raises ProjectError.
    """
    settings = _load(Path(os.path.normpath(config)), [])
    options: dict[str, str] = {}
    docs = settings.get("docs_dir")
    if docs is not None and not _is_null(docs):
        value = _folder_name(docs, "docs_dir")
        if value is not None:
            options["docs_dir"] = value
    for key, node in _plugin_settings(settings.get("plugins")).items():
        if _is_null(node):
            continue
        value = _folder_name(node, f"plugins.{PLUGIN}.{key}")
        if value is not None:
            options[key] = value
    return options


class _Map(dict):
    """A YAML mapping with where it was written."""

    where = ""


class _Seq(list):
    where = ""
    tag = ""


@dataclass(frozen=True)
class _Scalar:
    value: str
    tag: str
    where: str


MAX_DEPTH = 100
MAX_NODES = 100_000
OPTIONS = ("briefings_dir", "content_dir")
MKDOCS_PLUGIN_OPTIONS = ("enabled",)
STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"


def _load(config: Path, chain: list[Path]) -> _Map:
    """The settings of one configuration file, with its INHERIT parents merged in."""
    try:
        text = read_text(config)
    except YamlError as exc:
        f = exc.findings[0]
        where = f"{config}:{f.line}:{f.col}" if f.line else f"{config}"
        raise ProjectError(f"{where}: {f.message} (fix the MkDocs configuration first)") from None
    _check_depth(config, text)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ProjectError(f"{config}{where}: YAML syntax: {exc.problem or exc} (fix mkdocs.yml first)") from None
    except yaml.YAMLError as exc:
        raise ProjectError(f"{config}: YAML syntax: {exc} (fix mkdocs.yml first)") from None
    if node is None or _is_null(node):
        return _Map()
    settings = _Converter(config).value(node)
    if not isinstance(settings, _Map):
        raise ProjectError(f"{settings.where}: the MkDocs configuration must be a mapping of settings")
    parent = settings.pop("INHERIT", None)
    if parent is None:
        return settings
    if not isinstance(parent, _Scalar) or parent.tag != STR_TAG or not parent.value.strip():
        raise ProjectError(f"{parent.where}: INHERIT: expected a file name, relative to this file")
    path = Path(os.path.normpath(config.parent / parent.value))
    if not path.is_file():
        raise ProjectError(f"{parent.where}: INHERIT: {path} does not exist or is not a file")
    if path in chain or len(chain) >= 10:
        raise ProjectError(f"{parent.where}: INHERIT: {path} inherits from itself (through {len(chain) + 1} files)")
    return _merge(_load(path, [*chain, config]), settings)


def _merge(parent: _Map, child: _Map) -> _Map:
    """mergedeep's REPLACE strategy, as MkDocs applies it to INHERIT: mappings merged, the rest replaced."""
    out = _Map(parent)
    out.where = child.where
    for key, value in child.items():
        old = out.get(key)
        out[key] = _merge(old, value) if isinstance(old, _Map) and isinstance(value, _Map) else value
    return out


class _Converter:
    """YAML nodes → mappings, lists and scalars that remember their position. Tags are kept, never run."""

    def __init__(self, config: Path):
        self.config = config
        self.done: dict[int, object] = {}

    def value(self, node: yaml.Node) -> object:
        if id(node) in self.done:  # an alias: the same value, not a copy
            return self.done[id(node)]
        if len(self.done) >= MAX_NODES:
            raise ProjectError(f"{self._where(node)}: more than {MAX_NODES:,} YAML values in the MkDocs configuration")
        if isinstance(node, yaml.ScalarNode):
            out: object = _Scalar(node.value, node.tag, self._where(node))
        elif isinstance(node, yaml.SequenceNode):
            out = _Seq()
            out.where, out.tag = self._where(node), node.tag
            self.done[id(node)] = out
            out.extend(self.value(item) for item in node.value)
        else:
            out = _Map()
            out.where = self._where(node)
            self.done[id(node)] = out
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    merged = self.value(value)
                    for part in (merged if isinstance(merged, _Seq) else [merged]):
                        if isinstance(part, _Map):
                            for k, v in part.items():
                                out.setdefault(k, v)
                    continue
                if isinstance(key, yaml.ScalarNode):
                    out[key.value] = self.value(value)  # the last of two equal keys wins, as in MkDocs
        self.done[id(node)] = out
        return out

    def _where(self, node: yaml.Node) -> str:
        return f"{self.config}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def _check_depth(config: Path, text: str) -> None:
    """Composing is recursive: refuse absurd nesting first, walking the event stream iteratively."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise ProjectError(f"{config}:{mark.line + 1}:{mark.column + 1}: values nested more than "
                                       f"{MAX_DEPTH} levels deep (check the brackets and indentation)")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # composing reports it with its position


def _plugin_settings(plugins: object) -> dict[str, object]:
    """The briefings plugin's options, whether `plugins` is a list or a mapping; empty when absent."""
    if plugins is None or (isinstance(plugins, _Scalar) and plugins.tag == NULL_TAG):
        return {}
    entries: list[tuple[str, object, str]] = []
    if isinstance(plugins, _Seq):
        for item in plugins:
            if isinstance(item, _Scalar):
                entries.append((item.value, None, item.where))
            elif isinstance(item, _Map) and len(item) == 1:
                (name, value), = item.items()
                entries.append((name, value, item.where))
            else:
                raise ProjectError(f"{item.where}: plugins: one plugin per list item, written `- name` or "
                                   "`- name:` with its options indented under it")
    elif isinstance(plugins, _Map):
        entries = [(name, value, plugins.where) for name, value in plugins.items()]
    else:
        raise ProjectError(f"{plugins.where}: plugins: expected a list of plugins")
    mine = [(value, where) for name, value, where in entries if name == PLUGIN]
    if len(mine) > 1:
        raise ProjectError(f"{mine[1][1]}: plugins: '{PLUGIN}' is listed twice (MkDocs would run it twice): keep one")
    if not mine or mine[0][0] is None or _is_null(mine[0][0]):
        return {}
    options = mine[0][0]
    if not isinstance(options, _Map):
        raise ProjectError(f"{options.where}: plugins.{PLUGIN}: expected its options as a mapping "
                           "(write `- briefings:` then the options indented under it)")
    for key, value in options.items():
        if key not in OPTIONS + MKDOCS_PLUGIN_OPTIONS:
            close = difflib.get_close_matches(key, OPTIONS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the options are {', '.join(OPTIONS)}"
            where = value.where if hasattr(value, "where") else options.where
            raise ProjectError(f"{where}: plugins.{PLUGIN}: unknown option '{key}' ({hint})")
    return {key: value for key, value in options.items() if key in OPTIONS}


def _folder_name(node: object, key: str) -> str | None:
    """The folder an option names; None when it is an unset `!ENV` (MkDocs then uses the default)."""
    short = key.rsplit(".", 1)[-1]
    if isinstance(node, _Scalar) and node.tag == "!ENV":
        return _env(node.value, [])
    if isinstance(node, _Seq) and node.tag == "!ENV":
        return _env(None, [n.value for n in node if isinstance(n, _Scalar)])
    if not isinstance(node, _Scalar) or node.tag != STR_TAG or not node.value.strip():
        where = getattr(node, "where", "")
        raise ProjectError(f"{where}: {key}: expected a folder name as text, relative to mkdocs.yml "
                           f"(e.g. `{short}: {DEFAULTS[short]}`)")
    return node.value


def _env(name: str | None, names: list[str]) -> str | None:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, as MkDocs reads them."""
    if name is not None:
        return os.environ.get(name)
    for candidate in names[:-1]:
        if candidate in os.environ:
            return os.environ[candidate]
    return names[-1] if len(names) > 1 else os.environ.get(names[0]) if names else None


def _is_null(node: object) -> bool:
    return isinstance(node, _Scalar) and node.tag == NULL_TAG
