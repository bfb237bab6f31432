"""Hostile input gets a clear error and leaves the workspace untouched."""

from __future__ import annotations

import codecs

import pytest

from promocase.core.errors import PromocaseImportError
from promocase.importers.files import MiB, decode_text, read_text
from promocase.importers.ladder_formats import MAX_LADDER_BYTES, load_ladder_file
from promocase.services import ladders as svc

GOOD = "name: Ünïcode Ladder\nlevels: [L1, L2]\ncriteria:\n  - {name: Craft, expectations: {L1: a, L2: b}}\n"


def test_utf8_with_bom_imports_with_a_clean_first_field(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + GOOD.encode("utf-8"))
    assert load_ladder_file(path).name == "Ünïcode Ladder"


def test_utf8_bom_csv_header_is_recognised(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"level,criterion,expectation\nL1,Craft,Ships.\n")
    assert load_ladder_file(path, name="X").criterion("craft") is not None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_imports(tmp_path, encoding):
    path = tmp_path / "u16.yaml"
    data = GOOD.encode(encoding)
    if encoding != "utf-16":
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    path.write_bytes(data)
    assert load_ladder_file(path).name == "Ünïcode Ladder"


def test_utf16_without_bom_names_the_encoding(tmp_path):
    path = tmp_path / "u16.yaml"
    path.write_bytes(GOOD.encode("utf-16-le"))
    with pytest.raises(PromocaseImportError, match="UTF-16"):
        load_ladder_file(path)


def test_latin1_is_refused_naming_the_encoding_and_line(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(GOOD.encode("latin-1"))
    with pytest.raises(PromocaseImportError, match=r"latin\.yaml, line 1: .*Latin-1") as info:
        load_ladder_file(path)
    assert "UTF-8" in str(info.value)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(PromocaseImportError, match="binary"):
        load_ladder_file(path)


def test_oversized_file_is_refused_before_reading_it_all(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.write(b"name: x\n" + b"#" * (MAX_LADDER_BYTES + 10))
    with pytest.raises(PromocaseImportError, match="larger than"):
        load_ladder_file(path)


def test_read_text_caps_at_the_limit(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"a" * (MiB + 1))
    with pytest.raises(PromocaseImportError, match="1 MiB"):
        read_text(path, max_bytes=MiB)


def test_missing_file_says_so(tmp_path):
    with pytest.raises(PromocaseImportError, match="no such ladder file"):
        load_ladder_file(tmp_path / "nope.yaml")


def test_formula_cells_in_a_csv_ladder_are_kept_as_text(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(
        "level,criterion,expectation\nL1,=cmd|' /C calc'!A0,@SUM(1)\n", encoding="utf-8"
    )
    ladder = load_ladder_file(path, name="F")
    assert ladder.criteria[0].name == "=cmd|' /C calc'!A0"
    assert ladder.criteria[0].expectations["L1"] == "@SUM(1)"


def test_yaml_alias_bomb_is_refused_or_bounded(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}]\n"
    bomb += "name: *i\nlevels: [L1]\ncriteria: [{name: c}]\n"
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(PromocaseImportError):
        load_ladder_file(path)


def test_hostile_files_leave_the_workspace_untouched(acme_ws, tmp_path):
    from promocase.services.backup import export_json

    before = export_json(acme_ws)
    for name, data in [
        ("a.yaml", b"\x00\x01\x02"),
        ("b.yaml", "é".encode("latin-1")),
        ("c.csv", b"level,criterion\n"),
        ("d.md", b"no headings here"),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(PromocaseImportError):
            ladder, source = svc.load_ladder_arg(str(path))
            svc.import_ladder(acme_ws, ladder, source=source)
    assert export_json(acme_ws) == before


def test_decode_text_reports_where_bad_bytes_are():
    with pytest.raises(PromocaseImportError, match="line 3"):
        decode_text(b"ok\nok\n\xe9\n", source="x.md")
