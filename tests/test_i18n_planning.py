"""The planning commands' printouts follow the language (English by default, German under a
German locale), word for word the German they printed before; the documents they write (the
Einsatzplan's HTML and CSV) stay German."""

import pytest
from click.testing import CliRunner

from werkzeugkoffer.cli import cli


@pytest.fixture(params=["en", "de"])
def lang(request, monkeypatch):
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", request.param)
    return request.param


def run(root, *args):
    result = CliRunner().invoke(cli, ["-w", str(root), *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


EXPECTED = {
    # Lohra's phase 2 already holds the Datensafari, so suggest proposes other formats (a
    # format at most once per phase)
    "suggest": {
        "en": ["Proposal for Lohra, phase 2 (Vertiefen): 6 sessions",
               " 1. Hackathon für den Ort [digital.hackathon] · Digital · 3 points · "
               "Dorfplatz Damm (Damm) · 38 participants",
               '      - fits phase 2 (Vertiefen): participation level "collaborate" works on '
               "topics together (+3)",
               "      - in the Ortsteil Damm (Dorfplatz Damm), no session there yet",
               "      - in the main town (Bürgerhaus Lohra)",
               "Themes: Digital, Kreativ, Partizipativ",
               "Ortsteile with a session: 5 of 10 (Lohra, Altenvers, Damm, Kirchvers, "
               "Nanz-Willershausen)",
               "Consumables (estimate): 1206 EUR",
               "Team hours (estimate): 416 of 492 h",
               "Note: No results with topics are recorded for phase 1 yet.",
               "Note: Phase 2 already has 5 sessions; their themes and target groups count as "
               "covered.",
               "Note: Ortsteile without a venue, hence without a session: Reimershausen, "
               "Rodenhausen, Rollshausen, Seelbach, Weipoltshausen"],
        "de": ["Vorschlag für Lohra, Phase 2 (Vertiefen): 6 Termine",
               " 1. Hackathon für den Ort [digital.hackathon] · Digital · 3 Punkte · "
               "Dorfplatz Damm (Damm) · 38 Teilnehmende",
               "      - passt zu Phase 2 (Vertiefen): Beteiligungsstufe „Zusammenarbeiten“ "
               "vertieft Themen gemeinsam (+3)",
               "      - im Ortsteil Damm (Dorfplatz Damm), dort noch kein Termin",
               "      - im Hauptort (Bürgerhaus Lohra)",
               "Themen: Digital, Kreativ, Partizipativ",
               "Ortsteile mit Termin: 5 von 10 (Lohra, Altenvers, Damm, Kirchvers, "
               "Nanz-Willershausen)",
               "Verbrauchsmaterial (geschätzt): 1206 EUR",
               "Teamstunden (geschätzt): 416 von 492 Std.",
               "Hinweis: Für Phase 1 sind noch keine Ergebnisse mit Themen erfasst.",
               "Hinweis: Phase 2 hat schon 5 Termine; ihre Themen und Zielgruppen gelten als "
               "abgedeckt.",
               "Hinweis: Ortsteile ohne erfassten Ort (venue), daher ohne Termin: Reimershausen, "
               "Rodenhausen, Rollshausen, Seelbach, Weipoltshausen"],
    },
    "einsatzplan": {
        "en": ["Staffing plan for Breidenbach, phase 1 (07.06.2027 to 25.07.2027)",
               "Day             Time         Session, place",
               "Fri 11.06.2027  16:00-18:30  Datensafari: Schulwege und Quer… · "
               "Dorfgemeinschaftshaus Achenb…  Leitung: Jonas Beispiel; Mapping-Begleitung: "
               "Katrin Muster",
               "Wed 23.06.2027  10:00-12:00  Digitalambulanz in Breidenbach · Rathaus, "
               "Sitzungssaal            Leitung: Jonas Beispiel; Digitalhelfer:innen: "
               "4 × ________ (on site)",
               "Fri 25.06.2027  15:00-19:00  Tempo-Challenge: Wie schnell so… · Whole action",
               "25 shifts, 30 posts for the lab team, 28 for local helpers; 0 not staffed.",
               "Hours: Katrin Muster 13.5 h, Jonas Beispiel 7.5 h, Mira Exempel 3 h, "
               "Deniz Vorlage 45 h, Lukas Platzhalter 33 h, Emine Testfeld 3 h"],
        "de": ["Einsatzplan Breidenbach, Phase 1 (07.06.2027 bis 25.07.2027)",
               "Tag            Zeit         Termin, Ort",
               "Fr 11.06.2027  16:00-18:30  Datensafari: Schulwege und Quer… · "
               "Dorfgemeinschaftshaus Achenb…  Leitung: Jonas Beispiel; Mapping-Begleitung: "
               "Katrin Muster",
               "Mi 23.06.2027  10:00-12:00  Digitalambulanz in Breidenbach · Rathaus, "
               "Sitzungssaal            Leitung: Jonas Beispiel; Digitalhelfer:innen: "
               "4 × ________ (vor Ort)",
               "Fr 25.06.2027  15:00-19:00  Tempo-Challenge: Wie schnell so… · Ganze Aktion",
               "25 Einsätze, 30 Posten für das Laborteam, 28 für Helfende vor Ort; 0 nicht "
               "besetzt.",
               "Stunden: Katrin Muster 13,5 Std., Jonas Beispiel 7,5 Std., Mira Exempel 3 Std., "
               "Deniz Vorlage 45 Std., Lukas Platzhalter 33 Std., Emine Testfeld 3 Std."],
    },
    "schedule": {
        "en": ["Municipality       Phase 1                         Phase 2",
               "Breidenbach        07.06.2027-25.07.2027 K1 fixed  30.08.2027-17.10.2027 K2"],
        "de": ["Gemeinde           Phase 1                        Phase 2",
               "Breidenbach        07.06.2027-25.07.2027 K1 fest  30.08.2027-17.10.2027 K2"],
    },
    "plan apply": {
        "en": ["Lohra, phase 1: 11.10.2027 to 21.11.2027 (6 weeks)",
               "  Sun 17.10.2027 14:00-17:00  Beteiligungs-Picknick  @ Sportplatz Lohra (Lohra)  "
               "[lohra-p1-01]",
               "Dry run: nothing written."],
        "de": ["Lohra, Phase 1: 11.10.2027 bis 21.11.2027 (6 Wochen)",
               "  So 17.10.2027 14:00-17:00  Beteiligungs-Picknick  @ Sportplatz Lohra (Lohra)  "
               "[lohra-p1-01]",
               "Probelauf: nichts geschrieben."],
    },
}


def lines_in(expected, output):
    """The expected lines that are not (the start of) a line of ``output``."""
    got = output.splitlines()
    return [e for e in expected if not any(line.startswith(e) for line in got)]


def test_suggest_prints_in_the_users_language(example_dir, lang):
    output = run(example_dir, "suggest", "lohra", "--phase", "2")
    assert lines_in(EXPECTED["suggest"][lang], output) == []


def test_the_einsatzplan_table_is_in_the_users_language_and_its_files_german(
        example_dir, tmp_path, lang):
    out = tmp_path / lang
    output = run(example_dir, "einsatzplan", "breidenbach", "--phase", "1", "--format",
                 "html,csv", "--out", out)
    assert lines_in(EXPECTED["einsatzplan"][lang], output) == []
    html = (out / "breidenbach-phase-1.html").read_text(encoding="utf-8")
    csv = (out / "breidenbach-phase-1.csv").read_text(encoding="utf-8-sig")
    assert "<title>Einsatzplan Breidenbach, Phase 1</title>" in html and "Ganze Aktion" in html
    assert csv.startswith("Gemeinde;Phase;Datum;Wochentag;") and ";Fr;" in csv


def test_the_printed_einsatzplan_is_the_same_in_both_languages(example_dir, tmp_path,
                                                               monkeypatch):
    files = {}
    for lang in ("en", "de"):
        monkeypatch.setenv("WERKZEUGKOFFER_LANG", lang)
        run(example_dir, "einsatzplan", "breidenbach", "--format", "html,csv", "--out",
            tmp_path / lang)
        files[lang] = {p.name: p.read_bytes() for p in sorted((tmp_path / lang).iterdir())}
    assert len(files["en"]) == 4 and files["en"] == files["de"]


def test_the_schedule_table_is_in_the_users_language(example_dir, lang):
    output = run(example_dir, "schedule")
    assert lines_in(EXPECTED["schedule"][lang], output) == []
    markdown = run(example_dir, "schedule", "--markdown")
    head = {"en": "| Municipality | Phase 1 | Phase 2 |", "de": "| Gemeinde | Phase 1 | Phase 2 |"}
    assert markdown.startswith(head[lang] + "\n|---|---|---|\n")


def test_plan_apply_prints_the_phase_in_the_users_language(example_copy, lang):
    output = run(example_copy, "plan", "apply", "erkunden", "lohra", "--start", "2027-10-11",
                 "--replace", "--dry-run")
    assert lines_in(EXPECTED["plan apply"][lang], output) == []


def test_no_german_words_in_the_english_printouts(example_dir, tmp_path, monkeypatch):
    """The planners' vocabulary the printouts used to show whatever the language."""
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "en")
    output = "\n".join([
        run(example_dir, "suggest", "lohra", "--phase", "1"),
        run(example_dir, "suggest", "lohra", "--phase", "2"),
        run(example_dir, "schedule"),
        run(example_dir, "einsatzplan", "breidenbach", "--format", "csv", "--out", tmp_path),
    ])
    for word in ("Vorschlag", "Hinweis", "Punkte", "Teilnehmende", "passt zu", "Einsätze",
                 "Stunden", "Std.", "nicht besetzt", "vor Ort", "Ganze Aktion", "Gemeinde ",
                 " fest ", "Termin", "Themen:", "Zielgruppen:", "Ortsteile mit", "bis ",
                 "erreicht", "mobil oder", "im Hauptort", "im Ortsteil", "\nMo ", "\nDi "):
        assert word not in output, word
