"""dxplan: plan-as-code for Japanese municipal DX plans (a Sphinx extension and a CLI)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importing dxplan's plain functions (the CLI, the tests) does not load Sphinx
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    from dxplan.compare import setup_compare
    from dxplan.config import setup_config
    from dxplan.a11y import setup_a11y
    from dxplan.cards import setup_cards
    from dxplan.change_reasons import setup_change_reasons
    from dxplan.coverage import setup_coverage
    from dxplan.datafiles import setup_datafiles
    from dxplan.diagrams import setup_diagrams
    from dxplan.diagnostics import setup_diagnostics
    from dxplan.findings import setup_findings
    from dxplan.incremental import setup_incremental
    from dxplan.matrices import setup_matrices
    from dxplan.opendata import setup_opendata
    from dxplan.progress import setup_progress
    from dxplan.records import setup_records
    from dxplan.reporting import setup_reporting
    from dxplan.responses import setup_responses
    from dxplan.sections import setup_sections
    from dxplan.security import setup_security
    from dxplan.site import setup_site
    from dxplan.views import setup_views

    setup_diagnostics(app)
    setup_findings(app)
    setup_config(app)
    app.setup_extension("sphinx_needs")
    setup_sections(app)
    setup_cards(app)
    setup_views(app)
    setup_coverage(app)
    setup_datafiles(app)
    setup_matrices(app)
    setup_diagrams(app)
    setup_compare(app)
    setup_progress(app)
    setup_records(app)
    setup_reporting(app)
    setup_change_reasons(app)
    setup_responses(app)
    setup_opendata(app)
    setup_a11y(app)
    setup_site(app)
    setup_security(app)
    setup_incremental(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
