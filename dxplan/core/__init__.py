"""The core: the plan's model and arithmetic, with no Sphinx or docutils import (a test checks it).

Fiscal years, need records, the actuals store and reporting states, revisions, escaping-safe
exports, located errors and the catalogue of shared Japanese words. The CLI, the project
loader and the Sphinx extension build on it; it builds on nothing of theirs."""
