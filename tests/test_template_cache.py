"""The templates' compiled code, kept between builds (template_compiler.CompiledTemplates).

A build loads what an earlier one compiled, never stale code: a changed template, compiler or
environment is compiled again; a cache it cannot write or read only costs the compilation.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.site import render, template_compiler
from generator.site.template_compiler import CompiledTemplates


def environment(templates: Path, cache: CompiledTemplates) -> jinja2.Environment:
    env = template_compiler.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                                        keep_trailing_newline=True, finalize=render._finalize)
    env.bytecode_cache = cache
    return env


@pytest.fixture
def cache(tmp_path: Path) -> CompiledTemplates:
    out = CompiledTemplates("settings of this test")
    out.directory = str(tmp_path / "cache")
    return out


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.md.j2").write_text("Bonjour {{ name }}.\n", encoding="utf-8")
    return folder


def refuse_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def compile_(*args, **kwargs):
        raise AssertionError("compiled again")
    monkeypatch.setattr(template_compiler.Environment, "compile", compile_)


def test_a_second_build_loads_the_compiled_code(templates, cache, monkeypatch) -> None:
    assert environment(templates, cache).get_template("page.md.j2").render(name="Kyiv") == "Bonjour Kyiv.\n"
    assert len(list(Path(cache.directory).iterdir())) == 1
    refuse_compiling(monkeypatch)
    assert environment(templates, cache).get_template("page.md.j2").render(name="<b>") == "Bonjour ⟦&#60;b&#62;⟧.\n"


def test_a_changed_template_is_compiled_again(templates, cache) -> None:
    environment(templates, cache).get_template("page.md.j2")
    (templates / "page.md.j2").write_text("Au revoir {{ name }}.\n", encoding="utf-8")
    assert environment(templates, cache).get_template("page.md.j2").render(name="Kyiv") == "Au revoir Kyiv.\n"


def test_what_shapes_the_code_names_its_own_folder() -> None:
    assert CompiledTemplates("a").directory != CompiledTemplates("b").directory
    env = render.make_environment(reload=False)
    other = render.make_environment(reload=False)
    assert env.bytecode_cache.directory == other.bytecode_cache.directory
    other.trim_blocks = False
    assert render.settings(env) != render.settings(other)
    other.filters["new"] = str
    other.trim_blocks = True
    assert render.settings(env) != render.settings(other)
    pycache = Path(template_compiler.__file__).resolve().parent / "__pycache__"
    assert Path(env.bytecode_cache.directory).parent == pycache


def test_a_cut_damaged_or_foreign_entry_is_compiled_again_and_replaced(templates, cache, monkeypatch) -> None:
    environment(templates, cache).get_template("page.md.j2")
    (stored,) = Path(cache.directory).iterdir()
    whole = stored.read_bytes()
    flipped = bytearray(whole)
    flipped[-5] ^= 0x01  # one bit of the compiled code: the digest no longer matches
    compiled = []
    monkeypatch.setattr(template_compiler.Environment, "compile",
                        lambda self, *a, **k: compiled.append(1) or jinja2.Environment.compile(self, *a, **k))
    for damaged in (whole[: len(whole) // 2], whole[:20], b"", b"not a cache file", bytes(flipped)):
        stored.write_bytes(damaged)
        assert environment(templates, cache).get_template("page.md.j2").render(name="x") == "Bonjour x.\n"
        assert stored.read_bytes() == whole
    assert len(compiled) == 5


def test_an_entry_is_kept_for_the_text_it_was_compiled_from(templates, cache) -> None:
    environment(templates, cache).get_template("page.md.j2")
    (stored,) = Path(cache.directory).iterdir()
    first = stored.read_bytes()
    (templates / "page.md.j2").write_text("Au revoir {{ name }}.\n", encoding="utf-8")
    environment(templates, cache).get_template("page.md.j2")
    second = stored.read_bytes()
    (templates / "page.md.j2").write_text("Bonjour {{ name }}.\n", encoding="utf-8")
    stored.write_bytes(second)  # an entry whose digest holds, of another text: Jinja's checksum refuses it
    assert environment(templates, cache).get_template("page.md.j2").render(name="x") == "Bonjour x.\n"
    assert stored.read_bytes() == first


def test_any_change_to_the_package_code_starts_a_new_folder(tmp_path, monkeypatch) -> None:
    package = tmp_path / "generator"
    (package / "site").mkdir(parents=True)
    (package / "site" / "wording.py").write_text("GENRE = 'Analyse'\n", encoding="utf-8")
    monkeypatch.setattr(template_compiler, "PACKAGE", package)
    before = CompiledTemplates("same settings").directory
    assert CompiledTemplates("same settings").directory == before
    (package / "site" / "wording.py").write_text("GENRE = 'Tribune'\n", encoding="utf-8")
    assert CompiledTemplates("same settings").directory != before
    (package / "site" / "wording.py").write_text("GENRE = 'Analyse'\n", encoding="utf-8")
    (package / "items.py").write_text("", encoding="utf-8")
    assert CompiledTemplates("same settings").directory != before


def test_a_folder_that_cannot_be_written_only_costs_the_compilation(templates, cache, tmp_path) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    cache.directory = str(tmp_path / "a-file" / "cache")  # under a file: neither made nor written
    for _ in range(2):
        assert environment(templates, cache).get_template("page.md.j2").render(name="x") == "Bonjour x.\n"


def test_the_site_templates_load_as_the_code_they_compile_to(monkeypatch) -> None:
    fresh = render.make_environment(reload=False)
    fresh.bytecode_cache = None
    for name in render.make_environment(reload=False).list_templates():
        render.make_environment(reload=False).get_template(name)  # compiled and kept, if it was not yet
    compiled = {name: fresh.get_template(name) for name in fresh.list_templates()}
    assert len(compiled) > 10
    refuse_compiling(monkeypatch)
    loaded = render.make_environment(reload=False)
    for name, template in compiled.items():
        code = loaded.get_template(name).root_render_func.__code__
        assert code == template.root_render_func.__code__, name
        assert code.co_filename == template.root_render_func.__code__.co_filename


def test_a_new_folder_replaces_those_of_earlier_code(templates, tmp_path) -> None:
    pycache = tmp_path / "__pycache__"
    older = pycache / f"{template_compiler.FOLDER_PREFIX}0123456789abcdef0123"
    older.mkdir(parents=True)
    (older / "entry.jinja").write_bytes(b"code of an earlier version")
    unrelated = pycache / "wording.cpython-311.pyc"
    unrelated.write_bytes(b"")
    cache = CompiledTemplates("settings of this test")
    cache.directory = str(pycache / f"{template_compiler.FOLDER_PREFIX}fedcba9876543210fedc")
    assert environment(templates, cache).get_template("page.md.j2").render(name="x") == "Bonjour x.\n"
    assert sorted(p.name for p in pycache.iterdir()) == sorted([Path(cache.directory).name, unrelated.name])
    older.mkdir()  # made again by the other version: kept while this folder exists
    (templates / "page.md.j2").write_text("Salut {{ name }}.\n", encoding="utf-8")
    environment(templates, cache).get_template("page.md.j2")
    assert older.is_dir()
