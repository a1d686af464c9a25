"""`make bench`: dxplan against plain Sphinx on the same text, three sizes, one run.

Every plan here is SYNTHETIC (合成データ・ベンチマーク用): generated municipalities,
measures and numbers that exist only to measure speed and memory. Nothing of it is plan data.

For each size: a dxplan project (need directives, views: matrices, progress, coverage,
diagrams, exports) and a plain Sphinx project with the same text (each need directive replaced
by a heading and a paragraph) and the same theme, language and speed settings. Each is built
clean (peak RSS), then with nothing changed, after touching one page and (dxplan) after changing
one actual: each of those three is the median of three builds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from dxplan.core.opendata import check_digit

ROOT = Path(__file__).resolve().parent.parent
LABEL = "合成データ（ベンチマーク用・実在しない計画）"


@dataclass(frozen=True)
class Size:
    name: str
    municipalities: int
    policies: int  # per municipality; one page each
    measures: int  # per policy
    kpis: int  # per measure (each with one target)


SIZES = {
    "S": Size("S", 1, 8, 10, 2),        # 1 + 2 + 8 + 80 + 160 + 160 ≈ 400 needs
    "M": Size("M", 10, 5, 25, 1),       # 10 × (3 + 5 + 125 + 125 + 125) + 30 sections ≈ 3,900 needs
    "L": Size("L", 62, 4, 13, 1),       # 62 × (3 + 4 + 52 + 52 + 52) + 186 sections ≈ 10,300 needs
}


def _need(directive: str, title: str, options: dict[str, object]) -> tuple[str, str]:
    """(MyST need directive, plain-Sphinx equivalent) for one need."""
    lines = ["```{" + directive + "} " + title]
    lines += [f":{k}: {v}" for k, v in options.items() if v is not None]
    lines += ["```", ""]
    fields = "、".join(f"{k}: {v}" for k, v in options.items() if v is not None and k != "id")
    plain = f"## {title}\n\n{options.get('id')} — {fields}\n\n"
    return "\n".join(lines), plain


def _code(m: int) -> str:
    first_five = f"99{m:03d}"
    return first_five + check_digit(first_five)


def generate(size: Size, dest: Path) -> tuple[Path, Path]:
    """Write the dxplan project and the plain project for one size; return both roots."""
    dx, plain = dest / "dxplan", dest / "plain"
    for root in (dx, plain):
        shutil.rmtree(root, ignore_errors=True)
        (root / "docs").mkdir(parents=True)
        (root / "needs").mkdir()
        (root / ".assets").symlink_to(ROOT / ".assets", target_is_directory=True)
    shutil.copy2(ROOT / "conf.py", dx / "conf.py")
    toml = (ROOT / "ubproject.toml").read_text(encoding="utf-8")
    plans = ", ".join(f'"PLAN_M{m:03d}"' for m in range(size.municipalities))
    for old, new in (('main_plan = "PLAN_DX2025_LATE"', 'main_plan = "PLAN_M000"'),
                     ('plans = ["PLAN_DX2025_LATE", "PLAN_DX2025_EARLY"]', f"plans = [{plans}]")):
        if old not in toml:  # the synthetic plans must be graded like the real one
            raise SystemExit(f"bench: ubproject.toml no longer contains {old!r}; update scripts/bench.py")
        toml = toml.replace(old, new)
    # Open data needs each plan's 団体コード: synthetic ones (prefecture 99 does not exist).
    toml += "".join(f'\n[dxplan.plans.PLAN_M{m:03d}]\nmunicipality_code = "{_code(m)}"\n'
                    f'municipality = "合成自治体{m:03d}（{LABEL}）"\n' for m in range(size.municipalities))
    (dx / "ubproject.toml").write_text(toml, encoding="utf-8")
    # The plain project: the same settings, with dxplan's site presentation only (no needs).
    (plain / "conf.py").write_text((ROOT / "conf.py").read_text(encoding="utf-8") + '\nextensions = '
                                   '["myst_parser", "sphinxcontrib.mermaid", "dxplan.site_only"]\n', encoding="utf-8")

    sections, actuals = [], []
    toc = []
    for m in range(size.municipalities):
        muni = f"M{m:03d}"
        plan_id = f"PLAN_{muni}"
        pages: dict[str, tuple[list[str], list[str]]] = {}
        head = [f"# 合成自治体{m:03d} の計画\n\n{LABEL}\n"]
        top = [_need("plan", f"合成自治体{m:03d} DX計画", {"id": plan_id, "period_start": 2024, "period_end": 2025,
                                                       "source": LABEL})]
        for v in (1, 2):
            top.append(_need("vision", f"合成ビジョン{v}", {"id": f"VIS_{muni}_{v}", "plan": plan_id, "number_label": f"ビジョン{v}",
                                                        "source": LABEL}))
        views = (f"\n```{{dxplan-view}} structure\n:plan: {plan_id}\n```\n\n"
                 f"```{{dxplan-view}} progress-summary\n:plan: {plan_id}\n```\n")
        pages[f"{muni}/index"] = (head + [t[0] for t in top] + [views], head + [t[1] for t in top])
        for s in range(3):
            sections.append((f"SEC_{muni}_{s}", f"合成課{m:03d}-{s}"))
        section_page = [f"# 合成自治体{m:03d} の主管課\n\n{LABEL}\n"]
        pages[f"{muni}/sections"] = (
            section_page + [f"```{{dxplan-section}} SEC_{muni}_{s}\n```\n" for s in range(3)],
            section_page + [f"## 合成課{m:03d}-{s}\n\nSEC_{muni}_{s}\n" for s in range(3)])
        for p in range(size.policies):
            pid = f"POL_{muni}_{p}"
            dx_parts, plain_parts = [f"# 合成基本方針{p}\n\n{LABEL}\n"], [f"# 合成基本方針{p}\n\n{LABEL}\n"]
            for text, plain_text in [_need("policy", f"合成基本方針{p}", {
                    "id": pid, "category": "基本方針", "number_label": str(p + 1), "vision": f"VIS_{muni}_{p % 2 + 1}",
                    "source": LABEL})]:
                dx_parts.append(text)
                plain_parts.append(plain_text)
            for i in range(size.measures):
                mid = f"MEA_{muni}_{p}_{i}"
                for text, plain_text in [_need("measure", f"合成施策{p}-{i}", {
                        "id": mid, "number_label": f"施策{i + 1}", "name": f"合成施策名{p}-{i}", "policy": pid,
                        "owner": f"SEC_{muni}_{i % 3}", "source": LABEL})]:
                    dx_parts.append(text)
                    plain_parts.append(plain_text)
                for k in range(size.kpis):
                    kid, tid = f"KPI_{muni}_{p}_{i}_{k}", f"TGT_{muni}_{p}_{i}_{k}"
                    value = 100 + 10 * i + k
                    for text, plain_text in [
                        _need("kpi", f"合成KPI{p}-{i}-{k}", {"id": kid, "measures": mid, "measure_group": f"施策{i + 1}",
                                                            "source": LABEL}),
                        _need("target", f"{value:,}件以上", {
                            "id": tid, "kpi": kid, "target_value": value, "target_unit": "件", "target_qualifier": "以上",
                            "target_fy": 2025, "target_year_label": "R7年度目標", "baseline_value": 50, "baseline_fy": 2022,
                            "baseline_text": "50件", "source": LABEL}),
                    ]:
                        dx_parts.append(text)
                        plain_parts.append(plain_text)
                    if (i + k) % 2 == 0:
                        actuals.append((tid, 2024, 80 + i))
            pages[f"{muni}/policy-{p}"] = (dx_parts, plain_parts)
        for name, (dx_parts, plain_parts) in pages.items():
            for root, parts in ((dx, dx_parts), (plain, plain_parts)):
                path = root / "docs" / f"{name}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("\n".join(parts), encoding="utf-8")
        toc.extend(pages)

    views = {
        "kpis": "# KPI 一覧\n\n```{dxplan-view} kpi-table\n```\n",
        "progress": "# 進捗\n\n```{dxplan-view} progress-dashboard\n```\n",
        "matrices": "# トレーサビリティ表\n\n" + "\n".join(
            f"```{{dxplan-view}} matrix\n:matrix: {m}\n```\n" for m in ("trace", "sections", "policy-kpi")),
        "coverage": "# カバレッジ\n\n```{dxplan-view} coverage\n```\n",
        "diagram": "# 施策体系図\n\n```{dxplan-view} structure-diagram\n```\n",
    }
    for name, text in views.items():
        (dx / "docs" / f"{name}.md").write_text(f"{text}\n{LABEL}\n", encoding="utf-8")
        (plain / "docs" / f"{name}.md").write_text(f"# {name}\n\n{LABEL}\n", encoding="utf-8")
    index = f"# 合成計画サイト（{size.name}）\n\n{LABEL}\n\n```{{toctree}}\n:maxdepth: 1\n\n" + "\n".join(
        list(views) + toc) + "\n```\n"
    for root in (dx, plain):
        (root / "docs" / "index.md").write_text(index, encoding="utf-8")
    registry = "# " + LABEL + "\n" + "".join(
        f'\n[[section]]\nid = "{sid}"\nname = "{name}"\nsource = "{LABEL}"\n' for sid, name in sections)
    (dx / "needs" / "sections.toml").write_text(registry, encoding="utf-8")
    (dx / "needs" / "accepted-gaps.toml").write_text(f"# {LABEL}\n", encoding="utf-8")
    (dx / "needs" / "actuals.toml").write_text(f"# {LABEL}\n" + "".join(
        f'\n[[actual]]\ntarget = "{t}"\nfy = {fy}\nvalue = {v}\nsource = "{LABEL}"\n' for t, fy, v in actuals),
        encoding="utf-8")
    return dx, plain


def timed_build(project: Path) -> tuple[float, int, bool]:
    """(seconds, peak RSS in MiB, ok) of one sphinx-build in its own process."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
        "sys.stderr.write(r.stdout[-3000:] + r.stderr[-3000:] if r.returncode else '')\n"
    )
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going",
           "-c", str(project), "-b", "html", str(project / "docs"), str(project / "build")]
    out = subprocess.run(cmd, capture_output=True, text=True)
    seconds, rss_kib, code = out.stdout.split()
    if code != "0":
        print(out.stderr, file=sys.stderr)
    return float(seconds), int(rss_kib) // 1024, code == "0"


def median_of_builds(project: Path, change, runs: int = 3) -> tuple[float, bool]:
    """Median seconds of `runs` incremental builds, each after `change()`: short builds are noisy."""
    times, ok = [], True
    for _ in range(runs):
        change()
        seconds, _, built = timed_build(project)
        times.append(seconds)
        ok = ok and built
    return statistics.median(times), ok


def touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def change_one_actual(project: Path) -> None:
    path = project / "needs" / "actuals.toml"
    text = path.read_text(encoding="utf-8")
    index = text.index("value = ") + len("value = ")
    end = text.index("\n", index)
    path.write_text(text[:index] + str(int(text[index:end]) + 1) + text[end:], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--workdir", default=str(ROOT / "build" / "bench"))
    parser.add_argument("--results", default=str(ROOT / "bench" / "results.json"))
    args = parser.parse_args()
    results = []
    for name in args.sizes.split(","):
        size = SIZES[name]
        dx, plain = generate(size, Path(args.workdir) / name)
        needs = sum(p.read_text(encoding="utf-8").count("```{") for p in (dx / "docs").rglob("*.md"))
        pages = len(list((dx / "docs").rglob("*.md")))
        row = {"size": name, "need_directives": needs, "pages": pages}
        for label, project in (("plain", plain), ("dxplan", dx)):
            row[f"{label}_clean_s"], row[f"{label}_clean_rss_mib"], ok = timed_build(project)
            # Nothing changed: what every build pays (start-up, loading the environment and,
            # for dxplan, sphinx-needs resolving every need), the floor under the ratios below.
            row[f"{label}_noop_s"], ok1 = median_of_builds(project, lambda: None)
            row[f"{label}_touch_s"], ok2 = median_of_builds(project, lambda: touch(project / "docs" / "M000" / "policy-0.md"))
            row[f"{label}_ok"] = ok and ok1 and ok2
        row["dxplan_actual_s"], ok3 = median_of_builds(dx, lambda: change_one_actual(dx))
        row["dxplan_ok"] = row["dxplan_ok"] and ok3
        row["ratio_clean"] = round(row["dxplan_clean_s"] / row["plain_clean_s"], 2)
        row["ratio_touch"] = round(row["dxplan_touch_s"] / row["plain_touch_s"], 2)
        row["ratio_actual_vs_plain_touch"] = round(row["dxplan_actual_s"] / row["plain_touch_s"], 2)
        results.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    print()
    print("| size | pages | needs | plain clean | dxplan clean | ratio | plain touch | dxplan touch | ratio | "
          "dxplan change-one-actual | ratio vs plain touch | no-op plain / dxplan | peak RSS plain / dxplan |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['size']} | {r['pages']} | {r['need_directives']} | {r['plain_clean_s']:.1f}s | {r['dxplan_clean_s']:.1f}s | "
              f"{r['ratio_clean']}× | {r['plain_touch_s']:.1f}s | {r['dxplan_touch_s']:.1f}s | {r['ratio_touch']}× | "
              f"{r['dxplan_actual_s']:.1f}s | {r['ratio_actual_vs_plain_touch']}× | "
              f"{r['plain_noop_s']:.1f}s / {r['dxplan_noop_s']:.1f}s | "
              f"{r['plain_clean_rss_mib']} / {r['dxplan_clean_rss_mib']} MiB |")
    Path(args.results).write_text(json.dumps({"label": LABEL, "machine_cpus": os.cpu_count(),
                                              "when": time.strftime("%Y-%m-%d %H:%M"), "results": results},
                                             ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if all(r["plain_ok"] and r["dxplan_ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
