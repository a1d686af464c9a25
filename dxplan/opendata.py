"""Open data: every download follows the 総務省 統一ルール and carries its licence.

- one datum per cell, no merged cells, no totals row in a data file; a fiscal year is a 西暦
  column beside its 和暦 label, and a 和暦 year inside a text cell gets its 西暦 beside it;
- each row starts with the 全国地方公共団体コード of its plan ([dxplan.plans.*] in ubproject.toml);
- each table is written as UTF-8 CSV with BOM, .xlsx (a 説明 sheet and document properties) and
  JSON (metadata + rows); the CSV's metadata is a CSVW sidecar, NAME.csv-metadata.json (W3C
  "CSV on the Web"), so the CSV itself holds only the header row and data rows;
- the KPI dataset has the same columns for every plan (KPI_COLUMNS), so two wards' files stack.
Licence: 公共データ利用規約（第1.0版）(デジタル庁, compatible with CC BY 4.0).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dxplan import __version__

from dxplan.core import model
from dxplan.core.exports import csv_bytes, write_atomic
from dxplan.core.fiscal import HEISEI_OFFSET, REIWA_OFFSET, format_fiscal_year
from dxplan.core.model import Needs
from dxplan.core.labels import BASELINE_YEAR, NOT_REPORTED
from dxplan.progress import grade_of, plan_years, progress_inputs, scale_for_plan, year_progress
from dxplan.excel.export import table_workbook
from dxplan.config import CONFIG_FILE, project_config
from dxplan.views import register_view, scoped_needs
from dxplan.internals import resolved_needs
from dxplan.core.store import ACTUALS_FILE

LICENCE_NAME = "公共データ利用規約（第1.0版）"
LICENCE_URL = "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"
LICENCE_LINE = f"ライセンス: {LICENCE_NAME}（PDL1.0。クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）と互換）"
GENERATOR = "dxplan"
DOWNLOAD_DIR = "downloads"

#: The KPI dataset: the same columns, in this order, for every plan of every ward.
KPI_COLUMNS = ["団体コード", "団体名", "計画", "基本方針", "施策", "KPI", "目標（出典の表記）", "目標値", "単位", "条件",
               "目標年度", "目標年度（和暦）", "基準値", "基準年度", "基準年度（和暦）", "年度", "年度（和暦）",
               "実績", "報告状況", "評語", "進捗率(%)", "出典"]
#: Columns that hold numbers only (empty where there is none): 統一ルール 2-1.
NUMERIC_COLUMNS = {"目標値", "目標年度", "基準値", "基準年度", "年度", "実績", "進捗率(%)"}


def check_digit(first_five: str) -> str:
    """The 全国地方公共団体コード check digit (総務省): weights 6–2, modulus 11."""
    remainder = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2))) % 11
    return str((11 - remainder) % 10)


def valid_municipality_code(code: object) -> bool:
    return isinstance(code, str) and re.fullmatch(r"\d{6}", code) is not None and check_digit(code[:5]) == code[5]


_WAREKI = re.compile(r"(令和|平成)(元|\d{1,2})年度(?!（\d{4}年度）)")


def with_western_year(text: str) -> str:
    """令和7年度 → 令和7年度（2025年度）inside a text cell (統一ルール: 和暦 with 西暦 beside it)."""
    def western(match: re.Match) -> str:
        offset = REIWA_OFFSET if match.group(1) == "令和" else HEISEI_OFFSET
        year = offset + (1 if match.group(2) == "元" else int(match.group(2)))
        return f"{match.group(0)}（{year}年度）"

    return _WAREKI.sub(western, text)


@dataclass(frozen=True)
class Ward:
    code: str
    name: str


@dataclass
class Dataset:
    slug: str
    title: str
    headers: list[str]
    rows: list[list[object]] = field(default_factory=list)
    wards: tuple[Ward, ...] = ()
    description: str = ""


def with_ward(ward: Ward, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> tuple[list[str], list[list[object]]]:
    """団体コード and 団体名 in front of every row; 和暦 in text gets its 西暦."""
    return (["団体コード", "団体名", *headers],
            [[ward.code, ward.name, *(with_western_year(c) if isinstance(c, str) else c for c in row)] for row in rows])


def one_datum_rows(rows: Iterable[Sequence[Sequence[str]]]) -> list[list[str]]:
    """Rows of cells holding several values → one row per value (統一ルール: one datum per cell).

    A cell with one value is repeated on every row of its record; a cell with several values
    gives one row per value, with the other several-valued cells of that record left empty,
    so no row pairs two values the table never paired.
    """
    out: list[list[str]] = []
    for row in rows:
        multi = [i for i, cell in enumerate(row) if len(cell) > 1]
        base = [cell[0] if len(cell) == 1 else "" for cell in row]
        if not multi:
            out.append(base)
        for i in multi:
            for value in row[i]:
                out.append([*base[:i], value, *base[i + 1:]])
    return out


# ---------------------------------------------------------------- the KPI dataset


def _number(value: object) -> object:
    """2800.0 → 2800: a whole number is written without a decimal point."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def kpi_dataset_rows(needs: Needs, plan_id: str, ward: Ward, actuals: Iterable, scale) -> list[list[object]]:
    """One row per target and fiscal year (plan years and years with an actual); a KPI without
    a target, and a measure without a KPI (a plan that sets none), get one row each."""
    plan = needs[plan_id]
    years = plan_years(needs)
    by_key = {(a.target, a.fy): a for a in actuals}
    rows: list[list[object]] = []

    def row(policies, measure_label, kpi, target, fy, actual, grade, percent, source) -> list[object]:
        t = target or {}
        value = actual.value if actual is not None else None
        status = "報告済" if actual is not None else (NOT_REPORTED if fy is not None else "")
        return [ward.code, ward.name, plan["title"], "、".join(model.policy_label(p) for p in policies), measure_label,
                kpi["title"] if kpi else "", t.get("title", ""), _number(t.get("target_value")), t.get("target_unit") or "",
                t.get("target_qualifier") or "", t.get("target_fy"),
                format_fiscal_year(t["target_fy"]) if t.get("target_fy") else "",
                _number(t.get("baseline_value")), t.get("baseline_fy"),
                format_fiscal_year(t["baseline_fy"]) if t.get("baseline_fy") else "",
                fy, format_fiscal_year(fy) if fy else "", _number(value), status,
                grade if grade not in (NOT_REPORTED, None) else "", None if percent is None else round(percent, 1),
                source or ""]

    for kpi in model.of_type(needs, model.KPI):
        policies = model.ancestors(needs, kpi, model.POLICY)
        measures = kpi.get("measure_group") or "、".join(m["title"] for m in model.linked(needs, kpi, "measures"))
        targets = model.linked(needs, kpi, "kpi", back=True)
        if not targets:
            rows.append(row(policies, measures, kpi, None, None, None, None, None, kpi.get("source")))
        for target in targets:
            for fy in sorted(set(years) | {a.fy for a in actuals if a.target == target["id"]}):
                actual = by_key.get((target["id"], fy))
                percent, grade = grade_of(target, actual, scale) if scale else (None, None)
                if actual is not None and fy == target.get("baseline_fy"):
                    percent, grade = None, BASELINE_YEAR
                rows.append(row(policies, measures, kpi, target, fy, actual, grade, percent, target.get("source")))
    for measure in model.of_type(needs, model.MEASURE):
        if not model.kpis_of(needs, measure):
            rows.append(row(model.ancestors(needs, measure, model.POLICY), measure["title"], None, None, None, None,
                            None, None, measure.get("source")))
    return rows


def matrix_dataset(matrix, ward: Ward) -> Dataset:
    """A traceability grid (matrices.Matrix) as data: one value per cell, no totals row."""
    headers, rows = with_ward(ward, matrix.data_headers, one_datum_rows(matrix.value_rows()))
    return Dataset(matrix.slug, matrix.caption, headers, rows, (ward,))


def year_dataset(kpis: Dataset, fy: int, slug: str) -> Dataset:
    """The KPI dataset's rows of one fiscal year (the progress download)."""
    year = KPI_COLUMNS.index("年度")
    return Dataset(slug, f"{format_fiscal_year(fy)}（{fy}年度）の進捗（{kpis.title}）", kpis.headers,
                   [r for r in kpis.rows if r[year] == fy], kpis.wards, kpis.description)


def kpi_dataset(needs: Needs, plan_id: str, ward: Ward, actuals: Iterable, scale) -> Dataset:
    title = f"KPI・目標値・実績（{needs[plan_id]['title']}）"
    return Dataset(f"kpi-{ward.code}-{plan_id.lower().replace('_', '-')}", title, list(KPI_COLUMNS),
                   kpi_dataset_rows(needs, plan_id, ward, list(actuals), scale), (ward,),
                   "1行に1つの目標値と年度。KPI のない施策は1行（KPI の列は空欄）。列はどの計画でも同じで、"
                   "団体コードで区別して複数の団体のファイルを縦に連結できます。")


# ---------------------------------------------------------------- files and their metadata


def metadata(dataset: Dataset, created: str) -> list[tuple[str, str]]:
    """What every file says about itself (JSON field, .xlsx 説明 sheet, CSVW sidecar)."""
    return [
        ("タイトル", dataset.title),
        ("団体コード", "、".join(w.code for w in dataset.wards)),
        ("団体名", "、".join(w.name for w in dataset.wards)),
        ("ライセンス", LICENCE_NAME),
        ("ライセンスのURL", LICENCE_URL),
        ("作成日", created),
        ("作成したプログラム", f"{GENERATOR} {__version__}"),
        ("表記", "総務省「統計表における機械判読可能なデータの表記方法の統一ルール」に従う（1セル1データ、"
                 "セルの結合なし、年度は西暦の列と和暦の列を並べる）。文字コードは UTF-8（BOM 付き）"),
        ("説明", dataset.description or "複数の値を持つ欄は、値ごとに1行に分けています（同じ行の他の複数値の欄は空欄）。"),
    ]


def json_bytes(dataset: Dataset, meta: list[tuple[str, str]]) -> bytes:
    document = {
        "metadata": dict(meta),
        "license": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "generator": {"name": GENERATOR, "version": __version__},
        "columns": dataset.headers,
        "data": [dict(zip(dataset.headers, row)) for row in dataset.rows],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def csvw_bytes(dataset: Dataset, meta: list[tuple[str, str]], csv_name: str) -> bytes:
    """W3C CSV on the Web metadata for NAME.csv (its standard sidecar name: NAME.csv-metadata.json)."""
    numeric = NUMERIC_COLUMNS if dataset.headers == KPI_COLUMNS else set()
    document = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "ja"}],
        "url": csv_name,
        "dc:title": dataset.title,
        "dc:license": {"@id": LICENCE_URL},
        "dc:rights": LICENCE_NAME,
        "dc:creator": "、".join(w.name for w in dataset.wards),
        "dc:created": meta[[k for k, _ in meta].index("作成日")][1],
        "prov:wasGeneratedBy": f"{GENERATOR} {__version__}",
        "dc:description": dict(meta)["説明"],
        "dialect": {"encoding": "utf-8", "header": True},
        "tableSchema": {"columns": [{"titles": h, "datatype": "number" if h in numeric else "string"}
                                    for h in dataset.headers]},
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_dataset(directory: Path, dataset: Dataset, created: str | None = None) -> list[tuple[str, str]]:
    """Write CSV, its CSVW sidecar, .xlsx and JSON into `directory`; (file name, link label) of each."""
    created = created or dt.date.today().isoformat()
    meta = metadata(dataset, created)
    files = [
        (f"{dataset.slug}.csv", csv_bytes(dataset.headers, dataset.rows), "CSV（UTF-8）"),
        (f"{dataset.slug}.xlsx", table_workbook(dataset.title, dataset.headers, dataset.rows, about=meta), "Excel（.xlsx）"),
        (f"{dataset.slug}.json", json_bytes(dataset, meta), "JSON"),
        (f"{dataset.slug}.csv-metadata.json", csvw_bytes(dataset, meta, f"{dataset.slug}.csv"), "CSV の説明（メタデータ）"),
    ]
    for name, data, _label in files:
        write_atomic(directory / name, data)
    return [(name, label) for name, _data, label in files]


# ---------------------------------------------------------------- Sphinx wiring

from docutils import nodes  # noqa: E402
from sphinx.application import Sphinx  # noqa: E402
from sphinx.util import logging  # noqa: E402
from sphinx.util.osutil import relative_uri  # noqa: E402

logger = logging.getLogger(__name__)


def ward_of(app: Sphinx, plan_id: str | None) -> Ward:
    """The 団体 of a plan (the main plan for a view over every plan)."""
    config = project_config(app)
    plan_id = plan_id if plan_id in config.plans else config.main_plan
    settings = config.settings(plan_id)
    return Ward(settings.municipality_code or "", settings.municipality or "")


def licence_node() -> nodes.paragraph:
    para = nodes.paragraph(classes=["dxplan-licence"])
    para += nodes.Text("ダウンロードできるデータの利用条件: ")
    para += nodes.reference("", LICENCE_NAME, refuri=LICENCE_URL)
    para += nodes.Text("（PDL1.0。CC BY 4.0 と互換）。利用するときは出典を記載してください。")
    return para


def download_paragraph(ctx, dataset: Dataset, lead: str | None = None) -> nodes.paragraph:
    """Write the dataset beside the site and link each file from the page being written."""
    para = nodes.paragraph(classes=["dxplan-download"])
    para += nodes.Text(lead or f"「{dataset.title}」をダウンロード: ")
    base = relative_uri(ctx.app.builder.get_target_uri(ctx.fromdocname), f"{DOWNLOAD_DIR}/")
    for i, (name, label) in enumerate(write_dataset(Path(ctx.app.outdir) / DOWNLOAD_DIR, dataset)):
        if i:
            para += nodes.Text("、")
        para += nodes.reference("", label, refuri=f"{base}{name}")  # residents read the format, not the file name
    para += nodes.Text(f"（{LICENCE_NAME}）")
    return para


def plan_kpi_dataset(ctx, plan_id: str) -> Dataset:
    inputs = progress_inputs(ctx.app)
    needs = scoped_needs(ctx.app, resolved_needs(ctx.app), plan_id)
    return kpi_dataset(needs, plan_id, ward_of(ctx.app, plan_id), inputs.actuals,
                       scale_for_plan(inputs.scales, plan_id))


def render_kpi_dataset(ctx) -> list[nodes.Node]:
    """The KPI dataset of the view's plan (or of every plan with `:plan: all`)."""
    if ctx.app.builder.format != "html":
        return []
    plan = ctx.options.get("plan") or project_config(ctx.app).main_plan
    plans = [p["id"] for p in model.of_type(ctx.needs, model.PLAN)] if plan == "all" else [plan]
    datasets = [plan_kpi_dataset(ctx, p) for p in plans]
    # over every plan, a plan with neither measures nor KPIs (a 基本計画) has no row to publish
    return [download_paragraph(ctx, d) for d in datasets if d.rows or plan != "all"]


def render_licence(ctx) -> list[nodes.Node]:
    return [licence_node()]


def add_generator_to_needs_json(app: Sphinx, exception: Exception | None) -> None:
    """needs.json names the program and version that wrote it, and its licence."""
    path = Path(app.outdir) / "needs.json"
    if exception is not None or not path.exists():
        return
    document = json.loads(path.read_text(encoding="utf-8"))
    extra = {"generator": {"name": GENERATOR, "version": __version__},
             "license": {"name": LICENCE_NAME, "url": LICENCE_URL}}
    if all(document.get(k) == v for k, v in extra.items()):
        return
    document.update(extra)
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=4, sort_keys=True).encode("utf-8"))


def check_municipality_codes(app: Sphinx, builder: object = None) -> None:
    """Every plan names its 団体 (code with a valid check digit): exported rows carry it."""
    config = project_config(app)
    for plan in model.of_type(resolved_needs(app), model.PLAN):
        settings = config.settings(plan["id"])
        if not valid_municipality_code(settings.municipality_code) or not settings.municipality:
            logger.warning(f"{CONFIG_FILE}: [dxplan.plans.{plan['id']}] の municipality_code（全国地方公共団体コード"
                           f" 6桁、検査数字を含む）と municipality（団体名）を正しく記載してください"
                           f"（現在: {settings.municipality_code!r}, {settings.municipality!r}）",
                           type="dxplan", subtype="municipality")


def _add_templates(app: Sphinx, config) -> None:
    config.templates_path.append(str(Path(__file__).parent / "templates"))


def _licence_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["dxplan_licence_name"], context["dxplan_licence_url"] = LICENCE_NAME, LICENCE_URL


def render_progress_download(ctx) -> list[nodes.Node]:
    """The year's progress on the progress page, as open data (the KPI dataset of that year)."""
    state = year_progress(ctx)
    if state is None or ctx.app.builder.format != "html":
        return []
    plan = model.of_type(state.needs, model.PLAN)[0]["id"]
    return [download_paragraph(ctx, year_dataset(plan_kpi_dataset(ctx, plan), state.fy, "progress"),
                               "この年度の進捗をダウンロード: ")]


def setup_opendata(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", _licence_context)
    app.connect("write-started", check_municipality_codes)
    app.connect("build-finished", add_generator_to_needs_json, priority=600)  # after sphinx-needs writes it (500)
    register_view("kpi-dataset", render_kpi_dataset, depends_on=(ACTUALS_FILE, CONFIG_FILE))
    register_view("licence", render_licence)
    register_view("progress-download", render_progress_download, depends_on=(ACTUALS_FILE, CONFIG_FILE))
