# Sphinx configuration for the dxplan plan site. sphinx-needs reads its model
# (types, fields, links, schema rules) from ubproject.toml.

project = "板橋区DX推進計画2025"
author = "板橋区"
copyright = "掲載内容の出典は板橋区・江東区の公表資料（このサイトは区の公式サイトではありません）"
language = "ja"

extensions = ["myst_parser", "sphinxcontrib.mermaid", "sphinx_needs", "dxplan"]
root_doc = "index"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]

needs_from_toml = "ubproject.toml"

html_theme = "furo"
html_title = "板橋区DX推進計画2025（後期実施計画）"
html_static_path = [".assets"]  # Mermaid (pinned npm copy), staged by `make`
html_last_updated_fmt = "%Y-%m-%d"
locale_dirs = ["../locales"]  # relative to docs/

mermaid_use_local = "mermaid/mermaid.esm.min.mjs"  # under _static/
mermaid_version = "11.17.2"
mermaid_height = "auto"
