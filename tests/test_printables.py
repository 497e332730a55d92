"""What a kit prints besides cards and posters: copy masters with their copies, result sheets in
the volunteer's language, DSGVO forms and notices, German plurals and units, office deadlines."""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from werkzeugkoffer import CopyMaster, FormatError, Material, Privacy, Workspace, get_catalogue
from werkzeugkoffer.catalogue import unshipped_printables, validate_format
from werkzeugkoffer.checks import run_checks
from werkzeugkoffer.dates import office_day
from werkzeugkoffer.kits import make_kit, render_html
from werkzeugkoffer.kits.content import kit_copy_masters
from werkzeugkoffer.model import Opening, Session, Station
from werkzeugkoffer.needs import copy_master_copies
from werkzeugkoffer.render import get_environment
from werkzeugkoffer.testing import lab_for, write_workspace
from werkzeugkoffer.text import anzahl, je_teilnehmende, menge, plural, satz, tage_vorher

BUILTIN = ("digital", "kreativ", "partizipativ")


def builtin_formats():
    return [f for f in get_catalogue() if f.id.split(".")[0] in BUILTIN]


# -- German helpers -------------------------------------------------------------------------------


def test_plurals_and_units_in_german():
    assert anzahl(1, "Tag") == "1 Tag" and anzahl(2, "Tag") == "2 Tage"
    assert anzahl(1, "Tisch") == "1 Tisch" and anzahl(6, "Stuhl") == "6 Stühle"
    assert anzahl(1000, "Person") == "1.000 Personen"
    assert anzahl(3, "Kanister|Kanister") == "3 Kanister" and plural("Tisch", 1) == "Tisch"
    assert [tage_vorher(d) for d in (0, 1, 2, 7, 14, 56, 10)] == [
        "am selben Tag", "1 Tag vorher", "2 Tage vorher", "1 Woche vorher", "2 Wochen vorher",
        "8 Wochen vorher", "10 Tage vorher"]
    assert menge(1) == "1 Stück" and menge(20, "Portion") == "20 Portionen"
    assert menge(1, "Bogen") == "1 Bogen" and menge(30, "Bogen") == "30 Bögen"
    assert je_teilnehmende(1, 2) == "je 2 Teilnehmende 1 Stück"
    assert je_teilnehmende(2, 1, "Portion") == "je Person 2 Portionen"
    assert je_teilnehmende(3, None) == ""
    assert [satz(t) for t in ("Strom", "Strom.", "Was fehlt?", "„Ja.“", " ")] == [
        "Strom.", "Strom.", "Was fehlt?", "„Ja.“", ""]


def test_filters_print_german():
    env = get_environment(None)
    out = env.from_string(
        "{{ 1|anzahl('Tag') }}; {{ 21|tage_vorher }}; {{ 4|menge('Portion') }}; "
        "{{ 1|je_teilnehmende(2) }}; {{ 'Raum.'|satz }}"
    ).render()
    assert out == "1 Tag; 3 Wochen vorher; 4 Portionen; je 2 Teilnehmende 1 Stück; Raum."


def test_office_deadlines_move_off_weekends_and_hessian_holidays():
    assert office_day(dt.date(2027, 3, 13), "HE") == dt.date(2027, 3, 12)  # Saturday
    assert office_day(dt.date(2027, 3, 14), "HE") == dt.date(2027, 3, 12)  # Sunday
    assert office_day(dt.date(2027, 3, 29), "HE") == dt.date(2027, 3, 25)  # Easter Monday, Good Friday
    assert office_day(dt.date(2027, 5, 27), "HE") == dt.date(2027, 5, 26)  # Fronleichnam in Hessen
    assert office_day(dt.date(2027, 3, 10), "HE") == dt.date(2027, 3, 10)  # a Wednesday stays
    assert office_day(dt.date(2027, 3, 13), "XX") == dt.date(2027, 3, 12)  # no such state


def test_kit_preparation_tasks_fall_on_working_days(tmp_path):
    fmt = get_catalogue()["kreativ.repair-cafe"]
    ws = Workspace.load(write_workspace(tmp_path / "ws", [fmt], phase2_sessions=False))
    kit = make_kit(ws, "beispiel", 1)
    tasks = [t for ks in kit.sessions for t in ks.preparation]
    assert tasks and all(t.due.weekday() < 5 for t in tasks)
    # the session is on a Saturday: "1 Tag vorher" is due on the Friday before
    assert kit.sessions[0].date.weekday() == 5
    assert min(t.due for t in tasks if t.step.days_before == 1) == kit.sessions[0].date - dt.timedelta(days=1)


# -- copy masters ---------------------------------------------------------------------------------


def test_every_printable_a_builtin_card_names_is_shipped():
    missing = {f.id: unshipped_printables(f) for f in builtin_formats()}
    assert {k: v for k, v in missing.items() if v} == {}


def test_a_card_that_names_an_unshipped_printable_is_caught():
    fmt = get_catalogue()["kreativ.repair-cafe"]
    assert unshipped_printables(attrs.evolve(fmt, copy_masters=fmt.copy_masters[1:])) == [
        "Laufzettel"]
    extra = attrs.evolve(fmt, materials=(*fmt.materials, Material(name="Spendenquittung",
                                                                   reusable=False)))
    assert unshipped_printables(extra) == []  # not a printable word
    extra = attrs.evolve(fmt, materials=(*fmt.materials, Material(name="Leihzettel",
                                                                   reusable=False)))
    assert unshipped_printables(extra) == ["Leihzettel"]


def test_every_builtin_copy_master_template_exists_and_renders(tmp_path):
    formats = builtin_formats()
    env = get_environment(None)
    for fmt in formats:
        for cm in fmt.copy_masters:
            env.get_template(cm.template)  # raises when missing or broken
    assert sum(len(f.copy_masters) for f in formats) >= 45


def test_copy_master_fields_are_validated():
    fmt = get_catalogue()["kreativ.repair-cafe"]
    bad = attrs.evolve(fmt, copy_masters=(
        CopyMaster(template="a.html", title="A", material="Laufzettel mit Hausordung"),
        CopyMaster(template="a.html", title="B", size="A5", per_sheet=0),
        CopyMaster(template="c.html", title="C", material="Laufzettel mit Hausordnung", copies=3),
    ))
    problems = "\n".join(validate_format(bad))
    assert 'copy_masters[0].material: "Laufzettel mit Hausordung" is not a consumable' in problems
    assert 'did you mean "Laufzettel mit Hausordnung"' in problems
    assert 'template "a.html" is named twice' in problems
    assert 'copy_masters[1].size: "A5"' in problems and "copy_masters[1].per_sheet" in problems
    assert "copy_masters[2]: copies come from the material" in problems
    unit = attrs.evolve(fmt, materials=(Material(name="Saft", unit="Kanne", reusable=False),))
    assert 'materials[0].unit: unknown unit "Kanne"' in "\n".join(validate_format(unit))


def test_copies_follow_the_expected_participants():
    fmt = get_catalogue()["kreativ.repair-cafe"]
    laufzettel, hausordnung, _ = fmt.copy_masters
    session = Session(id="s", format=fmt.id, date=dt.date(2027, 3, 13), start=dt.time(10),
                      end=dt.time(13), venue="v", expected=23)
    assert copy_master_copies(session, fmt, laufzettel) == 23  # one per participant
    assert copy_master_copies(session, fmt, hausordnung) == 1
    slips = get_catalogue()["digital.digitalambulanz"]
    anliegen = slips.copy_masters[0]
    assert anliegen.per_sheet == 2
    s = attrs.evolve(session, format=slips.id, expected=7)
    assert copy_master_copies(s, slips, anliegen) == 7  # 2 slips each, 2 to a sheet
    cm = CopyMaster(template="x.html", title="X", copies=1, per_participants=10, per_sheet=1)
    assert copy_master_copies(attrs.evolve(session, expected=0), fmt, cm) == 1  # format minimum


def test_copies_at_stations_add_up_every_station():
    fmt = get_catalogue()["partizipativ.tempo-challenge"]
    umfrage = next(cm for cm in fmt.copy_masters if cm.material == "Umfragebogen auf Papier")
    session = Session(id="s", format=fmt.id, date=dt.date(2027, 5, 1), end_date=dt.date(2027, 5, 10),
                      start=dt.time(10), end=dt.time(18), expected=300,
                      stations=tuple(Station(venue=f"v{i}", expected=40) for i in range(3)))
    # the survey is a station material: every station needs its own, by its expected contributions
    survey = next(m for m in fmt.stations.materials if m.name == "Umfragebogen auf Papier")
    assert copy_master_copies(session, fmt, umfrage) == 3 * survey.needed(40)
    uneven = attrs.evolve(session, stations=(Station(venue="a", expected=10),
                                             Station(venue="b", expected=50)))
    assert copy_master_copies(uneven, fmt, umfrage) == survey.needed(10) + survey.needed(50)


def test_the_kit_prints_each_copy_master_once_with_copies_per_session(tmp_path):
    cafe = get_catalogue()["kreativ.repair-cafe"]
    root = write_workspace(tmp_path / "ws", [cafe, cafe], phase2_sessions=False)
    ws = Workspace.load(root)
    kit = make_kit(ws, "beispiel", 1)
    masters = kit_copy_masters(kit.sessions)
    assert [k.copy_master.title for k in masters] == [cm.title for cm in cafe.copy_masters]
    laufzettel = masters[0]
    assert laufzettel.copies == tuple((ks.number, ks.participants) for ks in kit.sessions)
    assert laufzettel.total == sum(ks.participants for ks in kit.sessions)
    html = render_html(kit, workspace=ws)
    assert html.count("Kopiervorlage: Laufzettel mit Hausordnung") == 1
    assert "Laufzettel Repair Café" in html and "Hausordnung Repair Café" in html
    # the copy list (Leitfaden, packing list): copies per session
    assert re.search(r"Laufzettel mit Hausordnung – Repair Café</td><td class=\"num\">\d+</td>"
                     r"<td>Termin 1: \d+; Termin 2: \d+", html)


def test_a_missing_copy_master_template_is_a_check_error(tmp_path):
    fmt = attrs.evolve(get_catalogue()["kreativ.repair-cafe"], id="werkstatt.cafe",
                       copy_masters=(CopyMaster(template="werkstatt/laufzetel.html", title="L"),))
    root = write_workspace(tmp_path / "ws", [fmt], format_files=True, phase2_sessions=False)
    findings = [f for f in run_checks(Workspace.load(root)) if f.code == "missing-template"]
    assert findings and findings[0].severity.value == "error"
    assert 'copy_masters[0] names the template "werkstatt/laufzetel.html"' in findings[0].message
    (root / "templates" / "werkstatt").mkdir(parents=True)
    (root / "templates" / "werkstatt" / "laufzetel.html").write_text("<h2>L</h2>")
    assert not [f for f in run_checks(Workspace.load(root)) if f.code == "missing-template"]


# -- result sheets ---------------------------------------------------------------------------------


def _kit_html(tmp_path, fmt_id, expected):
    fmt = get_catalogue()[fmt_id]
    root = write_workspace(tmp_path / "ws", [fmt], phase2_sessions=False)
    ws = Workspace.load(root)
    kit = make_kit(ws, "beispiel", 1)
    kit = attrs.evolve(kit, sessions=tuple(attrs.evolve(ks, participants=expected)
                                           for ks in kit.sessions))
    return fmt, kit, render_html(kit, workspace=ws)


def test_result_sheets_speak_the_volunteers_language(tmp_path):
    fmt, kit, html = _kit_html(tmp_path, "kreativ.repair-cafe", 12)
    sheet = html[html.index('id="ergebnis-1"'):]
    sheet = sheet[:sheet.index("</section>")]
    body = sheet.replace(sheet[sheet.index('<p class="machine"'):].split("</p>", 1)[0], "")
    for f in fmt.result_fields:
        assert f.name not in body  # the internal name only in the machine-readable line
        assert f.label in body
    arten = next(f for f in fmt.result_fields if f.type.value == "choice_votes")
    assert "Stimmen" not in sheet and "Möglichkeit" not in sheet  # counting is "Anzahl"
    for option in arten.options:
        assert f'<th scope="row">{option}</th>' in sheet
    ideen = next(f for f in fmt.result_fields if f.type.value == "text_list")
    assert ideen.help in sheet
    # one line per expected participant, at most eight (two columns of four); the rest is
    # written on the back, and the sheet says so
    assert sheet.count("<li></li>") == 8
    assert "auf der Rückseite weiterschreiben" in sheet
    _, _, small = _kit_html(tmp_path / "klein", "kreativ.repair-cafe", 6)
    small = small[small.index('id="ergebnis-1"'):]
    small = small[:small.index("</section>")]
    assert small.count("<li></li>") == 6 and "Rückseite" not in small


def test_the_competence_sheet_has_a_column_per_participant(tmp_path):
    for participants, columns in ((6, 6), (12, 12)):
        _, _, html = _kit_html(tmp_path / str(participants), "digital.kompetenzcheck", participants)
        sheet = html[html.index('id="ergebnis-1"'):]
        sheet = sheet[:sheet.index("</section>")]
        heads = re.findall(r'<th scope="col">P(\d+)</th>', sheet)
        assert sorted(set(map(int, heads))) == list(range(1, columns + 1))


def test_map_points_print_the_ortsteile(tmp_path):
    _, kit, html = _kit_html(tmp_path, "partizipativ.nadelmethode", 10)
    sheet = html[html.index('id="ergebnis-1"'):]
    for o in kit.municipality.ortsteile:
        assert f'<span class="opt">{o}</span>' in sheet


# -- data protection ---------------------------------------------------------------------------------


def test_consent_and_notices_are_complete_for_hessen(tmp_path):
    formats = [get_catalogue()[i] for i in ("kreativ.repair-cafe", "digital.lotsenrunde")]
    root = write_workspace(tmp_path / "ws", formats, phase2_sessions=False)
    ws = Workspace.load(root)
    kit = make_kit(ws, "beispiel", 1)
    html = render_html(kit, workspace=ws)
    consent = html[html.index('id="fotoeinwilligung"'):]
    consent = consent[:consent.index("</section>")]
    privacy = ws.lab.privacy
    for fact in (privacy.address, privacy.officer, privacy.retention.rstrip("."),
                 "Art. 6 Abs. 1 Buchst. a DSGVO", "Art. 7 Abs. 3 DSGVO", "Art. 77 DSGVO",
                 "Der Hessische Beauftragte für Datenschutz und Informationsfreiheit",
                 "Gustav-Stresemann-Ring 1, 65189 Wiesbaden", ws.lab.organiser):
        assert fact in consent, fact
    # an Art. 13 notice for the session that collects personal data, none for the other
    cafe = next(ks for ks in kit.sessions if ks.format.id == "kreativ.repair-cafe")
    lotsen = next(ks for ks in kit.sessions if ks.format.id == "digital.lotsenrunde")
    assert [ks.number for ks in kit.notice_sessions] == [cafe.number]
    notice = html[html.index(f'id="datenschutz-{cafe.number}"'):]
    notice = notice[:notice.index("</section>")]
    dp = cafe.format.data_protection
    for fact in (dp.collected, dp.purpose, dp.retention, privacy.address, "Art. 77 DSGVO",
                 "Hier wird fotografiert."):
        assert fact in notice, fact
    assert f'id="datenschutz-{lotsen.number}"' not in html


def test_missing_privacy_facts_are_check_findings_and_blanks_on_paper(tmp_path):
    fmt = get_catalogue()["kreativ.repair-cafe"]
    lab = attrs.evolve(lab_for([fmt]), privacy=Privacy(), state="BY")
    root = write_workspace(tmp_path / "ws", [fmt], lab=lab, phase2_sessions=False)
    ws = Workspace.load(root)
    findings = [f for f in run_checks(ws) if f.code == "privacy-missing"]
    assert sorted(f.path for f in findings) == [
        "privacy.address", "privacy.authority", "privacy.officer", "privacy.retention"]
    assert all(f.file == "labor.toml" and f.severity.value == "warning" for f in findings)
    html = render_html(make_kit(ws, "beispiel", 1), workspace=ws)
    consent = html[html.index('id="fotoeinwilligung"'):]
    assert consent[:consent.index("</section>")].count("(bitte eintragen)") == 4
    # a lab whose sessions collect nothing needs no facts
    quiet = get_catalogue()["digital.lotsenrunde"]
    root = write_workspace(tmp_path / "ws2", [quiet], lab=lab, phase2_sessions=False)
    assert not [f for f in run_checks(Workspace.load(root)) if f.code == "privacy-missing"]


def test_the_example_lab_has_its_privacy_facts(example_dir):
    ws = Workspace.load(example_dir)
    assert ws.lab.privacy.address and ws.lab.privacy.officer and ws.lab.privacy.retention
    assert "HBDI" in ws.lab.supervisory_authority
    assert not [f for f in run_checks(ws) if f.code == "privacy-missing"]
