"""How the templates are compiled: Jinja's code generator, minus three layers of per-value overhead.

A site of a thousand briefings prints about 700,000 template values, makes about 480,000 calls
from templates and reads some 680,000 attributes; Jinja spends more time around them than in them.
Three changes, none of which changes a page:

- A `{{ … }}` value is written as the environment's `finalize` returns it. Under autoescape Jinja
  wraps every value in markupsafe's `escape`, which here would only copy into a new Markup what
  `render._finalize` already returns as text (a value it let through or encoded itself).
- A template calls a function (a macro, a link helper, a mark) directly. Jinja routes every call
  through `Context.call`, which looks for `pass_context`, `pass_eval_context` or
  `pass_environment` on the callee each time; no function the templates are given takes one, and
  one that did would fail at once (it would not get its first argument), never quietly.
  Calls of a `{% call %}` block keep Jinja's way.
- `x.a` reads the attribute with Python's `getattr` and a default, in C; only when that finds
  nothing does `Environment.no_attribute` try the item `x["a"]`, then make an undefined value, as
  the rest of Jinja's `getattr` method does (the attribute is not looked up twice). Jinja called
  its method, a Python function, for every attribute read.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, optimizeconst


class FastCodeGenerator(CodeGenerator):
    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.volatile or finalize.src is None:
            super()._output_child_pre(node, frame, finalize)
        else:
            self.write(finalize.src)

    def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.volatile or finalize.src is None:
            super()._output_child_post(node, frame, finalize)
        else:
            self.write(")")

    @optimizeconst
    def visit_Call(self, node: Any, frame: Any, forward_caller: bool = False) -> None:  # noqa: N802 - Jinja's name
        if forward_caller or self.environment.is_async or self.environment.sandboxed:
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.write("(")
        self.visit(node.node, frame)
        self.write(")(")
        # `signature` writes each argument after a comma, as for `context.call(callee, …)`.
        stream, self.stream = self.stream, io.StringIO()
        try:
            self.signature(node, frame)
        finally:
            arguments, self.stream = self.stream.getvalue(), stream
        self.write(arguments.removeprefix(", "))
        self.write(")")

    @optimizeconst
    def visit_Getattr(self, node: Any, frame: Any) -> None:  # noqa: N802 - Jinja's name
        # `x.a` as Python's own `getattr(x, "a", missing)`, a call into C, and `environment.no_attribute` (the item
        # `x["a"]`, else undefined) only when `x` has no attribute `a`. Jinja's code, for an environment of another
        # class, or one whose `getattr` differs from Jinja's.
        environment = self.environment
        if (environment.is_async or not isinstance(environment, Environment) or "getattr" in vars(environment)
                or type(environment).getattr is not jinja2.Environment.getattr):
            super().visit_Getattr(node, frame)
            return
        value, obj = self.temporary_identifier(), self.temporary_identifier()
        self.write(f"({value} if ({value} := getattr(({obj} := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing else environment.no_attribute({obj}, {node.attr!r}))")


class Environment(jinja2.Environment):
    """A Jinja environment whose templates are compiled by `FastCodeGenerator`: `finalize` must return the text to
    print, already made safe (render._finalize encodes every value that is not the generator's own Markdown)."""

    code_generator_class = FastCodeGenerator

    def no_attribute(self, obj: Any, attribute: str) -> Any:
        """What Jinja's `getattr` gives once `obj` was found to have no attribute `attribute`: the item of that
        name, else an undefined value. The attribute is not looked up a second time (a lookup may do work)."""
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds, next to the package's own compiled modules (`__pycache__`), with the
    same trust as those: a build then loads each template's code instead of compiling its source again (a fifth of a
    second for the site's templates, every build).

    Never stale: Jinja compiles a template again when its text changed. Compiling also runs generator code (the
    constant values a template prints go through `finalize`, constant filter calls are made once), so the folder is
    named after the source of every module of the package, the environment's settings, and the versions of Python,
    Jinja and MarkupSafe: any change starts a new folder. Never damaged: each entry carries the SHA-256 of its
    bytes, checked before Jinja reads them (it would run whatever code a damaged entry held); an entry that fails is
    compiled again and rewritten. Written whole (a temporary file, then renamed); where the folder cannot be
    written (a read-only installation), templates are compiled as before. A new folder replaces the others."""

    def __init__(self, settings: str) -> None:
        super().__init__(str(PACKAGE / "site" / "__pycache__" / f"{FOLDER_PREFIX}{_key(settings)}"), "%s.jinja")

    def load_bytecode(self, bucket: Any) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as stored:
                data = stored.read()
        except OSError:
            return
        digest, body = data[:32], data[32:]
        if len(digest) == 32 and hashlib.sha256(body).digest() == digest:
            bucket.bytecode_from_string(body)  # Jinja's own checks: its format, the template's text

    def dump_bytecode(self, bucket: Any) -> None:
        body = bucket.bytecode_to_string()
        try:
            if not os.path.isdir(self.directory):
                os.makedirs(self.directory, exist_ok=True)
                self._drop_others()
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        except OSError:
            return  # compiled for this build only
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(hashlib.sha256(body).digest() + body)
            os.replace(temporary, self._get_cache_filename(bucket))
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


    def _drop_others(self) -> None:
        """The folders of earlier code or settings, next to a new one: each code change would otherwise leave one
        behind. Another version of the package still using one (another Python on the same checkout) only compiles
        its templates again, and keeps its folder from then on."""
        folder = Path(self.directory)
        if not folder.name.startswith(FOLDER_PREFIX):
            return
        for other in folder.parent.glob(FOLDER_PREFIX + "*"):
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)


PACKAGE = Path(__file__).resolve().parent.parent
FOLDER_PREFIX = "templates-"


def _key(settings: str) -> str:
    versions = [importlib.metadata.version(package) for package in ("jinja2", "markupsafe")]
    digest = hashlib.sha256("\0".join([sys.version, *versions, settings]).encode())
    for module in sorted(PACKAGE.rglob("*.py")):
        digest.update(module.relative_to(PACKAGE).as_posix().encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()[:20]
