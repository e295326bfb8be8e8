"""YAML files → models. Every failure becomes a positioned Problem; nothing stops at the first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .fields import MAX_ID_LENGTH, RESERVED_IDS, SLUG_RE
from .files import (BRIEFING_SUFFIXES, FILE_STEM_RE, find_briefing_files, file_stem_suggestion, linked_part,
                    scan_briefing_folder, skipped_reason)
from .models import ActorEntry, Briefing, PartyEntry, PlaceEntry, TopicEntry
from .problems import Problem, ProblemList, Severity, display_path, format_key_path
from .validation import kind_of, problem_from_error
from .yamlread import Document, Loc, YamlError, parse_document, read_text

M = TypeVar("M", bound=BaseModel)
__all__ = ["BRIEFING_SUFFIXES", "REGISTRY_FILES", "Located", "Registries", "find_briefing_files", "load_briefings",
           "load_briefing_text", "load_registries", "load_registry"]
REGISTRY_FILES = ("actors.yaml", "parties.yaml", "topics.yaml")
PLACES_FILE = "places.yaml"  # optional


@dataclass(frozen=True)
class Located(Generic[M]):
    """A model together with the file it came from and where each value was written."""

    model: M
    path: str
    doc: Document
    prefix: Loc = ()

    def problem(self, loc: Loc, message: str, hint: str = "", *, warning: bool = False, key: bool = False) -> Problem:
        loc = (*self.prefix, *loc)
        line, col = self.doc.position(loc, key=key)
        return Problem(self.path, line, col, format_key_path(loc), message, hint,
                       Severity.WARNING if warning else Severity.ERROR)


@dataclass
class Registries:
    actors: list[Located[ActorEntry]]
    parties: list[Located[PartyEntry]]
    topics: list[Located[TopicEntry]]
    places: list[Located[PlaceEntry]] = field(default_factory=list)
    # Each registry's file as messages name it ("actors" → "content/actors.yaml"), wherever it is configured.
    files: dict[str, str] = field(default_factory=lambda: {name.removesuffix(".yaml"): f"content/{name}"
                                                           for name in REGISTRY_FILES})


def load_briefings(folder: Path, root: Path | None, problems: ProblemList,
                   memo: dict | None = None) -> list[Located[Briefing]]:
    """Every briefing file of `folder`, validated; the ids default to file stems.

    `memo` (kept by a caller between loads) holds what each file gave, by its text: only the files
    whose text changed since the previous load are parsed and validated again."""
    linked = linked_part(folder, root)
    if linked is not None:
        problems.append(_link_problem(linked, root, "briefings"))
        return []
    files, skipped = scan_briefing_folder(folder)
    for entry in skipped:
        message, hint = skipped_reason(entry)
        problems.append(Problem(display_path(entry, root), 0, 0, "", message, hint, Severity.WARNING))
    out: list[Located[Briefing]] = []
    kept: dict[tuple[str, str], tuple[Located[Briefing] | None, list[Problem]]] = {}
    for path in files:
        shown = display_path(path, root)
        if path.is_symlink():
            problems.append(_link_problem(path, root, "briefings"))
            continue
        located = _load_briefing(path, shown, problems, memo, kept)
        if located is not None:
            out.append(located)
    if memo is not None:
        memo.clear()
        memo.update(kept)
    return out


def _load_briefing(path: Path, shown: str, problems: ProblemList, memo: dict | None,
                   kept: dict) -> Located[Briefing] | None:
    """One briefing file; with a `memo` (a live preview's), a file whose text did not change is not read again."""
    try:
        text = read_text(path)
    except YamlError as exc:
        problems.extend(Problem(shown, f.line, f.col, format_key_path(f.loc), f.message, f.hint) for f in exc.findings)
        return None
    key = (shown, text)
    if memo is not None and key in memo:
        located, found = kept[key] = memo[key]
        problems.extend(found)
        return located
    briefing, doc, found = _parse_briefing(text, path.name, shown)
    located = Located(briefing, shown, doc) if briefing is not None and doc is not None else None
    if memo is not None:
        kept[key] = (located, list(found))
    problems.extend(found)
    return located


def briefing_from(doc: Document, file_name: str, shown: str, problems: ProblemList) -> Briefing | None:
    """The briefing a file named `file_name` holds, or None with its problems added to `problems`."""
    if doc.data is None:
        problems.append(Problem(shown, 1, 1, "", "the file is empty",
                                "a briefing needs at least title, summary and source"))
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(shown, 1, 1, "", f"the file holds {kind_of(doc.data, echo=_inside(shown))}, not a briefing",
                                "a briefing is a mapping of keys: title, summary, source, …"))
        return None
    data = dict(doc.data)
    misnamed = file_name_problem(file_name, shown, data.get("id"))
    if misnamed is not None:
        problems.append(misnamed)
        _validate(Briefing, data, doc, shown, (), problems)  # the file's other problems, at once
        return None
    if data.get("id") is None:  # `id: null` is no id either: the file's name is the id
        data["id"] = file_name.rsplit(".", 1)[0]
    return _validate(Briefing, data, doc, shown, (), problems)


def load_briefing_text(text: str, file_name: str, shown: str | None = None) -> tuple[Briefing | None, ProblemList]:
    """What the loader makes of `text` saved as `file_name` in the briefings folder: the check a
    command runs on a file before writing it."""
    briefing, _, problems = _parse_briefing(text, file_name, shown or file_name)
    return briefing, problems


def _parse_briefing(text: str, file_name: str, shown: str) -> tuple[Briefing | None, Document | None, ProblemList]:
    problems = ProblemList()
    try:
        doc = parse_document(text)
    except YamlError as exc:
        problems.extend(Problem(shown, f.line, f.col, format_key_path(f.loc), f.message, f.hint) for f in exc.findings)
        return None, None, problems
    return briefing_from(doc, file_name, shown, problems), doc, problems


def file_name_problem(file_name: str, shown: str, declared_id: object = None) -> Problem | None:
    """The name of a briefing file must be usable in paths and links, whether or not the file writes
    its own `id:`; a file that writes none takes its name as id, so the name must then be an id."""
    stem = file_name.rsplit(".", 1)[0]
    suffix = file_name[len(stem):]
    suggestion = file_stem_suggestion(stem, declared_id)
    if declared_id is None:
        if SLUG_RE.match(stem) and stem not in RESERVED_IDS and len(stem) <= MAX_ID_LENGTH:
            return None
        if stem in RESERVED_IDS:
            return Problem(shown, 0, 0, "", f"the file name '{file_name}' would give the reserved id '{stem}'",
                           "rename the file, or write another `id:` in it")
        return Problem(shown, 0, 0, "", f"the file name '{file_name}' cannot be a briefing id",
                       f"rename it '{suggestion}{suffix}', or write `id: {suggestion}` in it")
    if not FILE_STEM_RE.fullmatch(stem):
        return Problem(shown, 0, 0, "", f"the file name '{file_name}' cannot name a briefing file, even with an `id:`",
                       f"rename it '{suggestion}{suffix}': letters, digits, '.', '_' and '-' only")
    return None


def _link_problem(link: Path, root: Path | None, what: str) -> Problem:
    """A link is refused without being followed: a build reads no file outside the project through it."""
    folder = link.is_dir()
    hint = ("make it a real folder holding the files" if folder
            else f"copy the file into {display_path(link.parent, root).rstrip('/')}/ instead of linking it")
    return Problem(display_path(link, root), 0, 0, "",
                   f"is a symbolic link; {what} are read only from regular {'folders' if folder else 'files'}", hint)


def load_registry(path: Path, model: type[M], root: Path | None, problems: ProblemList) -> list[Located[M]]:
    """A registry file: a YAML list of entries, each with a unique id."""
    shown = display_path(path, root)
    linked = linked_part(path, root)
    if linked is not None:
        problems.append(_link_problem(linked, root, "registries"))
        return []
    if not path.exists():
        problems.append(Problem(shown, 0, 0, "", "registry file is missing",
                                "create it as a YAML list of entries with id and name"))
        return []
    doc = _read(path, shown, problems)
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        problems.append(Problem(shown, 1, 1, "", f"the registry holds {kind_of(doc.data, echo=_inside(shown))}, not a list",
                                "write one `- id: …` entry per item"))
        return []
    out: list[Located[M]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(doc.data):
        if not isinstance(item, dict):
            line, col = doc.position((i,))
            problems.append(Problem(shown, line, col, f"[{i}]", f"expected an entry with id and name, found {kind_of(item)}"))
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


def load_places(content: Path, root: Path | None, problems: ProblemList) -> list[Located[PlaceEntry]]:
    """The optional places registry: without content/places.yaml, places are compared as written."""
    path = content / PLACES_FILE
    if not path.exists() and not path.is_symlink():
        return []
    return load_registry(path, PlaceEntry, root, problems)


def load_registries(content: Path, root: Path | None, problems: ProblemList) -> Registries:
    linked = linked_part(content, root)
    if linked is not None:
        problems.append(_link_problem(linked, root, "registries"))
        return Registries([], [], [], [], {name.removesuffix(".yaml"): display_path(content / name, root)
                                           for name in (*REGISTRY_FILES, PLACES_FILE)})
    return Registries(
        actors=load_registry(content / "actors.yaml", ActorEntry, root, problems),
        parties=load_registry(content / "parties.yaml", PartyEntry, root, problems),
        topics=load_registry(content / "topics.yaml", TopicEntry, root, problems),
        places=load_places(content, root, problems),
        files={name.removesuffix(".yaml"): display_path(content / name, root) for name in (*REGISTRY_FILES, PLACES_FILE)},
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
            problems.append(problem_from_error(model, error, doc, shown, prefix))
        return None


def _inside(shown: str) -> bool:
    """Whether a file is the project's own (its path is shown relative to the project). Links are refused
    before any file is read, so only then is a short content quoted in a message: the text of a file
    from elsewhere never reaches a build log, which CI often publishes."""
    return not Path(shown).is_absolute()
