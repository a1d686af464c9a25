"""dxplan's site settings without its plan features: the plain-Sphinx baseline of `make bench`
gets the same speed settings (search splitter, static files) so the ratio measures only dxplan."""

from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    from dxplan.site import setup_site

    setup_site(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
