"""Open data: every download follows the 総務省 統一ルール and carries its licence.

- one datum per cell, no merged cells, no totals row in a data file; a fiscal year is a 西暦
  column beside its 和暦 label, and a 和暦 year inside a text cell gets its 西暦 beside it;
- each row starts with the 全国地方公共団体コード of its plan ([dxplan.plans.*] in ubproject.toml);
- each table is written as UTF-8 CSV with BOM, .xlsx (a 説明 sheet and document properties) and
  JSON (metadata + rows); the CSV's metadata is a CSVW sidecar, NAME.csv-metadata.json (W3C
  "CSV on the Web"), so the CSV itself holds only the header row and data rows;
- the KPI dataset has the same columns for every plan (KPI_COLUMNS), so two wards' files stack.
Licence: 公共データ利用規約（第1.0版）(デジタル庁, compatible with CC BY 4.0).

The rows, columns and metadata are plain data (dxplan/core/opendata.py); this module writes the
files (the CLI writes them through it too), links them from the pages and checks each plan's 団体.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from dxplan import __version__
from dxplan.config import CONFIG_FILE, project_config
from dxplan.core import model
from dxplan.core.exports import csv_bytes, write_atomic
from dxplan.core.labels import opendata as words
from dxplan.core.opendata import (GENERATOR, LICENCE_URL, Dataset, Ward, csvw_bytes, json_bytes, kpi_dataset, metadata,
                                  valid_municipality_code, year_dataset)
from dxplan.core.progress import scale_for_plan
from dxplan.core.store import ACTUALS_FILE
from dxplan.excel.export import table_workbook
from dxplan.internals import resolved_needs
from dxplan.progress import progress_inputs, year_progress
from dxplan.views import register_view, scoped_needs
from dxplan.core import labels as shared_words

logger = logging.getLogger(__name__)
DOWNLOAD_DIR = "downloads"


def write_dataset(directory: Path, dataset: Dataset, created: str | None = None) -> list[tuple[str, str]]:
    """Write CSV, its CSVW sidecar, .xlsx and JSON into `directory`; (file name, link label) of each."""
    created = created or dt.date.today().isoformat()
    meta = metadata(dataset, created, __version__)
    files = [
        (f"{dataset.slug}.csv", csv_bytes(dataset.headers, dataset.rows), words.CSV_FILE),
        (f"{dataset.slug}.xlsx", table_workbook(dataset.title, dataset.headers, dataset.rows, about=meta), words.XLSX_FILE),
        (f"{dataset.slug}.json", json_bytes(dataset, meta, __version__), words.JSON_FILE),
        (f"{dataset.slug}.csv-metadata.json", csvw_bytes(dataset, meta, f"{dataset.slug}.csv", __version__),
         words.CSVW_FILE),
    ]
    for name, data, _label in files:
        write_atomic(directory / name, data)
    return [(name, label) for name, _data, label in files]


def ward_of(app: Sphinx, plan_id: str | None) -> Ward:
    """The 団体 of a plan (the main plan for a view over every plan)."""
    config = project_config(app)
    plan_id = plan_id if plan_id in config.plans else config.main_plan
    settings = config.settings(plan_id)
    return Ward(settings.municipality_code or "", settings.municipality or "")


def licence_node() -> nodes.paragraph:
    para = nodes.paragraph(classes=["dxplan-licence"])
    para += nodes.Text(words.LICENCE_USE)
    para += nodes.reference("", words.LICENCE_NAME, refuri=LICENCE_URL)
    para += nodes.Text(words.LICENCE_NOTE)
    return para


def download_paragraph(ctx, dataset: Dataset, lead: str | None = None) -> nodes.paragraph:
    """Write the dataset beside the site and link each file from the page being written."""
    para = nodes.paragraph(classes=["dxplan-download"])
    para += nodes.Text(lead or words.download_lead(title=dataset.title))
    base = relative_uri(ctx.app.builder.get_target_uri(ctx.fromdocname), f"{DOWNLOAD_DIR}/")
    for i, (name, label) in enumerate(write_dataset(Path(ctx.app.outdir) / DOWNLOAD_DIR, dataset)):
        if i:
            para += nodes.Text(shared_words.LIST_SEPARATOR)
        para += nodes.reference("", label, refuri=f"{base}{name}")  # residents read the format, not the file name
    para += nodes.Text(f"（{words.LICENCE_NAME}）")
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
             "license": {"name": words.LICENCE_NAME, "url": LICENCE_URL}}
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
            logger.warning(words.municipality_missing(CONFIG_FILE, plan["id"], settings.municipality_code,
                                                      settings.municipality),
                           type="dxplan", subtype="municipality")


def _add_templates(app: Sphinx, config) -> None:
    config.templates_path.append(str(Path(__file__).parent / "templates"))


def _licence_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["dxplan_licence_name"], context["dxplan_licence_url"] = words.LICENCE_NAME, LICENCE_URL


def render_progress_download(ctx) -> list[nodes.Node]:
    """The year's progress on the progress page, as open data (the KPI dataset of that year)."""
    state = year_progress(ctx)
    if state is None or ctx.app.builder.format != "html":
        return []
    plan = model.of_type(state.needs, model.PLAN)[0]["id"]
    return [download_paragraph(ctx, year_dataset(plan_kpi_dataset(ctx, plan), state.fy, "progress"),
                               words.DOWNLOAD_YEAR_PROGRESS)]


def setup_opendata(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", _licence_context)
    app.connect("write-started", check_municipality_codes)
    app.connect("build-finished", add_generator_to_needs_json, priority=600)  # after sphinx-needs writes it (500)
    register_view("kpi-dataset", render_kpi_dataset, depends_on=(ACTUALS_FILE, CONFIG_FILE))
    register_view("licence", render_licence)
    register_view("progress-download", render_progress_download, depends_on=(ACTUALS_FILE, CONFIG_FILE))
