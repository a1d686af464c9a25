"""区の対応 on the committee pages: the summary of the ward's responses, and the build's check of
needs/responses.toml (core/responses.py reads the file)."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from dxplan.core.labels import RESPONSE_GAP, rules as words
from dxplan.core.model import Needs
from dxplan.core.responses import RESPONSES_FILE, Response, load_responses, response_counts
from dxplan.datafiles import log_data_errors
from dxplan.internals import resolved_needs
from dxplan.render import gap, table
from dxplan.views import register_view
from dxplan.core import labels as shared_words


def build_responses(app: Sphinx, needs: Needs) -> dict[str, Response]:
    return load_responses(Path(app.confdir), needs)[0]


def check_responses(app: Sphinx, builder: object = None) -> None:
    """A malformed response fails every build, no-op rebuilds included."""
    log_data_errors(load_responses(Path(app.confdir), resolved_needs(app))[1], "responses")


def render_response_summary(ctx) -> list[nodes.Node]:
    counts = response_counts(ctx.needs, build_responses(ctx.app, ctx.needs))
    total = sum(n for _label, n in counts)
    rows = [[gap(label) if label == RESPONSE_GAP else label, gap(str(n)) if label == RESPONSE_GAP and n else str(n)]
            for label, n in counts]
    rows.append([shared_words.TOTAL, str(total)])
    return [table([shared_words.RESPONSE, words.RECOMMENDATIONS], rows, caption=words.responses_caption(total),
                  classes=["dxplan-response-summary"])]


def setup_responses(app: Sphinx) -> None:
    app.connect("write-started", check_responses)
    register_view("response-summary", render_response_summary, depends_on=(RESPONSES_FILE,))
