# Sphinx configuration of a dxplan plan site (written by `dxplan init`; edit freely). The settings
# every dxplan site shares come from dxplan (language, extensions, theme, needs_from_toml);
# sphinx-needs reads [needs] from ubproject.toml and dxplan its own [dxplan] table there.
from dxplan.site_settings import shared_settings

globals().update(shared_settings())

project = "【サンプル】サンプル区の計画"
author = "サンプル区"
copyright = "サンプル（実在の自治体の計画ではありません）"
html_title = "【サンプル】サンプル区の計画"

# Diagrams ({dxplan-view} structure-diagram, policy-diagram) need sphinxcontrib-mermaid:
# add "sphinxcontrib.mermaid" to extensions and serve Mermaid from _static/ (see the dxplan
# README) so the site makes no request outside its own origin.
