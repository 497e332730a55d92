"""The findings of ``check`` and the messages of the planning commands in German (issue 14, 6).

Under ``WERKZEUGKOFFER_LANG=de`` the same findings come out as under ``en``, in German: severity
labels, plural forms, German dates and decimal commas, and no English word of the English
message left; codes, files and field paths stay as they are. The planning commands
(``schedule``, ``suggest``, ``plan``, ``einsatzplan``) say what is wrong in German too.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from werkzeugkoffer import Finding, Severity, Workspace, hookimpl, run_checks
from werkzeugkoffer.cli import cli

ROOT = Path(__file__).resolve().parent.parent

#: Words of the English messages of the checks and the planning modules that have no place in a
#: German message (German words spelt alike, such as "Phase", "Team", "Format" and "Plugin",
#: are left out).
ENGLISH = (
    "session", "sessions", "overlap", "overlaps", "venue", "unknown", "lasts", "weeks", "rule",
    "lab's", "people", "needed", "same time", "the team has", "plan local helpers", "move",
    "public holiday", "offers", "theme", "lies outside", "to", "crashed", "findings",
    "missing", "error", "warning", "check", "of plugin", "more", "not shown", "listed",
    "malformed", "left out", "the first", "expected", "tool case", "phases", "municipalities",
    "at most", "at once", "lower bound", "gap", "mean", "get new dates", "fixed", "must",
    "already", "starts", "does not exist", "give", "leave", "no phase", "minimum", "between",
    "programme", "and", "on", "is", "of", "the",
)
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])",
                        re.IGNORECASE)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
FINDING = re.compile(r"^(?P<severity>[^:]+): (?P<where>(?:gemeinden/\S+|labor\.toml)(?:: \S+)?): "
                     r"(?P<message>.*) \[(?P<code>[a-z-]+)\]$")


def run(lang, monkeypatch, *args):
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", lang)
    return CliRunner().invoke(cli, [str(a) for a in args])


def english_words(text: str) -> list[str]:
    """English words of the checks' messages in ``text``, the ids and quoted names left out."""
    text = re.sub(r"„[^“]*“|\"[^\"]*\"|\([^()]*did you mean[^()]*\)", " ", text)
    text = re.sub(r"\S*[./]\S*|\b[\w-]*-p\d-\d+\b", " ", text)  # ids, file names, field paths
    return ENGLISH_RE.findall(text)


def findings(output: str) -> list[dict]:
    return [m.groupdict() for line in output.splitlines() if (m := FINDING.match(line))]


# -- a plan with mistakes -----------------------------------------------------------------------


def crashing_plugin():
    plugin = types.ModuleType("wkt_kaputt")

    def kaputt(context):
        for slug, m in context.municipalities.items():
            if m.name == "Lohra":
                raise RuntimeError("Division durch null")
        return []

    @hookimpl
    def register_checks(register):
        register(kaputt)

    plugin.register_checks = register_checks
    return plugin


@pytest.fixture
def broken(example_copy, wk_plugin_manager):
    """The example with mistakes in Lohra: two sessions at one venue at once, a phase 2 of four
    weeks with a session on New Year's Day and sessions after its end, a typo'd format, a team of
    one, and a plugin check that crashes on Lohra."""
    path = example_copy / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8")
    changes = [
        ('date = 2027-11-02\nstart = "16:00"\nend = "18:00"\nvenue = "dgh-altenvers"',
         'date = 2027-10-25\nstart = "10:00"\nend = "12:00"\nvenue = "dgh-kirchvers"'),
        ("number = 2\nstart = 2028-01-10\nend = 2028-02-20",
         "number = 2\nstart = 2027-12-27\nend = 2028-01-23"),
        ('date = 2028-01-27\nstart = "17:00"', 'date = 2028-01-01\nstart = "17:00"'),
        ('format = "digital.datensafari"', 'format = "digital.datensafary"'),
    ]
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    lab = example_copy / "labor.toml"
    head, first, *rest = lab.read_text(encoding="utf-8").split("[[team]]")
    tail = rest[-1][rest[-1].index("\n[") + 1:]  # the tables after the last team member
    lab.write_text(head + "[[team]]" + first + tail, encoding="utf-8")
    wk_plugin_manager(crashing_plugin(), "pruefungen")
    return example_copy


def test_check_findings_are_german_and_the_same_as_in_english(broken, monkeypatch):
    en = run("en", monkeypatch, "-w", broken, "check", "lohra")
    de = run("de", monkeypatch, "-w", broken, "check", "lohra")
    assert en.exit_code == de.exit_code == 1
    english, german = findings(en.stdout), findings(de.stdout)
    codes = {f["code"] for f in german}
    assert {"venue-overlap", "phase-length", "session-outside-phase", "unknown-format", "team",
            "holiday", "themes", "check-crashed"} <= codes
    # the same findings, in the same order, at the same places
    assert [(f["code"], f["where"]) for f in german] == [(f["code"], f["where"]) for f in english]
    assert {f["severity"] for f in english} == {"error", "warning"}
    assert {f["severity"] for f in german} == {"Fehler", "Warnung"}
    for e, g in zip(english, german):
        assert g["message"] != e["message"]
        assert english_words(g["message"]) == [], g["message"]
        assert not ISO_DATE.search(g["message"]), g["message"]
    by_code = {}
    for f in german:
        by_code.setdefault(f["code"], []).append(f["message"])
    assert by_code["venue-overlap"] == [
        "Die Termine „lohra-p1-02“ und „lohra-p1-03“ überschneiden sich am 25.10.2027 am "
        "Veranstaltungsort „dgh-kirchvers“"]
    assert by_code["phase-length"] == [
        "Phase 2 dauert 4,0 Wochen; die Regel des Labors sind 6 bis 8 Wochen"]
    assert "Termin „lohra-p2-02“ (28.1.2028) liegt außerhalb von Phase 2 (27.12.2027 bis " \
        "23.1.2028)" in by_code["session-outside-phase"]
    (unknown,) = by_code["unknown-format"]
    assert unknown.startswith("Termin „lohra-p2-02“: unbekanntes Format „digital.datensafary“")
    assert "digital.datensafari" in unknown  # the did-you-mean
    assert by_code["holiday"] == [
        "Termin „lohra-p2-01“ am 1.1.2028, einem gesetzlichen Feiertag (Neujahr)"]
    assert by_code["themes"] == ["Phase 2 bietet keinen Termin zum Thema Digital"]
    # plural forms: "Personen" for many people, "1 Person" for a team of one
    pattern = re.compile(r"Am 25\.10\.2027 werden \d+ Personen des Laborteams gleichzeitig "
                         r"gebraucht \(lohra-p1-02, lohra-p1-03\), das Team hat 1 Person; planen "
                         r"Sie Helfende vor Ort ein oder verschieben Sie einen Termin")
    assert any(pattern.fullmatch(m) for m in by_code["team"]), by_code["team"]
    assert by_code["check-crashed"] == [
        "Prüfung „kaputt“ des Plugins „pruefungen“ ist bei Lohra mit einem Fehler abgebrochen: "
        "RuntimeError: Division durch null; ihre Befunde für Lohra fehlen"]
    # and English stays English
    assert any('sessions "lohra-p1-02" and "lohra-p1-03" overlap at venue "dgh-kirchvers" on '
               "2027-10-25" == f["message"] for f in english)
    assert not any(re.search(r"[äöüß„“]|Termin|Phase \d dauert", f["message"]) for f in english
                   if f["code"] != "holiday")


def test_check_json_keeps_machine_readable_values(broken, monkeypatch):
    """``--json`` keeps its keys, severities and codes; only the message text is German."""
    import json

    en = json.loads(run("en", monkeypatch, "-w", broken, "check", "lohra", "--json").stdout)
    de = json.loads(run("de", monkeypatch, "-w", broken, "check", "lohra", "--json").stdout)
    assert [sorted(f) for f in de] == [sorted(f) for f in en]
    assert [(f["severity"], f["code"], f["file"], f["path"]) for f in de] == \
        [(f["severity"], f["code"], f["file"], f["path"]) for f in en]
    assert {f["severity"] for f in de} == {"error", "warning"}
    assert any(f["message"].startswith("Phase 2 dauert 4,0 Wochen") for f in de)


def test_malformed_and_capped_findings_are_counted_in_german(example_copy, wk_plugin_manager,
                                                           monkeypatch):
    def one_bad(context):
        yield "kein Finding"

    def two_bad(context):
        yield "kein Finding"
        yield 42

    def many(context):
        for i in range(4):
            severity = Severity.ERROR if i == 3 else Severity.WARNING
            yield Finding(severity=severity, code="viele", message=f"Befund {i}")

    plugin = types.ModuleType("wkt_viele")

    @hookimpl
    def register_checks(register):
        for check in (one_bad, two_bad, many):
            register(check)

    plugin.register_checks = register_checks
    wk_plugin_manager(plugin, "viele")
    ws = Workspace.load(example_copy)
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    found = run_checks(ws, ["lohra"], limit=2)
    malformed = sorted(f.message for f in found if f.code == "check-malformed")
    assert malformed == [
        "Prüfung „one_bad“ des Plugins „viele“ hat 1 fehlerhaften Befund geliefert, er wurde "
        "ausgelassen (str 'kein Finding'; erwartet: werkzeugkoffer.Finding)",
        "Prüfung „two_bad“ des Plugins „viele“ hat 2 fehlerhafte Befunde geliefert, sie wurden "
        "ausgelassen (der erste: str 'kein Finding'; erwartet: werkzeugkoffer.Finding)",
    ]
    (more,) = [f for f in found if f.code == "more-findings"]
    assert more.message == ("Prüfung „many“: 2 weitere Befunde nicht angezeigt (davon 1 Fehler); "
                            "nur die ersten 2 sind aufgeführt")
    assert str(more).startswith("Fehler: Prüfung „many“")
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "en")
    (more,) = [f for f in run_checks(ws, ["lohra"], limit=3) if f.code == "more-findings"]
    assert more.message == ('check "many": 1 more finding not shown (1 error); only the first 3 '
                            "are listed")
    assert str(more).startswith('error: check "many"')


# -- planning -----------------------------------------------------------------------------------


def test_schedule_speaks_german(example_copy, monkeypatch):
    de = run("de", monkeypatch, "-w", example_copy, "schedule")
    assert de.exit_code == 0, de.output
    assert ("Tour: 44 Phasen in 22 Gemeinden; 2 Werkzeugkoffer, Team aus 6 Personen, höchstens 2 "
            "Phasen gleichzeitig.") in de.stdout
    assert ("Programm: 11.1.2027 bis 6.1.2030 = 156,0 Wochen; Untergrenze 148,5 Wochen (297 "
            "Phasenwochen / 2 Werkzeugkoffer): +5,1 %.") in de.stdout
    assert ("0 Phasen bekommen einen neuen Zeitraum, 2 bleiben fest; 0 Termine werden mit ihrer "
            "Phase verschoben.") in de.stdout
    en = run("en", monkeypatch, "-w", example_copy, "schedule")
    assert "Tour: 44 phases in 22 municipalities; 2 tool cases, team of 6, at most 2 phases at " \
        "once." in en.stdout


@pytest.mark.parametrize("rules, german", [
    ("min_weeks = 8\nmax_weeks = 6",
     "labor.toml: rules: min_weeks (8) ist größer als max_weeks (6); keine Phasenlänge erfüllt "
     "beides"),
    ("min_weeks = 0\nmax_weeks = 8",
     "labor.toml: rules.min_weeks: muss mindestens 1 sein, eingetragen ist 0"),
])
def test_schedule_errors_are_german(example_copy, monkeypatch, rules, german):
    lab = example_copy / "labor.toml"
    text = lab.read_text(encoding="utf-8")
    assert "min_weeks = 6\nmax_weeks = 8" in text
    lab.write_text(text.replace("min_weeks = 6\nmax_weeks = 8", rules), encoding="utf-8")
    result = run("de", monkeypatch, "-w", example_copy, "schedule")
    assert result.exit_code == 2
    assert german in result.stderr
    assert "Traceback" not in result.output


def test_a_fixed_phase_2_too_early_for_the_tour_is_german(example_copy, monkeypatch):
    path = example_copy / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8")
    old = "number = 2\nstart = 2028-01-10\nend = 2028-02-20"
    assert old in text
    path.write_text(text.replace(old, old + "\nfixed = true"), encoding="utf-8")
    result = run("de", monkeypatch, "-w", example_copy, "schedule", "--start", "2027-12-01")
    assert result.exit_code == 1, result.output
    assert ("gemeinden/lohra.toml: Phase 2 ist fest (10.1.2028); wegen Phase 1 (7 Wochen) und dem "
            "Mindestabstand (4 Wochen) muss Phase 1 spätestens am 25.10.2027 beginnen, also vor "
            "dem Beginn der Tour (6.12.2027); wählen Sie ein früheres --start oder verschieben Sie "
            "Phase 2") in result.stderr


def test_suggest_errors_are_german(example_copy, monkeypatch):
    result = run("de", monkeypatch, "-w", example_copy, "suggest", "lohra", "--phase", "2",
                 "--write", "--start", "2028-01-17")
    assert result.exit_code == 2
    assert ("--start: Phase 2 von Lohra beginnt schon am 10.1.2028 (gemeinden/lohra.toml); lassen "
            "Sie --start weg oder verschieben Sie die Phase mit werkzeugkoffer schedule"
            ) in result.stderr
    path = example_copy / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("# Phase 2")], encoding="utf-8")
    result = run("de", monkeypatch, "-w", example_copy, "suggest", "lohra", "--phase", "2",
                 "--write")
    assert result.exit_code == 2
    assert ("gemeinden/lohra.toml: Phase 2 gibt es noch nicht; geben Sie ihren ersten Tag mit "
            "--start an") in result.stderr


def test_plan_apply_and_einsatzplan_errors_are_german(example_copy, monkeypatch):
    result = run("de", monkeypatch, "-w", example_copy, "plan", "apply", "erkunden", "lohra",
                 "--start", "2027-10-11")
    assert result.exit_code == 2
    assert ("gemeinden/lohra.toml: Phase 1 hat schon 5 Termine; überschreiben Sie sie mit "
            "--replace (ihre Termine werden ersetzt, Kommentare an anderer Stelle bleiben "
            "erhalten)") in result.stderr
    result = run("de", monkeypatch, "-w", example_copy, "plan", "apply", "erkundn", "lohra",
                 "--start", "2027-10-11")
    assert result.exit_code == 2
    assert 'labor.toml: unbekannte Planvorlage „erkundn“' in result.stderr
    assert "erkunden" in result.stderr

    path = example_copy / "gemeinden" / "lohra.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("# Phase 2")], encoding="utf-8")
    result = run("de", monkeypatch, "-w", example_copy, "einsatzplan", "lohra", "--phase", "2",
                 "--format", "csv", "--out", example_copy / "out")
    assert result.exit_code == 2
    assert "gemeinden/lohra.toml: phases: Es gibt keine Phase 2" in result.stderr
    result = run("en", monkeypatch, "-w", example_copy, "einsatzplan", "lohra", "--phase", "2",
                 "--format", "csv", "--out", example_copy / "out")
    assert "gemeinden/lohra.toml: phases: no phase 2" in result.stderr


# -- the catalogue ------------------------------------------------------------------------------

MINE = ("core/checks/", "core/planning/", "core/needs.py", "core/reach.py", "core/competence.py",
        "core/indicators.py", "core/prose.py")


def test_every_message_of_the_checks_and_the_planning_has_a_german_translation():
    """Each marked message of these modules is in the catalogue, translated (every plural form),
    with the same placeholders, and the shipped .mo says the same."""
    pytest.importorskip("babel")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n as script
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    from babel.messages.mofile import read_mo

    extracted = [m for m in script.extract()
                 if m.id and any(f.startswith(MINE) for f, _ in m.locations)]
    assert len(extracted) > 150
    po = script.read_po()
    with open(script.MO, "rb") as fh:
        mo = read_mo(fh)

    def fields(text):
        return set(re.findall(r"\{(\w*)\}", text.replace("{{", "").replace("}}", "")))

    problems = []
    for message in extracted:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        entry, shipped = po.get(key), mo.get(key)
        if entry is None or not entry.string or not all(entry.string):
            problems.append(f"untranslated: {message.id!r}")
            continue
        def same(a, b):
            return list(a) == list(b) if isinstance(b, tuple) else a == b

        if shipped is None or not same(shipped.string, entry.string):
            problems.append(f"not compiled: {message.id!r}")
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not set().union(*map(fields, strings)) <= set().union(*map(fields, ids)):
            problems.append(f"placeholders differ: {message.id!r}")
        # German quotes around names; straight ones only around values to type ("{main}")
        if any('"' in re.sub(r'"\{\w+\}"', "", s) for s in strings):
            problems.append(f"straight quotes: {strings!r}")
    assert problems == []
