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

import io
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
