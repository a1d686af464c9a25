"""Print for the committee: chromium prints pages to PDF; every page carries the header, wide
tables go landscape and their header row repeats. Text is read back with poppler's pdftotext."""

import subprocess

import pytest

PRINTED = ["matrices.html", "committee/review.html", "kpis.html", "progress.html", "status.html"]


def pdf_pages(pdf_path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf_path), "-"],
                           capture_output=True, text=True, check=True).stdout for i in range(1, count + 1)]


def landscape_pages(pdf_path) -> list[bool]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf_path)], capture_output=True, text=True,
                          check=True).stdout
    sizes = [line.split("size:")[1].split()[:3:2] for line in info.splitlines() if line.startswith("Page") and "size:" in line]
    return [float(w) > float(h) for w, h in sizes]


@pytest.mark.parametrize("path", PRINTED)
def test_printed_pages_carry_plan_title_and_date(page, path, tmp_path):
    page.open(path)
    title = page.page.title().split(" - ")[0].strip()
    pdf = tmp_path / "out.pdf"
    page.page.pdf(path=str(pdf), prefer_css_page_size=True)
    pages = pdf_pages(pdf)
    assert len(pages) >= (1 if path == "status.html" else 2), "a real plan table spans several pages"
    for number, text in enumerate(pages, 1):
        head = " ".join(text.split()[:12])
        assert "板橋区DX推進計画2025" in head and title in head and "作成" in head, (number, head)
    # Navigation and sidebars are not printed.
    assert not any("本文へスキップ" in text for text in pages)


def test_matrix_prints_landscape_with_header_row_on_every_page(page, tmp_path):
    page.open("matrices.html")
    pdf = tmp_path / "matrices.pdf"
    page.page.pdf(path=str(pdf), prefer_css_page_size=True)
    pages = pdf_pages(pdf)
    orientation = landscape_pages(pdf)
    # Pages holding rows of the trace matrix: its first column names a vision or 推進を下支え.
    trace_pages = [i for i, text in enumerate(pages)
                   if any(mark in text for mark in ("ビジョン①", "ビジョン②", "（推進を下支え）"))]
    assert len(trace_pages) >= 2
    for i in trace_pages:
        assert orientation[i], f"page {i + 1} of the matrix is not landscape"
        flat = "".join(pages[i].split())  # pdftotext -layout spaces out wrapped cells
        assert all(h in flat for h in ("施策名", "KPIと目標値", "KPI数", "主管課")), f"header row missing on page {i + 1}"


def printed(page, path, tmp_path) -> list[str]:
    page.open(path)
    pdf = tmp_path / (path.replace("/", "_") + ".pdf")
    page.page.pdf(path=str(pdf), prefer_css_page_size=True)
    return pdf_pages(pdf)


def test_progress_prints_each_kpi_whole_on_at_most_one_page_per_two_kpis(page, tmp_path):
    """39 pages before: each KPI's one-line heading alone on a portrait page, its chart and
    table on the next landscape page. Now heading, chart and table share a page."""
    pages = printed(page, "progress.html", tmp_path)
    kpis = page.locator(".dxplan-kpi-history").count()
    assert kpis > 0
    assert len(pages) <= -(-kpis // 2), f"進捗のページが {len(pages)} 枚に印刷されます（上限 {-(-kpis // 2)} 枚）"
    # Heading and table on the same page: each page holds as many KPI headings (their answer
    # line starts 目標:) as 年度別実績 tables.
    headings = tables = 0
    for number, text in enumerate(pages, 1):
        flat = "".join(text.split())
        on_page = (flat.count("最新の実績:"), flat.count("の年度別実績"))
        assert on_page[0] == on_page[1], f"{number} 枚目: 見出し {on_page[0]} 件と表 {on_page[1]} 件が別のページです"
        headings, tables = headings + on_page[0], tables + on_page[1]
    assert headings == tables == kpis, (headings, tables, kpis)


@pytest.mark.parametrize("path, limit", [
    ("matrices.html", None),  # as many pages as its tables' rows need: none near-empty, no heading cut
    ("kpis.html", 3),
    ("status.html", 1),
])
def test_printed_pages_are_never_nearly_empty_and_within_their_limit(page, tmp_path, path, limit):
    """No page holds only a heading cut from its table, or only the footer; no button
    (全画面, sort arrows) prints; the KPI list's repeated header row carries its text."""
    pages = printed(page, path, tmp_path)
    assert limit is None or len(pages) <= limit, f"{path}: {len(pages)} 枚（上限 {limit} 枚）"
    headings = {" ".join(h.split()) for h in page.page.locator("article :is(h2, h3)").all_inner_texts()}
    for number, text in enumerate(pages, 1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        assert len(lines) >= 6, f"{path} の {number} 枚目がほぼ空です: {lines}"
        cut = [line for i, line in enumerate(lines) if line in headings and len(lines) - i <= 2]
        assert not cut, f"{path} の {number} 枚目の終わりに、表から切り離された見出し: {cut}"
        assert "全画面" not in text, f"{path} の {number} 枚目にボタンが印刷されています"
    if path == "kpis.html":
        table_pages = [t for t in pages if "令和7年度" in t]
        assert len(table_pages) >= 2
        for text in table_pages:
            assert "目標年度" in "".join(text.split()), f"表の見出し行に文字がありません: {text[:300]}"


def test_no_button_prints_on_a_page_with_diagrams(page, tmp_path):
    """Diagrams carry a 全画面 button and tables sort buttons on screen; paper shows neither."""
    pages = printed(page, "plan/index.html", tmp_path)
    assert page.locator("button.mermaid-fullscreen-btn").count() > 0, "この図のページに全画面のボタンがありません"
    assert not any("全画面" in text for text in pages), "全画面のボタンが印刷されています"
