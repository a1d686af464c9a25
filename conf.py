# Sphinx configuration for the dxplan plan site. The settings every dxplan site shares come from
# dxplan (language, extensions, theme, needs_from_toml); the names below are this site's own.
from dxplan.site_settings import shared_settings

globals().update(shared_settings())

project = "板橋区DX推進計画2025"
author = "板橋区"
copyright = "掲載内容の出典は板橋区・江東区の公表資料（このサイトは区の公式サイトではありません）"
html_title = "板橋区DX推進計画2025（後期実施計画）"

extensions = ["myst_parser", "sphinxcontrib.mermaid", "sphinx_needs", "dxplan"]
html_static_path = [".assets"]  # Mermaid (pinned npm copy), staged by `make`
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"  # under _static/
mermaid_version = "11.17.2"
mermaid_height = "auto"
