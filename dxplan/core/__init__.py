"""The core: the plan's model, arithmetic and words, with no Sphinx or docutils import (a test checks it).

The need records (model), fiscal years, the coverage rules, progress and grades, the matrices,
Mermaid text, what views and cards show, open-data datasets, revisions and change reasons, the
actuals store and reporting states, escaping-safe exports, located errors, and the catalogue of
Japanese words (labels/). The CLI, the project layer and the Sphinx extension build on it; it
builds on nothing of theirs."""
