"""Plan revisions: snapshots (needs.json files in needs/snapshots/), a field-by-field diff
between two revisions (with declared renames/renumberings), and suspect links.

A link is suspect when either end changed (its title or target) since the link was last
confirmed: the fingerprints of both ends are kept in needs/reviews.toml, as Doorstop keeps
the parent's hash in each link. `dxplan review --confirm ID` re-confirms a need's links.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dxplan.core import model
from dxplan.core.errors import DataError, DataErrors, SourceLocation, load_records
from dxplan.core.exports import write_atomic
from dxplan.core.labels import revisions as words
from dxplan.core.model import Need, Needs
from dxplan.core import labels as shared_words

SNAPSHOT_DIR = "needs/snapshots"
ID_MAP_FILE = "needs/id-map.toml"
REVIEWS_FILE = "needs/reviews.toml"

#: Fields compared between revisions, with the labels the diff shows.
COMPARED_FIELDS = {
    "title": words.TITLE,
    "type": words.TYPE,
    "name": shared_words.MEASURE_NAME,
    "number_label": shared_words.NUMBER,
    "category": shared_words.CATEGORY,
    "target_value": shared_words.TARGET_VALUE,
    "target_unit": shared_words.UNIT,
    "target_qualifier": shared_words.QUALIFIER,
    "target_fy": shared_words.TARGET_YEAR,
    "baseline_value": shared_words.BASELINE_VALUE,
    "baseline_fy": shared_words.BASELINE_FY,
}
#: Links compared (their targets are translated through the ID map first).
COMPARED_LINKS = ("plan", "vision", "policy", "measures", "kpi", "owner", "co_owner")
CHANGE_LABELS = {"added": words.ADDED, "removed": words.REMOVED, "changed": words.CHANGED, "renamed": words.RENAMED}
LINK_LABELS = {"plan": shared_words.PLAN, "vision": shared_words.VISION, "policy": shared_words.POLICY, "measures": words.MEASURES,
               "kpi": "KPI", "owner": shared_words.OWNER, "co_owner": words.CO_OWNER}


# ---------------------------------------------------------------- snapshots


def snapshot_document(needs: Needs, *, name: str, plan_id: str | None, source: str) -> dict[str, Any]:
    """A needs.json-shaped document holding one plan's needs (or all) at one revision."""
    selected = model.plan_subset(needs, plan_id) if plan_id else dict(needs)
    return {
        "created": dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds"),
        "current_version": name,
        "dxplan_snapshot": {"name": name, "plan": plan_id, "source": source},
        "versions": {name: {"needs": {i: dict(selected[i]) for i in sorted(selected)}}},
    }


def write_snapshot(path: Path, document: dict[str, Any]) -> None:
    """Under the needs/ lock (the caller holds it); read back as JSON before the rename."""
    write_atomic(path, (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"),
                 check=lambda data: json.loads(data.decode("utf-8")))


# ---------------------------------------------------------------- ID map (renames, renumbering)


@dataclass(frozen=True)
class SameObject:
    old: str
    new: str
    note: str
    location: SourceLocation


def load_id_map(path: Path) -> list[SameObject]:
    """Read needs/id-map.toml: old, new and note (the source that says they are the same object)."""
    return [SameObject(entry["old"], entry["new"], entry["note"], where)
            for entry, where in load_records(path, "same", required=("old", "new", "note"), key=("old",), id_key="old")]


# ---------------------------------------------------------------- diff


@dataclass
class NeedChange:
    kind: str  # added, removed, changed, renamed (renamed may also carry field changes)
    type: str
    old_id: str | None
    new_id: str | None
    title: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)
    note: str | None = None
    group: str = ""

    def as_text(self) -> str:
        label = CHANGE_LABELS[self.kind]
        ids = self.new_id or self.old_id
        if self.kind == "renamed":
            ids = f"{self.old_id} → {self.new_id}"
        lines = [f"[{label}] {ids} {self.title}" + (f"（{self.note}）" if self.note else "")]
        lines += [f"    {COMPARED_FIELDS.get(name, name)}: {show_value(old)} → {show_value(new)}" for name, old, new in self.fields]
        return "\n".join(lines)


def show_value(value: Any) -> str:
    if value in (None, "", []):
        return words.NOTHING
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return shared_words.LIST_SEPARATOR.join(value)
    return str(value)


def _comparable(need: Need, rename: dict[str, str]) -> dict[str, Any]:
    """Fields as compared; link targets are named as in the new revision (old IDs renamed)."""
    values = {name: need.get(name) for name in COMPARED_FIELDS}
    for link in COMPARED_LINKS:
        values[link] = sorted({rename.get(t, t) for t in need.get(link) or []})
    return values


def _group(need: Need, needs: Needs) -> str:
    if need.get("type") == model.POLICY:
        policy = need
    else:
        policies = model.ancestors(needs, need, model.POLICY)
        if not policies:
            return words.OUTSIDE_POLICIES
        policy = policies[0]
    return f"{policy.get('category') or ''}{policy.get('number_label') or ''} {policy['title']}".strip()


#: The plan's own structure; the 計画の変更点 page compares only these.
STRUCTURE_TYPES = ("plan", "vision", "policy", "measure", "kpi", "target")


def diff_needs(old: Needs, new: Needs, same: list[SameObject] = (),
               types: tuple[str, ...] | None = None) -> list[NeedChange]:
    """Every need added, removed, changed field by field, or renamed/renumbered per the ID map."""
    if types is not None:
        old = {i: n for i, n in old.items() if n.get("type") in types}
        new = {i: n for i, n in new.items() if n.get("type") in types}
    # A declared pair applies only where one ID replaced the other between the revisions.
    rename = {s.old: s.new for s in same
              if s.old in old and s.new in new and s.old not in new and s.new not in old}
    notes = {s.old: s.note for s in same}
    changes: list[NeedChange] = []
    matched_new = set()
    for old_id in sorted(old, key=lambda i: model.plan_order(old[i])):
        before = old[old_id]
        new_id = rename.get(old_id, old_id if old_id in new else None)
        if new_id is None:
            changes.append(NeedChange("removed", before.get("type", ""), old_id, None, before.get("title", ""),
                                      group=_group(before, old)))
            continue
        matched_new.add(new_id)
        after = new[new_id]
        a, b = _comparable(before, rename), _comparable(after, rename)
        fields = [(k, a[k], b[k]) for k in a if a[k] != b[k]]
        if new_id != old_id:
            changes.append(NeedChange("renamed", after.get("type", ""), old_id, new_id, after.get("title", ""),
                                      fields, notes.get(old_id), _group(after, new)))
        elif fields:
            changes.append(NeedChange("changed", after.get("type", ""), old_id, new_id, after.get("title", ""),
                                      fields, group=_group(after, new)))
    for new_id in sorted(set(new) - matched_new - set(old), key=lambda i: model.plan_order(new[i])):
        after = new[new_id]
        changes.append(NeedChange("added", after.get("type", ""), None, new_id, after.get("title", ""),
                                  group=_group(after, new)))
    return changes


def changes_as_json(changes: list[NeedChange]) -> str:
    return json.dumps([asdict(c) for c in changes], ensure_ascii=False, indent=2)



# ---------------------------------------------------------------- suspect links


def fingerprint(need: Need, needs: Needs) -> str:
    """What a linked need's reviewer agreed to: its title and targets (a KPI includes its targets)."""
    parts = [need.get("title"), need.get("target_value"), need.get("target_unit"),
             need.get("target_qualifier"), need.get("target_fy")]
    if need.get("type") == model.KPI:
        for target in model.linked(needs, need, "kpi", back=True):
            parts += [target.get("title"), target.get("target_value"), target.get("target_unit"),
                      target.get("target_qualifier"), target.get("target_fy")]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ReviewedLink:
    source: str
    link: str
    target: str
    source_fingerprint: str
    target_fingerprint: str
    confirmed_at: str = ""


def plan_links(needs: Needs) -> Iterator[tuple[str, str, str]]:
    for need_id in sorted(needs):
        for link in COMPARED_LINKS:
            for target in needs[need_id].get(link) or []:
                if target in needs and link not in ("owner", "co_owner"):
                    yield need_id, link, target


_REVIEW_KEYS = ("from", "type", "to", "from_fingerprint", "to_fingerprint")


def load_reviews(path: Path, text: str | None = None) -> dict[tuple[str, str, str], ReviewedLink]:
    """Read needs/reviews.toml (or `text` to be written there); every malformed entry is reported
    at once (file, line, need)."""
    out = {}
    for entry, _ in load_records(path, "link", required=_REVIEW_KEYS, optional=("confirmed_at",), id_key="from",
                                 text=text):
        review = ReviewedLink(entry["from"], entry["type"], entry["to"], entry["from_fingerprint"],
                              entry["to_fingerprint"], str(entry.get("confirmed_at", "")))
        out[(review.source, review.link, review.target)] = review
    return out


def suspect_links(needs: Needs, reviews: dict[tuple[str, str, str], ReviewedLink]) -> list[tuple[str, str, str, str]]:
    """(source, link, target, which end changed) for every reviewed link whose ends changed since."""
    out = []
    for key in plan_links(needs):
        review = reviews.get(key)
        if review is None:
            continue
        source, _link, target = key
        changed = [end for end, need_id, stored in ((words.SOURCE_END, source, review.source_fingerprint),
                                                     (words.TARGET_END, target, review.target_fingerprint))
                   if fingerprint(needs[need_id], needs) != stored]
        if changed:
            out.append((*key, shared_words.WORD_SEPARATOR.join(changed)))
    return out


def confirm_links(needs: Needs, reviews: dict[tuple[str, str, str], ReviewedLink],
                  need_ids: set[str] | None) -> dict[tuple[str, str, str], ReviewedLink]:
    """Re-confirm the links touching `need_ids` (every link when None) and record new links;
    links that no longer exist are dropped."""
    now = dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    out = {}
    for key in plan_links(needs):
        source, link, target = key
        if key in reviews and need_ids is not None and not {source, target} & need_ids:
            out[key] = reviews[key]
        else:
            out[key] = ReviewedLink(source, link, target, fingerprint(needs[source], needs),
                                    fingerprint(needs[target], needs), now)
    return out


def merge_reviews(text: str, reviews: dict[tuple[str, str, str], ReviewedLink]) -> str:
    """`text` (reviews.toml as it is) with every review set in place, through the one record writer."""
    from dxplan.core.store import RecordWrite, merge_records

    return merge_records(text or words.REVIEWS_HEADER, "link", ("from", "type", "to"), [
        RecordWrite(key, {"from": r.source, "type": r.link, "to": r.target, "from_fingerprint": r.source_fingerprint,
                          "to_fingerprint": r.target_fingerprint, "confirmed_at": r.confirmed_at})
        for key, r in sorted(reviews.items())], in_key_order=True)


def write_reviews(path: Path, reviews: dict[tuple[str, str, str], ReviewedLink]) -> None:
    """Under the needs/ lock (the caller holds it); read back before the rename."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""

    def read_back(data: bytes) -> None:
        if load_reviews(path, data.decode("utf-8")) != {**load_reviews(path, text), **reviews}:
            raise DataErrors([DataError(SourceLocation(str(path)), None, shared_words.READ_BACK_DIFFERS)])

    write_atomic(path, merge_reviews(text, reviews).encode("utf-8"), check=read_back)
