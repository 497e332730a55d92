"""HTML to tagged, accessible PDF (PDF/UA-1, language ``de``) with WeasyPrint.

This is the only module that imports WeasyPrint, and only when a PDF is made: its import alone
takes about half a second, which ``import werkzeugkoffer`` and most commands must not pay.

Nothing is fetched while rendering except the package's own assets: the URL fetcher serves
``werkzeugkoffer-asset:NAME`` from ``werkzeugkoffer/templates/assets/`` and refuses every other
URL (``file:``, ``http(s):``, ``data:`` and the rest), so text from a workspace can never make a
PDF read a local file or reach the network. Kits are self-contained (inline CSS, inline SVG), so
the default templates need no fetching at all.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from typing import Any

ASSET_SCHEME = "werkzeugkoffer-asset"
ASSETS_DIR = Path(__file__).resolve().parent.parent / "templates" / "assets"
PDF_VARIANT = "pdf/ua-1"
_ASSET_NAME_RE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*$")

_state: dict[str, Any] = {}


class RefusedURL(ValueError):
    """A URL the kit renderer will not fetch."""


def asset_path(url: str) -> Path:
    """The package file a ``werkzeugkoffer-asset:NAME`` URL names; refuses anything else."""
    scheme, sep, rest = url.partition(":")
    if not sep or scheme.lower() != ASSET_SCHEME:
        raise RefusedURL(f"refused to fetch {url!r}: only {ASSET_SCHEME}: URLs are served")
    name = rest.lstrip("/")
    if not _ASSET_NAME_RE.match(name) or ".." in name:
        raise RefusedURL(f"refused to fetch {url!r}: not a plain asset name")
    path = ASSETS_DIR / name
    if not path.is_file() or path.resolve().parent != ASSETS_DIR:
        raise RefusedURL(f"refused to fetch {url!r}: no such asset")
    return path


def make_url_fetcher():
    """A WeasyPrint URL fetcher that serves only the package's assets (records what it refused)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=(ASSET_SCHEME,), allow_redirects=False)
            self.refused: list[str] = []
            self.served: list[str] = []

        def fetch(self, url, headers=None):
            try:
                path = asset_path(url)
            except RefusedURL:
                self.refused.append(url)
                raise
            self.served.append(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

        def open(self, url, data=None, timeout=None):  # never fall back to urllib
            target = getattr(url, "full_url", url)
            return self.fetch(target)

    return AssetOnlyFetcher()


def preload() -> None:
    """Import WeasyPrint and prepare a font configuration (once per process)."""
    if "font_config" in _state:
        return
    import weasyprint  # noqa: F401
    from weasyprint.text.fonts import FontConfiguration

    _state["font_config"] = FontConfiguration()


def html_to_pdf(html: str, *, url_fetcher=None) -> tuple[bytes, int]:
    """Render HTML to PDF/UA-1 bytes; return ``(pdf, number of pages)``.

    The document language and title come from ``<html lang>`` and ``<title>``.
    """
    preload()
    from weasyprint import HTML

    fetcher = url_fetcher if url_fetcher is not None else make_url_fetcher()
    options = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}
    document = HTML(string=html, base_url=None, url_fetcher=fetcher).render(
        font_config=_state["font_config"], **options
    )
    data = document.write_pdf(**options)
    return data, len(document.pages)
