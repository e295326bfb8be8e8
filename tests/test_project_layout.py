"""Where the inputs live is said once, in mkdocs.yml, and every entry point agrees.

A project whose folders are renamed through the plugin options (`briefings_dir`,
`content_dir`) and MkDocs' `docs_dir` is checked, built, exported, scaffolded,
drafted and documented exactly like one with the default layout, and every
message names the folders as configured.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS, make_project, mkdocs_build
from generator.cli import main
from generator.pipeline import check
from generator.project import Project, ProjectError, read_options

RENAMED = """\
  - briefings:
      briefings_dir: notes
      content_dir: registres
"""


def rename(project: Path, docs: str | None = None) -> Path:
    """`briefings/` → `notes/`, `content/` → `registres/` (and `docs/` → `docs`), told to mkdocs.yml."""
    (project / "briefings").rename(project / "notes")
    (project / "content").rename(project / "registres")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\n  - briefings\n") == 1
    text = text.replace("\n  - briefings\n", "\n" + RENAMED)
    if docs:
        (project / "docs").rename(project / docs)
        text = text.replace("docs_dir: docs\n", f"docs_dir: {docs}\n")
    config.write_text(text, encoding="utf-8")
    return project


@pytest.fixture
def renamed(tmp_path: Path) -> Path:
    return rename(make_project(tmp_path / "project"))


def cli(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *args])


def break_topic(project: Path) -> None:
    path = project / "notes" / "2025-08-16-quotidien-anchorage.yaml"
    text = path.read_text(encoding="utf-8")
    assert "topics: [" in text
    text = text.replace("topics: [", "topics: [sujet-inconnu, ", 1)
    path.write_text(text, encoding="utf-8")


# --- reading mkdocs.yml -------------------------------------------------------------------------------

def test_the_options_are_read_from_mkdocs_yml(renamed: Path) -> None:
    project = Project.at(renamed)
    assert (project.briefings_dir, project.content_dir, project.docs_dir) == (
        renamed / "notes", renamed / "registres", renamed / "docs")
    assert project.config_file == (renamed / "mkdocs.yml").resolve()


def test_the_plugin_builds_the_same_project(renamed: Path) -> None:
    from mkdocs.config import load_config

    config = load_config(str(renamed / "mkdocs.yml"))
    plugin = config.plugins["briefings"]
    plugin.on_config(config)
    assert plugin.project == Project.at(renamed)


def test_without_mkdocs_yml_the_default_layout(tmp_path: Path) -> None:
    project = Project.at(tmp_path)
    assert (project.briefings_dir, project.content_dir, project.docs_dir, project.config_file) == (
        tmp_path / "briefings", tmp_path / "content", tmp_path / "docs", None)


@pytest.mark.parametrize("plugins", [
    "plugins:\n  - search\n  - briefings:\n      content_dir: registres\n",
    "plugins:\n  search: {}\n  briefings:\n    content_dir: registres\n",
    "plugins:\n  - briefings:\n      content_dir: !ENV [BRIEFINGS_TEST_UNSET_VARIABLE, registres]\n",
])
def test_plugin_options_in_every_spelling_mkdocs_accepts(tmp_path: Path, plugins: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:os.getcwd\n"
                      + plugins, encoding="utf-8")
    assert read_options(config) == {"content_dir": "registres"}


def test_inherit_takes_the_parent_values_under_the_child_ones(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("docs_dir: pages\nplugins:\n  - briefings:\n      content_dir: registres\n",
                                       encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\ndocs_dir: documents\n", encoding="utf-8")
    assert read_options(tmp_path / "mkdocs.yml") == {"docs_dir": "documents", "content_dir": "registres"}


@pytest.mark.parametrize(("text", "expected"), [
    ("plugins:\n  - briefings:\n      content_dir: [a, b]\n",
     "mkdocs.yml:3:20: plugins.briefings.content_dir: expected a folder name"),
    ("plugins:\n  - briefings: registres\n", "mkdocs.yml:2:16: plugins.briefings: expected its options as a mapping"),
    ("site_name: [unclosed\n", "mkdocs.yml:2:1: YAML syntax"),
])
def test_a_broken_mkdocs_yml_is_named_with_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError) as caught:
        Project.at(tmp_path)
    assert expected in str(caught.value)
    result = cli(tmp_path, "check")
    assert result.exit_code == 1 and expected in result.output


# --- every command, on renamed folders -------------------------------------------------------------

def test_check_reads_the_configured_folders(renamed: Path) -> None:
    result = cli(renamed, "check")
    assert result.exit_code == 0, result.output
    count = len(list((CORPUS / "briefings").glob("*.yaml")))
    assert f"\n{count} {'briefing' if count == 1 else 'briefings'} checked: 0 errors" in result.output


def test_check_messages_name_the_configured_files(renamed: Path) -> None:
    break_topic(renamed)
    result = cli(renamed, "check", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    (error,) = report["errors"]
    assert error["path"] == "notes/2025-08-16-quotidien-anchorage.yaml"
    assert "unknown topic 'sujet-inconnu'" in error["message"] and "registres/topics.yaml" in error["hint"]
    # The test corpus names one actor its registry does not hold.
    unknown_actor = [w for w in report["warnings"] if "Jean Inconnu" in w["message"]]
    assert unknown_actor and "is not in registres/actors.yaml" in unknown_actor[0]["message"]
    assert "add the name to registres/actors.yaml" in unknown_actor[0]["hint"]
    assert "content/" not in result.output and "briefings/" not in result.output


def test_mkdocs_build_uses_and_names_the_configured_folders(renamed: Path, tmp_path: Path) -> None:
    good = mkdocs_build(renamed, tmp_path / "site")
    assert good.returncode == 0, good.output
    assert (tmp_path / "site" / "briefings" / "2025-08-16-quotidien-anchorage" / "index.html").is_file()
    break_topic(renamed)
    bad = mkdocs_build(renamed, tmp_path / "site2")
    assert bad.returncode == 1
    assert "notes/2025-08-16-quotidien-anchorage.yaml:" in bad.output and "add it to registres/topics.yaml" in bad.output
    assert "content/" not in bad.output


def test_the_home_page_macros_count_the_configured_briefings(renamed: Path, tmp_path: Path) -> None:
    extra = renamed / "notes" / "2025-08-17-copie.yaml"
    shutil.copy(renamed / "notes" / "2025-08-16-quotidien-anchorage.yaml", extra)
    extra.write_text(extra.read_text(encoding="utf-8").replace("title:", "id: copie-anchorage\ntitle:", 1)
                     if "\nid:" not in extra.read_text(encoding="utf-8") else extra.read_text(encoding="utf-8"),
                     encoding="utf-8")
    build = mkdocs_build(renamed, tmp_path / "site")
    assert build.returncode == 0, build.output
    count = len(list((renamed / "notes").glob("*.yaml")))
    assert f"<strong>{count}</strong> briefing" in build.page("index.html")


def test_export_reads_the_configured_folders(renamed: Path, tmp_path: Path) -> None:
    default = make_project(tmp_path / "default")
    here = cli(renamed, "export", "--format", "json", "--out", str(tmp_path / "a"))
    there = cli(default, "export", "--format", "json", "--out", str(tmp_path / "b"))
    assert here.exit_code == 0 and there.exit_code == 0, here.output + there.output
    assert (tmp_path / "a" / "briefings.json").read_bytes() == (tmp_path / "b" / "briefings.json").read_bytes()


def test_new_writes_into_the_configured_briefings_folder(renamed: Path) -> None:
    result = cli(renamed, "new", "--outlet", "Le Journal", "--date", "2025-09-01", "--title", "Un titre")
    assert result.exit_code == 0, result.output
    (created,) = (renamed / "notes").glob("2025-09-01-*.yaml")
    assert f"created notes/{created.name}" in result.output
    topics = [line for line in created.read_text(encoding="utf-8").splitlines() if "topics" in line.lower()]
    known = (renamed / "registres" / "topics.yaml").read_text(encoding="utf-8")
    assert any("id:" in known and t for t in topics)
    assert not (renamed / "briefings").exists()


def test_draft_resolves_names_from_the_configured_registry(renamed: Path, tmp_path: Path) -> None:
    article = CORPUS / "articles" / "alpha.txt"
    out = renamed / "notes" / "2025-01-01-brouillon.yaml"
    result = cli(renamed, "draft", str(article), "--published", "2025-08-16", "--out", str(out))
    assert result.exit_code == 0, result.output
    default = make_project(tmp_path / "default")
    expected = cli(default, "draft", str(article), "--published", "2025-08-16",
                   "--out", str(default / "briefings" / out.name))
    assert expected.exit_code == 0, expected.output
    assert out.read_text(encoding="utf-8") == (default / "briefings" / out.name).read_text(encoding="utf-8")


def test_schema_writes_the_format_page_into_the_configured_docs_folder(tmp_path: Path) -> None:
    project = rename(make_project(tmp_path / "project"), docs="pages")
    shutil.copytree(Path(__file__).resolve().parent.parent / "schema", project / "schema")
    assert cli(project, "schema", "--check").exit_code == 0
    (project / "pages" / "format-des-briefings.md").unlink()
    stale = cli(project, "schema", "--check")
    assert stale.exit_code == 1 and "pages/format-des-briefings.md: out of date" in stale.output
    assert cli(project, "schema").exit_code == 0
    assert (project / "pages" / "format-des-briefings.md").is_file() and not (project / "docs").exists()


def test_config_file_option_reads_another_configuration(renamed: Path) -> None:
    other = renamed / "autre.yml"
    (renamed / "mkdocs.yml").rename(other)
    assert cli(renamed, "check").exit_code == 1  # default layout: no briefings/ nor content/ here
    result = CliRunner().invoke(main, ["--root", str(renamed), "--config-file", str(other), "check"])
    assert result.exit_code == 0, result.output


def test_the_pipeline_problems_match_the_cli(renamed: Path) -> None:
    break_topic(renamed)
    _, problems = check(Project.at(renamed))
    assert [p.path for p in problems.errors] == ["notes/2025-08-16-quotidien-anchorage.yaml"]


# --- briefings check reads mkdocs.yml as MkDocs does ------------------------------------------------

BASE = "plugins:\n  briefings:\n    briefings_dir: notes\n"
AGREE = [
    pytest.param("plugins:\n  briefings:\n    content_dir: registres\n", BASE, id="inherit-merges-plugin-mappings"),
    pytest.param("plugins:\n  search: {}\n", "plugins:\n  briefings:\n    content_dir: registres\n",
                 id="inherit-keeps-parent-plugin"),
    pytest.param("plugins:\n  - search\n", "plugins:\n  - briefings:\n      content_dir: registres\n",
                 id="inherit-child-list-replaces"),
    pytest.param("x: &o {briefings_dir: notes, content_dir: registres}\nplugins:\n  - briefings:\n      <<: *o\n",
                 None, id="merge-key"),
    pytest.param("plugins:\n  briefings: {briefings_dir: nope}\n  briefings: {briefings_dir: notes}\n", None,
                 id="last-duplicate-key-wins"),
    pytest.param("plugins:\n  - briefings:\n      briefings_dir:\n      content_dir: registres\n", None,
                 id="null-option-is-the-default"),
    pytest.param("plugins:\n  - briefings:\n      content_dir: !ENV BRIEFINGS_TEST_UNSET\n", None,
                 id="unset-env-is-the-default"),
    pytest.param("plugins:\n  - briefings:\n      content_dir: !ENV [BRIEFINGS_TEST_UNSET, registres]\n", None,
                 id="env-default"),
    pytest.param("docs_dir: pages\nplugins:\n  - briefings\n", None, id="docs-dir"),
]
REFUSED = [
    pytest.param("plugins:\n  - briefings:\n      briefings_dir: 12\n", "4:22: plugins.briefings.briefings_dir",
                 id="number-as-folder"),
    pytest.param("plugins:\n  - briefings:\n      briefings_dir: !relative $config_dir/notes\n",
                 "4:22: plugins.briefings.briefings_dir", id="other-tag"),
    pytest.param("plugins:\n  - {briefings: {}, search: {}}\n", "3:5: plugins: one plugin per list item",
                 id="two-plugins-in-one-item"),
    pytest.param("plugins:\n  - briefings:\n      content_dri: registres\n",
                 "unknown option 'content_dri' (did you mean 'content_dir'?)", id="unknown-option"),
    pytest.param("x: " + "[" * 600 + "]" * 600 + "\n", "2:103: values nested more than 100 levels deep",
                 id="deep-nesting"),
]


def write_config(root: Path, text: str, base: str | None) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("docs", "pages"):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / "index.md").write_text("# Accueil\n", encoding="utf-8")
    head = "site_name: essai\n" + ("INHERIT: base.yml\n" if base is not None else "")
    (root / "mkdocs.yml").write_text(head + text, encoding="utf-8")
    if base is not None:
        (root / "base.yml").write_text("site_name: base\n" + base, encoding="utf-8")


def mkdocs_folders(root: Path) -> tuple[Path, Path, Path]:
    """The folders MkDocs and the plugin settle on for this configuration."""
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    if "briefings" not in config.plugins:  # not run at all: the folders are the defaults
        project = Project.from_options(root, docs_dir=config.docs_dir)
    else:
        plugin = config.plugins["briefings"]
        plugin.on_config(config)
        project = plugin.project
    return project.briefings_dir, project.content_dir, project.docs_dir


@pytest.mark.parametrize(("text", "base"), AGREE)
def test_check_and_build_read_the_same_folders(tmp_path: Path, text: str, base: str | None) -> None:
    write_config(tmp_path, text, base)
    project = Project.at(tmp_path)
    assert (project.briefings_dir, project.content_dir, project.docs_dir) == mkdocs_folders(tmp_path)


@pytest.mark.parametrize(("text", "expected"), REFUSED)
def test_what_mkdocs_would_refuse_is_one_positioned_line(tmp_path: Path, text: str, expected: str) -> None:
    write_config(tmp_path, text, None)
    result = cli(tmp_path, "check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if "mkdocs.yml" in line]
    assert line.startswith(f"{tmp_path / 'mkdocs.yml'}:") and expected in line


def test_a_plugin_listed_twice_is_refused_at_the_second_entry(tmp_path: Path) -> None:
    write_config(tmp_path, "plugins:\n  - briefings\n  - briefings:\n      content_dir: registres\n", None)
    with pytest.raises(ProjectError, match=r"mkdocs.yml:4:5: plugins: 'briefings' is listed twice"):
        Project.at(tmp_path)


def test_a_missing_inherit_parent_points_at_the_inherit_line(tmp_path: Path) -> None:
    write_config(tmp_path, "", None)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nINHERIT: absent.yml\n", encoding="utf-8")
    with pytest.raises(ProjectError, match=r"mkdocs.yml:2:10: INHERIT: .*absent.yml does not exist"):
        Project.at(tmp_path)


def test_an_inherit_loop_is_named(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("INHERIT: sub/../mkdocs.yml\n", encoding="utf-8")
    with pytest.raises(ProjectError, match="inherits from itself") as caught:
        Project.at(tmp_path)
    assert "/../" not in str(caught.value)


def test_a_non_utf8_mkdocs_yml_is_positioned(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_bytes(b"site_name: caf\xe9\n")
    with pytest.raises(ProjectError, match=r"mkdocs.yml:1:15: byte 0xe9 is not valid UTF-8"):
        Project.at(tmp_path)


def test_a_mkdocs_yml_that_is_not_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").mkdir()
    with pytest.raises(ProjectError, match="is not a readable file"):
        Project.at(tmp_path)
    (tmp_path / "mkdocs.yml").rmdir()
    (tmp_path / "mkdocs.yml").symlink_to(tmp_path / "absent.yml")
    with pytest.raises(ProjectError, match="is not a readable file"):
        Project.at(tmp_path)


def test_parent_folders_are_folded_in_messages(tmp_path: Path) -> None:
    write_config(tmp_path / "p", "plugins:\n  - briefings:\n      briefings_dir: ../shared/notes\n", None)
    project = Project.at(tmp_path / "p")
    assert project.briefings_dir == tmp_path / "shared" / "notes"


def test_a_missing_briefings_folder_is_a_warning_not_silence(renamed: Path) -> None:
    (renamed / "notes").rename(renamed / "notes-old")
    result = cli(renamed, "check")
    assert result.exit_code == 0
    assert "notes: warning: the briefings folder does not exist" in result.output


def test_root_must_exist(tmp_path: Path) -> None:
    result = cli(tmp_path / "absent", "new", "--outlet", "x", "--date", "2025", "--title", "y")
    assert result.exit_code == 2 and not (tmp_path / "absent").exists()
