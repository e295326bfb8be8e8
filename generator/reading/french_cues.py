"""Words that say on what an article rests a claim: the author's own reading (« Pour Moscou, »,
« Aux yeux de », « semble », « misait ») or the conditional of hearsay (« aurait », « serait »,
« auraient », « seraient »).

Words between guillemets are a speaker's and never count; nor does a conditional
after « que » or « si » in its sentence (« précisant qu'une telle loi serait mal
accueillie » is reported speech), unless it is « aurait » + a past participle
after « que » (« des diplomates affirment que Ruvik aurait proposé » is hearsay).
`check --sources` warns when such words are in the evidence of an on-record
item; `draft` proposes the basis they suggest.
"""

from __future__ import annotations

import re
from collections.abc import Callable

AUTHOR_CUES = re.compile(
    r"(?:^|[.!?;:—]\s*|\b(?:Mais|Et|Or|Ainsi|Donc|mais|et|or)\s+)(?P<cue>[Pp]our\s+(?:(?:le|la|les|l[’'])\s*)?"
    r"[A-ZÀ-Þ][\w’'-]*(?:\s+[\w’'-]+){0,4}\s*,)"
    r"|(?P<eyes>\b[Aa]ux\s+yeux\s+d(?:e|es|u)\b)|(?P<seems>\bsembl(?:e|ent|ait|aient|er)\b)"
    r"|(?P<bet>\bmisai(?:t|ent)\b)")
CONDITIONAL = re.compile(r"\b(?:aurai(?:t|ent)|serai(?:t|ent))\b", re.IGNORECASE)
# A conditional after these, in its sentence, is reported speech or a hypothesis, not hearsay.
_SUBORDINATE = re.compile(r"\b(?:que(?=\W)|qu[’']|si(?=\W)|s[’']ils?(?=\W))", re.IGNORECASE)
# « aurait » + a past participle is the hearsay conditional even after « que » (« ils affirment que Ruvik
# aurait proposé »); only a hypothesis (« si ») excuses it.
_HEARSAY = re.compile(r"\s+(?:\w+\s+)?\w+(?:é|ée|és|ées|i|is|it|u|us|ert|eint)\b", re.IGNORECASE)
_NOT_SUBORDINATE = re.compile(r"\b(?:alors|tandis|bien|parce|pendant|dès|ainsi|afin|avant|après|sans|pour|lors)"
                              r"\s+(?:que|qu[’'])\W*$|\b(?:lorsqu|puisqu)[’']?\W*$", re.IGNORECASE)


def basis_cue(text: str, quoted: Callable[[int], bool] = lambda k: False) -> tuple[str, str] | None:
    """("author" | "conditional", the words) of the first cue of `text` outside guillemets, or None.
    `quoted(k)` says whether character k of `text` is between guillemets in the article."""
    inside = _inside_marks(text)
    for m in AUTHOR_CUES.finditer(text):
        group = next(g for g in ("cue", "eyes", "seems", "bet") if m.group(g))
        start = m.start(group)
        if not (inside(start) or quoted(start)):
            return "author", m.group(group).strip()
    for m in CONDITIONAL.finditer(text):
        if inside(m.start()) or quoted(m.start()):
            continue
        sentence = text[max(text.rfind(c, 0, m.start()) for c in ".!?;") + 1:m.start()]
        subordinate = [x for x in _SUBORDINATE.finditer(sentence) if not _NOT_SUBORDINATE.search(sentence[:x.end()])]
        hearsay = m.group().lower().startswith("aur") and _HEARSAY.match(text, m.end())
        if not subordinate or (hearsay and not any(x.group().lower().startswith("s") for x in subordinate)):
            return "conditional", m.group()
    return None


def _inside_marks(text: str) -> Callable[[int], bool]:
    """Whether a position of `text` is between guillemets written in the text itself."""
    spans, opened = [], []
    for i, char in enumerate(text):
        if char in "«“":
            opened.append(i)
        elif char in "»”" and opened:
            spans.append((opened.pop(), i))
    return lambda k: any(a < k < b for a, b in spans)
