"""How editors and scripts read a briefing file, for validating it against the JSON Schemas.

The project's own loader keeps every scalar as text; an editor reads YAML 1.2
(`2025` is a number, `2025-08-15` and `no` are text) and most scripts use
PyYAML's safe_load (YAML 1.1, where `2025-08-15` becomes a date object).
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Callable

import yaml


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core schema, as VS Code's YAML extension reads: `2025-08-15` and `no` stay text."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _int12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = node.value
    if text[:2] in {"0o", "0x"}:
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _float12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = node.value.lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float12)


def load_yaml12(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)


def load_safe(text: str) -> Any:
    """PyYAML's safe_load (YAML 1.1), with the dates it makes turned back into the text they were."""
    return _dates_to_text(yaml.safe_load(text))


def _dates_to_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


LOADERS: dict[str, Callable[[str], Any]] = {"yaml-1.2": load_yaml12, "safe_load": load_safe}
