"""Excel both ways: blank workbooks with data validation and locked labels, import with the
same validation as CSV (bad input names file, sheet, row and field), the export for planners."""

import csv
import io

import openpyxl
import pytest
from click.testing import CliRunner
from fixtures import (
    HEADER_PARTS,
    STATION_SESSION,
    count_results,
    full_alles_values,
    load,
    make_results_workspace,
    station_rows,
    station_workspace,
    write_csv,
)
from werkzeugkoffer import Result
from werkzeugkoffer.cli import cli
from werkzeugkoffer.results import add_result, import_file, safe_cell, stored_results
from werkzeugkoffer.results.workbook import (
    HEADER_ROW,
    META_SHEET,
    blank_workbook,
    export_workbook,
    write_blank_workbooks,
)

COLS = {name: i for i, name in enumerate(HEADER_PARTS)}


@pytest.fixture
def ws(tmp_path):
    return load(make_results_workspace(tmp_path / "ws"))


def run(ws, *args):
    return CliRunner().invoke(cli, ["-w", str(ws.root), *map(str, args)])


def blank(ws, tmp_path, slug="lohra", phase=1):
    path = tmp_path / f"{slug}.xlsx"
    path.write_bytes(blank_workbook(ws, slug, phase))
    return path


def fill(path, values: dict[str, dict[tuple[str, str], list]], out=None):
    """Type values into a blank workbook: per sheet, (feld, option) -> values for its lines."""
    wb = openpyxl.load_workbook(path)
    for sheet_name, wanted in values.items():
        sheet = wb[sheet_name]
        wanted = {k: list(v) for k, v in wanted.items()}
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
            key = (row[COLS["feld"]].value, row[COLS["option"]].value or "")
            if wanted.get(key):
                row[COLS["wert"]].value = wanted[key].pop(0)
    out = out or path
    wb.save(out)
    return out


# -- the blank workbook ---------------------------------------------------------------------------


def test_blank_workbook_a_sheet_per_session_with_locked_labels_and_validation(ws, tmp_path):
    wb = openpyxl.load_workbook(blank(ws, tmp_path))
    assert wb.sheetnames == ["Hinweise", "lohra-p1-01", "lohra-p1-02", "lohra-p1-03",
                             "lohra-p1-04", META_SHEET]
    assert wb[META_SHEET].sheet_state == "hidden"
    sheet = wb["lohra-p1-01"]  # test.alles: a field of every type
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header == HEADER_PARTS
    assert sheet.protection.sheet is True
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=sheet.max_row))
    by_field = {}
    for row in rows:
        if row[COLS["feld"]].value:
            by_field.setdefault(row[COLS["feld"]].value, []).append(row)
    label = by_field["anzahl"][0][COLS["bezeichnung"]]
    value = by_field["anzahl"][0][COLS["wert"]]
    assert label.protection.locked and not value.protection.locked
    assert "Pflichtfeld" in label.value and value.fill.fgColor.rgb.endswith("FFF2CC")
    point = by_field["punkte"][0]
    assert not point[COLS["option"]].protection.locked
    assert not point[COLS["ortsteil"]].protection.locked
    assert point[COLS["termin"]].protection.locked
    assert len(by_field["punkte"]) == len(by_field["ideen"]) == 15  # room for lists
    # data validation: number ranges and option lists, with error messages
    checks = {}
    for dv in sheet.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    checks[(r, c)] = dv
    def check(row, col):
        return checks[(row[col].row, row[col].column)]
    assert check(by_field["anteil"][0], COLS["wert"]).formula2 == "100"
    assert check(by_field["bewertung"][0], COLS["wert"]).formula1 == "1"
    assert check(by_field["anzahl"][0], COLS["wert"]).type == "whole"
    categories = check(point, COLS["option"])
    assert categories.type == "list" and categories.formula1.startswith(f"'{META_SHEET}'!")
    assert check(point, COLS["ortsteil"]).type == "list"
    assert all(dv.showErrorMessage for dv in sheet.data_validations.dataValidation)


def test_blank_workbooks_of_a_station_session_have_a_block_per_station(tmp_path):
    ws = load(station_workspace(tmp_path / "ws"))
    (path,) = write_blank_workbooks(ws, [STATION_SESSION], tmp_path / "out")
    assert path.name == "ergebnisse-breidenbach-phase-1.xlsx"
    sheet = openpyxl.load_workbook(path)[STATION_SESSION]
    stations = []
    headings = []
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if row[COLS["station"]] and row[COLS["station"]] not in stations:
            stations.append(row[COLS["station"]])
        if not row[COLS["termin"]] and row[COLS["bezeichnung"]]:
            headings.append(row[COLS["bezeichnung"]])
    assert stations == [f"v{i}" for i in range(7)]
    assert headings[:2] == ["Station DGH Breidenbach", "Station DGH Achenbach"]


def test_cli_blank_xlsx_one_workbook_per_municipality_and_phase(ws, tmp_path):
    result = run(ws, "results", "blank", "--gemeinde", "lohra", "--gemeinde", "wohratal",
                 "--format", "xlsx", "-o", tmp_path / "mappen")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "mappen").iterdir()) == [
        "ergebnisse-lohra-phase-1.xlsx", "ergebnisse-lohra-phase-2.xlsx",
        "ergebnisse-wohratal-phase-1.xlsx", "ergebnisse-wohratal-phase-2.xlsx"]


# -- import ---------------------------------------------------------------------------------------


ALLES = {
    ("Teilnehmende", "jugendliche"): [5], ("Teilnehmende", "senioren"): [2],
    ("anzahl", ""): [12], ("summe", ""): [25.5], ("anteil", ""): [40],
    ("bemerkung", ""): ["Frau Müller half"], ("ideen", ""): ["Mehr Bänke", "Bus"],
    ("abstimmung", "Ja"): [7], ("abstimmung", "Nein"): [2], ("bewertung", ""): [4.5],
    ("Erfasst von", ""): ["Kim"],
}


def test_a_filled_workbook_imports_like_the_same_csv(ws, tmp_path):
    path = fill(blank(ws, tmp_path), {
        "lohra-p1-01": ALLES,
        "lohra-p1-02": {("bearbeitungen", ""): [57], ("orte", ""): [23],
                        ("aufgaben", "Sitzbänke"): [12], ("zufriedenheit", ""): ["4,5"]},
    })
    wb = openpyxl.load_workbook(path)  # a map point and a profile, typed in their cells
    sheet = wb["lohra-p1-01"]
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        if row[COLS["feld"]].value == "punkte":
            row[COLS["option"]].value = "Gefahrenstelle"
            row[COLS["ortsteil"]].value = "damm"
            row[COLS["wert"]].value = "Kreuzung"
            break
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        if row[COLS["feld"]].value == "kompetenzen" and row[COLS["option"]].value in (
                "Persönliche Kompetenz", "Soziale Kompetenz"):
            row[COLS["wert"]].value = 70
    wb.save(path)
    outcome = import_file(ws, path)
    assert outcome.summary.added == ("lohra-p1-01", "lohra-p1-02")  # untouched sheets skipped
    stored = {r.session: r for r in stored_results(ws)}
    v = stored["lohra-p1-01"].result.values
    assert v["summe"] == 25.5 and v["anteil"] == 40 and v["bewertung"] == 4.5
    assert v["ideen"] == ["Mehr Bänke", "Bus"] and v["abstimmung"] == {"Ja": 7, "Nein": 2}
    assert v["punkte"] == [{"category": "Gefahrenstelle", "ortsteil": "Damm", "note": "Kreuzung"}]
    assert v["kompetenzen"] == [{"label": "Profil 1", "values": {
        "Persönliche Kompetenz": 70.0, "Soziale Kompetenz": 70.0}}]
    assert stored["lohra-p1-01"].result.source == "lohra.xlsx"
    assert stored["lohra-p1-02"].result.values["zufriedenheit"] == 4.5
    # the same values as CSV give the same content: the workbook round-trips
    rows = [HEADER_PARTS] + [
        ["lohra-p1-02", "", "", feld, "", option, "", "", str(value)]
        for feld, option, value in [("bearbeitungen", "", 57), ("orte", "", 23),
                                    ("aufgaben", "Sitzbänke", 12), ("zufriedenheit", "", "4,5")]]
    other = load(make_results_workspace(tmp_path / "other"))
    import_file(other, write_csv(tmp_path / "gleich.csv", rows))
    assert stored_results(other)[0].content_hash == stored["lohra-p1-02"].content_hash
    # importing the workbook again stores nothing twice
    assert import_file(ws, path).summary.unchanged == ("lohra-p1-01", "lohra-p1-02")


def test_per_station_sheets_import_as_parts(tmp_path):
    ws = load(station_workspace(tmp_path / "ws"))
    path = tmp_path / "b.xlsx"
    path.write_bytes(blank_workbook(ws, "breidenbach", 1))
    wb = openpyxl.load_workbook(path)
    sheet = wb[STATION_SESSION]
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        if row[COLS["station"]].value in ("v1", "v2") and row[COLS["feld"]].value == \
                "umfrage_antworten":
            row[COLS["wert"]].value = 10 if row[COLS["station"]].value == "v1" else 7
    wb.save(path)
    import_file(ws, path)
    parts = {r.result.station: r.result.values for r in stored_results(ws)}
    assert parts == {"v1": {"umfrage_antworten": 10}, "v2": {"umfrage_antworten": 7}}


def _renamed(path):
    wb = openpyxl.load_workbook(path)
    wb["lohra-p1-02"].title = "Datensafari"
    wb.save(path)


def _moved(path):
    wb = openpyxl.load_workbook(path)
    wb["lohra-p1-02"].move_range("I1:I80", cols=1)  # the value column moved to the right
    wb.save(path)


def _formula(path):
    wb = openpyxl.load_workbook(path)
    for row in wb["lohra-p1-02"].iter_rows(min_row=HEADER_ROW + 1):
        if row[COLS["feld"]].value == "orte":
            row[COLS["wert"]].value = "=20+3"
    wb.save(path)


def _wrong_type(path):
    wb = openpyxl.load_workbook(path)
    for row in wb["lohra-p1-02"].iter_rows(min_row=HEADER_ROW + 1):
        if row[COLS["feld"]].value == "orte":
            row[COLS["wert"]].value = "dreiundzwanzig"
    wb.save(path)


def _not_xlsx(path):
    path.write_text("termin;feld;wert\nlohra-p1-02;orte;3\n", encoding="utf-8")


@pytest.mark.parametrize("spoil, expected", [
    (_renamed, 'sheet "Datensafari": not a sheet of this workbook (renamed from '
               '"lohra-p1-02"?)'),
    (_moved, 'sheet lohra-p1-02, row 3, column I: expected the column "wert", found nothing'),
    (_formula, "sheet lohra-p1-02, row "),
    (_wrong_type, 'field orte (Erfasste oder ergänzte Orte): expected a whole number >= 0, got '
                  '"dreiundzwanzig"'),
    (_not_xlsx, "not an Excel workbook (.xlsx)"),
], ids=["renamed sheet", "moved column", "formula", "wrong type", "not xlsx"])
def test_bad_workbooks_name_file_sheet_row_and_field_and_store_nothing(ws, tmp_path, spoil,
                                                                      expected):
    path = fill(blank(ws, tmp_path), {
        "lohra-p1-01": ALLES,
        "lohra-p1-02": {("bearbeitungen", ""): [57], ("orte", ""): [23]},
    }, out=tmp_path / "bogen.xlsx")
    spoil(path)
    result = run(ws, "results", "import", path)
    assert result.exit_code == 2, result.output
    assert "bogen.xlsx" in result.output and expected in result.output
    assert "nothing stored" in result.output and "Traceback" not in result.output
    if spoil is _formula:
        assert "field wert: a formula (=20+3); type the value itself" in result.output
    if spoil is _wrong_type:
        assert "sheet lohra-p1-02, row " in result.output
    assert count_results(ws.root) == 0


def test_a_workbook_nobody_filled_in_stores_nothing(ws, tmp_path):
    result = run(ws, "results", "import", blank(ws, tmp_path))
    assert result.exit_code == 2 and "nothing filled in" in result.output


# -- export ---------------------------------------------------------------------------------------


def test_safe_cell_neutralises_formulas():
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    for text in ("+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Mehr Bänke") == "Mehr Bänke" and safe_cell(-5) == -5 and safe_cell(None) \
        is None


def test_export_workbook_for_planners(ws, tmp_path):
    add_result(ws, Result(session="lohra-p1-01", participants={"jugendliche": 3},
                          values={**full_alles_values(), "ideen": ["=1+1", "Mehr Bänke"]},
                          recorded_by="Kim Muster"))
    out = tmp_path / "export.xlsx"
    result = run(ws, "results", "export", "lohra", "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ergebnisse", "Kompetenzcheck", "Spalten"]
    sheet = wb["Ergebnisse"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    ideas = [r["wert"] for r in rows if r["feld"] == "ideen"]
    assert ideas == ["'=1+1", "Mehr Bänke"]  # text, never a formula
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert "bemerkung" not in {r["feld"] for r in rows}  # personal
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "Frau Müller" not in text and "Kim" not in text
    assert {r["profil"] for r in rows if r["feld"] == "kompetenzen"} == {"Profil 1"}
    # the same rows as the CSV export
    text_csv = run(ws, "results", "export", "lohra").output
    assert len(list(csv.DictReader(io.StringIO(text_csv)))) == len(rows)
    again = run(ws, "results", "export", "lohra", "--format", "xlsx", "-o", out)
    assert again.exit_code == 2 and "file exists; use --force" in again.output
    assert run(ws, "results", "export", "lohra", "--format", "xlsx", "-o", out,
               "--force").exit_code == 0


def test_export_workbook_bytes_without_results(ws):
    wb = openpyxl.load_workbook(io.BytesIO(export_workbook(ws, [])))
    assert wb.sheetnames == ["Ergebnisse", "Spalten"]
