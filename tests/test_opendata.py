"""Open data: 統一ルール (one datum per cell, no merged cells, 西暦), 団体コード on every row,
the licence in every file, and KPI datasets of two wards that stack into one table."""

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from dxplan import __version__

from dxplan.core import model
from dxplan.core.labels.opendata import LICENCE_NAME
from dxplan.core.opendata import (KPI_COLUMNS, LICENCE_URL, check_digit, one_datum_rows, valid_municipality_code,
                                  with_western_year)

WAREKI = re.compile(r"(令和|平成)(元|\d{1,2})年度")


def _csv(path):
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode()), f"{path.name}: UTF-8 の BOM がありません"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_municipality_codes_carry_the_somusho_check_digit():
    assert check_digit("13119") == "9" and check_digit("13108") == "3"
    assert valid_municipality_code("131199") and valid_municipality_code("131083")
    assert not valid_municipality_code("131190") and not valid_municipality_code("13119")


def test_wareki_in_text_gets_its_western_year_once():
    assert with_western_year("RPA・AI拡大（令和7年度 2,800時間削減）") == "RPA・AI拡大（令和7年度（2025年度） 2,800時間削減）"
    assert with_western_year(with_western_year("令和元年度")) == "令和元年度（2019年度）"


def test_several_values_in_a_cell_become_rows_never_paired():
    rows = one_datum_rows([[["施策1"], ["KPI_A", "KPI_B"], ["課X", "課Y"]], [["施策2"], [], ["課Z"]]])
    assert rows == [["施策1", "KPI_A", ""], ["施策1", "KPI_B", ""], ["施策1", "", "課X"], ["施策1", "", "課Y"],
                    ["施策2", "", "課Z"]]


def test_two_wards_kpi_datasets_stack_into_one_table(site):
    itabashi = _csv(site / "downloads" / "kpi-131199-plan-dx2025-late.csv")
    koto = _csv(site / "downloads" / "kpi-131083-plan-koto.csv")
    assert itabashi[0] == koto[0] == KPI_COLUMNS
    stacked = itabashi + koto[1:]
    codes = {row[0] for row in stacked[1:]}
    assert codes == {"131199", "131083"}
    assert all(len(row) == len(KPI_COLUMNS) for row in stacked)
    # Each target × the plan's years (令和6・7年度) + its baseline where the source gives one
    # (seed 002: 17 × 2 + 6); Koto: one row per measure (10 in seed 004)
    needs = model.load_needs_json(site / "needs.json")
    plan = needs["PLAN_DX2025_LATE"]
    targets = model.of_type(model.plan_subset(needs, plan["id"]), model.TARGET)
    years = plan["period_end"] - plan["period_start"] + 1
    assert len(itabashi) - 1 == len(targets) * years + sum(bool(t.get("baseline_text")) for t in targets)
    assert len(koto) - 1 == 10
    telework = [r for r in itabashi[1:] if r[5] == "テレワーク実施"]
    assert [(r[15], r[16]) for r in telework] == [("2022", "令和4年度"), ("2024", "令和6年度"), ("2025", "令和7年度")]
    assert telework[0][7:11] == ["2600", "回", "以上", "2025"] and telework[0][17] == "2046"


DATA_SUFFIXES = (".csv", ".xlsx", ".json")


def _downloads(site):
    files = sorted(p for p in (site / "downloads").iterdir()
                   if p.suffix in DATA_SUFFIXES and not p.name.endswith("-metadata.json"))
    assert len(files) >= 3 * 10, [p.name for p in files]  # 7 tables + progress + 4 KPI datasets, 3 formats
    return files


def _rows(path):
    if path.suffix == ".csv":
        return _csv(path)
    if path.suffix == ".json":
        document = json.loads(path.read_text(encoding="utf-8"))
        return [document["columns"], *([row[c] for c in document["columns"]] for row in document["data"])]
    sheet = load_workbook(path).worksheets[0]
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def test_every_download_carries_the_licence(site):
    for path in _downloads(site):
        if path.suffix == ".csv":
            meta = json.loads((path.parent / f"{path.name}-metadata.json").read_text(encoding="utf-8"))
            assert meta["dc:license"]["@id"] == LICENCE_URL and meta["dc:rights"] == LICENCE_NAME, path.name
            assert meta["url"] == path.name
            assert not any(LICENCE_NAME in cell for row in _csv(path) for cell in row), "CSV に注記の行があります"
        elif path.suffix == ".json":
            document = json.loads(path.read_text(encoding="utf-8"))
            assert document["license"] == {"name": LICENCE_NAME, "url": LICENCE_URL}, path.name
        else:
            book = load_workbook(path)
            about = {row[0]: row[1] for row in book["説明"].iter_rows(min_row=2, values_only=True)}
            assert about["ライセンス"] == LICENCE_NAME and about["ライセンスのURL"] == LICENCE_URL, path.name
            assert LICENCE_NAME in book.properties.subject and LICENCE_URL in book.properties.description


def test_every_download_has_western_years_and_a_code_on_every_row(site):
    for path in _downloads(site):
        rows = _rows(path)
        header, body = rows[0], rows[1:]
        assert header[0] == "団体コード", path.name
        assert all(valid_municipality_code(str(row[0])) for row in body), path.name
        for i, title in enumerate(header):
            if title.endswith("（和暦）"):  # a 和暦 label always has its 西暦 column on its left
                western = header[i - 1]
                assert title.startswith(western), (path.name, title, western)
                for row in body:
                    assert (row[i] == "") == (row[i - 1] in ("", None)), (path.name, row)
                    if row[i]:
                        assert re.fullmatch(r"\d{4}", str(row[i - 1])), (path.name, row)
            else:
                for row in body:
                    text = str(row[i])
                    for match in WAREKI.finditer(text):
                        assert re.match(r"（\d{4}年度）", text[match.end():]), (path.name, text)
    # the 西暦 date of each file is in its metadata
    meta = json.loads((site / "downloads" / "trace-vision-policy-measure-kpi.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["metadata"]["作成日"])


def test_no_merged_cells_in_any_xlsx_written(site):
    books = sorted((site / "downloads").glob("*.xlsx"))
    assert books
    for path in books:
        for sheet in load_workbook(path).worksheets:
            assert not sheet.merged_cells.ranges, f"{path.name} [{sheet.title}]: 結合セル {sheet.merged_cells.ranges}"


def test_needs_json_records_generator_version_and_licence(site):
    document = json.loads((site / "needs.json").read_text(encoding="utf-8"))
    assert document["generator"] == {"name": "dxplan", "version": __version__}
    assert document["license"]["name"] == LICENCE_NAME


@pytest.mark.parametrize("page", ["index.html", "downloads.html", "committee/review.html"])
def test_licence_line_in_the_footer_and_on_the_downloads_page(site, page):
    html = (site / page).read_text(encoding="utf-8")
    assert f'<a href="{LICENCE_URL}">{LICENCE_NAME}</a>' in html
    footer = html[html.index('class="dxplan-licence"'):]
    assert LICENCE_NAME in footer
    if page == "downloads.html":
        assert html.count(LICENCE_NAME) >= 2 and "kpi-131083-plan-koto.csv" in html


def test_matrix_downloads_hold_a_kpi_alone_in_its_cell(site):
    """One datum per cell: the page reads 「KPI（目標）」, the data file the KPI's name (its targets are in the KPI dataset)."""
    rows = _rows(site / "downloads" / "trace-vision-policy-measure-kpi.csv")
    column = rows[0].index("KPI（目標値は KPI のデータセットに）")
    kpis = [row[column] for row in rows[1:] if row[column]]
    assert kpis and not [k for k in kpis if "（" in k and ("以上" in k or "年度" in k)], kpis
