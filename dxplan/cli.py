"""`dxplan`: command-line tools over the same functions the Sphinx build uses."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from dxplan.fiscal import FiscalYearError, format_fiscal_year, parse_fiscal_year


def _cmd_fy(args: argparse.Namespace) -> int:
    status = 0
    for value in args.values:
        try:
            year = parse_fiscal_year(value)
        except FiscalYearError as exc:
            print(f"エラー: {exc}", file=sys.stderr)
            status = 2
            continue
        print(f"{value}\t{year}\t{format_fiscal_year(year)}")
    return status


def _cmd_check(args: argparse.Namespace) -> int:
    """Every validation of the build (schema, links, dxplan rules), without writing HTML."""
    from sphinx.cmd.build import build_main

    root = Path(args.project).resolve()
    with tempfile.TemporaryDirectory(prefix="dxplan-check-") as out:
        argv = ["-b", "needs", "-W", "--keep-going", "-q", "-E",
                "-c", str(root), "-d", str(Path(out) / "doctrees"), str(root / "docs"), out]
        status = build_main(argv)
    if status:
        print("dxplan check: 問題が見つかりました（上の警告を参照）", file=sys.stderr)
        return 1
    print("dxplan check: 問題はありません")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dxplan", description="自治体DX計画を plan-as-code で扱うツール")
    sub = parser.add_subparsers(dest="command", required=True)

    fy = sub.add_parser("fy", help="年度の表記を解釈する（R7, 令和7年度, 2025, FY2025）")
    fy.add_argument("values", nargs="+")
    fy.set_defaults(func=_cmd_fy)

    check = sub.add_parser("check", help="HTML を書かずに計画を検証する（ビルドと同じ規則）")
    check.add_argument("--project", default=".", help="conf.py のあるディレクトリ")
    check.set_defaults(func=_cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
