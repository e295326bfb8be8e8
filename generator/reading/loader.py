"""YAML files → models. Every failure becomes a positioned Problem; nothing stops at the first."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .fields import MAX_ID_LENGTH, RESERVED_IDS, SLUG_RE
from .models import ActorEntry, Briefing, PartyEntry, TopicEntry, inner_model, is_model
from .names import slugify
from .problems import Problem, ProblemList, display_path, format_key_path
from .yamlread import Document, Loc, YamlError, parse_document, read_text

M = TypeVar("M", bound=BaseModel)
BRIEFING_SUFFIXES = (".yaml", ".yml")
REGISTRY_FILES = ("actors.yaml", "parties.yaml", "topics.yaml")


@dataclass(frozen=True)
class Located(Generic[M]):
    """A model together with the file it came from and where each value was written."""

    model: M
    path: str
    doc: Document
    prefix: Loc = ()

    def problem(self, loc: Loc, message: str, hint: str = "", *, warning: bool = False, key: bool = False) -> Problem:
        from .problems import Severity

        loc = (*self.prefix, *loc)
        line, col = self.doc.position(loc, key=key)
        return Problem(self.path, line, col, format_key_path(loc), message, hint,
                       Severity.WARNING if warning else Severity.ERROR)


@dataclass
class Registries:
    actors: list[Located[ActorEntry]]
    parties: list[Located[PartyEntry]]
    topics: list[Located[TopicEntry]]
    # Each registry's file as messages name it ("actors" → "content/actors.yaml"), wherever it is configured.
    files: dict[str, str] = field(default_factory=lambda: {name.removesuffix(".yaml"): f"content/{name}"
                                                           for name in REGISTRY_FILES})


def find_briefing_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in BRIEFING_SUFFIXES and p.is_file()
                  and not p.name.startswith("."))


def load_briefings(folder: Path, root: Path | None, problems: ProblemList) -> list[Located[Briefing]]:
    """Every briefing file of `folder`, validated; the ids default to file stems."""
    out: list[Located[Briefing]] = []
    for path in find_briefing_files(folder):
        shown = display_path(path, root)
        if path.is_symlink():
            # A link could make the build read any file the builder can read (a key, a password file).
            problems.append(Problem(shown, 0, 0, "", "is a symbolic link; briefings are read only from regular files",
                                    f"copy the file into {display_path(folder, root).rstrip('/')}/ instead of linking it"))
            continue
        doc = _read(path, shown, problems)
        if doc is None:
            continue
        if doc.data is None:
            problems.append(Problem(shown, 1, 1, "", "the file is empty",
                                    "a briefing needs at least title, summary and source"))
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem(shown, 1, 1, "", f"the file holds {_kind(doc.data)}, not a briefing",
                                    "a briefing is a mapping of keys: title, summary, source, …"))
            continue
        data = dict(doc.data)
        if "id" not in data:
            misnamed = _file_name_problem(path, shown)
            if misnamed is not None:
                problems.append(misnamed)
                _validate(Briefing, data, doc, shown, (), problems)  # the file's other problems, at once
                continue
            data["id"] = path.stem
        briefing = _validate(Briefing, data, doc, shown, (), problems)
        if briefing is not None:
            out.append(Located(briefing, shown, doc))
    return out


def _file_name_problem(path: Path, shown: str) -> Problem | None:
    """A file that writes no `id` takes its name as id: a name that cannot be one is said to be the file's name."""
    stem = path.stem
    if SLUG_RE.match(stem) and stem not in RESERVED_IDS and len(stem) <= MAX_ID_LENGTH:
        return None
    if stem in RESERVED_IDS:
        return Problem(shown, 0, 0, "", f"the file name '{path.name}' would give the reserved id '{stem}'",
                       "rename the file, or write another `id:` in it")
    suggestion = slugify(stem)[:MAX_ID_LENGTH].strip("-")
    return Problem(shown, 0, 0, "", f"the file name '{path.name}' cannot be a briefing id",
                   f"rename it '{suggestion}{path.suffix}', or write `id: {suggestion}` in it")


def load_registry(path: Path, model: type[M], root: Path | None, problems: ProblemList) -> list[Located[M]]:
    """A registry file: a YAML list of entries, each with a unique id."""
    shown = display_path(path, root)
    if not path.exists():
        problems.append(Problem(shown, 0, 0, "", "registry file is missing",
                                "create it as a YAML list of entries with id and name"))
        return []
    doc = _read(path, shown, problems)
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        problems.append(Problem(shown, 1, 1, "", f"the registry holds {_kind(doc.data)}, not a list",
                                "write one `- id: …` entry per item"))
        return []
    out: list[Located[M]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(doc.data):
        if not isinstance(item, dict):
            line, col = doc.position((i,))
            problems.append(Problem(shown, line, col, f"[{i}]", f"expected an entry with id and name, found {_kind(item)}"))
            continue
        entry = _validate(model, item, doc, shown, (i,), problems)
        if entry is None:
            continue
        entry_id = entry.id  # type: ignore[attr-defined]
        if entry_id in seen:
            line, col = doc.position((i, "id"))
            problems.append(Problem(shown, line, col, f"[{i}].id",
                                    f"duplicate id '{entry_id}' (first defined at [{seen[entry_id]}])",
                                    "merge the two entries"))
            continue
        seen[entry_id] = i
        out.append(Located(entry, shown, doc, (i,)))
    return out


def load_registries(content: Path, root: Path | None, problems: ProblemList) -> Registries:
    return Registries(
        actors=load_registry(content / "actors.yaml", ActorEntry, root, problems),
        parties=load_registry(content / "parties.yaml", PartyEntry, root, problems),
        topics=load_registry(content / "topics.yaml", TopicEntry, root, problems),
        files={name.removesuffix(".yaml"): display_path(content / name, root) for name in REGISTRY_FILES},
    )


def _read(path: Path, shown: str, problems: ProblemList) -> Document | None:
    try:
        return parse_document(read_text(path))
    except YamlError as exc:
        for f in exc.findings:
            problems.append(Problem(shown, f.line, f.col, format_key_path(f.loc), f.message, f.hint))
        return None


def _validate(model: type[M], data: dict[str, Any], doc: Document, shown: str, prefix: Loc,
              problems: ProblemList) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problems.append(_problem_from_error(model, error, doc, shown, prefix))
        return None


def _problem_from_error(model: type[BaseModel], error: Any, doc: Document, shown: str, prefix: Loc) -> Problem:
    loc: Loc = (*prefix, *(p for p in error["loc"] if isinstance(p, (str, int)) and not _is_validator_tag(p)))
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _fields_at(model, loc[len(prefix):-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        line, col = doc.position(loc, key=True)
        return Problem(shown, line, col, format_key_path(loc[:-1]), f"unknown key '{key}'", hint)
    line, col = doc.position(loc)
    if kind == "missing":
        line, col = doc.position(loc[:-1])
        return Problem(shown, line, col, format_key_path(loc), "required", _missing_hint(str(loc[-1])))
    if kind == "briefing":
        return Problem(shown, line, col, format_key_path(loc), ctx["message"], ctx.get("hint", ""))
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        given = error.get("input")
        close = difflib.get_close_matches(str(given), choices, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"one of: {', '.join(choices)}"
        return Problem(shown, line, col, format_key_path(loc), f"'{given}' is not allowed here", hint)
    if kind in {"list_type", "dict_type", "model_type", "model_attributes_type"}:
        want = "a list" if kind == "list_type" else "a mapping of keys"
        return Problem(shown, line, col, format_key_path(loc), f"expected {want}, found {_kind(error.get('input'))}")
    if kind == "string_type":
        return Problem(shown, line, col, format_key_path(loc), f"expected text, found {_kind(error.get('input'))}")
    return Problem(shown, line, col, format_key_path(loc), error["msg"])


def _is_validator_tag(part: object) -> bool:
    return isinstance(part, str) and ("[" in part or part in {"function-after", "function-before"})


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed at `loc` inside `model`, following nested models and lists."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if is_model(current) else None
        if field is None:
            return []
        current = inner_model(field.annotation)
    return sorted(current.model_fields) if is_model(current) else []




def _missing_hint(key: str) -> str:
    if key in {"outlet", "published"}:
        return f"write `{key}: null` when the article does not say"
    return f"add `{key}:`"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the text '{value}'" if len(str(value)) < 40 else "a text"
