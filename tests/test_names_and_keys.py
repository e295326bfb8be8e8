"""Names in every script: a key keeps their letters, a page address never merges two of them,
and a name with nothing to match by is refused where it is written."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_project
from generator.reading.article_text import NameFinder
from generator.corpus.divergences import _key as _norm
from generator.pipeline import Project, build, check
from generator.reading.names import name_key, slugify
from generator.site.actor_listings import roles

HEADER = {"title": "T", "summary": "S", "source": {"outlet": "O", "published": "2025-10-01", "genre": "news"}}
PAGE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def add_briefing(project: Path, name: str, **fields) -> None:
    text = yaml.safe_dump({**HEADER, **fields}, allow_unicode=True, sort_keys=False)
    (project / "briefings" / f"{name}.yaml").write_text(text, encoding="utf-8")


def add_aliases(project: Path, actor_id: str, *aliases: str) -> None:
    path = project / "content" / "actors.yaml"
    actors = yaml.safe_load(path.read_text(encoding="utf-8"))
    for actor in actors:
        if actor["id"] == actor_id:
            actor["aliases"] = [*actor.get("aliases", []), *aliases]
    path.write_text(yaml.safe_dump(actors, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- the key ------------------------------------------------------------------------------------

def test_a_key_keeps_the_letters_of_every_script() -> None:
    names = ["Владимир Путин", "Володимир Зеленський", "习近平", "Αθήνα", "محمد", "שלום", "ガス", "カス", "राम", "रम"]
    keys = [name_key(n) for n in names]
    assert all(keys) and len(set(keys)) == len(names)


def test_a_key_ignores_case_accents_punctuation_and_optional_vowel_points() -> None:
    assert name_key("Sergueï") == name_key("SERGUEI") == "serguei"
    assert name_key("dmitri-peskov") == name_key("Dmitri  Peskov") == "dmitri peskov"
    assert name_key("Пётр") == name_key("петр")
    assert name_key("Αθήνα") == name_key("ΑΘΗΝΑ")
    assert name_key("مُحَمَّد") == name_key("محمد")
    assert name_key("Résolution ٢٢٥٤") == name_key("résolution 2254")


def test_latin_letters_without_an_accent_to_drop_are_kept() -> None:
    assert name_key("Łukasz") == "lukasz" != name_key("Ukasz")
    assert name_key("Søren Ærø") == "soren aero"
    assert name_key("Œuvre") == "oeuvre"


def test_symbols_emoji_and_invisible_characters_have_no_key() -> None:
    for name in ["★", "❤️", "\u200b", "---", "«»", "\u200b\ufe0f"]:
        assert name_key(name) == "", name


# --- the page address -----------------------------------------------------------------------------

def test_latin_names_keep_their_readable_address() -> None:
    assert slugify("Jean Inconnu") == "jean-inconnu"
    assert slugify("Sergueï Lavrov") == "serguei-lavrov"
    assert slugify("Index") == "nom-index"


def test_other_scripts_get_a_stable_digest_after_their_latin_words() -> None:
    assert re.fullmatch(r"nom-[0-9a-f]{8}", slugify("Владимир Путин"))
    assert re.fullmatch(r"xi-jinping-[0-9a-f]{8}", slugify("Xi Jinping 习近平"))
    assert slugify("Пётр") == slugify("ПЕТР")


SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzéèçłøæ",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωάέή",
    "cjk": "习近平中国和平人民共和国北京上海",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
}
WORD = st.sampled_from(list(SCRIPTS.values())).flatmap(lambda letters: st.text(st.sampled_from(letters), min_size=1,
                                                                                  max_size=6))
NAME = st.lists(st.one_of(WORD, st.sampled_from([" ", "-", "'", ".", "2"])), min_size=1, max_size=5).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(NAME, min_size=2, max_size=40))
def test_distinct_keys_give_distinct_page_names(names: list[str]) -> None:
    by_slug: dict[str, str] = {}
    for name in names:
        key = name_key(name)
        if not key:
            continue
        slug = slugify(name)
        assert PAGE_NAME.match(slug) and slug != "index", (name, slug)
        assert by_slug.setdefault(slug, key) == key, f"{name!r} and a name of key {by_slug[slug]!r} share {slug}"


# --- through the index --------------------------------------------------------------------------------

def test_quotes_in_cyrillic_are_signed_by_their_own_speaker(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    add_briefing(project, "2025-10-01-kp", quotes=[{"speaker": "Володимир Зеленський", "text": "Ми не віддамо."},
                                                   {"speaker": "Владимир Путин", "text": "Мы добьемся."}])
    result = build(Project.at(project))
    assert result.ok, result.problems.render()
    page = result.pages["briefings/2025-10-01-kp.md"]
    assert re.search(r"Ми не віддамо.*\n>\n> — \[Володимир Зеленський\]", page)
    assert re.search(r"Мы добьемся.*\n>\n> — \[Владимир Путин\]", page)
    ids = {q.speaker for q in result.index.quotes if q.briefing.id == "2025-10-01-kp"}
    assert len(ids) == 2


def test_aliases_in_other_scripts_match_only_their_actor(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    add_aliases(project, "vladimir-putin", "Путин", "Владимир Путин")
    add_aliases(project, "donald-trump", "Трамп", "特朗普")
    add_briefing(project, "2025-10-01-up", quotes=[{"speaker": "Зеленський", "text": "Ми не віддамо."},
                                                   {"speaker": "习近平", "text": "和平"},
                                                   {"speaker": "Путин", "text": "Мы добьемся."},
                                                   {"speaker": "特朗普", "text": "和平"}])
    index, problems = check(Project.at(project))
    assert problems.errors == [], problems.render()
    speakers = [q.speaker for q in index.quotes if q.briefing.id == "2025-10-01-up"]
    assert speakers[2:] == ["vladimir-putin", "donald-trump"]
    assert len(set(speakers)) == 4 and not {"vladimir-putin", "donald-trump"} & set(speakers[:2])
    unknown = [w.message for w in problems.warnings if "2025-10-01-up" in w.path]
    assert len(unknown) == 2 and "Зеленський" in unknown[0] and "习近平" in unknown[1]


def test_a_place_in_another_script_is_a_divergence(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    event = {"id": "kyiv-meeting", "kind": "meeting", "title": "Réunion", "date": "2025-10-01"}
    add_briefing(project, "2025-10-01-a", events=[{**event, "place": "Київ"}])
    add_briefing(project, "2025-10-02-b", events=[{**event, "place": "Москва"}])
    result = build(Project.at(project))
    assert result.ok, result.problems.render()
    page = result.pages["divergences.md"]
    assert "« Київ »" in page and "« Москва »" in page


def test_a_name_with_no_letter_is_an_error_where_it_is_written(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    add_aliases(project, "vladimir-putin", "★")
    add_briefing(project, "2025-10-01-x", quotes=[{"speaker": "❤️", "text": "a"}, {"speaker": "\u200b—", "text": "b"}])
    _, problems = check(Project.at(project))
    errors = [(p.path, p.key_path, p.hint) for p in problems.errors]
    assert [e[:2] for e in errors] == [("briefings/2025-10-01-x.yaml", "quotes[0].speaker"),
                                       ("briefings/2025-10-01-x.yaml", "quotes[1].speaker"),
                                       ("content/actors.yaml", alias_path(project, "vladimir-putin", "★"))]
    assert all(p.line > 0 and p.hint for p in problems.errors)


def alias_path(project: Path, actor_id: str, alias: str) -> str:
    actors = yaml.safe_load((project / "content" / "actors.yaml").read_text(encoding="utf-8"))
    i = [a["id"] for a in actors].index(actor_id)
    return f"[{i}].aliases[{actors[i]['aliases'].index(alias)}]"


def test_two_unregistered_names_never_share_a_page_even_when_their_slugs_do(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    taken = slugify("Владимир Путин")
    path = project / "content" / "actors.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"- {{id: {taken}, name: Quelqu'un d'autre}}\n", encoding="utf-8")
    names = ["Index", "Nom Index", "Владимир Путин", "Putin 1", "Putin 1 ★"]
    add_briefing(project, "2025-10-01-x", actors=names)
    result = build(Project.at(project))
    assert result.ok, result.problems.render()
    index = result.index
    ids = [index.resolve(n) for n in names]
    assert len(set(ids[:4])) == 4 and ids[3] == ids[4] and taken not in ids
    for name, actor_id in zip(names, ids):
        assert index.actors[actor_id].name in {name, "Putin 1"} and f"acteurs/{actor_id}.md" in result.pages


def test_draft_finds_names_as_the_index_matches_them() -> None:
    finder = NameFinder({"Lech Wałęsa": "lech-walesa", "Путин": "vladimir-putin", "习近平": "xi-jinping"})
    text = "Selon Lech Walesa, Путин a parlé ; Путина n'est pas un nom, 习近平 si."
    assert [(text[h.span.start:h.span.end], h.actor_id) for h in finder.find(text)] == [
        ("Lech Walesa", "lech-walesa"), ("Путин", "vladimir-putin"), ("习近平", "xi-jinping")]


def test_a_role_or_a_place_with_no_letter_is_not_merged_with_another() -> None:
    briefing = object()
    mentions = [(briefing, "—"), (briefing, None), (briefing, "?"), (briefing, "Président"), (briefing, "président")]
    assert roles(mentions) == ([("Président", 2), ("—", 1), (None, 1), ("?", 1)], 0)
    assert _norm("?") != _norm("—") and _norm("Київ") != _norm("Москва") and _norm("Kyiv") == _norm("KYIV")
