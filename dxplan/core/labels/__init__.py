"""The catalogue: every Japanese word and message dxplan writes, one wording per idea.

Code stays English; the Japanese it shows lives in this folder, so a ward's staff change a wording
in one place and 「主管課未記載」 reads the same on a progress table, in a spreadsheet and in a CLI
message.

- shared.toml holds the words several parts show: `labels.GAP_LABEL`.
- One file per capability holds the rest: `from dxplan.core.labels import progress as words`.
- A word is an UPPER_CASE key. A message is a lower_case key holding a template, which the caller
  fills by keyword (`words.unknown_target(target_id=...)`). Its name says the idea, and where the
  reader must act it ends with what to do.
- A message that chooses its words (a condition, a list, a count) is a function, named for its
  idea in the manner of StrictDoc's error factories, in the module of the same name as the file
  (`progress.py` beside `progress.toml`). That module also gives the file's entries as its names.
- theme-ja.po holds the theme's own strings (furo's), read after Sphinx's catalogue.
- catalogue.py reads the files (how a template refers to other words: see there).

Tests fail when Japanese text is written outside this folder, when one wording is spelled twice,
or when code asks for an entry the catalogue does not have.
"""

from __future__ import annotations

from pathlib import Path

from dxplan.core.labels.catalogue import SHARED, load

# The shared words are this package's names (`labels.GAP_LABEL`): read once, then plain attributes.
globals().update(load(SHARED).entries())


def __getattr__(name: str):
    # `from dxplan.core.labels import revisions`: a capability with a file only (no module of
    # the same name, which the import system finds itself), kept as a name after the first use.
    folder = Path(__file__).parent
    if name != SHARED and (folder / f"{name}.toml").exists() and not (folder / f"{name}.py").exists():
        words = globals()[name] = load(name)
        return words
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
