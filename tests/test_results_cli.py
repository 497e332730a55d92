"""``werkzeugkoffer results ...``: add, import, list, show, delete, export, blank."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from fixtures import (
    HEADER,
    KGST,
    count_results,
    datensafari_rows,
    load,
    make_results_workspace,
    write_csv,
)
from werkzeugkoffer.cli import cli
from werkzeugkoffer.results import stored_results


@pytest.fixture
def root(tmp_path):
    return make_results_workspace(tmp_path / "ws")


def run(root, *args, **kwargs):
    return CliRunner().invoke(cli, ["-w", str(root), *map(str, args)], **kwargs)


def stored(root):
    return {r.session: r for r in stored_results(load(root))}


def test_add_with_values_of_every_type(root):
    result = run(
        root, "results", "add", "lohra-p1-01",
        "-v", "anzahl=12", "-v", "summe=25,5", "-v", "anteil=40", "-v", "bemerkung=Gut gelaufen",
        "-v", "ideen=Mehr Bänke", "-v", "ideen=Bus am Sonntag",
        "-v", "abstimmung=Ja=7; Nein=2",
        "-v", "bewertung=4,5",
        "-v", "punkte=Gefahrenstelle; Damm; Kreuzung ohne Ampel", "-v", "punkte=Wunsch; Lohra",
        "-v", f"kompetenzen=Kim: {KGST[0]}=60; {KGST[1]}=90",
        "-v", 'kompetenzen=[{label = "Alex", values = {"Ethische Kompetenz" = 50}}]',
        "-p", "jugendliche=3", "-p", "Senior:innen=2", "--recorded-by", "Kim",
    )
    assert result.exit_code == 0, result.output
    assert "lohra-p1-01: result stored." in result.output
    assert "Teilnehmende: 5" in result.output
    v = stored(root)["lohra-p1-01"].result.values
    assert v["ideen"] == ["Mehr Bänke", "Bus am Sonntag"]
    assert v["abstimmung"] == {"Ja": 7, "Nein": 2}
    assert v["punkte"][1] == {"category": "Wunsch", "ortsteil": "Lohra", "note": ""}
    assert [p["label"] for p in v["kompetenzen"]] == ["Kim", "Alex"]
    assert v["summe"] == 25.5
    again = run(root, "results", "add", "lohra-p1-01", "-v", "anzahl=12", "-p", "jugendliche=3")
    assert again.exit_code == 2
    assert "already has a different result" in again.output and "--replace" in again.output
    replaced = run(root, "results", "add", "lohra-p1-01", "-v", "anzahl=13", "--replace")
    assert replaced.exit_code == 0 and "replaced" in replaced.output
    assert stored(root)["lohra-p1-01"].result.values == {"anzahl": 13}


@pytest.mark.parametrize(
    "args, message",
    [
        (["-v", "anzahl=zwölf"], '--value anzahl (Beiträge): expected a whole number >= 0, '
                                 'got "zwölf"'),
        (["-v", "farbe=rot"], "--value farbe: unknown field of test.alles"),
        (["-v", "anzahl"], 'expected NAME=VALUE'),
        (["-v", "anzahl=1", "-p", "aliens=3"], 'unknown target group "aliens"'),
        (["-v", "punkte=Gefahrenstelle; Mars"], 'unknown Ortsteil "Mars"'),
        (["-v", "bewertung=4"], "field anzahl (Beiträge): required, but no value given"),
    ],
)
def test_add_with_bad_values_exits_2_and_stores_nothing(root, args, message):
    result = run(root, "results", "add", "lohra-p1-01", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert count_results(root) == 0


def test_add_unknown_session(root):
    result = run(root, "results", "add", "lohra-p1-99", "-v", "anzahl=1")
    assert result.exit_code == 2
    assert 'unknown session "lohra-p1-99"' in result.output


def test_add_prompts_field_by_field(root):
    answers = [
        "4", "", "2", "",  # Teilnehmende: Jugendliche, Erwachsene, Senior:innen, ohne Zuordnung
        "", "zwölf", "12",  # anzahl: required, then a bad value, then a good one
        "", "", "",  # summe, anteil, bemerkung
        "Mehr Bänke", "Bus", "",  # ideen
        "7", "", "1",  # abstimmung Ja, Nein, Enthaltung
        "4,5",  # bewertung
        "Gefahr", "Gefahrenstelle", "damm", "Kreuzung", "",  # one map point
        "Gruppe A", "70", "", "", "", "", "", "", "", "",  # one profile, one value
        "Kim",  # erfasst von
    ]
    result = run(root, "results", "add", "lohra-p1-01", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "This field is required." in result.output
    assert 'expected a whole number >= 0, got "zwölf"' in result.output
    assert 'unknown category "Gefahr"' in result.output
    r = stored(root)["lohra-p1-01"].result
    assert r.values["anzahl"] == 12 and r.values["ideen"] == ["Mehr Bänke", "Bus"]
    assert r.values["abstimmung"] == {"Ja": 7, "Enthaltung": 1}
    assert r.values["punkte"] == [{"category": "Gefahrenstelle", "ortsteil": "Damm",
                                   "note": "Kreuzung"}]
    assert r.values["kompetenzen"] == [{"label": "Gruppe A", "values": {KGST[0]: 70.0}}]
    assert r.recorded_by == "Kim" and r.total_participants == 6


def test_add_from_a_file(root, tmp_path):
    path = write_csv(tmp_path / "b.csv", [HEADER] + datensafari_rows("lohra-p1-02")
                     + datensafari_rows("lohra-p1-04"))
    result = run(root, "results", "add", "lohra-p1-04", "--file", path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["added"] is True
    assert list(stored(root)) == ["lohra-p1-04"]
    missing = run(root, "results", "add", "wohratal-p1-02", "--file", path)
    assert missing.exit_code == 2 and "no result for session wohratal-p1-02" in missing.output


def test_import_several_files_reports_each_and_exits_2_on_a_bad_one(root, tmp_path):
    good = write_csv(tmp_path / "gut.csv", [HEADER] + datensafari_rows("lohra-p1-02"))
    rows = datensafari_rows("lohra-p1-04")
    rows[6][6] = "9"  # zufriedenheit, line 8 of the file
    bad = write_csv(tmp_path / "schlecht.csv", [HEADER] + rows)
    result = run(root, "results", "import", good, bad)
    assert result.exit_code == 2
    assert "gut.csv: 1 result from 10 rows: 1 added" in result.output
    assert (f"{bad}: row 8 (session lohra-p1-04): field zufriedenheit (Wie hat es gefallen? "
            "(Mittelwert)): expected a rating from 1 to 5, got 9; nothing stored") in result.output
    assert "1 of 2 files not imported" in result.output
    assert list(stored(root)) == ["lohra-p1-02"]
    again = run(root, "results", "import", good, "--json")
    assert again.exit_code == 0
    assert json.loads(again.output) == [{"file": str(good), "results": 1, "rows": 10,
                                         "added": 0, "unchanged": 1, "replaced": 0}]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("spalten.csv", "termin;feld;wert;farbe\nlohra-p1-02;orte;3;rot\n",
         'row 1: column 4 "farbe": unknown column'),
        ("typen.csv", "termin;feld;wert\nlohra-p1-02;orte;drei\n",
         'row 2 (session lohra-p1-02): field orte (Erfasste oder ergänzte Orte): expected a '
         'whole number >= 0, got "drei"'),
        ("termin.csv", "termin;feld;wert\nlohra-p7-02;orte;3\n",
         'row 2: field termin: unknown session "lohra-p7-02"'),
        ("leer.csv", "", "leer.csv: file is empty"),
        ("typen.toml", 'session = "lohra-p1-02"\nvalues = { orte = "drei" }\n',
         'values.orte (Erfasste oder ergänzte Orte): expected a whole number >= 0, got "drei"'),
        ("termin.toml", 'session = "lohra-p7-02"\nvalues = { orte = 3 }\n',
         'field session: unknown session "lohra-p7-02"'),
        ("leer.toml", "", "leer.toml: file is empty"),
    ],
)
def test_malformed_files_exit_2_with_file_row_and_field(root, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run(root, "results", "import", path)
    assert result.exit_code == 2
    assert f"Error: {path}: " in result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert count_results(root) == 0


def test_import_wrong_encoding_exits_2(root, tmp_path):
    path = tmp_path / "ansi.csv"
    path.write_bytes("termin;feld;wert\nlohra-p1-02;datenluecken;Straße\n".encode("cp1252"))
    result = run(root, "results", "import", path)
    assert result.exit_code == 2
    assert "ansi.csv: row 2: not UTF-8 text" in result.output
    assert count_results(root) == 0


def test_list_show_delete(root, tmp_path):
    path = write_csv(tmp_path / "b.csv", [HEADER] + datensafari_rows("lohra-p1-02"))
    assert run(root, "results", "import", path).exit_code == 0
    listing = run(root, "results", "list", "lohra")
    assert "lohra-p1-02" in listing.output and "7 participants" in listing.output
    assert "1 session with a result (1 result sheet)." in listing.output
    missing = run(root, "results", "list", "lohra", "--phase", "1", "--missing", "--json")
    assert [r["session"] for r in json.loads(missing.output)] == [
        "lohra-p1-01", "lohra-p1-03", "lohra-p1-04"]
    shown = run(root, "results", "show", "lohra-p1-02")
    assert shown.exit_code == 0
    assert "Änderungen in OpenStreetMap: 57" in shown.output
    assert "Gelöste Aufgaben je Art:" in shown.output and "Sitzbänke: 12" in shown.output
    data = json.loads(run(root, "results", "show", "lohra-p1-02", "--json").output)
    assert data["result"]["values"]["orte"] == 23
    nothing = run(root, "results", "show", "lohra-p1-04")
    assert nothing.exit_code == 2 and "no result stored yet" in nothing.output
    declined = run(root, "results", "delete", "lohra-p1-02", input="n\n")
    assert declined.exit_code == 0 and "Nothing deleted." in declined.output
    assert count_results(root) == 1
    confirmed = run(root, "results", "delete", "lohra-p1-02", input="y\n")
    assert "Delete 1 result?" in confirmed.output
    assert count_results(root) == 0
    assert run(root, "results", "import", path).exit_code == 0
    assert run(root, "results", "delete", "lohra-p1-02", "--yes").exit_code == 0
    assert count_results(root) == 0
    unknown = run(root, "results", "delete", "lohra-p1-02", "--yes")
    assert unknown.exit_code == 2 and "no result stored for: lohra-p1-02" in unknown.output


def test_export_command(root, tmp_path):
    run(root, "results", "add", "lohra-p1-01", "-v", "anzahl=3", "-v", "bemerkung=Herr X",
        "--recorded-by", "Kim")
    text = run(root, "results", "export").output
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["feld"] for r in rows] == ["anzahl"]
    assert "Herr X" not in text and "Kim" not in text
    out = tmp_path / "offen.json"
    result = run(root, "results", "export", "--format", "json", "--include-personal", "-o", out)
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["ergebnisse"][0]["werte"]["bemerkung"] \
        == "Herr X"
    assert run(root, "results", "export", "--format", "xml").exit_code == 2


def test_blank_writes_a_csv_per_session_that_imports_back(root, tmp_path):
    out = tmp_path / "bogen"
    result = run(root, "results", "blank", "--gemeinde", "lohra", "--phase", "1", "-o", out)
    assert result.exit_code == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == [f"ergebnis-lohra-p1-0{i}.csv" for i in range(1, 5)]
    path = out / "ergebnis-lohra-p1-02.csv"
    text = path.read_text(encoding="utf-8-sig")
    lines = [line.split(";") for line in text.splitlines()]
    feld, wert = lines[0].index("feld"), lines[0].index("wert")
    for line in lines:
        if line[feld] == "bearbeitungen":
            line[wert] = "10"
        if line[feld] == "orte":
            line[wert] = "4"
    path.write_text("\n".join(";".join(line) for line in lines), encoding="utf-8")
    imported = run(root, "results", "import", path)
    assert imported.exit_code == 0, imported.output
    assert stored(root)["lohra-p1-02"].result.values == {"bearbeitungen": 10, "orte": 4}
