"""Results: validation against the result schema, CSV and TOML import, blank sheets, export."""

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from fixtures import (
    HEADER,
    KGST,
    count_results,
    datensafari_rows,
    datensafari_values,
    full_alles_values,
    load,
    make_results_workspace,
    write_csv,
)
from werkzeugkoffer import Result, ResultError, TargetGroup
from werkzeugkoffer.results import (
    CSV_COLUMNS,
    EXPORT_COLUMNS,
    add_result,
    blank_csv,
    export_results,
    import_file,
    open_store,
    read_result_file,
    session_info,
    sheet_rows,
    stored_results,
    validate_result,
)
from werkzeugkoffer.results.reading import parse_csv, parse_toml


@pytest.fixture(scope="module")
def ws_dir(tmp_path_factory):
    return make_results_workspace(tmp_path_factory.mktemp("results") / "ws")


@pytest.fixture(scope="module")
def ws(ws_dir):
    return load(ws_dir)


@pytest.fixture
def fresh(tmp_path):
    root = make_results_workspace(tmp_path / "ws")
    return root, load(root)


# -- validation -----------------------------------------------------------------------------------


def test_a_full_result_of_every_type_validates_and_is_normalised(ws):
    rec = validate_result(ws, Result(session="lohra-p1-01", participants={"jugendliche": 3},
                                     values=full_alles_values()))
    v = rec.result.values
    assert rec.municipality == "lohra" and rec.phase == 1 and rec.format == "test.alles"
    assert v["anteil"] == 40.0 and isinstance(v["anteil"], float)
    assert v["abstimmung"] == {"Ja": 7, "Nein": 2}
    assert v["kompetenzen"][0]["values"][KGST[0]] == 60.0
    assert rec.result.participants == {TargetGroup.JUGENDLICHE: 3}


@pytest.mark.parametrize(
    "field, value, why",
    [
        ("anzahl", -1, "expected a whole number >= 0, got -1"),
        ("anzahl", "zwölf", 'expected a whole number >= 0, got "zwölf"'),
        ("anzahl", 2.5, "expected a whole number >= 0, got 2.5"),
        ("anzahl", True, "expected a whole number >= 0, got true"),
        ("summe", "viel", 'expected a number, got "viel"'),
        ("anteil", 120, "expected a percentage from 0 to 100, got 120"),
        ("bewertung", 0, "expected a rating from 1 to 5, got 0"),
        ("bewertung", 6.5, "expected a rating from 1 to 5, got 6.5"),
        ("bemerkung", 3, "expected text, got 3"),
        ("ideen", {"a": 1}, "expected a list of texts, got a table"),
        ("ideen", ["gut", 3], "entry 2: expected text, got 3"),
        ("abstimmung", {"Vielleicht": 2}, 'unknown option "Vielleicht"'),
        ("abstimmung", {"Ja": -2}, 'option "Ja": expected a whole number >= 0, got -2'),
        ("abstimmung", ["Ja"], "expected a table of votes per option, got a list"),
        ("punkte", [{"category": "Gefahr"}], 'point 1: unknown category "Gefahr" '
                                             '(did you mean "Gefahrenstelle"?)'),
        ("punkte", [{"category": "Wunsch", "ortsteil": "Atlantis"}],
         'point 1: unknown Ortsteil "Atlantis" of Lohra'),
        ("punkte", [{"category": "Wunsch", "farbe": "rot"}], "point 1: unknown key farbe"),
        ("kompetenzen", [{"label": "A", "values": {KGST[0]: 130}}],
         'profile "A": expected a percentage from 0 to 100, got 130'),
        ("kompetenzen", [{"label": "A", "values": {"Tanzen": 50}}],
         'profile "A": unknown option "Tanzen"'),
        ("kompetenzen", [{"label": "A"}, {"label": "A"}], 'profile "A" given twice'),
    ],
)
def test_a_bad_value_names_the_session_the_field_and_why(ws, field, value, why):
    values = {"anzahl": 3, field: value}
    with pytest.raises(ResultError) as info:
        validate_result(ws, Result(session="lohra-p1-01", values=values))
    message = str(info.value)
    assert message.startswith("session lohra-p1-01 (test.alles): field ")
    assert f"field {field} (" in message
    assert why in message


def test_every_problem_of_a_result_is_listed(ws):
    with pytest.raises(ResultError) as info:
        validate_result(ws, Result(session="lohra-p1-01", participants={"astronauten": 1},
                                   values={"ideen": 5, "bewertungen": 3}))
    text = str(info.value)
    assert "4 problems" in text
    assert "field anzahl (Beiträge): required, but no value given" in text
    assert 'field bewertungen: unknown field (did you mean "bewertung"?)' in text
    assert 'unknown target group "astronauten"' in text


def test_unknown_session_suggests_the_closest(ws):
    with pytest.raises(ResultError, match='unknown session "lohra-p1-1" '
                                          r'\(did you mean "lohra-p1-01"\?\)'):
        validate_result(ws, Result(session="lohra-p1-1", values={"anzahl": 1}))


def test_an_empty_result_is_refused(ws):
    with pytest.raises(ResultError, match="no values filled in"):
        validate_result(ws, Result(session="lohra-p1-02"))


def test_participants_accept_labels_and_values(ws):
    rec = validate_result(ws, Result(session="lohra-p1-02", values=datensafari_values(),
                                     participants={"Senior:innen": 2, "kinder": 1,
                                                   "ohne Zuordnung": 4}))
    assert rec.result.participants == {TargetGroup.KINDER: 1, TargetGroup.SENIOREN: 2,
                                       TargetGroup.ALLE: 4}


# -- the blank sheet and CSV import ---------------------------------------------------------------


def test_blank_csv_lists_every_line_of_the_sheet_and_imports_nothing_untouched(ws, tmp_path):
    info = session_info(ws, "lohra-p1-01")
    data = blank_csv(info.format, info.session, info.municipality)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(CSV_COLUMNS)
    c = {name: i for i, name in enumerate(CSV_COLUMNS)}
    fields = [r[c["feld"]] for r in rows[1:]]
    groups = [(r[c["option"]], r[c["bezeichnung"]]) for r in rows[1:]
              if r[c["feld"]] == "Teilnehmende"]
    assert [g for g, _ in groups] == [g.value for g in TargetGroup]  # as on the printed sheet
    assert groups[-1] == ("alle", "Teilnehmende: ohne Zuordnung")
    assert fields.count("ideen") == 5 and fields.count("punkte") == 5
    assert [r[c["option"]] for r in rows[1:] if r[c["feld"]] == "abstimmung"] == [
        "Ja", "Nein", "Enthaltung"]
    kgst = [r for r in rows[1:] if r[c["feld"]] == "kompetenzen"]
    assert [r[c["option"]] for r in kgst] == KGST and "Soll 80 %" in kgst[0][c["bezeichnung"]]
    assert "nicht bewertet" in kgst[-1][c["bezeichnung"]]
    assert all(r[c["wert"]] == "" and r[c["station"]] == "" and r[c["tag"]] == ""
               for r in rows[1:])
    assert rows == [list(CSV_COLUMNS)] + [list(r.values()) for r in sheet_rows(
        info.format, info.session, info.municipality)]
    path = tmp_path / "leer.csv"
    path.write_bytes(data)
    with pytest.raises(ResultError, match="no values filled in"):
        read_result_file(ws, path)


def test_blank_csv_labels_mark_required_fields_and_do_not_repeat_notes():
    """Issue 14 defect 7: a required map_points field lacked "Pflichtfeld"; a label ending in
    "(Mittelwert)" came out as "... (Mittelwert) (Mittelwert, 1 bis 5)"."""
    import datetime as dt
    from pathlib import Path

    from werkzeugkoffer import Session, load_formats

    jugend = Path(__file__).resolve().parent.parent / "examples" / "werkzeugkoffer-jugend"
    ortscheck = {f.id: f for f in load_formats(jugend / "werkzeugkoffer_jugend" / "formate")}[
        "jugend.ortscheck"]
    session = Session(id="x-p1-01", format=ortscheck.id, date=dt.date(2027, 3, 13),
                      start=dt.time(14), end=dt.time(16), venue="dgh")
    labels = {r["feld"]: r["bezeichnung"] for r in sheet_rows(ortscheck, session)}
    assert ortscheck.result_field("orte").required
    assert labels["orte"].startswith("Markierte Orte (ein Punkt je Zeile;")
    assert labels["orte"].endswith(", Pflichtfeld)")
    assert labels["zufriedenheit"] == "Wie hat es gefallen? (Mittelwert, 1 bis 5)"
    assert labels["wuensche"] == "Die wichtigsten Wünsche der Gruppen (ein Eintrag je Zeile)"


def test_filled_in_blank_sheet_imports_every_type(fresh, tmp_path):
    root, ws = fresh
    info = session_info(ws, "lohra-p1-01")
    rows = list(csv.reader(io.StringIO(
        blank_csv(info.format, info.session, info.municipality).decode("utf-8-sig")),
        delimiter=";"))
    fill = {
        ("Teilnehmende", "jugendliche"): ["5"], ("Teilnehmende", "senioren"): ["2"],
        ("anzahl", ""): ["12"], ("summe", ""): ["25,50"], ("anteil", ""): ["40 %"],
        ("bemerkung", ""): ["Frau Müller half"], ("ideen", ""): ["Mehr Bänke", "Bus"],
        ("abstimmung", "Ja"): ["7"], ("abstimmung", "Nein"): ["2"], ("bewertung", ""): ["4,5"],
        ("Erfasst von", ""): ["Kim"],
    }
    c = {name: i for i, name in enumerate(CSV_COLUMNS)}
    out = [rows[0]]
    for r in rows[1:]:
        key = (r[c["feld"]], r[c["option"]])
        if key in fill and fill[key]:
            r[c["wert"]] = fill[key].pop(0)
        out.append(r)
    out.append(["lohra-p1-01", "", "", "punkte", "", "Gefahrenstelle", "damm", "", "Kreuzung"])
    out.append(["lohra-p1-01", "", "", "punkte", "", "wunsch", "", "", ""])
    for r in out:
        if r[c["feld"]] == "kompetenzen" and r[c["option"]] in (KGST[0], KGST[1]):
            r[c["wert"]] = "70"
    out.append(["lohra-p1-01", "", "", "kompetenzen", "", KGST[0], "", "Gruppe B", "90"])
    path = write_csv(tmp_path / "bogen.csv", out, bom=True)
    outcome = import_file(ws, path)
    assert outcome.summary.added == ("lohra-p1-01",)
    stored = stored_results(ws)[0]
    v = stored.result.values
    assert v["summe"] == 25.5 and v["anteil"] == 40.0 and v["bewertung"] == 4.5
    assert v["ideen"] == ["Mehr Bänke", "Bus"]
    assert v["abstimmung"] == {"Ja": 7, "Nein": 2}
    assert v["punkte"] == [
        {"category": "Gefahrenstelle", "ortsteil": "Damm", "note": "Kreuzung"},
        {"category": "Wunsch", "ortsteil": "", "note": ""},
    ]
    assert v["kompetenzen"] == [
        {"label": "Profil 1", "values": {KGST[0]: 70.0, KGST[1]: 70.0}},
        {"label": "Gruppe B", "values": {KGST[0]: 90.0}},
    ]
    assert stored.result.recorded_by == "Kim" and stored.result.source == "bogen.csv"
    assert stored.result.participants == {TargetGroup.JUGENDLICHE: 5, TargetGroup.SENIOREN: 2}


def test_comma_separated_csv_with_english_headers_imports(fresh, tmp_path):
    root, ws = fresh
    rows = [["session", "field", "option", "value"],
            ["lohra-p1-02", "bearbeitungen", "", "3"], ["Lohra-P1-02 ", "orte", "", "1"]]
    path = write_csv(tmp_path / "komma.csv", rows, delimiter=",")
    assert import_file(ws, path).summary.added == ("lohra-p1-02",)  # ids in any case
    assert stored_results(ws)[0].result.values == {"bearbeitungen": 3, "orte": 1}


def test_import_is_idempotent_and_all_or_nothing(fresh, tmp_path):
    root, ws = fresh
    rows = [HEADER] + datensafari_rows("lohra-p1-02") + datensafari_rows("lohra-p1-04")
    path = write_csv(tmp_path / "zwei.csv", rows)
    first = import_file(ws, path)
    assert first.summary.added == ("lohra-p1-02", "lohra-p1-04") and first.rows == 20
    second = import_file(ws, path)
    assert second.summary.unchanged == ("lohra-p1-02", "lohra-p1-04")
    assert not second.summary.changed
    with open_store(ws) as store:
        assert store.count() == 2 and len(store.imports()) == 1
    # one bad session in a file: nothing of the file is stored
    bad = [HEADER] + datensafari_rows("wohratal-p1-02") + [
        ["wohratal-p1-04", "bearbeitungen", "", "", "", "", "viele"]]
    path2 = write_csv(tmp_path / "schlecht.csv", bad)
    with pytest.raises(ResultError) as info:
        import_file(ws, path2)
    assert "row 12 (session wohratal-p1-04): field bearbeitungen" in str(info.value)
    assert count_results(root, ["wohratal-p1-02"]) == 0


def test_a_changed_file_conflicts_unless_replace(fresh, tmp_path):
    root, ws = fresh
    rows = [HEADER] + datensafari_rows("lohra-p1-02")
    import_file(ws, write_csv(tmp_path / "a.csv", rows))
    rows[3][6] = "99"
    path = write_csv(tmp_path / "a2.csv", rows)
    with pytest.raises(ResultError, match="already has a different result.*--replace"):
        import_file(ws, path)
    assert import_file(ws, path, replace=True).summary.replaced == ("lohra-p1-02",)
    assert stored_results(ws)[0].result.values["bearbeitungen"] == 99


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([["termin", "feld", "zahl"], ["lohra-p1-02", "orte", "3"]],
         ['row 1: column 3 "zahl": unknown column', 'row 1: column "wert" missing']),
        ([HEADER, ["lohra-p1-02", "orte", "", "", "", "", "drei"]],
         ['row 2 (session lohra-p1-02): field orte (Erfasste oder ergänzte Orte): '
          'expected a whole number >= 0, got "drei"']),
        ([HEADER, ["lohra-p9-02", "orte", "", "", "", "", "3"]],
         ['row 2: field termin: unknown session "lohra-p9-02"']),
        ([HEADER, ["lohra-p1-02", "ortе", "", "", "", "", "3"]],  # Cyrillic e
         ["row 2 (session lohra-p1-02): field ortе: unknown field"]),
        ([HEADER, ["lohra-p1-02", "aufgaben", "", "Bänke", "", "", "3"]],
         ['row 2 (session lohra-p1-02): field aufgaben (Gelöste Aufgaben je Art): unknown '
          'option "Bänke"']),
        ([HEADER, ["lohra-p1-02", "orte", "", "", "", "", "3"],
          ["lohra-p1-02", "orte", "", "", "", "", "4"]],
         ["row 3 (session lohra-p1-02): field orte (Erfasste oder ergänzte Orte): given twice "
          "(first in row 2)"]),
        ([HEADER, ["lohra-p1-02", "zufriedenheit", "", "", "", "", "4"]],
         ["row 2 (session lohra-p1-02): field bearbeitungen (Änderungen in OpenStreetMap): "
          "required, but no value given"]),
        ([HEADER, ["lohra-p1-02", "orte", "", "", "", "", "3", "x", "y"]],
         ["row 2: 9 cells, but the header has 7 columns"]),
        ([HEADER], ["no results in the file (only a header line)"]),
    ],
)
def test_malformed_csv_names_file_row_and_field(fresh, tmp_path, rows, expected):
    root, ws = fresh
    path = write_csv(tmp_path / "kaputt.csv", rows)
    with pytest.raises(ResultError) as info:
        import_file(ws, path)
    text = str(info.value)
    assert text.startswith(str(path))
    assert "nothing stored" in text
    for part in expected:
        assert part in text
    assert count_results(root) == 0


def test_wrong_encoding_and_empty_files(fresh, tmp_path):
    root, ws = fresh
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(";".join(HEADER).encode()
                      + "\nlohra-p1-02;orte;Größe;;;;3\n".encode("latin-1"))
    with pytest.raises(ResultError, match=r"latin1.csv: row 2: not UTF-8 text .*save the file "
                                          "as UTF-8"):
        import_file(ws, latin)
    empty = tmp_path / "leer.toml"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ResultError, match="leer.toml: file is empty"):
        import_file(ws, empty)
    other = tmp_path / "daten.ods"
    other.write_bytes(b"PK")
    with pytest.raises(ResultError, match="unknown file type .ods"):
        import_file(ws, other)
    assert count_results(root) == 0


# -- TOML -----------------------------------------------------------------------------------------


def test_toml_with_several_results(fresh, tmp_path):
    root, ws = fresh
    path = tmp_path / "ergebnisse.toml"
    path.write_text("""
[[results]]
session = "lohra-p1-01"
recorded_by = "Kim"
participants = { jugendliche = 4, erwachsene = 9 }
[results.values]
anzahl = 12
abstimmung = { "Ja" = 3 }
punkte = [{ category = "Wunsch", ortsteil = "Damm", note = "Bank" }]
kompetenzen = [{ label = "Gruppe A", values = { "Soziale Kompetenz" = 70 } }]

[[results]]
session = "lohra-p1-02"
[results.values]
bearbeitungen = 57
orte = 23
datenluecken = ["Öffnungszeiten Bücherei"]
""", encoding="utf-8")
    outcome = import_file(ws, path)
    assert outcome.results == 2 and outcome.rows == 2
    by = {r.session: r for r in stored_results(ws)}
    assert by["lohra-p1-01"].result.values["punkte"][0]["ortsteil"] == "Damm"
    assert by["lohra-p1-02"].result.values["datenluecken"] == ["Öffnungszeiten Bücherei"]


def test_toml_single_result_at_top_level(fresh, tmp_path):
    root, ws = fresh
    path = tmp_path / "eins.toml"
    path.write_text('session = "lohra-p1-02"\n[values]\nbearbeitungen = 5\norte = 2\n',
                    encoding="utf-8")
    assert import_file(ws, path).summary.added == ("lohra-p1-02",)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('[[results]]\nsession = "lohra-p1-02"\n[results.values]\nbearbeitungen = "viele"\n'
         "orte = 1\n",
         'results[0]: (session lohra-p1-02): values.bearbeitungen (Änderungen in OpenStreetMap):'
         ' expected a whole number >= 0, got "viele"'),
        ('[[results]]\nsession = "nirgends-1"\n[results.values]\norte = 1\n',
         'results[0]: field session: unknown session "nirgends-1"'),
        ('[[results]]\nsession = "lohra-p1-02"\nwerte = 3\n',
         "results[0]: unknown key werte"),
        ('[[results]]\nvalues = { orte = 1 }\n', "results[0]: field session: required"),
        ('session = "lohra-p1-02"\nvalues = { orte = 1, bearbeitungen = 2011-01-01 }\n',
         "values.bearbeitungen (Änderungen in OpenStreetMap): expected a whole number >= 0, "
         "got 2011-01-01"),
        ('session = "lohra-p1-02"\nvalues = [1]\n', "values: expected a table of field values"),
        ("results = [\n", "results: list not closed: ] is missing (line 1, column 12)"),
    ],
)
def test_malformed_toml_names_file_result_and_field(fresh, tmp_path, text, expected):
    root, ws = fresh
    path = tmp_path / "kaputt.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResultError) as info:
        import_file(ws, path)
    assert str(info.value).startswith(str(path))
    assert expected in str(info.value)
    assert count_results(root) == 0


@given(st.binary(max_size=400))
def test_any_bytes_as_csv_give_a_result_or_a_clear_error(ws, data):
    try:
        records, rows = parse_csv(ws, data, "x.csv")
    except ResultError as exc:
        assert str(exc).startswith("x.csv: ")
    else:
        assert all(r.result.session in ws.sessions() for r in records)


@given(st.lists(st.lists(st.text(max_size=12), min_size=7, max_size=7), max_size=6))
def test_any_cells_under_the_header_give_a_result_or_a_clear_error(ws, cells):
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows([HEADER] + cells)
    try:
        parse_csv(ws, buf.getvalue().encode("utf-8"), "y.csv")
    except ResultError as exc:
        assert str(exc).startswith("y.csv: ")


# the mutation classes of issue 15 in result sheets: numbers too large, odd digits, formulas,
# control characters, long, reserved and newline-ended ids, deep nesting (TOML)
HOSTILE_CELLS = ["9" * 5000, "99999999999999999999", "1000000001", "-1", "٣", "３", "1e400",
                 "nan", "inf", "=1+1", "'=1+1", "\t=1", "\x00", "\x1b[31m", "x" * 5000,
                 "lohra-p1-02\n", "x" * 260, "con", "4,5", ""]
HOSTILE_TOML = ["9" * 5000, "99999999999999999999", "1000000001", "-1", "1e400", "nan", "inf",
                "[" * 1000 + "]" * 1000, "{a=" * 1000 + "1" + "}" * 1000, "0001-01-01",
                '"\\u0000"', '"' + "x" * 5000 + '"', "[1, [2, [3]]]", '{ "" = 1 }', "true"]
FIELDS = ["bearbeitungen", "orte", "aufgaben", "datenluecken", "zufriedenheit", "Teilnehmende",
          "Erfasst von", "x" * 300]


@given(st.lists(st.tuples(st.sampled_from(["lohra-p1-02"] + HOSTILE_CELLS),
                          st.sampled_from(FIELDS + HOSTILE_CELLS),
                          st.sampled_from(["", "jugendliche", "Sitzbänke"] + HOSTILE_CELLS),
                          st.sampled_from(HOSTILE_CELLS)), max_size=8))
def test_hostile_cells_give_a_result_or_a_clear_error(ws, rows):
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(
        [HEADER] + [[sid, feld, "", option, "", "", wert] for sid, feld, option, wert in rows])
    try:
        records, _ = parse_csv(ws, buf.getvalue().encode("utf-8"), "z.csv")
    except ResultError as exc:
        assert str(exc).startswith("z.csv: ")
    else:
        for r in records:
            assert all(0 <= n <= 1_000_000_000 for n in r.result.participants.values())


@given(st.sampled_from(["session", "values.bearbeitungen", "values.aufgaben.Radwege",
                        "participants.jugendliche", "values.datenluecken", "recorded_by",
                        "values.zufriedenheit", "x.y"]),
       st.sampled_from(HOSTILE_TOML))
def test_hostile_toml_result_sheets_give_a_result_or_a_clear_error(ws, key, value):
    text = f'session = "lohra-p1-02"\n{key} = {value}\n'
    try:
        parse_toml(ws, text.encode("utf-8"), "t.toml")
    except ResultError as exc:
        assert str(exc).startswith("t.toml: ")


# -- export ---------------------------------------------------------------------------------------


def _filled(fresh):
    root, ws = fresh
    add_result(ws, Result(session="lohra-p1-01", participants={"jugendliche": 3},
                          values=full_alles_values(), recorded_by="Kim Muster"))
    add_result(ws, Result(session="lohra-p1-02", values=datensafari_values()))
    return root, ws


def test_export_csv_leaves_out_personal_data(fresh):
    root, ws = _filled(fresh)
    text = export_results(ws, stored_results(ws), fmt="csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert "Frau Müller" not in text and "Kim" not in text
    assert {r["feld"] for r in rows} >= {"teilnehmende", "anzahl", "ideen", "punkte",
                                         "kompetenzen", "bearbeitungen"}
    assert "bemerkung" not in {r["feld"] for r in rows}
    assert {r["profil"] for r in rows if r["feld"] == "kompetenzen"} == {"Profil 1"}
    row = next(r for r in rows if r["feld"] == "anzahl")
    assert row["gemeinde"] == "Lohra" and row["ags"] == "06534013" and row["wert"] == "12"
    assert row["datum"] == "2027-03-06" and row["thema"] == "partizipativ"
    full = export_results(ws, stored_results(ws), fmt="csv", include_personal=True)
    assert "Frau Müller" in full and "Kim Muster" in full and ",Kim," in full


def test_export_json_leaves_out_personal_data(fresh):
    root, ws = _filled(fresh)
    doc = json.loads(export_results(ws, stored_results(ws), fmt="json"))
    assert doc["personenbezogen"] is False
    assert doc["ausgelassene_felder"] == ["test.alles.bemerkung"]
    first = next(i for i in doc["ergebnisse"] if i["termin"] == "lohra-p1-01")
    assert "bemerkung" not in first["werte"] and "erfasst_von" not in first
    assert first["werte"]["kompetenzen"][0]["label"] == "Profil 1"
    assert first["teilnehmende"] == {"jugendliche": 3}
    full = json.loads(export_results(ws, stored_results(ws), fmt="json", include_personal=True))
    first = next(i for i in full["ergebnisse"] if i["termin"] == "lohra-p1-01")
    assert first["werte"]["bemerkung"].startswith("Frau Müller")
    assert first["erfasst_von"] == "Kim Muster"


def test_a_full_export_imports_again_unchanged(fresh, tmp_path):
    root, ws = _filled(fresh)
    before = {r.session: r.content_hash for r in stored_results(ws)}
    path = tmp_path / "export.csv"
    path.write_text(export_results(ws, stored_results(ws), fmt="csv", include_personal=True),
                    encoding="utf-8")
    other = make_results_workspace(tmp_path / "other")
    ws2 = load(other)
    import_file(ws2, path)
    after = {r.session: r.content_hash for r in stored_results(ws2)}
    assert after == before
    assert import_file(ws, path).summary.unchanged == tuple(sorted(before))
