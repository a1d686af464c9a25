"""`dxplan`: command-line tools over the same functions the Sphinx build uses.

This module parses the arguments, calls the project's plain functions (plan_state.py, versions.py,
excel/), prints what they return and chooses the exit code; it does no work of its own.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from dxplan.core import model
from dxplan.core.errors import DataErrors
from dxplan.core.fiscal import FiscalYearError, format_fiscal_year, parse_fiscal_year
from dxplan.core.labels import NOT_REPORTED
from dxplan.core.labels import cli as words
from dxplan.core.labels.excel import reporting_status_caption
from dxplan.project import FINDINGS, NotAProject, build_needs, find_project, load_project_needs

#: Exit code for a mistake in how the command was called (FINDINGS: one in the plan or its data).
USAGE = 2
#: What an operating-system error means for the user, by errno.
_OS_ERRORS = {
    errno.EACCES: words.PERMISSION_DENIED,
    errno.EPERM: words.PERMISSION_DENIED,
    errno.EROFS: words.READ_ONLY_PLACE,
    errno.ENOSPC: words.DISK_FULL,
    errno.ENOENT: words.NO_SUCH_FILE,
    errno.EISDIR: words.IS_A_FOLDER,
    errno.ENOTDIR: words.NOT_A_FOLDER,
    errno.EEXIST: words.ALREADY_EXISTS,
}


def _fail(message: object, code: int = FINDINGS) -> int:
    """Say what went wrong on standard error; the command's exit code."""
    print(words.error(message=message), file=sys.stderr)
    return code


def _optional_year(args: argparse.Namespace) -> int | None:
    return parse_fiscal_year(args.fy) if args.fy else None


def _plan(args: argparse.Namespace) -> tuple[Path, dict]:
    """The project folder and its needs."""
    root = Path(args.project).resolve()
    return root, load_project_needs(root, args.needs)


def _state(args: argparse.Namespace):
    """The project folder, its needs, the main plan's grade scale and the actuals (plan_state.PlanState)."""
    from dxplan.plan_state import load_plan_state

    return load_plan_state(Path(args.project).resolve(), args.needs)


def _cmd_fy(args: argparse.Namespace) -> int:
    status = 0
    for value in args.values:
        try:
            year = parse_fiscal_year(value)
        except FiscalYearError as exc:
            status = _fail(exc, USAGE)
            continue
        print(f"{value}\t{year}\t{format_fiscal_year(year)}")
    return status


def _cmd_init(args: argparse.Namespace) -> int:
    from dxplan.scaffold import init_project

    try:
        written = init_project(Path(args.directory), args.shape)
    except FileExistsError as exc:
        return _fail(exc)
    print(words.project_created(directory=args.directory, shape=args.shape, file_count=len(written)))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    """Every validation of the build (schema, links, dxplan rules), without writing HTML."""
    root = Path(args.project).resolve()
    from dxplan.core.scratch import scratch_folder

    with scratch_folder("check") as out:
        status = build_needs(root, out)
    if status:
        print(words.CHECK_FOUND_PROBLEMS, file=sys.stderr)
        return 1
    print(words.CHECK_CLEAN)
    return 0


def _cmd_progress(args: argparse.Namespace) -> int:
    import csv
    import json

    from dxplan.plan_state import progress_table

    state = _state(args)
    section = None
    if args.section:
        section = model.section_named(state.needs, args.section)
        if section is None:
            return _fail(words.section_not_found(value=args.section), USAGE)
    table = progress_table(state, _optional_year(args), section)
    rows, summary = table.rows, table.summary
    if args.format == "json":
        print(json.dumps({"fy": table.fy, "fy_label": table.fy_label, "counts": summary.counts,
                          "mean_progress_percent": summary.percent, "targets": rows}, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        from dxplan.core.exports import safe_cell

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(list(rows[0]) if rows else [])
        writer.writerows([[safe_cell(v) for v in r.values()] for r in rows])
    else:
        print(words.progress_heading(year=table.fy_label, scale=state.scale.name))
        print("  ".join(f"{k}: {v}" for k, v in summary.counts.items()))
        for r in rows:
            pct = "—" if r["progress_percent"] is None else f"{r['progress_percent']:.0f}%"
            print(f"{r['target']}\t{r['kpi']}\t{r['target_text']}\t{r['actual'] if r['actual'] is not None else '—'}\t{pct}\t{r['grade']}")
    return 0


def _cmd_excel_template(args: argparse.Namespace) -> int:
    from dxplan.core.reporting import REQUESTED, TransitionRefused
    from dxplan.excel.cycle import request_reports, template_jobs

    state = _state(args)
    fy = parse_fiscal_year(args.fy)
    jobs = template_jobs(state.needs, fy, Path(args.output), None if args.unassigned else args.section, args.all)
    written = 0
    try:
        for done in request_reports(state, fy, jobs):
            if not done.target_count:
                print(words.no_targets_to_request(section=done.job.section), file=sys.stderr)
                continue
            print(words.template_written(path=done.job.path, section=done.job.section, year=format_fiscal_year(fy), target_count=done.target_count, state=REQUESTED))
            written += 1
    except (FileExistsError, TransitionRefused) as exc:
        return _fail(exc)
    return 0 if written else 1


def _import_refusal(path: Path, exc: Exception) -> str:
    """Why a returned sheet was not imported (nothing of it was written)."""
    from dxplan.core.store import ConflictError

    if isinstance(exc, DataErrors):
        return "\n".join([words.errors_in_file(path=path, count=len(exc.errors)), *(f"  {error}" for error in exc.errors)])
    if isinstance(exc, ConflictError):
        return words.conflicting_actuals(path=path, detail=exc)
    return words.import_refused(path=path, detail=exc)


def _cmd_excel_import(args: argparse.Namespace) -> int:
    from dxplan.core.reporting import TransitionRefused
    from dxplan.core.store import ConflictError
    from dxplan.excel.cycle import import_returned_sheet
    from dxplan.excel.importer import target_label
    from dxplan.plan_state import chosen_section

    state = _state(args)
    section_id = chosen_section(state.needs, args.section)[0] if args.section else None
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            changes = import_returned_sheet(state, path, section_id, replace=args.replace, dry_run=args.dry_run)
        except (DataErrors, ConflictError, TransitionRefused) as exc:
            print(_import_refusal(path, exc), file=sys.stderr)
            status = 1
            continue
        counts = [sum(1 for c in changes if c.kind == kind) for kind in ("add", "replace", "same")]
        print(words.import_counts(path, *counts, args.dry_run))
        for change in changes:
            new = change.new
            if change.kind != "same":
                old = f"{change.old.text or change.old.status} → " if change.old else ""
                print(f"  {target_label(state.needs, state.needs[new.target])} {format_fiscal_year(new.fy)}: "
                      f"{old}{new.text or new.status}")
            for remark in new.remarks:
                print(f"    {remark}")
    return status


def _cmd_excel_export(args: argparse.Namespace) -> int:
    """The site's downloads, written by the same functions (dxplan/opendata.py)."""
    from dxplan.excel.downloads import write_downloads

    outdir = Path(args.output)
    for dataset in write_downloads(_state(args), outdir, _optional_year(args)):
        print(f"{outdir / dataset.slug}.csv, .xlsx, .json: {dataset.title}")
    return 0


def _cmd_excel_status(args: argparse.Namespace) -> int:
    from dxplan.excel.cycle import year_status

    fy = parse_fiscal_year(args.fy)
    deadline, statuses = year_status(_state(args), fy)
    print(reporting_status_caption(format_fiscal_year(fy), deadline.isoformat() if deadline else None))
    for status in statuses:
        print(words.section_status(status.label, status.report.state, status.late, len(status.reported),
                                   len(status.reported) + len(status.missing), status.steps))
        for target in status.missing:
            print(f"  {NOT_REPORTED} {target['id']} {target['title']}")
    return 0


def _cmd_excel_step(args: argparse.Namespace) -> int:
    """`excel return` / `excel confirm`: the secretariat sends a sheet back or accepts it."""
    from dxplan.core.reporting import TransitionRefused
    from dxplan.excel.cycle import record_step
    from dxplan.plan_state import chosen_section

    root, needs = _plan(args)
    section_id, name = chosen_section(needs, None if args.unassigned else args.section)
    fy = parse_fiscal_year(args.fy)
    try:
        report = record_step(root, needs, section_id, fy, args.event, getattr(args, "reason", None))
    except TransitionRefused as exc:
        return _fail(exc)
    print(words.report_step(name, format_fiscal_year(fy), report.state, report.reason))
    return 0


def _cmd_snapshot(args: argparse.Namespace) -> int:
    from dxplan.versions import SnapshotExists, save_snapshot

    root, needs = _plan(args)
    if args.plan and args.plan not in needs:
        return _fail(words.plan_not_found(plan_id=args.plan), USAGE)
    try:
        path, count = save_snapshot(root, needs, args.name, args.source, args.plan,
                                    Path(args.output) if args.output else None, args.replace)
    except SnapshotExists as exc:
        return _fail(words.snapshot_exists(path=exc.path))
    print(words.snapshot_saved(path=path, need_count=count))
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from dxplan.core.revisions import changes_as_json
    from dxplan.versions import changes_between

    changes = changes_between(Path(args.project).resolve(), args.old, args.new, args.structure_only)
    if args.format == "json":
        print(changes_as_json(changes))
        return 0
    if not changes:
        print(words.NO_CHANGES)
    for group in dict.fromkeys(c.group for c in changes):
        print(f"■ {group}")
        for change in (c for c in changes if c.group == group):
            print(change.as_text())
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from dxplan.versions import confirm_reviewed_links, links_to_review

    root, needs = _plan(args)
    if args.list or not (args.confirm or args.confirm_all):
        suspects = links_to_review(root, needs)
        for source, link, target, changed_end in suspects:
            print(words.suspect_link(source=source, link=link, target=target, changed_end=changed_end))
        print(words.suspect_link_count(count=len(suspects)))
        return 0
    unknown = [i for i in args.confirm or [] if i not in needs]
    if unknown:
        return _fail(words.items_not_found(unknown), USAGE)
    path, count = confirm_reviewed_links(root, needs, None if args.confirm_all else set(args.confirm))
    print(words.links_confirmed(path=path, count=count))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dxplan", description=words.DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)

    fy = sub.add_parser("fy", help=words.HELP_FY_COMMAND)
    fy.add_argument("values", nargs="+")
    fy.set_defaults(func=_cmd_fy)

    from dxplan.scaffold import SHAPES

    init = sub.add_parser("init", help=words.HELP_INIT)
    init.add_argument("directory", help=words.HELP_INIT_DIRECTORY)
    init.add_argument("--shape", required=True, choices=list(SHAPES),
                      help="; ".join(f"{k}: {v}" for k, v in SHAPES.items()))
    init.set_defaults(func=_cmd_init)

    check = sub.add_parser("check", help=words.HELP_CHECK)
    check.add_argument("--project", default=".", help=words.HELP_PROJECT)
    check.set_defaults(func=_cmd_check)

    prog = sub.add_parser("progress", help=words.HELP_PROGRESS)
    prog.add_argument("--fy", help=words.HELP_PROGRESS_FY)
    prog.add_argument("--section", help=words.HELP_PROGRESS_SECTION)
    prog.add_argument("--format", choices=["text", "csv", "json"], default="text")
    prog.add_argument("--project", default=".", help=words.HELP_PROJECT)
    prog.add_argument("--needs", help=words.HELP_NEEDS)
    prog.set_defaults(func=_cmd_progress)

    excel = sub.add_parser("excel", help=words.HELP_EXCEL).add_subparsers(dest="excel", required=True)
    tpl = excel.add_parser("template", help=words.HELP_TEMPLATE)
    group = tpl.add_mutually_exclusive_group(required=True)
    group.add_argument("--section", help=words.HELP_SECTION)
    group.add_argument("--unassigned", action="store_true", help=words.HELP_TEMPLATE_UNASSIGNED)
    group.add_argument("--all", action="store_true", help=words.HELP_TEMPLATE_ALL)
    tpl.add_argument("--fy", required=True, help=words.HELP_TEMPLATE_FY)
    tpl.add_argument("-o", "--output", required=True)
    tpl.set_defaults(func=_cmd_excel_template)
    imp = excel.add_parser("import", help=words.HELP_IMPORT)
    imp.add_argument("files", nargs="+")
    imp.add_argument("--replace", action="store_true", help=words.HELP_IMPORT_REPLACE)
    imp.add_argument("--dry-run", action="store_true", help=words.HELP_IMPORT_DRY_RUN)
    imp.add_argument("--section", help=words.HELP_IMPORT_SECTION)
    imp.set_defaults(func=_cmd_excel_import)
    exp = excel.add_parser("export", help=words.HELP_EXPORT)
    exp.add_argument("-o", "--output", required=True, help=words.HELP_EXPORT_OUTPUT)
    exp.add_argument("--fy", help=words.HELP_EXPORT_FY)
    exp.set_defaults(func=_cmd_excel_export)
    st = excel.add_parser("status", help=words.HELP_STATUS)
    st.add_argument("--fy", required=True)
    st.set_defaults(func=_cmd_excel_status)
    steps = []
    for event, help_text in (("return", words.HELP_RETURN), ("confirm", words.HELP_CONFIRM)):
        step = excel.add_parser(event, help=help_text)
        which = step.add_mutually_exclusive_group(required=True)
        which.add_argument("--section", help=words.HELP_SECTION)
        which.add_argument("--unassigned", action="store_true", help=words.HELP_STEP_UNASSIGNED)
        step.add_argument("--fy", required=True, help=words.HELP_STEP_FY)
        if event == "return":
            step.add_argument("--reason", required=True, help=words.HELP_RETURN_REASON)
        step.set_defaults(func=_cmd_excel_step, event=event)
        steps.append(step)
    snap = sub.add_parser("snapshot", help=words.HELP_SNAPSHOT)
    snap.add_argument("--name", required=True, help=words.HELP_SNAPSHOT_NAME)
    snap.add_argument("--plan", help=words.HELP_SNAPSHOT_PLAN)
    snap.add_argument("--source", required=True, help=words.HELP_SNAPSHOT_SOURCE)
    snap.add_argument("-o", "--output")
    snap.add_argument("--replace", action="store_true")
    snap.set_defaults(func=_cmd_snapshot)
    diff = sub.add_parser("diff", help=words.HELP_DIFF)
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--format", choices=["text", "json"], default="text")
    diff.add_argument("--structure-only", action="store_true", help=words.HELP_DIFF_STRUCTURE)
    diff.set_defaults(func=_cmd_diff)
    rev = sub.add_parser("review", help=words.HELP_REVIEW)
    rev.add_argument("--confirm", nargs="+", metavar="ID", help=words.HELP_REVIEW_CONFIRM)
    rev.add_argument("--confirm-all", action="store_true", help=words.HELP_REVIEW_CONFIRM_ALL)
    rev.add_argument("--list", action="store_true")
    rev.set_defaults(func=_cmd_review)
    for p in (snap, rev):
        p.add_argument("--needs", help=words.HELP_NEEDS)
    diff.add_argument("--project", default=".", help=words.HELP_PROJECT)
    for p in (snap, rev):
        p.add_argument("--project", default=".", help=words.HELP_PROJECT)
    for p in (tpl, imp, exp, st, *steps):
        p.add_argument("--project", default=".", help=words.HELP_PROJECT)
        p.add_argument("--needs", help=words.HELP_NEEDS)
    return parser


def _os_error(exc: OSError) -> str:
    reason = _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
    where = exc.filename or ""
    return words.error(message=f"{where}: {reason}" if where else reason)


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
        return _fail(exc, USAGE)
    except DataErrors as exc:
        for error in exc.errors:
            print(words.error(message=error), file=sys.stderr)
        return FINDINGS
    except BrokenPipeError:  # output piped into `head` and the like
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(_os_error(exc), file=sys.stderr)
        return FINDINGS
    except StoreBusy as exc:
        return _fail(exc)


if __name__ == "__main__":
    raise SystemExit(main())
