"""Open data: the Frictionless Data Package export, validated with the frictionless library."""

import csv
import json

import attrs
import frictionless
import pytest
from click.testing import CliRunner
from fixtures import (
    HEADER_PARTS,
    STATION_SESSION,
    change_lab,
    full_alles_values,
    load,
    make_results_workspace,
    station_rows,
    station_workspace,
    write_csv,
)
from werkzeugkoffer import Result
from werkzeugkoffer.model import OpenData
from werkzeugkoffer.cli import cli
from werkzeugkoffer.results import add_result, import_file


def run(root, *args):
    return CliRunner().invoke(cli, ["-w", str(root), *map(str, args)])


@pytest.fixture
def filled(tmp_path):
    root = station_workspace(tmp_path / "ws")
    ws = load(root)
    add_result(ws, Result(session="breidenbach-p1-02", participants={"jugendliche": 3},
                          values=full_alles_values(("Achenbach", "Breidenbach")),
                          recorded_by="Kim Muster"))
    rows = [HEADER_PARTS]
    rows += station_rows(STATION_SESSION, "v0", 10, answers=20, votes={"Tempo 30": 12},
                         share=50, points=[("Gefahrenstelle", "Breidenbach", "Schule")])
    rows += station_rows(STATION_SESSION, "v1", 40, answers=40, votes={"Tempo 30": 10},
                         day="2027-06-25")
    import_file(ws, write_csv(tmp_path / "stationen.csv", rows))
    return root


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_data_package_validates_and_holds_no_personal_data(filled, tmp_path):
    out = tmp_path / "offene-daten"
    result = run(filled, "results", "export", "--format", "datapackage", "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "datapackage.json", "ergebnisse.csv", "teilnehmende.csv", "termine.csv"]
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [{
        "name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Namensnennung 4.0 International"}]
    assert {c["role"] for c in package["contributors"]} == {"publisher", "author"}
    assert [c["title"] for c in package["contributors"]] == ["Landkreis Test", "Testlabor"]
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    assert schemas["termine"]["primaryKey"] == ["termin"]
    assert schemas["ergebnisse"]["foreignKeys"][0]["reference"]["resource"] == "termine"
    assert all(f.get("description") for s in schemas.values() for f in s["fields"])
    sessions = {r["termin"]: r for r in read(out / "termine.csv")}
    assert set(sessions) == {"breidenbach-p1-01", "breidenbach-p1-02", "breidenbach-p2-01"}
    assert sessions["breidenbach-p1-01"]["stationen"] == "7"
    assert sessions["breidenbach-p1-01"]["teilnehmende"] == "50"
    assert sessions["breidenbach-p2-01"]["ergebnis_erfasst"] == "false"
    participants = read(out / "teilnehmende.csv")
    assert {(p["station"], p["tag"], p["anzahl"]) for p in participants
            if p["termin"] == STATION_SESSION} == {("v0", "", "10"), ("v1", "2027-06-25", "40")}
    text = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    assert "Frau Müller" not in text and "Kim Muster" not in text  # personal: left out
    values = read(out / "ergebnisse.csv")
    assert "bemerkung" not in {v["feld"] for v in values}
    assert {v["profil"] for v in values if v["feld"] == "kompetenzen"} == {"Profil 1"}
    assert "teilnehmende" not in {v["feld"] for v in values}  # a resource of its own


def test_a_broken_package_is_caught_by_the_validation(filled, tmp_path):
    """The test above can fail: a row that breaks the schema or a foreign key is reported."""
    out = tmp_path / "kaputt"
    assert run(filled, "results", "export", "--format", "datapackage", "-o", out).exit_code == 0
    with open(out / "teilnehmende.csv", "a", encoding="utf-8") as fh:
        fh.write("gibt-es-nicht,,,kinder,3\nbreidenbach-p1-02,,,kinder,-1\n")
    report = frictionless.validate(out / "datapackage.json")
    assert not report.valid
    assert {e[0] for e in report.flatten(["type"])} == {"foreign-key", "constraint-error"}


def test_the_licence_is_configurable_in_labor_toml(filled, tmp_path):
    change_lab(filled, lambda lab: attrs.evolve(
        lab, open_data=OpenData(licence="DL-DE-ZERO-2.0", title="Beteiligung")))
    out = tmp_path / "dl"
    assert run(filled, "results", "export", "--format", "datapackage", "-o", out).exit_code == 0
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "DL-DE-ZERO-2.0"
    assert package["licenses"][0]["path"] == "https://www.govdata.de/dl-de/zero-2-0"
    assert package["title"] == "Beteiligung"
    assert frictionless.validate(out / "datapackage.json").valid
    change_lab(filled, lambda lab: attrs.evolve(lab, open_data=OpenData(licence="Eigene-Lizenz")))
    bad = run(filled, "results", "export", "--format", "datapackage", "-o", tmp_path / "x")
    assert bad.exit_code == 2
    assert 'labor.toml: open_data.licence_url: the licence "Eigene-Lizenz"' in bad.output


def test_export_refuses_a_folder_that_is_not_empty_without_force(filled, tmp_path):
    out = tmp_path / "voll"
    out.mkdir()
    (out / "alt.txt").write_text("bleibt", encoding="utf-8")
    result = run(filled, "results", "export", "--format", "datapackage", "-o", out)
    assert result.exit_code == 2 and "folder is not empty (alt.txt)" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["alt.txt"]  # nothing written
    forced = run(filled, "results", "export", "--format", "datapackage", "-o", out, "--force")
    assert forced.exit_code == 0 and (out / "datapackage.json").is_file()
    assert (out / "alt.txt").read_text(encoding="utf-8") == "bleibt"
    personal = run(filled, "results", "export", "--format", "datapackage", "-o", out, "--force",
                   "--include-personal")
    assert personal.exit_code == 2 and "open data never holds personal data" in personal.output


def test_an_empty_lab_gives_a_valid_package(tmp_path):
    root = make_results_workspace(tmp_path / "ws")
    out = tmp_path / "leer"
    assert run(root, "results", "export", "--format", "datapackage", "-o", out).exit_code == 0
    assert frictionless.validate(out / "datapackage.json").valid
