"""The worst input shapes known: files whose processing cost could grow faster than their size.

Each shape makes its files for a count `n` (quotes, events, names, kilobytes…):
the files' size is proportional to `n`, so `make(2 * n)` is twice as large as
`make(n)`, and comparing the two runs shows how the cost grows with the input.
Every file is made the way an editor or a contributor could write it, and stays
a valid briefing: what would be refused is refused by the project itself.

- `briefing`: a file for briefings/ (run through `briefings check` and `mkdocs build`);
- `actors`: entries appended to content/actors.yaml (a large registry);
- `article`: an article's plain text, for `briefings draft`, or, with a briefing
  whose `source.text_file` names it, for `briefings check --sources`.
"""

from __future__ import annotations

import json
import random
import string
from dataclasses import dataclass
from typing import Callable

from generator.reading.fields import MAX_TITLE_LENGTH

BRIEFING_FILE = "2025-10-01-pathologique.yaml"
ARTICLE_FILE = "article.txt"

# The commands a shape can be run through.
CHECK, BUILD, DRAFT, SOURCES = "check", "build", "draft", "check --sources"


@dataclass(frozen=True)
class Inputs:
    briefing: str | None = None
    actors: str | None = None  # appended to the shipped content/actors.yaml
    article: str | None = None

    def sizes(self) -> dict[str, int]:
        """Bytes of each file this shape writes, by role."""
        return {role: len(text.encode("utf-8")) for role, text in
                (("briefing", self.briefing), ("actors", self.actors), ("article", self.article)) if text}

    @property
    def largest(self) -> int:
        return max(self.sizes().values())


@dataclass(frozen=True)
class Shape:
    name: str
    findings: tuple[str, ...]
    what: str          # one line for the table: what grows
    commands: tuple[str, ...]
    n: int             # the count at size S (scale 1)
    make: Callable[[int], Inputs]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _head(title: str = "Note pathologique", summary: str = "Un cas limite.", extra_source: str = "") -> str:
    return (f"title: {q(title)}\nsummary: {q(summary)}\n"
            f"source:\n  outlet: Le Journal\n  published: 2025-10-01\n  genre: news\n{extra_source}")


def _filler(length: int, words: str = "Lorem ipsum dolor sit amet ") -> str:
    return (words * (length // len(words) + 1))[:length].strip() or "x"


# ASCII punctuation, without the backslash (which would read as an escape in Markdown's eyes).
PUNCTUATION = "".join(c for c in string.punctuation if c != "\\")


def _punctuation(length: int, offset: int = 0) -> str:
    return "".join(PUNCTUATION[(offset + i) % len(PUNCTUATION)] for i in range(length))


def baseline(command: str) -> Inputs:
    """The smallest valid input of a command: the cost every shape's run is measured from."""
    if command == DRAFT:
        return Inputs(article="Le 15 octobre 2025.\nDonald Trump a déclaré : « Nous verrons. »\n")
    if command == SOURCES:
        article = "Le 15 octobre 2025, Donald Trump a déclaré : « Nous verrons. »\n"
        return Inputs(briefing=_head(extra_source=f"  text_file: {ARTICLE_FILE}\n")
                      + "quotes:\n- {speaker: Donald Trump, text: Nous verrons.}\n", article=article)
    return Inputs(briefing=_head())


def long_title_x_quotes(n: int) -> Inputs:
    """F04: a title as long as the format allows, referenced by each of 20·n quotes.

    Titles are bounded (MAX_TITLE_LENGTH), so what is left to grow is the number of
    references: the cost must grow with the quotes, not with quotes × title."""
    quotes = "".join(f"- {{speaker: Donald Trump, text: {q(f'citation {i}')}}}\n" for i in range(20 * n))
    return Inputs(briefing=_head(title=_filler(MAX_TITLE_LENGTH)) + "quotes:\n" + quotes)


def event_title_x_participants(n: int) -> Inputs:
    """F04: an event title as long as the format allows, on the page of each of 10·n unregistered participants."""
    people = "".join(f"  - {q(f'Participant Inconnu {i}')}\n" for i in range(10 * n))
    return Inputs(briefing=_head() + "events:\n- id: grande-reunion\n  kind: meeting\n"
                  f"  title: {q(_filler(MAX_TITLE_LENGTH))}\n  date: 2025-10-01\n  participants:\n" + people)


def punctuation_summary(n: int) -> Inputs:
    """F13: a summary of n kilobytes of ASCII punctuation."""
    return Inputs(briefing=_head(summary=_punctuation(1000 * n)))


def punctuation_quote(n: int) -> Inputs:
    """F13: a quote of n kilobytes of ASCII punctuation (on the briefing's, the quotes' and the speaker's pages)."""
    return Inputs(briefing=_head() + f"quotes:\n- speaker: Donald Trump\n  text: {q(_punctuation(1000 * n, 7))}\n")


def unknown_related(n: int) -> Inputs:
    """F05: n events, each `related` to an id that no briefing describes."""
    events = "".join(f"- {{id: evenement-numero-{i}, kind: call, title: t, related: [evenement-inconnu-{i}]}}\n"
                     for i in range(n))
    return Inputs(briefing=_head() + "events:\n" + events)


def unknown_names(n: int) -> Inputs:
    """F15: n distinct names that the registry does not know."""
    return Inputs(briefing=_head() + "actors:\n" + "".join(f"- {q(f'Nom Inconnu Personne {i}')}\n" for i in range(n)))


def registry_x_unknown_names(n: int) -> Inputs:
    """F21: a registry grown by n actors (three spellings each), and n / 5 unknown names to match against it."""
    actors = "".join(f"- {{id: personne-{i}, name: Personne Numero {i}, aliases: [P. Numero {i}, Numero {i}]}}\n"
                     for i in range(n))
    names = "".join(f"- {q(f'Quelqu’un d’autre {i}')}\n" for i in range(max(1, n // 5)))
    return Inputs(briefing=_head() + "actors:\n" + names, actors=actors)


def dense_article(n: int) -> Inputs:
    """F16: n kilobytes of short sentences, each naming an actor and a quantity."""
    sentence = "Donald Trump a annoncé 3 morts. "
    return Inputs(article="Le 15 octobre 2025.\n" + sentence * (1000 * n // len(sentence)))


def quoted_article(n: int) -> Inputs:
    """F16: n quoted words in a row (« "q1" "q2" … »)."""
    return Inputs(article="Le 15 octobre 2025.\n" + " ".join(f'"q{i:05d}"' for i in range(n)))


_WORDS = ("la le les de des du un une et en à au pour par sur avec dans guerre paix sommet accord "
          "Russie Ukraine Trump Poutine").split()


def _words(rng: random.Random, length: int) -> str:
    out: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(_WORDS)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:length]


def missed_quotes(n: int) -> Inputs:
    """F09: an article of n kilobytes, and a briefing with n / 10 quotes of 2,000 characters it does not hold."""
    rng = random.Random(n)
    quotes = "".join(f"- speaker: Donald Trump\n  text: {q(_words(rng, 2000) + f' zz{i}')}\n" for i in range(max(1, n // 10)))
    briefing = _head(extra_source=f"  text_file: {ARTICLE_FILE}\n") + "quotes:\n" + quotes
    return Inputs(briefing=briefing, article=_words(rng, 1000 * n))


SHAPES: tuple[Shape, ...] = (
    Shape("long-title-x-quotes", ("F04",), "title at the 300-character limit × 20·n quotes",
          (CHECK, BUILD), 100, long_title_x_quotes),
    Shape("event-title-x-participants", ("F04",), "event title at the limit × 10·n unregistered participants",
          (CHECK, BUILD), 100, event_title_x_participants),
    Shape("punctuation-summary", ("F13",), "summary of n KB of ASCII punctuation",
          (CHECK, BUILD), 100, punctuation_summary),
    Shape("punctuation-quote", ("F13",), "a quote of n KB of ASCII punctuation",
          (CHECK, BUILD), 100, punctuation_quote),
    Shape("unknown-related", ("F05",), "n events related to unknown ids",
          (CHECK, BUILD), 1000, unknown_related),
    Shape("unknown-names", ("F15",), "n unregistered names",
          (CHECK, BUILD), 2500, unknown_names),
    Shape("registry-x-unknown-names", ("F21",), "n registry actors × n/5 unregistered names",
          (CHECK, BUILD), 1000, registry_x_unknown_names),
    Shape("draft-dense-article", ("F16",), "article of n KB of sentences with a name and a number",
          (DRAFT,), 100, dense_article),
    Shape("draft-many-quotes", ("F16",), "article of n quoted words",
          (DRAFT,), 10000, quoted_article),
    Shape("sources-missed-quotes", ("F09",), "article of n KB × n/10 quotes of 2 KB not in it",
          (SOURCES,), 100, missed_quotes),
)


def by_name(names: list[str] | None) -> list[Shape]:
    if not names:
        return list(SHAPES)
    known = {s.name: s for s in SHAPES}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown shape(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[name] for name in names]
