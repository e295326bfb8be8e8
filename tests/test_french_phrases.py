"""The French readers behind `briefings draft`: dated phrases, quantities, quotes, names, sentences."""

from __future__ import annotations

import pytest

from generator.reading.article_text import NameFinder, sentences
from generator.reading.dates import PartialDate
from generator.authoring.draft import find_quotes
from generator.reading.french_dates import find_dated_phrases, publication_date
from generator.reading.french_quantities import find_quantities

NOV_15 = PartialDate(2025, 11, 15)


def one_date(text: str, published: PartialDate | None = NOV_15) -> tuple[str, PartialDate | None]:
    phrases = find_dated_phrases(text, published)
    assert len(phrases) == 1, phrases
    return phrases[0].wording, phrases[0].date


@pytest.mark.parametrize("text, wording, expected", [
    ("Ils se sont parlé le 13 octobre.", "le 13 octobre", PartialDate(2025, 10, 13)),
    ("Rendez-vous le 17 novembre.", "le 17 novembre", PartialDate(2024, 11, 17)),  # after publication: a year back
    ("Rendez-vous le 15 novembre.", "le 15 novembre", PartialDate(2025, 11, 15)),  # the day itself is not after
    ("Le sommet du 15 août 2025 a eu lieu.", "du 15 août 2025", PartialDate(2025, 8, 15)),
    ("Mi-octobre, rien.", "Mi-octobre", PartialDate(2025, 10)),
    ("Il l’a dit à la mi-octobre.", "à la mi-octobre", PartialDate(2025, 10)),
    ("Ils se sont vus en août dernier.", "en août dernier", PartialDate(2025, 8)),
    ("Ils se verront en décembre prochain.", "en décembre prochain", PartialDate(2025, 12)),
    ("Ils se verront en novembre dernier.", "en novembre dernier", PartialDate(2024, 11)),
    ("Début août, l’aide est arrivée.", "Début août", PartialDate(2025, 8)),
    ("En avril, Bruxelles a payé.", "En avril", PartialDate(2025, 4)),
    ("En décembre, rien.", "En décembre", PartialDate(2024, 12)),
    ("Le vendredi 1er août, ils ont parlé.", "Le vendredi 1er août", PartialDate(2025, 8, 1)),
    ("Le texte date 2025-09-25 ici.", "2025-09-25", PartialDate(2025, 9, 25)),
    ("Le conflit dure depuis 2022.", "depuis 2022", PartialDate(2022)),
    ("En juillet 2024, déjà.", "En juillet 2024", PartialDate(2024, 7)),
])
def test_dated_phrases_resolve_against_publication(text: str, wording: str, expected: PartialDate) -> None:
    assert one_date(text) == (wording, expected)


def test_month_precision_is_kept() -> None:
    _, when = one_date("Mi-octobre, rien.")
    assert when is not None and when.precision == "month" and when.iso() == "2025-10"


def test_le_lendemain_follows_the_last_day_written() -> None:
    phrases = find_dated_phrases("Le 31 octobre, Trump a parlé. Le lendemain, Moscou a répondu.", NOV_15)
    assert [(p.wording, p.date) for p in phrases] == [
        ("Le 31 octobre", PartialDate(2025, 10, 31)), ("Le lendemain", PartialDate(2025, 11, 1))]


def test_relative_days_without_an_anchor_are_dropped() -> None:
    assert find_dated_phrases("Le lendemain, rien.", NOV_15) == []
    assert find_dated_phrases("Hier, rien.", None) == []


def test_without_publication_a_year_less_date_is_undated_but_kept() -> None:
    assert one_date("Le 13 octobre, rien.", None) == ("Le 13 octobre", None)


def test_an_impossible_day_is_not_a_date() -> None:
    assert one_date("Le 30 février, rien.") == ("Le 30 février", None)


@pytest.mark.parametrize("text, expected", [
    ("Article\n15 novembre 2025\nLe 13 octobre, Trump…", PartialDate(2025, 11, 15)),
    ("Titre\n date 2025-09-25 Le sommet d’Anchorage, organisé début août…", PartialDate(2025, 9, 25)),
    ("Titre\n\nAujourd’hui, 15 août 2025, M. Donald Trump et M. Vladimir Poutine se rencontreront.", PartialDate(2025, 8, 15)),
    ("Titre\nLes deux hommes se sont serré la main à Anchorage, le 15 août 2025, sans accord.", None),
])
def test_publication_date_is_a_dateline_only(text: str, expected: PartialDate | None) -> None:
    assert publication_date(text)[0] == expected


@pytest.mark.parametrize("text, wording, value, qualifier, unit", [
    ("L’ONU estime à près de 13 millions le nombre de déplacés.", "près de 13 millions", 13_000_000, "about", None),
    ("Plus de 100 000 civils ont péri.", "Plus de 100 000 civils", 100_000, "more-than", "people"),
    ("plus de 100 000 le nombre de morts", "plus de 100 000", 100_000, "more-than", None),
    ("La frappe a tué 23 civils.", "23 civils", 23, None, "people"),
    ("Ils ont fourni plus d’un milliard de dollars d’aide.", "plus d’un milliard de dollars", 1_000_000_000,
     "more-than", "usd"),
    ("La réunion de trois heures sur le sol américain.", "trois heures", 3, None, "hours"),
    ("Bruxelles a débloqué 2,5 milliards d’euros.", "2,5 milliards d’euros", 2_500_000_000, None, "eur"),
    ("Une baisse d’environ 20 % sur un an.", "environ 20 %", 20, "about", "percent"),
    ("Au moins 40 drones ont été lancés.", "Au moins 40 drones", 40, "at-least", "drones"),
    ("Quelque 12 millions de personnes ont fui.", "Quelque 12 millions de personnes", 12_000_000, "about", "people"),
    ("Le chiffre atteint 1\u202f200 soldats.", "1\u202f200 soldats", 1200, None, "people"),
])
def test_quantities(text: str, wording: str, value: int, qualifier: str | None, unit: str | None) -> None:
    found = find_quantities(text)
    assert [(q.wording, q.value, q.qualifier, q.unit) for q in found] == [(wording, value, qualifier, unit)]


@pytest.mark.parametrize("text", [
    "En 2025, rien.", "Le 1er août, rien.", "Au XXe siècle, rien.", "Le G7 se réunit.", "Il est 12h30.",
    "Les deux présidents et un accord.", "La page 42 du rapport.", "Minsk II, signé en 2015.", "sur un an",
])
def test_what_is_not_a_quantity(text: str) -> None:
    assert find_quantities(text) == []


def test_numbers_of_dates_are_skipped_when_asked() -> None:
    text = "Le 17 novembre, 23 civils sont morts."
    skip = [p.span for p in find_dated_phrases(text, NOV_15)]
    assert [q.wording for q in find_quantities(text, skip)] == ["23 civils"]


def quotes(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quotes(text)]


def test_quotes_in_guillemets_curly_and_straight_marks() -> None:
    text = "« Nous avons parlé », dit-il. “Budapest est prête”, écrit-il. Il reste \"ouvert à tout\"."
    assert quotes(text) == ["Nous avons parlé", "Budapest est prête", "ouvert à tout"]


def test_a_quote_inside_a_quote_stays_part_of_it() -> None:
    text = "« Il m’a dit “jamais” hier », raconte-t-il."
    assert quotes(text) == ["Il m’a dit “jamais” hier"]


def test_a_stray_guillemet_does_not_swallow_the_text() -> None:
    text = "Une coquille vide« , un « Ours de Papier » incapable.\n\nLe Kremlin a répondu sur l’ »opération »."
    assert quotes(text) == ["Ours de Papier"]


def test_names_are_found_without_case_or_accents_at_their_exact_place() -> None:
    finder = NameFinder({"Sergueï Lavrov": "sergey-lavrov", "Lavrov": "sergey-lavrov", "Donald Trump": "donald-trump",
                         "Trump": "donald-trump", "Maison-Blanche": "white-house"})
    text = "M. SERGUEI LAVROV a vu la maison blanche, puis Trump et Donald  Trump."
    hits = finder.find(text)
    assert [(text[h.span.start:h.span.end], h.actor_id) for h in hits] == [
        ("SERGUEI LAVROV", "sergey-lavrov"), ("maison blanche", "white-house"), ("Trump", "donald-trump"),
        ("Donald  Trump", "donald-trump")]


def test_a_name_inside_a_word_is_not_a_name() -> None:
    assert NameFinder({"Trump": "donald-trump"}).find("Les trumpistes applaudissent.") == []


def test_sentences_do_not_end_after_abbreviations_or_initials() -> None:
    text = "M. Donald Trump a parlé à J. D. Vance. Puis il est parti ! « Bien. » Fin"
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "M. Donald Trump a parlé à J. D. Vance.", "Puis il est parti !", "« Bien. »", "Fin"]
