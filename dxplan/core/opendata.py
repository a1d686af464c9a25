"""Open data as plain data: the KPI dataset's rows and columns, a traceability grid's rows, the
metadata every file carries, and its CSV, JSON and CSVW bytes (総務省 統一ルール, see dxplan/opendata.py).

The Sphinx layer (dxplan/opendata.py) writes these files beside the site; the CLI writes them too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dxplan.core import model
from dxplan.core.fiscal import HEISEI_OFFSET, REIWA_OFFSET, format_fiscal_year
from dxplan.core.labels import BASELINE_YEAR, NOT_REPORTED
from dxplan.core.labels import opendata as words
from dxplan.core.labels.progress import ACTUAL, GRADE, SOURCE, progress_of
from dxplan.core.model import Needs
from dxplan.core.progress import grade_of, plan_years
from dxplan.core import labels as shared_words

LICENCE_URL = "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"
GENERATOR = "dxplan"

#: The KPI dataset: the same columns, in this order, for every plan of every ward.
KPI_COLUMNS = [shared_words.MUNICIPALITY_CODE, words.MUNICIPALITY_NAME, shared_words.PLAN, shared_words.POLICY, shared_words.MEASURE, "KPI",
               shared_words.TARGET_AS_WRITTEN, shared_words.TARGET_VALUE, shared_words.UNIT, shared_words.QUALIFIER,
               shared_words.TARGET_YEAR, shared_words.TARGET_YEAR + words.WAREKI_SUFFIX, shared_words.BASELINE_VALUE,
               shared_words.BASELINE_FY, shared_words.BASELINE_FY + words.WAREKI_SUFFIX,
               shared_words.FISCAL_YEAR, shared_words.FISCAL_YEAR + words.WAREKI_SUFFIX, ACTUAL, words.REPORT_STATE, GRADE,
               words.PROGRESS_PERCENT, SOURCE]
#: Columns that hold numbers only (empty where there is none): 統一ルール 2-1.
NUMERIC_COLUMNS = {shared_words.TARGET_VALUE, shared_words.TARGET_YEAR, shared_words.BASELINE_VALUE, shared_words.BASELINE_FY, shared_words.FISCAL_YEAR,
                   ACTUAL, words.PROGRESS_PERCENT}


def check_digit(first_five: str) -> str:
    """The 全国地方公共団体コード check digit (総務省): weights 6–2, modulus 11."""
    remainder = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2))) % 11
    return str((11 - remainder) % 10)


def valid_municipality_code(code: object) -> bool:
    return isinstance(code, str) and re.fullmatch(r"\d{6}", code) is not None and check_digit(code[:5]) == code[5]


_WAREKI = re.compile(words.WAREKI_IN_TEXT)


def with_western_year(text: str) -> str:
    """令和7年度 → 令和7年度（2025年度）inside a text cell (統一ルール: 和暦 with 西暦 beside it)."""
    def western(match: re.Match) -> str:
        offset = REIWA_OFFSET if match.group(1) == shared_words.REIWA else HEISEI_OFFSET
        year = offset + (1 if match.group(2) == shared_words.FIRST_YEAR else int(match.group(2)))
        return words.with_western(wareki=match.group(0), year=year)

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
    return ([shared_words.MUNICIPALITY_CODE, words.MUNICIPALITY_NAME, *headers],
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
        status = words.REPORTED if actual is not None else (NOT_REPORTED if fy is not None else "")
        return [ward.code, ward.name, plan["title"], shared_words.LIST_SEPARATOR.join(model.policy_label(p) for p in policies),
                measure_label, kpi["title"] if kpi else "", t.get("title", ""), _number(t.get("target_value")),
                t.get("target_unit") or "", t.get("target_qualifier") or "", t.get("target_fy"),
                format_fiscal_year(t["target_fy"]) if t.get("target_fy") else "",
                _number(t.get("baseline_value")), t.get("baseline_fy"),
                format_fiscal_year(t["baseline_fy"]) if t.get("baseline_fy") else "",
                fy, format_fiscal_year(fy) if fy else "", _number(value), status,
                grade if grade not in (NOT_REPORTED, None) else "", None if percent is None else round(percent, 1),
                source or ""]

    for kpi in model.of_type(needs, model.KPI):
        policies = model.ancestors(needs, kpi, model.POLICY)
        measures = kpi.get("measure_group") or shared_words.LIST_SEPARATOR.join(m["title"] for m in model.linked(needs, kpi, "measures"))
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
    year = KPI_COLUMNS.index(shared_words.FISCAL_YEAR)
    return Dataset(slug, progress_of(subject=words.with_western(wareki=format_fiscal_year(fy), year=fy), detail=kpis.title), kpis.headers,
                   [r for r in kpis.rows if r[year] == fy], kpis.wards, kpis.description)


def kpi_dataset(needs: Needs, plan_id: str, ward: Ward, actuals: Iterable, scale) -> Dataset:
    return Dataset(f"kpi-{ward.code}-{plan_id.lower().replace('_', '-')}", words.kpi_dataset_title(plan=needs[plan_id]["title"]),
                   list(KPI_COLUMNS), kpi_dataset_rows(needs, plan_id, ward, list(actuals), scale), (ward,),
                   words.KPI_DATASET_DESCRIPTION)


# ---------------------------------------------------------------- what each file says about itself


def metadata(dataset: Dataset, created: str, version: str) -> list[tuple[str, str]]:
    """What every file says about itself (JSON field, .xlsx 説明 sheet, CSVW sidecar)."""
    return [
        (shared_words.TITLE, dataset.title),
        (shared_words.MUNICIPALITY_CODE, shared_words.LIST_SEPARATOR.join(w.code for w in dataset.wards)),
        (words.MUNICIPALITY_NAME, shared_words.LIST_SEPARATOR.join(w.name for w in dataset.wards)),
        (shared_words.LICENCE, words.LICENCE_NAME),
        (words.LICENCE_URL_KEY, LICENCE_URL),
        (words.CREATED, created),
        (shared_words.GENERATED_BY, f"{GENERATOR} {version}"),
        (words.NOTATION, words.NOTATION_RULE),
        (shared_words.DESCRIPTION, dataset.description or words.ONE_VALUE_PER_ROW),
    ]


def json_bytes(dataset: Dataset, meta: list[tuple[str, str]], version: str) -> bytes:
    document = {
        "metadata": dict(meta),
        "license": {"name": words.LICENCE_NAME, "url": LICENCE_URL},
        "generator": {"name": GENERATOR, "version": version},
        "columns": dataset.headers,
        "data": [dict(zip(dataset.headers, row)) for row in dataset.rows],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def csvw_bytes(dataset: Dataset, meta: list[tuple[str, str]], csv_name: str, version: str) -> bytes:
    """W3C CSV on the Web metadata for NAME.csv (its standard sidecar name: NAME.csv-metadata.json)."""
    numeric = NUMERIC_COLUMNS if dataset.headers == KPI_COLUMNS else set()
    document = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "ja"}],
        "url": csv_name,
        "dc:title": dataset.title,
        "dc:license": {"@id": LICENCE_URL},
        "dc:rights": words.LICENCE_NAME,
        "dc:creator": shared_words.LIST_SEPARATOR.join(w.name for w in dataset.wards),
        "dc:created": meta[[k for k, _ in meta].index(words.CREATED)][1],
        "prov:wasGeneratedBy": f"{GENERATOR} {version}",
        "dc:description": dict(meta)[shared_words.DESCRIPTION],
        "dialect": {"encoding": "utf-8", "header": True},
        "tableSchema": {"columns": [{"titles": h, "datatype": "number" if h in numeric else "string"}
                                    for h in dataset.headers]},
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
