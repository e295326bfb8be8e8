"""« En bref » cards at the top of briefing and summit pages, and the cells of the demands heat map.

Written as raw HTML (Markdown has no card), so every text from a briefing or a registry goes
through `esc` (HTML escaping, without the characters XML forbids) and every link is a final
relative address (`urls.href`): MkDocs rewrites only the links Markdown makes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..corpus.index import CorpusIndex
from ..corpus.records import briefing_sort_key
from ..reading.models import Briefing
from . import urls, wording
from .timeline_svg import xml_text as esc

GENRE_BADGES = {"opinion": "badge-opinion", "analysis": "badge-analysis"}
GENRE_NOTES = {"opinion": "défend une thèse", "analysis": "interprète les faits"}
MARKS = {
    "agree": ("✓", "les sources concordent"),
    "differ": ("⚠", "les sources se contredisent"),
    "nuance": ("≈", "les sources diffèrent sans se contredire"),
    "single": ("·", "une seule source"),
}


def _fact(label: str, value: str) -> str:
    return f'<li><span class="card-key">{esc(label)}</span> <span class="card-value">{value}</span></li>'


def topic_chips(index: CorpusIndex, topics: list[str], page: str) -> str:
    """Each topic as a chip linking to its page (a topic missing from the registry is plain text)."""
    chips = []
    for t in topics:
        name = esc(index.topics.get(t, t))
        chips.append(f'<a class="chip" href="{esc(urls.href(page, urls.topic_page(t)))}">{name}</a>'
                     if t in index.topics else f'<span class="chip">{name}</span>')
    return f'<p class="chips"><span class="card-key">Thèmes</span> {" ".join(chips)}</p>' if chips else ""


def briefing_card(index: CorpusIndex, b: Briefing, page: str) -> str:
    s = b.source
    genre = wording.GENRE_LABELS[s.genre]
    note = GENRE_NOTES.get(s.genre)
    badge = (f'<span class="badge {GENRE_BADGES.get(s.genre, "badge-news")}">{esc(genre)}'
             f'{" — " + esc(note) if note else ""}</span>')
    outlet = esc(s.outlet) if s.outlet else f"<em>« {esc(wording.UNKNOWN_OUTLET)} »</em>"
    facts = [_fact("Média", outlet),
             _fact("Publication", esc(wording.date_text(s.published)) if s.published else
                   f"<em>{esc(wording.UNKNOWN_DATE)}</em>"),
             _fact("Auteurs", esc(", ".join(s.authors)) if s.authors else "<em>non indiqués</em>")]
    if s.credits:
        facts.append(_fact("Crédits", esc(", ".join(s.credits))))
    counts = [(len(b.events), "événement"), (len(b.demands), "exigence"), (len(b.figures), "chiffre"),
              (len(b.quotes), "citation")]
    counted = " ".join(f'<li><strong>{n}</strong> {esc(wording.plural(n, word).split(" ", 1)[1])}</li>'
                       for n, word in counts)
    return "\n".join([
        f'<div class="card card-{esc(s.genre)}">',
        f'<p class="card-genre">{badge}</p>',
        f'<ul class="card-facts">{"".join(facts)}</ul>',
        f'<ul class="card-counts">{counted}</ul>',
        topic_chips(index, list(b.topics), page),
        "</div>",
    ]).replace("\n\n", "\n")


def _agreement(field: str, view: Any) -> str:
    label = wording.DIVERGENCE_FIELDS[field]
    if len(view.accounts) < 2:
        mark = "single"
    elif any(d.label == label for d in view.divergences):
        mark = "differ"
    elif any(d.label == label for d in view.nuances):
        mark = "nuance"
    else:
        mark = "agree"
    symbol, words = MARKS[mark]
    return f' <span class="mark mark-{mark}"><span aria-hidden="true">{symbol}</span> {esc(words)}</span>'


def _actor_link(index: CorpusIndex, name: str, page: str) -> str:
    actor_id = index.resolve(name)
    actor = index.actors.get(actor_id)
    if actor is None or not actor.page:
        return esc(actor.name if actor else name)
    return f'<a href="{esc(urls.href(page, urls.actor_page(actor_id)))}">{esc(actor.name)}</a>'


def summit_card(index: CorpusIndex, view: Any, page: str) -> str:
    """Status as of the latest source, date and place with agreement marks, participants, accounts."""
    latest = sorted(view.accounts, key=lambda a: briefing_sort_key(a.briefing), reverse=True)
    with_status = [a for a in latest if a.event.status]
    if with_status:
        a = with_status[0]
        when = wording.date_text(a.briefing.source.published) if a.briefing.source.published else ""
        status = (f'<strong class="status status-{esc(a.event.status)}">'
                  f"{esc(wording.STATUS_LABELS.get(a.event.status, a.event.status))}</strong>"
                  f' selon <a href="{esc(urls.href(page, urls.briefing_page(a.briefing.id)))}">'
                  f"{esc(a.briefing.title)}</a>{' (' + esc(when) + ')' if when else ''}")
    else:
        status = "<em>inconnu</em>"
    date = esc(wording.date_text(view.date)) if view.date else f"<em>{esc(wording.UNDATED_SUMMIT)}</em>"
    places = Counter(a.event.place for a in view.accounts if a.event.place)
    place = esc(" ; ".join(p for p, _ in places.most_common())) if places else "<em>non indiqué</em>"
    people: dict[str, str] = {}
    for a in view.accounts:
        for p in a.event.participants:
            people.setdefault(index.resolve(p), p)
    participants = ", ".join(_actor_link(index, p, page) for p in people.values()) or "<em>non indiqués</em>"
    n = len(view.accounts)
    facts = [_fact("Statut", status),
             _fact("Date", date + _agreement("date", view)),
             _fact("Lieu", place + _agreement("place", view)),
             _fact("Participants", participants),
             _fact("Récits", f'<strong>{n}</strong> {"source" if n < 2 else "sources"} · '
                             f'<a href="#histoire">voir son histoire</a>')]
    return f'<div class="card card-summit">\n<ul class="card-facts">{"".join(facts)}</ul>\n</div>'


def inline_attribute(value: str) -> str:
    """An attribute value for raw HTML inside a Markdown line (a table cell): every ASCII character other
    than a letter, a digit or a space as a numeric reference, so no inline pattern (`[x](y)`, `*`) can
    match inside it before Markdown stashes the tag."""
    return "".join(f"&#{ord(c)};" if c.isascii() and not (c.isalnum() or c == " ") else c
                   for c in esc(value).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                   .replace("&quot;", '"').replace("&#x27;", "'"))


def heat_cell(items: list[Any], anchor: str, topic: str) -> str:
    """A cell of the demands matrix: shaded by how many positions, declared and reported told apart
    (what is unconfirmed or an author's reading is not given here)."""
    n = len(items)
    level = 1 if n == 1 else 2 if n == 2 else 3 if n <= 4 else 4
    stated = sum(1 for d in items if d.demand.basis == "on-record")
    reported = sum(1 for d in items if d.demand.basis == "reported")
    parts = [f"{stated} décl." if stated else "", f"{reported} rapp." if reported else ""]
    split = " · ".join(p for p in parts if p)
    reported_class = " heat-reported" if reported and not stated else ""
    return (f'<span class="heat heat-{level}{reported_class}" data-label="{inline_attribute(topic)}">'
            f'<a href="#{inline_attribute(anchor)}">{n}</a> <span class="heat-split">{esc(split)}</span></span>')
