"""The benchmark's synthetic corpus: the same seed gives the same files, and the real loader accepts them."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import SyntheticCorpus, write_corpus
from generator.pipeline import Project, check


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 20, seed=7)
    write_corpus(tmp_path / "b", 20, seed=7)
    write_corpus(tmp_path / "c", 20, seed=8)
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert len([name for name in a if name.startswith("briefings/")]) == 20
    assert a == b
    assert a != c


def test_a_briefing_does_not_depend_on_the_ones_drawn_after_it() -> None:
    corpus = SyntheticCorpus(20, seed=7)
    first = corpus.briefing(3)
    for i in range(10):
        corpus.briefing(i)
    assert corpus.briefing(3) == first


def test_the_real_loader_accepts_the_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path, 20, seed=0)
    index, problems = check(Project.at(tmp_path))
    assert [p.render() for p in problems.errors] == []
    # Only unregistered names may warn: they are there on purpose, as in real notes.
    assert all("is not in content/actors.yaml" in p.message for p in problems.warnings)
    assert len(index.briefings) == 20
    # Coverage recurs across briefings: shared events, related summits, shared indicators.
    assert any(len(record.accounts) > 1 for record in index.events.values())
    assert any(record.kind == "summit" for record in index.events.values())
    assert index.children
    assert any(len({e.briefing.id for e in entries}) > 1 for entries in index.figures.values())
    mentions = sorted((len(v) for v in index.mentions.values()), reverse=True)
    assert mentions[0] >= 10 and mentions[-1] <= 2  # a few actors everywhere, a long tail


def test_the_corpus_goes_where_mkdocs_yml_says(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - briefings:\n      briefings_dir: notes\n      content_dir: registres\n",
                                         encoding="utf-8")
    write_corpus(tmp_path, 5, seed=1)
    assert len(list((tmp_path / "notes").glob("*.yaml"))) == 5
    assert (tmp_path / "registres" / "actors.yaml").is_file()
    assert not (tmp_path / "briefings").exists() and not (tmp_path / "content").exists()


def test_the_baseline_keeps_generated_pages_out_of_the_nav_as_the_plugin_does() -> None:
    from mkdocs.utils.yaml import yaml_load

    from bench.run import ROOT, baseline_config
    from generator.site import urls

    pages = {urls.briefing_page("b"): "", urls.actor_page("a"): "", urls.summit_page("s"): "", urls.PROBLEMS: "",
             urls.TIMELINE: "", urls.BRIEFINGS_INDEX: ""}
    config = yaml_load(baseline_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), pages))
    assert not any("briefings" in (p if isinstance(p, str) else next(iter(p))) for p in config["plugins"])
    assert sorted(config["not_in_nav"].split()) == ["/acteurs/*.md", "/briefings/*.md", f"/{urls.PROBLEMS}",
                                                   "/sommets/*.md"]
