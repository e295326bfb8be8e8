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

Compiled templates are kept from one build to the next (`CompiledTemplates`, Jinja's bytecode cache):
compiling the site's templates takes longer than rendering a hundred briefing pages.
"""

from __future__ import annotations

import hashlib
import io
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
    """Jinja's bytecode cache, in its own per-user folder of the system's temporary directory (made private to
    the user, or not used at all). A template is compiled again when its text changes (Jinja's checksum), or
    the code that compiles it does: the key holds this module's and the environment's source and Jinja's
    version. A cache that cannot be read or written only costs the compiling: never a build."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{_COMPILER}|{name}|{filename}".encode()).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry (Jinja reads it with pickle and marshal): compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full or read-only disk
            pass


def compiled_templates() -> CompiledTemplates | None:
    """The cache, or None where no private folder can be had."""
    try:
        return CompiledTemplates()
    except (OSError, RuntimeError):  # Jinja's refusal of a folder others could write to
        return None


def _compiler_key() -> str:
    here = Path(__file__).resolve().parent
    sources = b"".join((here / name).read_bytes() for name in ("template_compiler.py", "render.py"))
    return f"{jinja2.__version__}|{hashlib.sha256(sources).hexdigest()}"


_COMPILER = _compiler_key()
