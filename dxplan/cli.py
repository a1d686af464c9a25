"""`dxplan`: command-line tools over the same functions the Sphinx build uses."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from dxplan.config import CONFIG_FILE
from dxplan.core.errors import DataErrors
from dxplan.core.fiscal import FiscalYearError, format_fiscal_year, parse_fiscal_year
from dxplan.core.labels import NOT_REPORTED
from dxplan.project import FINDINGS, NotAProject, build_needs, find_project, load_project_needs

#: Exit code for a mistake in how the command was called (FINDINGS: one in the plan or its data).
USAGE = 2
#: What an operating-system error means for the user, by errno.
_OS_ERRORS = {
    errno.EACCES: "権限がありません（読み取り専用のフォルダやファイルでないか確認してください）",
    errno.EPERM: "権限がありません（読み取り専用のフォルダやファイルでないか確認してください）",
    errno.EROFS: "読み取り専用の場所には書き込めません",
    errno.ENOSPC: "ディスクの空きがありません",
    errno.ENOENT: "ファイルまたはフォルダがありません",
    errno.EISDIR: "フォルダです（ファイルを指定してください）",
    errno.ENOTDIR: "フォルダではありません（フォルダを指定してください）",
    errno.EEXIST: "既にあります",
}


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


def _cmd_init(args: argparse.Namespace) -> int:
    from dxplan.scaffold import init_project

    try:
        written = init_project(Path(args.directory), args.shape)
    except FileExistsError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return 1
    print(f"{args.directory}: 形 {args.shape} の計画サイトを作りました（{len(written)}ファイル、中身はすべてサンプルです）")
    print(f"  ビルド: cd {args.directory} && sphinx-build -W --keep-going -c . -b html docs build/html")
    print(f"  検査:   dxplan check --project {args.directory}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    """Every validation of the build (schema, links, dxplan rules), without writing HTML."""
    root = Path(args.project).resolve()
    from dxplan.core.scratch import scratch_folder

    with scratch_folder("check") as out:
        status = build_needs(root, out)
    if status:
        print("dxplan check: 問題が見つかりました（上の警告を参照）", file=sys.stderr)
        return 1
    print("dxplan check: 問題はありません")
    return 0


def _cmd_progress(args: argparse.Namespace) -> int:
    import csv
    import json

    from dxplan.core import progress

    from dxplan.core import model

    root, needs, scale, actuals = _project_state(args)
    fy = parse_fiscal_year(args.fy) if args.fy else progress.report_year(needs, actuals)[0]
    items = progress.progress_for_year(needs, actuals, fy, scale, _confirmed(root, needs))
    if args.section:
        section = next((s for s in model.of_type(needs, model.SECTION)
                        if args.section in (s["id"], s["title"])), None)
        if section is None:
            print(f"エラー: 主管課が見つかりません: {args.section}", file=sys.stderr)
            return 2
        items = progress.items_under(needs, items, section)
    rows = [{
        "target": i.target["id"], "kpi": i.kpi["title"], "target_text": i.target["title"],
        "fy": fy, "fy_label": format_fiscal_year(fy),
        "actual": i.actual.value if i.actual and i.actual.value is not None else (i.actual.status if i.actual else None),
        "progress_percent": None if i.percent is None else round(i.percent, 1), "grade": i.shown_grade,
    } for i in items]
    summary = progress.rollup(items, scale)
    if args.format == "json":
        print(json.dumps({"fy": fy, "fy_label": format_fiscal_year(fy), "counts": summary.counts,
                          "mean_progress_percent": summary.percent, "targets": rows}, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        from dxplan.core.exports import safe_cell

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(list(rows[0]) if rows else [])
        writer.writerows([[safe_cell(v) for v in r.values()] for r in rows])
    else:
        print(f"{format_fiscal_year(fy)}の進捗（{scale.name}）")
        print("  ".join(f"{k}: {v}" for k, v in summary.counts.items()))
        for r in rows:
            pct = "—" if r["progress_percent"] is None else f"{r['progress_percent']:.0f}%"
            print(f"{r['target']}\t{r['kpi']}\t{r['target_text']}\t{r['actual'] if r['actual'] is not None else '—'}\t{pct}\t{r['grade']}")
    return 0


def _confirmed(root: Path, needs: dict):
    """Whether an actual is final (確定 or from a source); others are graded as 速報."""
    from dxplan.core.reporting import REPORTING_FILE, is_confirmed, load_reports

    reports = load_reports(root / REPORTING_FILE)
    return lambda actual: is_confirmed(needs, reports, actual)


def _section_arg(needs: dict, value: str | None) -> tuple[str | None, str]:
    """A section by ASCII id or official name → (id, name); None for KPIs no section owns."""
    from dxplan.core import model

    if value is None:
        return None, model.section_title(needs, None)
    for section in model.of_type(needs, model.SECTION):
        if value in (section["id"], section["title"]):
            return section["id"], section["title"]
    raise SystemExit(f"エラー: 主管課が見つかりません: {value}（needs/sections.toml を確認してください）")


def _main_plan_scale(root: Path, needs: dict):
    """The grade scale of the configured main plan (the first plan when none is configured)."""
    from dxplan.core.progress import scale_for_plan
    from dxplan.progress import load_grade_scales
    from dxplan.core import model
    from dxplan.config import load_project_config

    main_plan = load_project_config(root / CONFIG_FILE).main_plan
    plans = [p["id"] for p in model.of_type(needs, model.PLAN)]
    plan_id = main_plan if main_plan in plans else (plans[0] if plans else None)
    scale = scale_for_plan(load_grade_scales(root / CONFIG_FILE), plan_id) if plan_id else None
    if scale is None:
        raise SystemExit(f"エラー: 計画 {plan_id or '（計画がありません）'} に評語の尺度がありません"
                         f"（{CONFIG_FILE} の [[dxplan.grade_scales]] の plans に計画の ID を加えてください）")
    return scale


def _project_state(args: argparse.Namespace):
    from dxplan.core.store import ACTUALS_FILE, load_actuals

    root = Path(args.project).resolve()
    needs = load_project_needs(root, getattr(args, "needs", None))
    scale = _main_plan_scale(root, needs)
    actuals = load_actuals(root / ACTUALS_FILE, needs, scale.labels)
    return root, needs, scale, actuals


def _cmd_excel_template(args: argparse.Namespace) -> int:
    from dxplan.core import model, reporting
    from dxplan.excel.template import build_template, write_template

    root, needs, scale, actuals = _project_state(args)
    fy = parse_fiscal_year(args.fy)
    if args.all:
        jobs = [(s["id"], s["title"]) for s in model.of_type(needs, model.SECTION)]
        jobs.append((None, model.section_title(needs, None)))
        outdir = Path(args.output)
        outdir.mkdir(parents=True, exist_ok=True)
    else:
        jobs = [_section_arg(needs, None if args.unassigned else args.section)]
    states = root / reporting.REPORTING_FILE
    written = 0
    for section_id, name in jobs:
        targets = model.targets_of_section(needs, section_id)
        if not targets:
            print(f"{name}: 担当する目標値がありません（出典に主管課の記載がないため）。作成しません", file=sys.stderr)
            continue
        path = (Path(args.output) / f"{section_id or 'UNASSIGNED'}_{fy}.xlsx") if args.all else Path(args.output)
        try:
            reporting.check_allowed(states, needs, [(section_id or "", fy)], "request")
            write_template(path, build_template(needs, section_id, name, fy, actuals, scale.labels))
        except (FileExistsError, reporting.TransitionRefused) as exc:
            print(f"エラー: {exc}", file=sys.stderr)
            return 1
        reporting.record(states, needs, [(section_id or "", fy)], "request")
        print(f"{path}: {name} {format_fiscal_year(fy)} 目標値 {len(targets)}件（報告状況: {reporting.REQUESTED}）")
        written += 1
    return 0 if written else 1


def _cmd_excel_import(args: argparse.Namespace) -> int:
    from dxplan.core import model, reporting
    from dxplan.core.errors import DataErrors
    from dxplan.excel.importer import parse_sheet, read_sheet, target_label
    from dxplan.core.store import ACTUALS_FILE, ConflictError, apply_actuals, needs_lock

    root, needs, scale, _ = _project_state(args)
    section_id = _section_arg(needs, args.section)[0] if args.section else None
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            sheet = read_sheet(path)
            sid = section_id if section_id is not None else sheet.section_id
            reporter = model.section_title(needs, sid) if sid else None
            records = parse_sheet(sheet, needs, scale.labels, section_id=section_id, reporter=reporter)
            # The (section, year) reports this sheet submits: the sheet's section, or each row's owner.
            submitted = {(sid if sid is not None else next((s["id"] for s in model.owning_sections(needs, needs[r.target])), ""),
                          r.fy) for r in records}
            states = root / reporting.REPORTING_FILE
            with needs_lock(root / ACTUALS_FILE):  # actuals and their reporting state, in one hold of the lock
                reporting.check_allowed(states, needs, submitted, "submit")
                changes = apply_actuals(root / ACTUALS_FILE, records, needs, replace_existing=args.replace,
                                        dry_run=args.dry_run, grade_labels=scale.labels)
                if not args.dry_run:
                    reporting.record(states, needs, submitted, "submit", source_file=path.name,
                                     source_hash=sheet.digest)
        except DataErrors as exc:
            print(f"{path}: {len(exc.errors)}件のエラーがあります。何も書き込んでいません。", file=sys.stderr)
            for error in exc.errors:
                print(f"  {error}", file=sys.stderr)
            status = 1
            continue
        except ConflictError as exc:
            print(f"{path}: 既存の値と異なる実績があります。何も書き込んでいません。\n{exc}", file=sys.stderr)
            status = 1
            continue
        except reporting.TransitionRefused as exc:
            print(f"{path}: 取り込めません。何も書き込んでいません。\n{exc}", file=sys.stderr)
            status = 1
            continue
        verb = "（試行: 書き込みません）" if args.dry_run else ""
        counts = {k: sum(1 for c in changes if c.kind == k) for k in ("add", "replace", "same")}
        print(f"{path}: 追加 {counts['add']}件、置換 {counts['replace']}件、変更なし {counts['same']}件{verb}")
        for change in changes:
            new = change.new
            if change.kind != "same":
                old = f"{change.old.text or change.old.status} → " if change.old else ""
                print(f"  {target_label(needs, needs[new.target])} {format_fiscal_year(new.fy)}: {old}{new.text or new.status}")
            for remark in new.remarks:
                print(f"    {remark}")
    return status


def _cmd_excel_export(args: argparse.Namespace) -> int:
    """The site's downloads, written by the same functions (dxplan/opendata.py)."""
    from dxplan.core import progress
    from dxplan.core import model
    from dxplan.config import CONFIG_FILE, load_project_config
    from dxplan.core.matrices import MATRICES
    from dxplan.matrices import committee_matrix
    from dxplan.core.opendata import Ward, kpi_dataset, matrix_dataset, year_dataset
    from dxplan.opendata import write_dataset
    from dxplan.core.responses import load_responses

    root, needs, scale, actuals = _project_state(args)
    config = load_project_config(root / CONFIG_FILE)
    plan = config.main_plan if config.main_plan in needs else model.of_type(needs, model.PLAN)[0]["id"]
    settings = config.settings(plan)
    ward = Ward(settings.municipality_code or "", settings.municipality or "")
    scoped = model.plan_subset(needs, plan)
    outdir = Path(args.output)
    fy = parse_fiscal_year(args.fy) if args.fy else progress.report_year(scoped, actuals)[0]
    kpis = kpi_dataset(scoped, plan, ward, actuals, scale)
    responses = load_responses(root, needs)[0]  # the site's committee table shows them too
    datasets = [matrix_dataset(committee_matrix(needs, responses) if name == "committee" else f(needs), ward)
                for name, f in MATRICES.items()]
    datasets += [kpis, year_dataset(kpis, fy, f"progress-{fy}")]
    for dataset in datasets:
        write_dataset(outdir, dataset)
        print(f"{outdir / dataset.slug}.csv, .xlsx, .json: {dataset.title}")
    return 0


def _cmd_excel_status(args: argparse.Namespace) -> int:
    from dxplan.config import CONFIG_FILE
    from dxplan.excel.status import reporting_status
    from dxplan.config import load_deadlines
    from dxplan.core.reporting import REPORTING_FILE, load_reports

    root, needs, _, actuals = _project_state(args)
    fy = parse_fiscal_year(args.fy)
    deadline = load_deadlines(root / CONFIG_FILE).get(fy)
    print(f"{format_fiscal_year(fy)}の報告状況（提出期限: {deadline.isoformat() if deadline else '未設定'}）")
    for status in reporting_status(needs, actuals, fy, load_reports(root / REPORTING_FILE), deadline):
        total = len(status.reported) + len(status.missing)
        print(f"{status.label}: {status.report.state}{'（期限超過）' if status.late else ''}、"
              f"報告済み {len(status.reported)}/{total}、{status.steps or '—'}")
        for target in status.missing:
            print(f"  {NOT_REPORTED} {target['id']} {target['title']}")
    return 0


def _cmd_excel_step(args: argparse.Namespace) -> int:
    """`excel return` / `excel confirm`: the secretariat sends a sheet back or accepts it."""
    from dxplan.core import reporting

    root = Path(args.project).resolve()
    needs = load_project_needs(root, args.needs)
    section_id, name = _section_arg(needs, None if args.unassigned else args.section)
    fy = parse_fiscal_year(args.fy)
    details = {"reason": args.reason} if args.event == "return" else {}
    try:
        [report] = reporting.record(root / reporting.REPORTING_FILE, needs, [(section_id or "", fy)], args.event, **details)
    except reporting.TransitionRefused as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return 1
    print(f"{name} {format_fiscal_year(fy)}: {report.state}" + (f"（理由: {report.reason}）" if report.reason else ""))
    return 0


def _cmd_snapshot(args: argparse.Namespace) -> int:
    from dxplan.core.revisions import SNAPSHOT_DIR, snapshot_document, write_snapshot
    from dxplan.core.store import needs_lock

    root = Path(args.project).resolve()
    needs = load_project_needs(root, args.needs)
    if args.plan and args.plan not in needs:
        print(f"エラー: 計画が見つかりません: {args.plan}", file=sys.stderr)
        return 2
    path = Path(args.output) if args.output else root / SNAPSHOT_DIR / f"{args.name}.json"
    document = snapshot_document(needs, name=args.name, plan_id=args.plan, source=args.source)
    with needs_lock(path):
        if path.exists() and not args.replace:
            print(f"エラー: {path} は既にあります（置き換えるには --replace）", file=sys.stderr)
            return 1
        write_snapshot(path, document)
    print(f"{path}: {len(document['versions'][args.name]['needs'])}件の項目を保存しました")
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from dxplan.core.revisions import ID_MAP_FILE, STRUCTURE_TYPES, changes_as_json, diff_needs, load_id_map
    from dxplan.project import needs_at_revision

    root = Path(args.project).resolve()
    old, new = needs_at_revision(root, args.old), needs_at_revision(root, args.new)
    types = STRUCTURE_TYPES if args.structure_only else None
    changes = diff_needs(old, new, load_id_map(root / ID_MAP_FILE), types)
    if args.format == "json":
        print(changes_as_json(changes))
        return 0
    if not changes:
        print("変更はありません")
    for group in dict.fromkeys(c.group for c in changes):
        print(f"■ {group}")
        for change in (c for c in changes if c.group == group):
            print(change.as_text())
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from dxplan.core.revisions import REVIEWS_FILE, confirm_links, load_reviews, suspect_links, write_reviews
    from dxplan.core.store import needs_lock

    root = Path(args.project).resolve()
    needs = load_project_needs(root, args.needs)
    path = root / REVIEWS_FILE
    if args.list or not (args.confirm or args.confirm_all):
        reviews = load_reviews(path)
        suspects = suspect_links(needs, reviews)
        for source, link, target, ends in suspects:
            print(f"要確認 {source} --{link}--> {target}（{ends}が変わりました）")
        print(f"要確認のリンク: {len(suspects)}件")
        return 0
    unknown = [i for i in args.confirm or [] if i not in needs]
    if unknown:
        print(f"エラー: 項目が見つかりません: {', '.join(unknown)}", file=sys.stderr)
        return 2
    with needs_lock(path):
        updated = confirm_links(needs, load_reviews(path), None if args.confirm_all else set(args.confirm))
        write_reviews(path, updated)
    print(f"{path}: 確認済みのリンク {len(updated)}件")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dxplan", description="自治体DX計画を plan-as-code で扱うツール")
    sub = parser.add_subparsers(dest="command", required=True)

    fy = sub.add_parser("fy", help="年度の表記を解釈する（R7, 令和7年度, 2025, FY2025）")
    fy.add_argument("values", nargs="+")
    fy.set_defaults(func=_cmd_fy)

    from dxplan.scaffold import SHAPES

    init = sub.add_parser("init", help="新しい計画サイトをサンプルの内容で作る（形: itabashi, koto）")
    init.add_argument("directory", help="作成先（存在しないか空のディレクトリ）")
    init.add_argument("--shape", required=True, choices=list(SHAPES),
                      help="; ".join(f"{k}: {v}" for k, v in SHAPES.items()))
    init.set_defaults(func=_cmd_init)

    check = sub.add_parser("check", help="HTML を書かずに計画を検証する（ビルドと同じ規則）")
    check.add_argument("--project", default=".", help="conf.py のあるディレクトリ")
    check.set_defaults(func=_cmd_check)

    prog = sub.add_parser("progress", help="KPI の進捗と評語（サイトと同じ計算）")
    prog.add_argument("--fy", help="年度（R6, 令和6年度, 2024 …）。省略時は実績のある最新の計画年度")
    prog.add_argument("--section", help="主管課の ID または名称")
    prog.add_argument("--format", choices=["text", "csv", "json"], default="text")
    prog.add_argument("--project", default=".", help="conf.py のあるディレクトリ")
    prog.add_argument("--needs", help="needs.json（省略時はプロジェクトを読み込む）")
    prog.set_defaults(func=_cmd_progress)

    excel = sub.add_parser("excel", help="主管課との Excel のやり取り").add_subparsers(dest="excel", required=True)
    tpl = excel.add_parser("template", help="課ごとの実績報告シートを作る（新しいファイルのみ）")
    group = tpl.add_mutually_exclusive_group(required=True)
    group.add_argument("--section", help="主管課の ID または正式名称")
    group.add_argument("--unassigned", action="store_true", help="主管課が未記載の目標値のシート")
    group.add_argument("--all", action="store_true", help="課ごとに1冊ずつ（-o はフォルダ）")
    tpl.add_argument("--fy", required=True, help="報告年度（R6, 令和6年度, 2024 …）")
    tpl.add_argument("-o", "--output", required=True)
    tpl.set_defaults(func=_cmd_excel_template)
    imp = excel.add_parser("import", help="返送された .xlsx / .csv（UTF-8 または CP932）を取り込む")
    imp.add_argument("files", nargs="+")
    imp.add_argument("--replace", action="store_true", help="既存の値と異なる実績を置き換える（履歴に残す）")
    imp.add_argument("--dry-run", action="store_true", help="変更内容を表示するだけで書き込まない")
    imp.add_argument("--section", help="報告元の主管課の ID または正式名称（CSV に列「主管課」がないとき必須。.xlsx はシートに記録済み）")
    imp.set_defaults(func=_cmd_excel_import)
    exp = excel.add_parser("export", help="トレーサビリティ表と進捗表を .xlsx と CSV で書き出す")
    exp.add_argument("-o", "--output", required=True, help="出力フォルダ")
    exp.add_argument("--fy", help="進捗表の年度（省略時は実績のある最新の計画年度）")
    exp.set_defaults(func=_cmd_excel_export)
    st = excel.add_parser("status", help="課ごとの報告状況（依頼済・提出済・差戻し・確定、期限超過、未報告の目標値）")
    st.add_argument("--fy", required=True)
    st.set_defaults(func=_cmd_excel_status)
    steps = []
    for event, help_text in (("return", "提出された報告を差し戻す（理由を添えて）"), ("confirm", "提出された報告を確定する")):
        step = excel.add_parser(event, help=help_text)
        which = step.add_mutually_exclusive_group(required=True)
        which.add_argument("--section", help="主管課の ID または正式名称")
        which.add_argument("--unassigned", action="store_true", help="主管課が未記載の目標値の報告")
        step.add_argument("--fy", required=True, help="報告年度（R7, 令和7年度, 2025 …）")
        if event == "return":
            step.add_argument("--reason", required=True, help="差し戻しの理由（主管課に伝える内容）")
        step.set_defaults(func=_cmd_excel_step, event=event)
        steps.append(step)
    snap = sub.add_parser("snapshot", help="計画の版を needs/snapshots/ に保存する")
    snap.add_argument("--name", required=True, help="版の名前（ファイル名にもなる）")
    snap.add_argument("--plan", help="保存する計画の ID（省略時はすべて）")
    snap.add_argument("--source", required=True, help="この版の出典（例: 000 骨子案）")
    snap.add_argument("-o", "--output")
    snap.add_argument("--replace", action="store_true")
    snap.set_defaults(func=_cmd_snapshot)
    diff = sub.add_parser("diff", help="2つの版の違い（スナップショットのファイル、または git のリビジョン）")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--format", choices=["text", "json"], default="text")
    diff.add_argument("--structure-only", action="store_true", help="計画・ビジョン・方針・施策・KPI・目標値だけを比べる")
    diff.set_defaults(func=_cmd_diff)
    rev = sub.add_parser("review", help="要確認のリンクを表示・確認する")
    rev.add_argument("--confirm", nargs="+", metavar="ID", help="この項目のリンクを確認済みにする")
    rev.add_argument("--confirm-all", action="store_true", help="すべてのリンクを確認済みにする（初期化）")
    rev.add_argument("--list", action="store_true")
    rev.set_defaults(func=_cmd_review)
    for p in (snap, rev):
        p.add_argument("--needs", help="needs.json（省略時はプロジェクトを読み込む）")
    diff.add_argument("--project", default=".", help="conf.py のあるディレクトリ")
    for p in (snap, rev):
        p.add_argument("--project", default=".", help="conf.py のあるディレクトリ")
    for p in (tpl, imp, exp, st, *steps):
        p.add_argument("--project", default=".", help="conf.py のあるディレクトリ")
        p.add_argument("--needs", help="needs.json（省略時はプロジェクトを読み込む）")
    return parser


def _os_error(exc: OSError) -> str:
    reason = _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
    where = exc.filename or ""
    return f"エラー: {where}: {reason}" if where else f"エラー: {reason}"


def _stop_on_signal(signum: int, _frame: object) -> None:
    """SIGTERM / SIGHUP end the run as an error would: scratch folders and temporary files go."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Run one command; a user's mistake gets one Japanese line and an exit code, never a traceback."""
    import signal

    from dxplan.core.store import StoreBusy

    args = build_parser().parse_args(argv)
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            signal.signal(signum, _stop_on_signal)
    try:
        if isinstance(getattr(args, "fy", None), str):
            parse_fiscal_year(args.fy)  # a bad year is a usage error: said before the plan is loaded
        if hasattr(args, "project"):
            args.project = str(find_project(args.project))
        return args.func(args)
    except NotAProject as exc:
        print(exc, file=sys.stderr)
        return USAGE
    except FiscalYearError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return USAGE
    except DataErrors as exc:
        for error in exc.errors:
            print(f"エラー: {error}", file=sys.stderr)
        return FINDINGS
    except BrokenPipeError:  # output piped into `head` and the like
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(_os_error(exc), file=sys.stderr)
        return FINDINGS
    except StoreBusy as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return FINDINGS


if __name__ == "__main__":
    raise SystemExit(main())
