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

import io
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
    # the refusals go to WeasyPrint's log for developers (the user sees no such text): English
    scheme, sep, rest = url.partition(":")
    if not sep or scheme.lower() != ASSET_SCHEME:
        raise RefusedURL(  # no-i18n
            f"refused to fetch {url!r}: only {ASSET_SCHEME}: URLs are served")
    name = rest.lstrip("/")
    if not _ASSET_NAME_RE.match(name) or ".." in name:
        raise RefusedURL(f"refused to fetch {url!r}: not a plain asset name")  # no-i18n
    path = ASSETS_DIR / name
    if not path.is_file() or path.resolve().parent != ASSETS_DIR:
        raise RefusedURL(f"refused to fetch {url!r}: no such asset")  # no-i18n
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


def _options() -> dict[str, Any]:
    return {"pdf_variant": PDF_VARIANT, "pdf_tags": True}


def layout(html: str, *, url_fetcher=None):
    """Lay out HTML as a WeasyPrint document (pages), ready to be written as PDF.

    The document language and title come from ``<html lang>`` and ``<title>``.
    """
    preload()
    from weasyprint import HTML

    fetcher = url_fetcher if url_fetcher is not None else make_url_fetcher()
    return HTML(string=html, base_url=None, url_fetcher=fetcher).render(
        font_config=_state["font_config"], **_options()
    )


def write(document) -> bytes:
    """A laid-out document as PDF/UA-1 bytes (tagged; table headers carry their /Scope, layout
    tables are no tables)."""
    return document.write_pdf(finisher=finish_tags, **_options())


def finish_tags(document, pdf) -> None:
    """The WeasyPrint finisher: :func:`untag_layout_tables`, then :func:`add_table_header_scope`."""
    untag_layout_tables(document, pdf)
    add_table_header_scope(document, pdf)


def _struct_elements(pdf) -> dict:
    import pydyf

    return {obj.reference: obj for obj in pdf.objects
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"}


def untag_layout_tables(document, pdf) -> None:
    """Tag tables without any header cell as /Div (a WeasyPrint finisher).

    Templates use such tables only for layout (``role="presentation"``: signature lines, cards
    to cut apart), which WeasyPrint would tag as data tables without headers; a test keeps every
    other table of the templates with header cells.
    """
    elements = _struct_elements(pdf)
    children: dict = {}
    for ref, elem in elements.items():
        children.setdefault(elem.get("P"), []).append(elem)

    def descendants(elem):
        for child in children.get(elem.reference, ()):
            yield child
            yield from descendants(child)

    for elem in list(elements.values()):
        if elem.get("S") != "/Table":
            continue
        inner = list(descendants(elem))
        if any(e.get("S") == "/TH" for e in inner):
            continue
        elem["S"] = "/Div"
        elem.pop("A", None)
        for e in inner:
            if e.get("S") in ("/THead", "/TBody", "/TFoot", "/TR", "/TD"):
                e["S"] = "/Div"
                e.pop("A", None)
                e.pop("ID", None)


def merge(parts: list[bytes], title: str) -> bytes:
    """One tagged PDF/UA file of several written ones (their pages in order), titled ``title``.

    Used for the kit's combined PDF: its documents are written once each, and the combined file
    is put together from their bytes instead of being drawn a second time. Each part's structure
    tree becomes a /Part of one /Document (its page and link keys in the parent tree shifted),
    its bookmarks follow the previous part's, and its internal links point to explicit
    destinations (named destinations of different parts may share a name). Language, mark info,
    viewer preferences and the XMP metadata (with the PDF/UA identifier) are the first part's.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    sources = [pikepdf.Pdf.open(io.BytesIO(data)) for data in parts]
    out = pikepdf.new()
    first = sources[0].Root
    for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata", "/OutputIntents"):
        if key in first:
            value = first[key]
            out.Root[key] = out.copy_foreign(
                value if value.is_indirect else sources[0].make_indirect(value))
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document])))
    document.P = root
    nums = Array()
    outlines = out.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    last_outline = None
    offset = 0
    for src in sources:
        _resolve_named_destinations(src)
        start = len(out.pages)
        out.pages.extend(src.pages)
        tree = src.Root.get("/StructTreeRoot")
        highest = -1
        if tree is not None:
            copied = out.copy_foreign(tree)
            for elem in copied.K:
                elem.S = Name.Part
                elem.P = document
                document.K.append(elem)
            old = list(copied.ParentTree.Nums)
            for key, value in zip(old[::2], old[1::2]):
                nums.append(int(key) + offset)
                nums.append(value)
                highest = max(highest, int(key))
        for page in out.pages[start:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", ()):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        offset += highest + 1
        top = src.Root.get("/Outlines")
        if top is not None and "/First" in top:
            item = out.copy_foreign(top.First)
            if last_outline is None:
                outlines.First = item
            else:
                last_outline.Next = item
                item.Prev = last_outline
            while True:
                item.Parent = outlines
                outlines.Count = int(outlines.Count) + 1 + max(0, int(item.get("/Count", 0)))
                if "/Next" not in item:
                    break
                item = item.Next
            last_outline = item
            outlines.Last = item
    root.ParentTree = out.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = offset
    out.Root.StructTreeRoot = root
    if last_outline is not None:
        out.Root.Outlines = outlines
    out.docinfo = out.make_indirect(Dictionary(sources[0].docinfo))
    out.docinfo.Title = title
    with out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
    buffer = io.BytesIO()
    out.save(buffer, compress_streams=True, min_version=max(s.pdf_version for s in sources),
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def _resolve_named_destinations(src) -> None:
    """Replace the named destinations of links by the explicit ones they name."""
    import pikepdf

    names = src.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    if dests is None:
        return
    table: dict[str, Any] = {}
    stack = [dests]
    while stack:  # a name tree: a flat /Names array, or /Kids
        node = stack.pop()
        flat = list(node.get("/Names", ()))
        for key, value in zip(flat[::2], flat[1::2]):
            table[str(key)] = value
        stack.extend(node.get("/Kids", ()))
    for page in src.pages:
        for annot in page.obj.get("/Annots", ()):
            dest = annot.get("/Dest")
            if dest is not None and not isinstance(dest, pikepdf.Array):
                target = table.get(str(dest))
                if target is not None:
                    annot.Dest = target
    del names.Dests


def anchors(document) -> dict[str, int]:
    """The page number (from 1) of every anchor (``id``) in a laid-out document."""
    out: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            out.setdefault(name, number)
    return out


def add_table_header_scope(document, pdf) -> None:
    """Give every /TH structure element a /Scope (a WeasyPrint finisher).

    WeasyPrint links data cells to their headers (/Headers and /IDs) but writes no /Scope,
    which PDF/UA checkers look for. A header cell is a row header when a data cell of its own
    row refers to it, else a column header (a header row has no data cells referring to it
    from the same row).
    """
    import pydyf

    by_ref = _struct_elements(pdf)
    row_header_keys: set[tuple[bytes, str]] = set()
    headers: list = []
    for elem in by_ref.values():
        role = elem.get("S")
        if role == "/TD":
            attrs = elem.get("A")
            refs = attrs.get("Headers") if isinstance(attrs, dict) else None
            for key in refs or ():
                row_header_keys.add((elem.get("P"), getattr(key, "string", str(key))))
        elif role == "/TH":
            headers.append(elem)
    for elem in headers:
        key = elem.get("ID")
        key = getattr(key, "string", str(key)) if key is not None else None
        scope = "/Row" if (elem.get("P"), key) in row_header_keys else "/Column"
        parent = by_ref.get(elem.get("P"))
        grand = by_ref.get(parent.get("P")) if parent is not None else None
        if grand is not None and grand.get("S") == "/THead":
            scope = "/Column"
        attrs = elem.get("A")
        if not isinstance(attrs, dict):
            attrs = pydyf.Dictionary({"O": "/Table"})
            elem["A"] = attrs
        attrs["Scope"] = scope


def html_to_pdf(html: str, *, url_fetcher=None) -> tuple[bytes, int]:
    """Render HTML to PDF/UA-1 bytes; return ``(pdf, number of pages)``.

    The document language and title come from ``<html lang>`` and ``<title>``.
    """
    document = layout(html, url_fetcher=url_fetcher)
    return write(document), len(document.pages)


def write_html_and_pdf(out_dir: Path, stem: str, html: str,
                       wanted: Any) -> tuple[list[Path], int | None]:
    """Write ``stem.html`` and/or ``stem.pdf`` into ``out_dir`` (atomically), as ``wanted``
    (a collection of "html", "pdf") names them; return the files written and the PDF's number
    of pages (``None`` without a PDF)."""
    from ..files import write_atomic

    files: list[Path] = []
    pages = None
    if "html" in wanted:
        path = out_dir / f"{stem}.html"
        write_atomic(path, html)
        files.append(path)
    if "pdf" in wanted:
        data, pages = html_to_pdf(html)
        path = out_dir / f"{stem}.pdf"
        write_atomic(path, data)
        files.append(path)
    return files, pages
