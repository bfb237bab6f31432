"""HTML → PDF with WeasyPrint, fetching nothing: no file:// and no network URL reaches it."""

from __future__ import annotations

from typing import Any


class BlockedFetch(Exception):
    """Raised for every URL WeasyPrint tries to load."""


def _deny_all(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise BlockedFetch(f"promocase does not load external resources ({url[:60]})")


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render a self-contained HTML document (inline CSS and SVG) to PDF bytes.

    Every resource fetch is refused, so user text cannot make the PDF read a local file or the
    network. WeasyPrint is imported here because it takes about a second to import.
    """
    import logging

    from weasyprint import HTML

    # WeasyPrint logs each refused fetch as a warning; they are expected here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=base_url or "about:blank", url_fetcher=_deny_all)
    return bytes(document.write_pdf())
