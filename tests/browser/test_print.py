"""Print for the committee: chromium prints pages to PDF; every page carries the header, wide
tables go landscape and their header row repeats. Text is read back with poppler's pdftotext."""

import subprocess

import pytest

PRINTED = ["matrices.html", "committee/review.html", "kpis.html", "progress.html"]


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
    assert len(pages) >= 2, "a real plan table spans several pages"
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
