"""A small project for the feed, calendar, JSON-LD and typography tests: the test corpus plus one
briefing whose text is hostile (`</script>`, `]]>`, `<!--`, `&`), whose quote holds « » and ` : `,
and whose events cover every date precision and calendar status."""

from __future__ import annotations

from pathlib import Path

from conftest import make_project

HOSTILE_TITLE = "Sommet </script><script>alert(1)</script> ]]> <!-- & Cie"
HOSTILE_SUMMARY = "Résumé ]]></summary><x/> </script> & « guillemets » ; fin ?"
HOSTILE_OUTLET = "La Gazette </script> & ]]>"
QUOTE = "Nous dirons « oui » : a : b ; vraiment ? Non !"
SOURCE_URL = "https://example.org/gazette?a=1&b=</script>"
BRIEFING_ID = "2025-11-20-gazette-hostile"

BRIEFING = f"""\
title: {HOSTILE_TITLE!r}
summary: {HOSTILE_SUMMARY!r}
source:
  outlet: {HOSTILE_OUTLET!r}
  headline: "Le titre </script> de l'article"
  authors: [Anne Autrice]
  published: 2025-11-20
  url: {SOURCE_URL!r}
  genre: news
topics: [budapest-summit]
actors:
  - name: Donald Trump
events:
  - id: day-planned
    kind: summit
    title: Sommet prévu au jour
    date: 2025-12-03
    place: Genève
    participants: [Trump, Poutine]
    status: planned
  - id: month-proposed
    kind: meeting
    title: Rencontre proposée au mois
    date: 2026-02
    status: proposed
  - id: december-planned
    kind: call
    title: Appel prévu en décembre
    date: 2025-12
    status: planned
  - id: year-planned
    kind: meeting
    title: Rencontre prévue dans l'année
    date: 2026
    status: planned
  - id: undated-proposed
    kind: summit
    title: Sommet proposé sans date
    status: proposed
  - id: cancelled-summit
    kind: summit
    title: Sommet annulé
    date: 2025-11-30
    status: cancelled
quotes:
  - speaker: Donald Trump
    text: {QUOTE!r}
    date: 2025-11-19
"""


def feed_project(dest: Path) -> Path:
    project = make_project(dest)
    (project / "briefings" / f"{BRIEFING_ID}.yaml").write_text(BRIEFING, encoding="utf-8")
    return project
