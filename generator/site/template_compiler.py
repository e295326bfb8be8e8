"""How the templates are compiled: Jinja's code generator, minus two layers of per-value overhead.

A site of a thousand briefings prints about 700,000 template values and makes about 480,000 calls
from templates; Jinja spends more time around them than in them. Two changes, neither of which
changes a page:

- A `{{ … }}` value is written as the environment's `finalize` returns it. Under autoescape Jinja
  wraps every value in markupsafe's `escape`, which here would only copy into a new Markup what
  `render._finalize` already returns as text (a value it let through or encoded itself).
- A template calls a function (a macro, a link helper, a mark) directly. Jinja routes every call
  through `Context.call`, which looks for `pass_context`, `pass_eval_context` or
  `pass_environment` on the callee each time; no function the templates are given takes one, and
  one that did would fail at once (it would not get its first argument), never quietly.
  Calls of a `{% call %}` block keep Jinja's way.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
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


class Environment(jinja2.Environment):
    """A Jinja environment whose templates are compiled by `FastCodeGenerator`: `finalize` must return the text to
    print, already made safe (render._finalize encodes every value that is not the generator's own Markdown)."""

    code_generator_class = FastCodeGenerator


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds, next to the package's own compiled modules (`__pycache__`), as
    Python keeps those: a build then loads each template's code instead of compiling its source again (a fifth of
    a second for the site's templates, every build). Jinja checks each template's source against what was
    compiled; the folder's name is made from what else shapes the code (this compiler, the environment's settings,
    Jinja's and Python's versions), so a change to any of them starts a new folder. Where the folder cannot be
    written (a read-only installation), templates are compiled as before."""

    def __init__(self, settings: str) -> None:
        key = hashlib.sha256("\0".join([jinja2.__version__, sys.version, settings,
                                         Path(__file__).read_text(encoding="utf-8")]).encode("utf-8")).hexdigest()
        super().__init__(str(Path(__file__).resolve().parent / "__pycache__" / f"templates-{key[:16]}"), "%s.jinja")

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # unreadable or cut short: compiled again, then rewritten
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass  # kept in memory for this build only
