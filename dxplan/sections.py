"""The section registry (needs/sections.toml) and the `section` needs made from it."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from dxplan.core.errors import DataError, DataErrors, SourceLocation, read_toml_records
from dxplan.core.labels import errors as words
from dxplan.datafiles import register_data_file
from dxplan.internals import register_page_with_needs

REGISTRY_FILE = "needs/sections.toml"
_KEYS = {"id", "name", "department", "source"}


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    department: str | None
    source: str
    location: SourceLocation


def load_sections(path: Path, id_regex: str) -> dict[str, Section]:
    """Read and validate the registry; every problem is reported at once."""
    errors: list[DataError] = []
    sections: dict[str, Section] = {}
    for entry, location in read_toml_records(path, "section")[1]:
        section_id = entry.get("id")
        unknown = set(entry) - _KEYS
        if unknown:
            errors.append(DataError(location, section_id, words.unknown_keys(sorted(unknown))))
        if not isinstance(section_id, str) or not re.match(id_regex, section_id):
            errors.append(DataError(location, section_id, words.id_against_rule(pattern=id_regex)))
            continue
        if section_id in sections:
            first = sections[section_id].location
            errors.append(DataError(location, section_id, words.duplicate_id(first=first)))
            continue
        for key in ("name", "source"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                errors.append(DataError(location, section_id, words.missing(what=key)))
        if errors and errors[-1].object_id == section_id:
            continue
        sections[section_id] = Section(
            id=section_id,
            name=entry["name"],
            department=entry.get("department"),
            source=entry["source"],
            location=location,
        )
    if errors:
        raise DataErrors(errors)
    return sections


def registry(app: Sphinx) -> dict[str, Section] | DataErrors:
    """The project's registry, read once per build: its sections, or why it cannot be read."""
    cached = getattr(app, "dxplan_sections", None)
    if cached is None:
        try:
            cached = load_sections(Path(app.confdir) / REGISTRY_FILE, app.config.needs_id_regex)
        except DataErrors as exc:
            cached = exc
        app.dxplan_sections = cached
    return cached


class SectionDirective(SphinxDirective):
    """``{dxplan-section} SEC_ID``: the section need for one registry entry."""

    required_arguments = 1
    option_spec = {"registry": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from sphinx_needs.api import add_need

        path = Path(self.env.app.confdir) / self.options.get("registry", REGISTRY_FILE)
        self.env.note_dependency(str(path))
        try:
            sections = (registry(self.env.app) if "registry" not in self.options
                        else load_sections(path, self.config.needs_id_regex))
        except DataErrors:
            sections = None
        if isinstance(sections, DataErrors) or sections is None:
            return []  # the data-file check reports the registry itself, once (datafiles.py)
        section = sections.get(self.arguments[0])
        if section is None:
            raise self.error(words.section_not_registered(path=path, section_id=self.arguments[0]))
        register_page_with_needs(self.env, self.env.docname)  # so sphinx-needs resolves the card's links on this page
        return add_need(
            self.env.app,
            self.state,
            self.env.docname,
            self.lineno,
            need_type="section",
            title=section.name,
            id=section.id,
            department=section.department,
            source=section.source,  # the registry file is the secretariat's business, not the reader's
        )


def unmade_sections(app: Sphinx) -> set[str]:
    """While the registry cannot be read: the section IDs it names, whose needs this build could not make."""
    if not isinstance(registry(app), DataErrors):
        return set()
    try:
        text = (Path(app.confdir) / REGISTRY_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return set(re.findall(r'^\s*id\s*=\s*"([^"]+)"', text, re.M))


class _QuietFollowOn(logging.Filter):
    """While the registry cannot be read, links to its sections dangle: that is one problem, not many."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self._app = app

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "type", None) != "needs" or getattr(record, "subtype", None) != "link_outgoing":
            return True
        target = re.search(r"unknown outgoing link '([^']+)'", str(record.msg))
        return not (target and target[1] in unmade_sections(self._app))


def _check_registry(app: Sphinx, path: Path) -> None:
    if path.exists() and isinstance(found := registry(app), DataErrors):
        raise found


def setup_sections(app: Sphinx) -> None:
    app.add_directive("dxplan-section", SectionDirective)
    register_data_file(REGISTRY_FILE, "sections", _check_registry)
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler):
            handler.addFilter(_QuietFollowOn(app))
