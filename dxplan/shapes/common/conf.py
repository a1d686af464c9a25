# Sphinx configuration of a dxplan plan site (written by `dxplan init`; edit freely).
# sphinx-needs reads the data model (types, fields, links, schema rules) from ubproject.toml;
# dxplan reads its own settings from the [dxplan] table of the same file.
project = "【サンプル】サンプル区の計画"
author = "サンプル区"
copyright = "サンプル（実在の自治体の計画ではありません）"
language = "ja"

extensions = ["myst_parser", "sphinx_needs", "dxplan"]
root_doc = "index"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]

needs_from_toml = "ubproject.toml"

html_theme = "furo"
html_title = "【サンプル】サンプル区の計画"
html_last_updated_fmt = "%Y-%m-%d"
locale_dirs = ["../locales"]  # relative to docs/: Japanese strings furo does not ship

# Diagrams ({dxplan-view} structure-diagram, policy-diagram) need sphinxcontrib-mermaid:
# add "sphinxcontrib.mermaid" to extensions and serve Mermaid from _static/ (see the dxplan
# README) so the site makes no request outside its own origin.
