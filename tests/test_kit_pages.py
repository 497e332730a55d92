"""Issue 12's page targets, held as structure: the example's Breidenbach phase 1 (the largest kit,
with the Tempo-Challenge at seven stations) built as real PDFs and read back with pypdf.

Breidenbach phase 1: Leitfaden + Termine (session spreads) + Ergebnisbögen <= 45 A4 pages; no
page of them holds only its running footer, a heading or the hand-back note; the staffing rota
of the ten station days fits one page; the combined PDF is merged from the documents' PDFs
with one structure tree. (Pages less than half filled are measured by
``benchmarks/kit_pages.py``, which needs a rasteriser.)
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from werkzeugkoffer import Workspace
from werkzeugkoffer.kits.build import build_kits
from werkzeugkoffer.kits.content import make_kit
from werkzeugkoffer.planning.roster import build_roster

TARGET = ("leitfaden", "termine", "ergebnisboegen")


def _text(page) -> str:
    return " ".join((page.extract_text() or "").split())


@pytest.fixture(scope="module")
def breidenbach(tmp_path_factory):
    """The example's Breidenbach phase 1 as PDFs (kit build, one process)."""
    from werkzeugkoffer.examples import create_workspace

    root = tmp_path_factory.mktemp("pages") / "mb"
    create_workspace(root, example="marburg-biedenkopf")
    ws = Workspace.load(root)
    report = build_kits(ws, ["breidenbach"], phase=1, formats="pdf", jobs=1)
    (outcome,) = report.outcomes
    assert outcome.status == "built", outcome.error
    folder = root / "kits" / "breidenbach"
    readers = {key: PdfReader(str(folder / f"phase-1-{key}.pdf")) for key, _ in outcome.document_pages}
    return ws, outcome, folder, readers


def test_guide_spreads_and_result_sheets_fit_45_pages(breidenbach):
    _, outcome, _, readers = breidenbach
    counts = dict(outcome.document_pages)
    assert {key: len(readers[key].pages) for key in counts} == counts
    assert sum(counts[key] for key in TARGET) <= 45, counts
    # every A4 document of the kit is in the combined file, posters and A3 copies are not
    assert "plakate" in counts and "kopiervorlagen" in counts


_FOOTER = re.compile(r"^(Leitfaden|Termine und Methodenkarten|Ergebnisbögen) · Breidenbach · "
                     r"Laborphase 1 Seite \d+ von \d+$")
# the result sheets' running header (read back after the page's text)
_RESULT_HEAD = re.compile(r"Ergebnisbogen · Kennung: (breidenbach-p1-\d\d) ?")
_NOTES = ("Nach dem Termin", "Bitte nach dem Termin", "Rückgabe nach der Phase")


def _body(text: str) -> str:
    """A page's text without its running header and footer."""
    text = _RESULT_HEAD.sub("", text)
    footer = re.search(r"(Leitfaden|Termine und Methodenkarten|Ergebnisbögen) · Breidenbach · "
                       r"Laborphase 1 Seite \d+ von \d+$", text)
    return text[:footer.start()].strip() if footer else text.strip()


def test_no_page_holds_only_a_footer_a_heading_or_a_hand_back_note(breidenbach):
    _, _, _, readers = breidenbach
    for key in TARGET:
        for number, page in enumerate(readers[key].pages, start=1):
            text = _text(page)
            assert not _FOOTER.match(text), (key, number)
            body = _body(text)
            assert len(body) > 200, (key, number, body)
            for note in _NOTES:  # a note, if any, is not all there is on the page
                if body.startswith(note):
                    assert len(body) > 400, (key, number, body)


def test_the_rota_of_ten_station_days_fits_one_page_with_each_role_once(breidenbach):
    ws, _, _, readers = breidenbach
    pages = [_text(p) for p in readers["leitfaden"].pages]
    grid = [i for i, t in enumerate(pages) if "Tage und Stationen" in t]
    assert len(grid) == 1
    page = pages[grid[0]]
    roster = build_roster(ws, "breidenbach", 1)
    (g,) = roster.grids()
    assert len(g.rows) == 10
    for row in g.rows:  # every day of the grid on that page
        assert row.date.strftime("%d.%m.") in page, row.date
    # a column per role, its name printed once (never hyphenated), not once per person
    assert page.count("Ortsvorsteher:in") == 1 and "Ortsvorste-" not in page
    assert page.count("Stationsleitung") == 1
    # the whole rota (grid, other sessions, open posts, hours) takes at most three pages
    first = next(i for i, t in enumerate(pages) if "Einsatzplan: wer wann wo" in t)
    last = next(i for i, t in enumerate(pages) if "Stunden des Laborteams je Kalenderwoche" in t)
    assert last - first <= 2


def test_each_result_sheet_starts_a_page_and_a_small_session_takes_two(breidenbach):
    ws, _, _, readers = breidenbach
    kit = make_kit(ws, "breidenbach", 1)
    ids = [_RESULT_HEAD.findall(_text(p)) for p in readers["ergebnisboegen"].pages]
    assert all(len(found) == 1 for found in ids), ids
    per_session: dict[str, int] = {}
    for (sid,) in ids:
        per_session[sid] = per_session.get(sid, 0) + 1
    assert list(per_session) == [ks.id for ks in kit.sessions]
    for ks in kit.sessions:
        assert per_session[ks.id] <= (2 if ks.participants <= 100 and not ks.stations else 3), ks.id


def test_the_shopping_list_gives_quantities_with_units(breidenbach):
    _, _, _, readers = breidenbach
    text = " ".join(_text(p) for p in readers["leitfaden"].pages)
    shopping = text[text.index("Einkaufsliste (Verbrauchsmaterial)"):]
    assert re.search(r"Kaffee, Tee und Kuchen \d+ Portionen \d: \d+ Portionen", shopping)
    assert re.search(r"Namensschilder \d+ Stück \d: \d+ Stück", shopping)


def test_the_combined_pdf_is_merged_with_one_structure_tree(breidenbach):
    _, outcome, folder, readers = breidenbach
    combined = PdfReader(str(folder / "phase-1.pdf"))
    assert combined.pdf_header == readers["leitfaden"].pdf_header == "%PDF-1.7"
    a4 = [key for key, _ in outcome.document_pages if key not in ("plakate", "kopiervorlagen-a3")]
    assert len(combined.pages) == sum(len(readers[k].pages) for k in a4)
    assert combined.metadata.title == "Laborkit Breidenbach, Phase 1: Erkunden"
    root = combined.trailer["/Root"]
    assert str(root["/Lang"]) == "de" and "/MarkInfo" in root
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid" in xmp and "Laborkit Breidenbach" in xmp
    tree = root["/StructTreeRoot"].get_object()
    (document,) = [k.get_object() for k in tree["/K"]]
    assert document["/S"] == "/Document"
    parts = [k.get_object() for k in document["/K"]]
    assert [p["/S"] for p in parts] == ["/Part"] * len(a4)
    # the parent tree maps every page's and every link's key, each key once
    nums = tree["/ParentTree"].get_object()["/Nums"]
    keys = [int(k) for k in nums[::2]]
    assert len(keys) == len(set(keys)) and int(tree["/ParentTreeNextKey"]) == max(keys) + 1
    page_refs = {p.indirect_reference.idnum for p in combined.pages}
    links = 0
    for page in combined.pages:
        assert int(page["/StructParents"]) in keys
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            assert int(annot["/StructParent"]) in keys
            dest = annot.get("/Dest")
            if dest is not None:  # internal links point at a page of this file
                links += 1
                assert dest[0].idnum in page_refs
    assert links > 0
    # bookmarks: the documents' in order
    titles = [o.title for o in combined.outline if not isinstance(o, list)]
    first = [o.title for o in readers["leitfaden"].outline if not isinstance(o, list)]
    assert titles[:len(first)] == first and len(titles) > len(first)
