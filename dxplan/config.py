"""dxplan's own configuration: the [dxplan] table of ubproject.toml (sphinx-needs reads [needs]).

Per plan: which coverage rules do not apply (with the reason, shown on the coverage page)
and which grade scale grades its KPIs. A new plan shape is configuration, not code.
The table is checked against SCHEMA when read: an unknown key (a typo such as `main_plann`)
or a value of the wrong type is an error naming the file, the line and the key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dxplan.core import model
from dxplan.core.progress import GradeScale, grade_scales
from dxplan.core.errors import DataError, DataErrors, SourceLocation, parse_toml
from dxplan.core.labels import errors as words

CONFIG_FILE = "ubproject.toml"
#: The data model every dxplan site shares; a site's [needs] adds to it (see `data_model`).
MODEL_FILE = Path(__file__).with_name("model.toml")

#: What [dxplan] may hold. A dict is a table of those keys ("*": any key); a list of one
#: element an array of it; a type the value's type; a tuple (type, ...) one of them.
_STR, _BOOL, _NUMBER = str, bool, (int, float)
_GRADE = {"label": _STR, "definition": _STR, "css": _STR, "exceeds_target": _BOOL,
          "min_progress": _NUMBER, "otherwise": _BOOL}
SCHEMA: dict[str, Any] = {
    "main_plan": _STR,
    "hierarchy": {"*": [_STR]},  # need type → its link(s) to its parent, child → parent
    "nesting_allowed": [[_STR]],
    "plans": {"*": {"rules_not_applied": {"*": _STR}, "municipality_code": _STR, "municipality": _STR}},
    "card": {"fields": [[_STR]], "shown_when_missing": {"*": [_STR]}},
    "grade_scales": [{"id": _STR, "name": _STR, "plans": [_STR], "computed": _BOOL, "source": _STR,
                      "grades": [_GRADE]}],
    "reporting": {"deadlines": [{"fy": int, "date": dt.date}]},  # 実績の提出期限 per fiscal year
}
#: Keys an entry must have, by the schema path of its table (without indices).
REQUIRED = {"": ("hierarchy",), "grade_scales": ("id", "name"), "grade_scales.grades": ("label", "definition"),
            "reporting.deadlines": ("fy", "date")}
_TYPE_NAMES = {str: words.STRING, bool: "true / false", int: words.INTEGER, float: words.NUMBER, dict: words.TABLE,
               list: words.ARRAY, dt.date: words.DATE}


def _type_name(expected: Any) -> str:
    if isinstance(expected, tuple):
        return words.NUMBER if expected == _NUMBER else words.OR.join(_type_name(e) for e in expected)
    if isinstance(expected, dict):
        return words.TABLE
    if isinstance(expected, list):
        return words.ARRAY
    return _TYPE_NAMES.get(expected, expected.__name__)


def key_line(text: str, dotted: list[str]) -> int | None:
    """The line of `dotted` (a key path under the file's root) in TOML text, where it can be found.

    tomllib gives no positions: a table header naming the path, else the key's own `key =`
    line below the header of its parent table, else the parent's line.
    """
    lines = text.splitlines()
    for depth in range(len(dotted), 0, -1):
        path, key = dotted[:depth], dotted[depth - 1]
        header = re.compile(r"^\s*\[\[?\s*" + r"\s*\.\s*".join(re.escape(p) if re.match(r"^[\w-]+$", p)
                                                                 else f'"{re.escape(p)}"' for p in path) + r"\s*\]")
        parent = ".".join(path[:-1])
        current = ""
        for number, line in enumerate(lines, 1):
            if header.match(line):
                return number
            if m := re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]", line):
                current = m[1].replace('"', "").replace(" ", "")
            elif current == parent and re.match(rf'^\s*"?{re.escape(key)}"?\s*=', line):
                return number
    return None


def check_table(value: Any, spec: Any, path: list[str], report) -> None:
    """Report (dotted path, message) for every unknown key and wrong type below `value`."""
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            report(path, words.write_as_not(_type_name(spec), type(value).__name__))
            return
        for key, item in value.items():
            if key in spec:
                check_table(item, spec[key], [*path, key], report)
            elif "*" in spec:
                check_table(item, spec["*"], [*path, key], report)
            else:
                report([*path, key], words.unknown_setting(key, (k for k in spec if k != "*")))
        schema_path = ".".join(p for p in path[1:] if not p.isdigit())
        for key in REQUIRED.get(schema_path, ()):
            if key not in value:
                report(path, words.missing(what=key))
    elif isinstance(spec, list):
        if not isinstance(value, list):
            report(path, words.write_as(type_name=_type_name(spec)))
            return
        for index, item in enumerate(value):
            check_table(item, spec[0], [*path, str(index)], report)
    elif isinstance(value, bool) and spec is not bool and spec != _BOOL or not isinstance(value, spec):
        report(path, words.write_as_value(_type_name(spec), value))


def read_config_table(path: Path) -> dict[str, Any]:
    """The [dxplan] table, checked against SCHEMA; every problem is reported at once."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataErrors([DataError(SourceLocation(str(path)), None, words.config_unreadable(error=exc))]) from None
    data = parse_toml(path, text)
    errors: list[DataError] = []

    def report(dotted: list[str], message: str) -> None:
        names = [p for p in dotted if not p.isdigit()]
        line = key_line(text, names)
        errors.append(DataError(SourceLocation(str(path), line), None, f"{'.'.join(dotted)}: {message}"))

    table = data.get("dxplan", {})
    check_table(table, SCHEMA, ["dxplan"], report)
    if not errors:
        _check_hierarchy(table.get("hierarchy", {}), data_model(data.get("needs", {})), report)
    if errors:
        raise DataErrors(errors)
    return table


def _check_hierarchy(hierarchy: dict[str, list[str]], needs_table: dict[str, Any], report) -> None:
    """Every type in [dxplan.hierarchy] is a declared need type; every link a declared link."""
    types = {t.get("directive") for t in needs_table.get("types", [])}
    links = set(needs_table.get("links", {}))
    if not hierarchy:
        report(["dxplan", "hierarchy"], words.EMPTY_HIERARCHY)
    for need_type, parent_links in hierarchy.items():
        if types and need_type not in types:
            report(["dxplan", "hierarchy", need_type], words.unknown_need_type(need_type=need_type))
        for link in parent_links:
            if links and link not in links:
                report(["dxplan", "hierarchy", need_type], words.unknown_link(link=link))


@dataclass(frozen=True)
class PlanSettings:
    id: str
    #: rule ID → why it does not apply to this plan (e.g. "004 sets no KPIs")
    rules_not_applied: dict[str, str] = field(default_factory=dict)
    #: 全国地方公共団体コード (6 digits with the check digit) and name: on every exported row
    municipality_code: str | None = None
    municipality: str | None = None


@dataclass(frozen=True)
class CardConfig:
    """[dxplan.card]: the fields a need card shows, with their labels, in order."""

    fields: list[tuple[str, str]] = field(default_factory=list)  # (field, Japanese label)
    shown_when_missing: dict[str, list[str]] = field(default_factory=dict)  # need type → fields


@dataclass(frozen=True)
class ProjectConfig:
    main_plan: str | None
    plans: dict[str, PlanSettings]
    card: CardConfig = field(default_factory=CardConfig)
    #: (parent type, child type): need directives that may be written inside another's content
    nesting_allowed: frozenset[tuple[str, str]] = frozenset()
    #: need type → the link(s) to its parent, child → parent ([dxplan.hierarchy]): a need is part
    #: of its plan through one of them. A measure may link to its plan directly where the source
    #: does not say which policy it serves.
    hierarchy: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def settings(self, plan_id: str) -> PlanSettings:
        return self.plans.get(plan_id, PlanSettings(plan_id))


def load_project_config(path: Path) -> ProjectConfig:
    """The project's [dxplan] configuration; its hierarchy becomes the one the model walks."""
    data = read_config_table(path)
    plans = {plan_id: PlanSettings(plan_id, dict(entry.get("rules_not_applied", {})),
                                   entry.get("municipality_code"), entry.get("municipality"))
             for plan_id, entry in data.get("plans", {}).items()}
    card = data.get("card", {})
    config = ProjectConfig(data.get("main_plan"), plans,
                         CardConfig([tuple(pair) for pair in card.get("fields", [])],
                                    {t: list(fs) for t, fs in card.get("shown_when_missing", {}).items()}),
                         frozenset(tuple(pair) for pair in data.get("nesting_allowed", [])),
                         {need_type: tuple(links) for need_type, links in data["hierarchy"].items()})
    model.use_hierarchy(config.hierarchy)
    return config


def project_config(app) -> ProjectConfig:
    """The project's configuration, read once per build (checked at config-inited)."""
    config = getattr(app, "dxplan_project_config", None)
    if config is None:
        config = app.dxplan_project_config = load_project_config(Path(app.confdir) / CONFIG_FILE)
    return config


def check_config_file(app, config) -> None:
    """Before sphinx-needs reads ubproject.toml: a broken file stops the build, each problem located.

    Stopped with SystemExit, not a Sphinx error: Sphinx answers any exception raised this early
    with a crash report, and these are the user's mistakes, not a crash.
    """
    from sphinx.util import logging

    try:
        project_config(app)
    except DataErrors as exc:
        logger = logging.getLogger(__name__)
        for error in exc.errors:
            where = error.location
            logger.warning(error.message, type="dxplan", subtype="config", location=f"{where.file}:{where.line or 1}")
        logger.error(words.fix_to_build(file=CONFIG_FILE))
        raise SystemExit(2) from None


def data_model(site_needs: dict[str, Any]) -> dict[str, Any]:
    """The [needs] table a build uses: dxplan's shared model (MODEL_FILE) with the site's own
    [needs] added. A site's type, field, link or schema rule of the same directive, name or id
    replaces the model's, in place; a setting the site gives replaces the model's."""
    shared = parse_toml(MODEL_FILE, MODEL_FILE.read_text(encoding="utf-8"))["needs"]
    merged = {**shared, **site_needs}
    merged["types"] = _replaced_or_added(shared.get("types", []), site_needs.get("types", []), "directive")
    for table in ("fields", "links"):
        merged[table] = {**shared.get(table, {}), **site_needs.get(table, {})}
    shared_rules, site_rules = shared.get("schema_definitions", {}), site_needs.get("schema_definitions", {})
    merged["schema_definitions"] = {**shared_rules, **site_rules, "schemas": _replaced_or_added(
        shared_rules.get("schemas", []), site_rules.get("schemas", []), "id")}
    return merged


def _replaced_or_added(shared: list[dict], own: list[dict], key: str) -> list[dict]:
    own_by_key = {entry.get(key): entry for entry in own}
    shared_keys = {entry.get(key) for entry in shared}
    return [own_by_key.get(entry.get(key), entry) for entry in shared] + [e for e in own if e.get(key) not in shared_keys]


def project_data_model(config_file: Path) -> dict[str, Any]:
    """A site's data model: the shared model with the [needs] table of its `config_file`."""
    return data_model(parse_toml(config_file, Path(config_file).read_text(encoding="utf-8")).get("needs", {}))


def add_shared_model(app, config) -> None:
    """After sphinx-needs has read the site's [needs] table: the shared model under it."""
    from dxplan.internals import set_needs_config

    if config.needs_from_toml:
        site_file = Path(app.confdir, config.needs_from_toml)
        set_needs_config(config, project_data_model(site_file), site_file.parent)


def setup_config(app) -> None:
    app.connect("config-inited", check_config_file, priority=5)  # sphinx-needs reads it at 10
    app.connect("config-inited", add_shared_model, priority=11)  # before it resolves the types (12)


def load_grade_scales(path: Path) -> list[GradeScale]:
    """The grade scales of a project's configuration file."""
    return grade_scales(read_config_table(path).get("grade_scales", []), str(path))


def load_deadlines(config: Path) -> dict[int, dt.date]:
    """[dxplan.reporting] deadlines = [{ fy = 2025, date = 2026-05-31 }, …] in ubproject.toml."""
    if not config.exists():
        return {}
    return {e["fy"]: e["date"] for e in read_config_table(config).get("reporting", {}).get("deadlines", [])}
