"""Attack payloads planted in every field a source or an import fills: the built site runs
none of them and shows them as text, and no spreadsheet the tools write holds a formula.

One scratch copy of the project (synthetic payloads, labelled as such) is built once for
this module; every test reads that build.
"""

from __future__ import annotations

import csv
import functools
import json
import http.server
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dxplan.core.exports import looks_like_formula
from tests.browser.conftest import SitePage
from tests.conftest import build, copy_project

SVG = '"><svg onload=alert(document.domain)>'
SCRIPT = "<script>alert(document.domain)</script>"
IMG = "<img src=http://127.0.0.2/x>"
INIT = "%%{init: {'themeCSS': 'x{background:url(http://127.0.0.2/x)}'}}%%"
HYPERLINK = '=HYPERLINK("http://127.0.0.2/x","x")'
FULLWIDTH = "＝1+1"

POLICY = "docs/policies/policy-1.md"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def plant(project: Path) -> dict[str, int]:
    """Synthetic test data: payloads in titles, bodies, units, target texts, section names,
    an imported actual's text, note and file name. Returns the lines of the planted bodies."""
    page = project / POLICY
    # Need titles, also Mermaid labels (the policy and structure diagrams draw measures).
    _replace(page, "```{measure} 施策1\n", f"```{{measure}} 施策1 {SVG} {INIT}\n")
    _replace(page, ":id: MEA_1\n", ":id: MEA_1\n:owner: SEC_IT_SUISHIN\n")  # so that section gets a template
    _replace(page, "```{kpi} RPA・AI拡大\n", f"```{{kpi}} RPA・AI拡大 {FULLWIDTH} {IMG}\n")
    # Target text and unit (the progress chart's aria-label and the downloads).
    _replace(page, "```{target} 2,800時間削減\n", f"```{{target}} 2,800時間削減 {SVG}\n")
    _replace(page, ":target_unit: 時間\n", f":target_unit: 時間{SVG}\n")
    # A body with an HTML block and inline HTML: the named rule fires on each.
    _replace(page, ":source: 002 §1 【基本方針Ⅰ】施策1・2 業務の改善・効率化\n```\n\n```{measure} 施策2",
             f":source: 002 §1 【基本方針Ⅰ】施策1・2 業務の改善・効率化\n\n{IMG}\n\n本文 {SCRIPT} 終わり\n```\n\n```{{measure}} 施策2")
    lines = page.read_text(encoding="utf-8").splitlines()
    body_lines = {"img": lines.index(IMG) + 1, "script": lines.index(f"本文 {SCRIPT} 終わり") + 1}
    # Section names (the registry; also 記入方法!A1 of a template).
    sections = project / "needs" / "sections.toml"
    _replace(sections, 'name = "IT推進課"', f"name = '{HYPERLINK}'")
    _replace(sections, 'name = "人事課"', f"name = '人事課 {IMG} {SVG}'")
    # An imported actual: its text, note, source and file name.
    actuals = project / "needs" / "actuals.toml"
    fields = {"text": FULLWIDTH, "note": f"{HYPERLINK} {SVG}", "source": SCRIPT, "source_file": f"{SVG}{INIT}.xlsx"}
    actuals.write_text(actuals.read_text(encoding="utf-8") + '\n[[actual]]\ntarget = "TGT_RPA_AI"\nfy = 2023\nvalue = 2000\n'
                       + "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items()), encoding="utf-8")
    return body_lines


@pytest.fixture(scope="module")
def payload_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("payloads"))
    body_lines = plant(project)
    result = build(project)
    return project, result, body_lines


@pytest.fixture(scope="module")
def payload_url(payload_build):
    _, result, _ = payload_build

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(result.outdir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_raw_html_in_a_body_fails_the_build_naming_file_and_line(payload_build):
    _, result, lines = payload_build
    assert result.returncode != 0
    for line in lines.values():
        assert re.search(rf"policy-1\.md:{line} の本文に HTML があります", result.output), result.output
    assert re.search(r"\[no-raw-html-in-plan\] MEA_1: .*タイトルに HTML があります", result.output), result.output
    assert re.search(r"\[no-raw-html-in-plan\] SEC_JINJI: ", result.output), result.output


def _pages(outdir: Path) -> list[str]:
    return sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html")
                  if not {"_static", "_sources"} & set(p.relative_to(outdir).parts))


def test_no_page_runs_a_payload_or_requests_another_origin(payload_build, payload_url, browser):
    _, result, _ = payload_build
    context = browser.new_context(locale="ja-JP")
    problems: list[str] = []
    dialogs: list[str] = []
    try:
        for path in _pages(result.outdir):
            page = SitePage(context.new_page(), payload_url)
            page.on("dialog", lambda d: (dialogs.append(f"{d.message}"), d.dismiss()))
            if path == "permalink.html":  # redirects to index.html once it has read needs.json
                page.page.goto(f"{payload_url}/{path}", wait_until="load")
                page.page.wait_for_url("**/index.html*")
                page.page.wait_for_load_state("load")
            else:
                page.open(path)
            injected = page.evaluate("""() => [...document.querySelectorAll('[onload], [onerror], img[src^="http"]')]
                .map(e => e.outerHTML.slice(0, 80))""")
            problems += [f"{path}: {p}" for p in page.rec.problems() + injected]
            page.page.close()
    finally:
        context.close()
    assert dialogs == []
    assert problems == []


@pytest.mark.parametrize("path,texts", [
    ("policies/policy-1.html", [SVG, SCRIPT, IMG, INIT, FULLWIDTH]),
    ("progress.html", [SVG, SCRIPT, FULLWIDTH]),
    ("sections/index.html", [HYPERLINK, IMG]),
])
def test_payloads_are_shown_as_text(payload_build, payload_url, browser, path, texts):
    context = browser.new_context(locale="ja-JP")
    try:
        page = SitePage(context.new_page(), payload_url)
        page.open(path)
        shown = page.text("article")
        for text in texts:
            assert text in shown, (path, text)
        if path == "policies/policy-1.html":
            # The Mermaid diagram draws the title as text, its directive included.
            drawn = "() => [...document.querySelectorAll('pre.mermaid svg')].map(s => s.textContent).join(' ')"
            page.wait_for_function(f"() => ({drawn})().includes('themeCSS')")
            assert "onload=alert(document.domain)" in page.evaluate(drawn)
        if path == "progress.html":
            labels = page.evaluate("() => [...document.querySelectorAll('svg.dxplan-chart')].map(s => s.getAttribute('aria-label'))")
            assert any(SVG in label for label in labels), labels
    finally:
        context.close()


def _cells(path: Path) -> list[tuple[str, object]]:
    if path.suffix == ".csv":
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("utf-8")
        return [(f"{path.name}:{r}:{c}", v) for r, row in enumerate(csv.reader(text.splitlines()), 1)
                for c, v in enumerate(row, 1)]
    from openpyxl import load_workbook

    out = []
    for ws in load_workbook(path).worksheets:  # every sheet, the hidden one included
        for row in ws.iter_rows():
            for cell in row:
                value = "=formula" if cell.data_type == "f" else cell.value
                out.append((f"{path.name}!{ws.title}!{cell.coordinate}", value))
    return out


def test_no_spreadsheet_the_tools_write_holds_a_formula(payload_build, tmp_path):
    project, result, _ = payload_build
    needs = result.outdir / "needs.json"
    dxplan = [sys.executable, "-m", "dxplan.cli"]
    run = functools.partial(subprocess.run, cwd=project, capture_output=True, text=True)
    for args in (["excel", "template", "--all", "--fy", "R5", "-o", str(tmp_path / "templates")],
                 ["excel", "export", "-o", str(tmp_path / "export"), "--fy", "R5"]):
        proc = run([*dxplan, *args, "--project", str(project), "--needs", str(needs)])
        assert proc.returncode == 0, proc.stdout + proc.stderr
    progress = run([*dxplan, "progress", "--fy", "R5", "--format", "csv", "--project", str(project), "--needs", str(needs)])
    assert progress.returncode == 0, progress.stderr
    (tmp_path / "progress-cli.csv").write_text(progress.stdout, encoding="utf-8")

    files = [*tmp_path.rglob("*.xlsx"), *tmp_path.rglob("*.csv"), *(result.outdir / "downloads").iterdir()]
    assert len([f for f in files if "templates" in f.parts]) >= 2 and len(files) >= 10, files
    cells = [c for f in files if f.suffix in (".xlsx", ".csv") for c in _cells(f)]
    values = " ".join(str(v) for _, v in cells)
    # The payloads reached the files (as text), and none is a formula.
    assert HYPERLINK in values and FULLWIDTH in values
    formulas = [(where, v) for where, v in cells if v == "=formula" or looks_like_formula(v)]
    assert formulas == []
