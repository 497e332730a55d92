"""What every field of the workspace files means, and their JSON Schemas, made from the model.

:data:`FIELDS` gives each field of each model class a short German and English description (a
table in code, so the model classes stay plain data); :data:`TABLES` describes the classes
themselves. :func:`json_schema` turns the attrs classes into a JSON Schema (draft 7) per file
kind of :data:`FILE_KINDS` (``werkzeugkoffer schema KIND``), which editors such as VS Code with
Even Better TOML (taplo) use to validate and complete the files. The reference pages in
``docs/reference/`` are generated from the same table (:mod:`werkzeugkoffer.render.reference`).

A model field without a description, or a description of a field that does not exist, is an
error (:func:`missing_descriptions`), so the docs cannot drift from the model.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import Any

import attrs

from . import model
from .model import (
    AGS_RE,
    IDENTIFIER_RE,
    INT_RANGES,
    MAX_COUNT,
    MAX_IDENTIFIER_LENGTH,
    RESERVED_NAMES,
    Ags,
    Identifier,
    StateCode,
)

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$"


@attrs.frozen
class FileKind:
    """One kind of file: its name on the command line, the model class, where such files live."""

    name: str
    cls: type
    files: str
    de: str
    en: str


FILE_KINDS: dict[str, FileKind] = {
    k.name: k
    for k in (
        FileKind("labor", model.Lab, "labor.toml",
                 "Das Labor: Träger, Ansprechpersonen, Team, Werkzeugkoffer, Regeln für die "
                 "Phasen.",
                 "The lab: organiser, contacts, team, tool case inventory, phase rules."),
        FileKind("gemeinde", model.Municipality, "gemeinden/*.toml",
                 "Eine Gemeinde: AGS, Einwohnerzahl, Ortsteile, Orte und ihre zwei Laborphasen.",
                 "One municipality: AGS, population, Ortsteile, venues and its two lab phases."),
        FileKind("format", model.Format, "formate/*.toml",
                 "Ein eigenes Beteiligungsformat (dieselben Felder wie ein Format eines Plugins).",
                 "A lab's own participation format (the same fields as a plugin's format)."),
        FileKind("ergebnis", model.Result, "Ergebnisbögen als TOML oder JSON",
                 "Das Ergebnis eines Termins, wie es ein Ergebnisbogen (TOML, JSON) festhält.",
                 "The result of one session, as a result sheet (TOML, JSON) records it."),
    )
}

#: ``{class name: (Deutsch, English)}``: what a table of this class is.
TABLES: dict[str, tuple[str, str]] = {
    "Lab": ("Das Labor.", "The lab."),
    "Contact": ("Eine Ansprechperson.", "A contact person."),
    "TeamMember": ("Ein Mitglied des Labor-Teams.", "A member of the lab team."),
    "InventoryItem": ("Etwas aus dem Werkzeugkoffer, das das Labor besitzt.",
                      "Something the lab owns, reusable from session to session."),
    "PhaseRules": ("Regeln für die zwei Phasen jeder Gemeinde.",
                   "Rules for the two phases of every municipality."),
    "PhaseRule": ("Name und Schwerpunkt einer der zwei Phasen.",
                  "Name and focus of one of the two phases."),
    "PlanTemplate": ("Eine Planvorlage: eine Phase, relativ zu ihrem Beginn geschrieben.",
                     "A plan template: a phase written relative to its start."),
    "TemplateSession": ("Eine Zeile einer Planvorlage: Termine eines Formats.",
                        "One line of a plan template: sessions of one format."),
    "Privacy": ("Datenschutzangaben des Labors (Art. 13 DSGVO) für Einwilligung und Hinweise.",
                "The lab's data-protection facts (GDPR Art. 13) for consent forms and notices."),
    "OpenData": ("Wie Ergebnisse als offene Daten veröffentlicht werden (Datenpaket).",
                 "How results are published as open data (the data package)."),
    "PlanningGoals": ("Ziele und Grenzen, für die `suggest` Formate vorschlägt.",
                      "Goals and limits that `suggest` plans a phase for."),
    "Municipality": ("Eine Gemeinde mit ihren zwei Laborphasen.",
                     "A municipality with its two lab phases."),
    "Venue": ("Ein Ort, an dem Termine stattfinden.", "A place where sessions take place."),
    "Phase": ("Eine Laborphase (mehrere Wochen) mit ihren Terminen.",
              "A lab phase (several weeks) with its sessions."),
    "Session": ("Ein Termin: ein Durchlauf eines Formats.", "A session: one run of a format."),
    "Opening": ("Ein Öffnungstag mit seinen Zeiten.", "One opening day, with its hours."),
    "Station": ("Ein Ort eines Termins, der an mehreren Orten zugleich läuft.",
                "One place of a session that runs at several places at once."),
    "Format": ("Ein Beteiligungsformat: alles, was auf die Methodenkarte kommt.",
               "A participation format: everything the method card prints."),
    "Space": ("Was das Format an Raum braucht.", "The space a session needs."),
    "StationNeeds": ("Was jede Station eines Formats braucht, das an mehreren Orten zugleich "
                     "läuft.", "What each station needs, for a format that runs at several "
                     "places at once."),
    "Role": ("Eine Rolle im Termin: wer, wie viele, was sie tun.",
             "A role in a session: who, how many, what they do."),
    "Material": ("Etwas, das ein Termin braucht.", "Something a session needs."),
    "PrepStep": ("Eine Vorbereitungsaufgabe.", "A preparation task."),
    "Step": ("Ein Schritt des Ablaufs, mit Minuten.", "A timed agenda step."),
    "DataProtection": ("Datenschutz: Fotos, personenbezogene Daten, Einwilligung.",
                       "Data protection: photos, personal data, consent."),
    "Variation": ("Eine Variante des Formats.", "A variant of the format."),
    "CopyMaster": ("Eine Kopiervorlage, die das Format mitbringt (Formular, Zettel, Plakat).",
                   "A printable the format ships (a form, slips, a poster)."),
    "ResultField": ("Ein Feld des Ergebnisbogens.", "One field of the result sheet."),
    "Indicator": ("Eine Kennzahl auf der Wirkungstreppe.",
                  "An indicator on the impact staircase."),
    "Result": ("Das Ergebnis eines Termins.", "The result of one session."),
}

#: ``{class name: {field: (Deutsch, English)}}``: what every field means.
FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "Lab": {
        "name": ("Name des Labors.", "Name of the lab."),
        "organiser": ("Träger, z. B. der Landkreis.", "Organiser, e.g. the district."),
        "state": ("Bundesland (Kürzel) für Feiertage und stille Tage, z. B. `HE`.",
                  "State code for public holidays and quiet days, e.g. `HE`."),
        "url": ("Webseite des Labors (auf Plakaten als QR-Code, wenn kein Termin eine eigene hat).",
                "Website of the lab (a QR code on posters when a session has no page of its own)."),
        "session_url": ("Muster für die Webseite jedes Termins, z. B. "
                        "`https://beteiligung.example.org/{gemeinde}/{session}` ({phase} geht auch); "
                        "als QR-Code auf Plakat und Einladung.",
                        "Pattern of each session's web page, e.g. "
                        "`https://beteiligung.example.org/{gemeinde}/{session}` ({phase} too); a "
                        "QR code on posters and invitations."),
        "contacts": ("Ansprechpersonen für Gemeinden, Presse und Bürgerschaft.",
                     "Contacts for municipalities, press and citizens."),
        "team": ("Das Labor-Team; die Prüfung vergleicht gleichzeitigen Personalbedarf damit.",
                 "The lab team; the team check compares staff needed at once with it."),
        "inventory": ("Der Werkzeugkoffer: was das Labor besitzt und wie viel davon.",
                      "The tool case: what the lab owns, and how many."),
        "tool_cases": ("Anzahl der Koffer: so viele Phasen können gleichzeitig laufen.",
                       "Number of tool cases: how many phases can run at once."),
        "rules": ("Regeln für die Phasen (Länge, Abstand, Ferien).",
                  "Rules for the phases (length, gap, holidays)."),
        "goals": ("Wirkungsziele des Labors (im Bericht).", "The lab's impact goals (in reports)."),
        "plan_templates": ("Planvorlagen für `plan apply`.", "Plan templates for `plan apply`."),
        "planning": ("Ziele für `suggest`.", "Goals for `suggest`."),
        "privacy": ("Datenschutzangaben für Einwilligungen und Datenschutzhinweise.",
                    "Data-protection facts for consent forms and notices."),
        "open_data": ("Lizenz und Titel des Datenpakets (`results export --format "
                      "datapackage`).",
                      "Licence and title of the data package (`results export --format "
                      "datapackage`)."),
    },
    "OpenData": {
        "licence": ("Lizenz als SPDX-Kennung, z. B. `CC-BY-4.0` (Standard), `CC0-1.0`, "
                    "`DL-DE-BY-2.0`.",
                    "Licence as an SPDX id, e.g. `CC-BY-4.0` (default), `CC0-1.0`, "
                    "`DL-DE-BY-2.0`."),
        "licence_url": ("Adresse des Lizenztexts (nötig für andere Lizenzen).",
                        "URL of the licence text (needed for other licences)."),
        "licence_title": ("Name der Lizenz (ohne: der bekannte Name).",
                          "Name of the licence (default: the known name)."),
        "title": ("Titel des Datenpakets (ohne: aus dem Namen des Labors).",
                  "Title of the data package (default: from the lab's name)."),
        "description": ("Beschreibung des Datenpakets.", "Description of the data package."),
    },
    "Privacy": {
        "controller": ("Verantwortliche Stelle (ohne: der Träger).",
                       "The controller (default: the organiser)."),
        "address": ("Postanschrift der verantwortlichen Stelle.",
                    "The controller's postal address."),
        "email": ("E-Mail für Datenschutzfragen (ohne: die der ersten Ansprechperson).",
                  "Email for data-protection questions (default: the first contact's)."),
        "phone": ("Telefon für Datenschutzfragen.", "Phone for data-protection questions."),
        "officer": ("Datenschutzbeauftragte Person oder Stelle.", "The data protection officer."),
        "officer_email": ("E-Mail der oder des Datenschutzbeauftragten.",
                          "Email of the data protection officer."),
        "officer_address": ("Anschrift der oder des Datenschutzbeauftragten (ohne: die der "
                            "verantwortlichen Stelle).",
                            "Address of the data protection officer (default: the controller's)."),
        "retention": ("Wie lange Fotos und Einwilligungen aufbewahrt werden.",
                      "How long photos and consent forms are kept."),
        "authority": ("Aufsichtsbehörde für Beschwerden (ohne: die des Bundeslandes).",
                      "Supervisory authority for complaints (default: the state's)."),
    },
    "Contact": {
        "name": ("Name.", "Name."),
        "role": ("Rolle oder Funktion.", "Role or function."),
        "email": ("E-Mail-Adresse.", "Email address."),
        "phone": ("Telefonnummer.", "Phone number."),
    },
    "TeamMember": {
        "name": ("Name.", "Name."),
        "role": ("Aufgabe im Team.", "Task in the team."),
        "hours_per_week": ("Wochenstunden für das Labor (für `suggest`).",
                           "Hours per week for the lab (used by `suggest`)."),
        "roles": ("Rollen der Formate, die die Person übernehmen kann (leer: jede).",
                  "Format roles this person can take (empty: any role)."),
        "unavailable": ("Tage, an denen die Person nicht eingeplant wird (Urlaub, freie Tage).",
                        "Days off, on which the staffing plan never assigns this person."),
    },
    "InventoryItem": {
        "id": ("Kennung, auf die Formate mit `inventory` verweisen, z. B. `tablet`.",
               "Id that formats name in `inventory`, e.g. `tablet`."),
        "name": ("Bezeichnung auf der Packliste.", "Name on the packing list."),
        "quantity": ("Wie viele das Labor besitzt (alle Koffer zusammen).",
                     "How many the lab owns (all tool cases together)."),
        "note": ("Bemerkung.", "A remark."),
    },
    "PhaseRules": {
        "min_weeks": ("Kürzeste Dauer einer Phase in Wochen.", "Shortest phase, in weeks."),
        "max_weeks": ("Längste Dauer einer Phase in Wochen.", "Longest phase, in weeks."),
        "min_gap_weeks": ("Mindestabstand zwischen Phase 1 und Phase 2 in Wochen.",
                          "Minimum gap between phase 1 and phase 2, in weeks."),
        "phases": ("Name und Schwerpunkt der zwei Phasen.",
                   "Name and focus of the two phases."),
        "avoid_school_holidays": ("`schedule` plant keine Phase in die Schulferien.",
                                  "`schedule` keeps phases out of school holidays."),
        "avoid_public_holidays": ("`plan apply` legt keine Termine auf Feiertage.",
                                  "`plan apply` puts no session on a public holiday."),
    },
    "PhaseRule": {
        "number": ("Nummer der Phase (1 oder 2).", "Phase number (1 or 2)."),
        "name": ("Name, z. B. „Erkunden“.", 'Name, e.g. "Erkunden".'),
        "focus": ("Schwerpunkt der Phase.", "Focus of the phase."),
    },
    "PlanTemplate": {
        "id": ("Kennung der Vorlage (`plan apply ID`).", "Id of the template (`plan apply ID`)."),
        "phase": ("Für welche Phase (1 oder 2).", "Which phase it plans (1 or 2)."),
        "title": ("Titel.", "Title."),
        "weeks": ("Länge der Phase in Wochen (ohne: `rules.min_weeks`).",
                  "Phase length in weeks (default: `rules.min_weeks`)."),
        "focus": ("Schwerpunkt der Phase.", "Focus of the phase."),
        "aims": ("Ziele der Phase.", "Aims of the phase."),
        "sessions": ("Die Termine der Vorlage.", "The sessions of the template."),
    },
    "TemplateSession": {
        "format": ("Format-Kennung.", "Format id."),
        "week": ("Erste Phasenwoche der Termine (1 = die ersten sieben Tage).",
                 "First phase week of the sessions (1 = the first seven days)."),
        "until_week": ("Letzte Phasenwoche; die Termine verteilen sich gleichmäßig.",
                       "Last phase week; the sessions are spread evenly."),
        "count": ("Anzahl der Termine.", "Number of sessions."),
        "weekday": ("Wochentag (1 = Montag … 7 = Sonntag).",
                    "ISO weekday (1 = Monday ... 7 = Sunday)."),
        "start": ("Beginn (HH:MM).", "Start time (HH:MM)."),
        "end": ("Ende (ohne: Beginn plus Dauer des Formats).",
                "End time (default: start plus the format's duration)."),
        "place": ("`hauptort`, `ortsteil` (reihum in den Ortsteilen) oder eine Ort-Kennung.",
                  "`hauptort`, `ortsteil` (the Ortsteile in turn) or a venue id."),
        "expected": ("Erwartete Teilnehmende (ohne: Mitte der Spanne des Formats).",
                     "Expected participants (default: the middle of the format's range)."),
        "days": ("Tage eines mehrtägigen Termins (ohne: die des Formats).",
                 "Days of a multi-day session (default: the format's)."),
        "title": ("Eigener Titel der Termine.", "Own title of the sessions."),
        "host": ("Wer den Termin ausrichtet.", "Who hosts the sessions."),
        "notes": ("Notizen.", "Notes."),
    },
    "PlanningGoals": {
        "target_groups": ("Zielgruppen, die das Labor erreichen will.",
                          "Target groups the lab wants to reach."),
        "themes": ("Themen, die jede Phase abdecken soll (leer: alle drei).",
                   "Themes every phase should cover (empty: all three)."),
        "sessions_per_phase": ("Wie viele Termine `suggest` je Phase vorschlägt.",
                               "How many sessions `suggest` proposes per phase."),
        "budget_per_phase": ("Budget für Verbrauchsmaterial je Phase in Euro.",
                             "Budget for consumables per phase, in EUR."),
        "default_consumable_cost": ("Kosten je Verbrauchsartikel ohne `unit_cost`, in Euro.",
                                    "Cost per consumable without `unit_cost`, in EUR."),
        "team_hours_per_phase": ("Team-Stunden je Phase (ohne: aus den Wochenstunden).",
                                 "Team hours per phase (default: from the weekly hours)."),
    },
    "Municipality": {
        "name": ("Name der Gemeinde oder Stadt.", "Name of the municipality."),
        "ags": ("Amtlicher Gemeindeschlüssel: genau acht Ziffern.",
                "Official municipality key (AGS): exactly eight digits."),
        "population": ("Einwohnerzahl.", "Population."),
        "kind": ("Art: Gemeinde, Stadt, Universitätsstadt …", "Kind: Gemeinde, Stadt ..."),
        "population_year": ("Stand der Einwohnerzahl (Jahr).", "Year of the population figure."),
        "main_town": ("Kernort (ohne: der Name der Gemeinde).",
                      "Main town (default: the municipality's name)."),
        "ortsteile": ("Die Ortsteile, Kernort eingeschlossen.",
                      "The Ortsteile, main town included."),
        "ortsteile_complete": ("Die Liste der Ortsteile ist vollständig (sonst werden unbekannte "
                               "Ortsteile in Ergebnissen angenommen).",
                               "The list of Ortsteile is complete (else unknown Ortsteile in "
                               "results are accepted)."),
        "contact": ("Ansprechperson in der Verwaltung.", "Contact in the administration."),
        "venues": ("Orte für Termine.", "Venues for sessions."),
        "phases": ("Die zwei Laborphasen.", "The two lab phases."),
    },
    "Venue": {
        "id": ("Kennung, auf die Termine mit `venue` verweisen.",
               "Id that sessions name in `venue`."),
        "name": ("Name des Ortes.", "Name of the place."),
        "ortsteil": ("Ortsteil, in dem der Ort liegt (einer aus `ortsteile`).",
                     "Ortsteil the venue lies in (one of `ortsteile`)."),
        "address": ("Adresse.", "Address."),
        "capacity": ("Wie viele Menschen hineinpassen.", "How many people fit."),
        "accessible": ("Stufenlos zugänglich: `true`, `false`; ohne Angabe: nicht bekannt (so steht "
                       "es auch auf Plakaten und Einladungen).",
                       "Step-free access: `true`, `false`; left out: not known (printed so on "
                       "posters and invitations)."),
        "indoor": ("Ein Raum (sonst draußen).", "Indoors (else outdoors)."),
    },
    "Phase": {
        "number": ("Nummer der Phase (1 oder 2).", "Phase number (1 or 2)."),
        "start": ("Erster Tag.", "First day."),
        "end": ("Letzter Tag.", "Last day."),
        "focus": ("Schwerpunkt.", "Focus."),
        "aims": ("Ziele der Phase.", "Aims of the phase."),
        "sessions": ("Die Termine der Phase.", "The sessions of the phase."),
        "fixed": ("Daten von Hand gesetzt: `schedule` verschiebt die Phase nicht.",
                  "Dates set by hand: `schedule` keeps them."),
    },
    "Session": {
        "id": ("Kennung des Termins; steht auf dem Ergebnisbogen.",
               "Session id; printed on the result sheet."),
        "format": ("Format-Kennung, z. B. `digital.datensafari`.",
                   "Format id, e.g. `digital.datensafari`."),
        "date": ("Datum (erster Tag).", "Date (first day)."),
        "start": ("Beginn (HH:MM).", "Start time (HH:MM)."),
        "end": ("Ende (HH:MM).", "End time (HH:MM)."),
        "venue": ("Ort-Kennung aus `venues` (ohne, wenn der Termin Stationen hat).",
                  "Venue id from `venues` (may be left out when the session has stations)."),
        "host": ("Wer den Termin leitet.", "Who runs the session."),
        "expected": ("Erwartete Teilnehmende.", "Expected participants."),
        "title": ("Eigener Titel (ohne: der des Formats).", "Own title (default: the format's)."),
        "url": ("Webseite des Termins (QR-Code auf Plakat und Einladung).",
                "Web page of the session (QR code on poster and invitation)."),
        "notes": ("Notizen.", "Notes."),
        "end_date": ("Letzter Tag eines mehrtägigen Termins.", "Last day of a multi-day session."),
        "weekdays": ("Nur an diesen Wochentagen geöffnet (1 = Montag … 7 = Sonntag).",
                     "Open on these weekdays only (ISO 1 = Monday ... 7 = Sunday)."),
        "openings": ("Einzelne Öffnungstage (statt jedes Tages bis `end_date`).",
                     "Explicit opening days (instead of every day up to `end_date`)."),
        "stations": ("Die Stationen eines Termins an mehreren Orten zugleich.",
                     "The stations of a session that runs at several places at once."),
        "public": ("`false`: kein Plakat und keine Einladung; ohne Angabe öffentlich, außer das "
                   "Format ist nur für Verwaltung und Politik.",
                   "`false`: no poster or invitation; left out: public, unless the format is "
                   "only for administration and council."),
        "registration": ("Mit Anmeldung (`true`) oder ohne; ohne Angabe wie beim Format.",
                         "With registration (`true`) or without; left out: as the format says."),
        "fee": ("Kosten für die Teilnahme; leer: „Die Teilnahme ist kostenlos.“",
                "A participation fee; empty: free of charge."),
    },
    "Opening": {
        "date": ("Der Tag.", "The day."),
        "start": ("Beginn (ohne: wie der Termin oder die Station).",
                  "Start time (default: the session's or the station's)."),
        "end": ("Ende (ohne: wie der Termin oder die Station).",
                "End time (default: the session's or the station's)."),
    },
    "Station": {
        "venue": ("Ort-Kennung aus `venues`: hier steht die Station.",
                  "Venue id from `venues`: where the station stands."),
        "title": ("Name der Station.", "Name of the station."),
        "start": ("Tägliche Öffnungszeit ab (ohne: die des Termins).",
                  "Daily opening from (default: the session's start)."),
        "end": ("Tägliche Öffnungszeit bis (ohne: die des Termins).",
                "Daily opening until (default: the session's end)."),
        "weekdays": ("Nur an diesen Wochentagen geöffnet (1 = Montag … 7 = Sonntag).",
                     "Open on these weekdays only (ISO 1 = Monday ... 7 = Sunday)."),
        "openings": ("Einzelne Öffnungstage der Station.", "Explicit opening days of the station."),
        "staff": ("Personen des Labor-Teams, solange sie geöffnet ist (ohne: aus dem Format).",
                  "Lab-team people needed while it is open (default: from the format)."),
        "expected": ("Erwartete Beiträge an der Station (ohne: Anteil am Termin).",
                     "Contributions expected there (default: a share of the session's)."),
        "host": ("Wer vor Ort verantwortlich ist.", "The local person in charge."),
    },
    "Format": {
        "id": ("Kennung mit Namensraum, z. B. `jugend.ortscheck`.",
               "Namespaced id, e.g. `jugend.ortscheck`."),
        "version": ("Version des Methodentextes (auf der Karte).",
                    "Version of the method text (printed on the card)."),
        "title": ("Titel.", "Title."),
        "theme": ("Themenschwerpunkt.", "Theme."),
        "summary": ("Ein Satz, worum es geht.", "One sentence: what it is."),
        "purpose": ("Wozu und wie, in wenigen Sätzen.", "Why and how, in a few sentences."),
        "question": ("Die einladende Frage, mit der der Termin beginnt.",
                     "The inviting question the session opens with."),
        "level": ("Beteiligungsstufe.", "Participation level."),
        "principles": ("Open-Government-Prinzipien, denen das Format dient.",
                       "Open Government principles it serves."),
        "target_groups": ("Für wen das Format gedacht ist.", "Who it is for."),
        "settings": ("Wo es stattfindet.", "Where it happens."),
        "space": ("Raumbedarf.", "Space needs."),
        "duration_minutes": ("Dauer eines Termins in Minuten (Ablauf ergibt genau diese Summe).",
                             "Length of one session in minutes (the agenda adds up to it)."),
        "participants_min": ("Kleinste Gruppengröße.", "Smallest group."),
        "participants_max": ("Größte Gruppengröße.", "Largest group."),
        "roles": ("Wer gebraucht wird.", "Who is needed."),
        "materials": ("Was mitgebracht wird.", "What to bring."),
        "lead_days": ("Vorlauf in Tagen.", "Lead time in days."),
        "preparation": ("Vorbereitungsaufgaben.", "Preparation tasks."),
        "agenda": ("Ablauf in Schritten.", "Timed steps."),
        "accessibility": ("Hinweise zur Barrierefreiheit.", "Accessibility notes."),
        "data_protection": ("Datenschutz.", "Data protection."),
        "result_fields": ("Die Felder des Ergebnisbogens.", "The fields of the result sheet."),
        "indicators": ("Kennzahlen der Wirkung.", "Impact indicators."),
        "variations": ("Varianten (kurz, online, für Kinder …).",
                       "Variants (short, online, for children ...)."),
        "source": ("Herkunft der Methode.", "Where the method comes from."),
        "licence": ("Lizenz des Methodentextes.", "Licence of the method text."),
        "hosts_sessions": ("Das Format beherbergt andere Termine (Pop-up-Labor).",
                           "It hosts other sessions (a pop-up lab)."),
        "days": ("Übliche Anzahl Tage eines mehrtägigen Formats.",
                 "Usual number of days of a multi-day format."),
        "template": ("Vorlage der Methodenkarte, die das Plugin mitbringt.",
                     "A method card template the plugin ships."),
        "stations": ("Das Format läuft an mehreren Stationen zugleich; was jede braucht.",
                     "It runs at several stations at once; what each station needs."),
        "copy_masters": ("Die Kopiervorlagen, die das Format mitbringt.",
                         "The printables the format ships."),
        "replaces": ("Format, an dessen Stelle dieses bewusst tritt (dieselbe oder eine andere "
                     "Kennung).",
                     "A format this one deliberately takes the place of (the same id or "
                     "another)."),
        "registration": ("Termine des Formats brauchen eine Anmeldung (begrenzte Plätze).",
                         "Sessions of the format need registration (limited places)."),
        "bring": ("Was Teilnehmende mitbringen (auf Plakat und Einladung).",
                  "What participants bring along (on posters and invitations)."),
    },
    "StationNeeds": {
        "roles": ("Rollen je Station, solange sie geöffnet ist.",
                  "Roles needed at each station while it is open."),
        "materials": ("Material je Station, für die ganze Aktion.",
                      "Materials each station needs, for the whole action."),
    },
    "Space": {
        "description": ("Der Raum in Worten.", "The space in words."),
        "min_area_m2": ("Mindestfläche in m².", "Minimum area in m²."),
        "power": ("Braucht Strom.", "Needs power."),
        "wifi": ("Braucht Internet.", "Needs internet."),
        "tables": ("Anzahl Tische.", "Tables needed."),
        "chairs": ("Anzahl Stühle.", "Chairs needed."),
    },
    "Role": {
        "name": ("Die Rolle, z. B. „Moderation“.", 'The role, e.g. "Moderation".'),
        "count": ("Wie viele Personen.", "How many people."),
        "description": ("Was sie tun.", "What they do."),
        "local": ("Wird vor Ort besetzt, nicht vom Labor-Team.",
                  "Filled on site, not by the lab team."),
    },
    "Material": {
        "name": ("Was.", "What."),
        "quantity": ("Wie viele (insgesamt oder je `per_participants`).",
                     "How many (in all, or per `per_participants`)."),
        "per_participants": ("Je so viele Teilnehmende `quantity` Stück (aufgerundet).",
                             "`quantity` items for every so many participants (rounded up)."),
        "reusable": ("Wiederverwendbar aus dem Koffer (sonst Verbrauchsmaterial).",
                     "Reusable from the tool case (else a consumable)."),
        "inventory": ("Kennung im Inventar (`labor.toml`), z. B. `tablet`.",
                      "Id in the lab's inventory (`labor.toml`), e.g. `tablet`."),
        "note": ("Bemerkung auf der Packliste.", "A remark on the packing list."),
        "unit_cost": ("Geschätzte Kosten je Verbrauchsartikel in Euro.",
                      "Estimated cost per consumable item, in EUR."),
        "unit": ("Was ein Stück ist, in der Einzahl (z. B. „Packung“; ohne: Stück).",
                 'What one item is, singular (e.g. "Packung"; default: Stück).'),
    },
    "PrepStep": {
        "days_before": ("Fällig so viele Tage vor dem Termin.", "Due this many days before."),
        "task": ("Was zu tun ist.", "What to do."),
    },
    "Step": {
        "minutes": ("Dauer des Schritts in Minuten.", "Length of the step in minutes."),
        "title": ("Name des Schritts.", "Name of the step."),
        "description": ("Was passiert.", "What happens."),
        "who": ("Wer ihn übernimmt.", "Who does it."),
    },
    "DataProtection": {
        "photos": ("Es werden Fotos gemacht.", "Photos are taken."),
        "personal_data": ("Es werden personenbezogene Daten erhoben.",
                          "Personal data are collected."),
        "consent_needed": ("Teilnehmende müssen einwilligen (DSGVO).",
                           "Participants must consent (GDPR)."),
        "notes": ("Was zu beachten ist.", "What to do."),
        "collected": ("Welche Daten erhoben werden (ein Satz, für den Datenschutzhinweis).",
                      "Which data are collected (a sentence, for the notice)."),
        "purpose": ("Wozu die Daten dienen.", "What the data are for."),
        "retention": ("Wann die Daten gelöscht werden.", "When the data are deleted."),
    },
    "CopyMaster": {
        "template": ("Vorlage (jinja2) im Ordner `templates/` des Plugins, die eine Kopie druckt.",
                     "The jinja2 template in the plugin's `templates/` that renders one copy."),
        "title": ("Titel in der Liste der Kopiervorlagen.",
                  "Title in the kit's list of copy masters."),
        "copies": ("Anzahl Kopien (insgesamt oder je `per_participants`).",
                   "Copies (in all, or per `per_participants`)."),
        "per_participants": ("Je so viele Teilnehmende `copies` Kopien (aufgerundet).",
                             "`copies` for every so many participants (rounded up)."),
        "material": ("Das Verbrauchsmaterial, dessen gedruckte Form die Vorlage ist.",
                     "The consumable material it is the printed form of."),
        "per_sheet": ("So viele Stück passen auf ein Blatt.", "How many items fit on one sheet."),
        "size": ("Papierformat einer Kopie.", "Paper size of one copy."),
        "note": ("Bemerkung.", "A remark."),
    },
    "Variation": {
        "name": ("Name der Variante.", "Name of the variant."),
        "description": ("Was anders ist.", "How it differs."),
    },
    "ResultField": {
        "name": ("Kennung des Feldes im Ergebnis und in der Importdatei.",
                 "Key of the value in a result and column of the import file."),
        "label": ("Bezeichnung auf dem Bogen und im Bericht.",
                  "Label on the sheet and in reports."),
        "type": ("Ergebnistyp.", "Result type."),
        "help": ("Hinweis unter der Bezeichnung.", "A hint printed under the label."),
        "required": ("Pflichtfeld.", "A result without it is rejected."),
        "options": ("Möglichkeiten (`choice_votes`, `scores`) oder Kategorien (`map_points`).",
                    "Options (`choice_votes`, `scores`) or categories (`map_points`)."),
        "targets": ("Ziel in Prozent je Möglichkeit (nur `scores`).",
                    "Target in percent per option (`scores` only)."),
        "personal": ("Kann personenbezogene Daten enthalten; bleibt aus offenen Daten heraus.",
                     "May hold personal data; left out of open-data exports."),
        "unit": ("Einheit neben dem Wert.", "Unit printed next to the value."),
        "topics": ("Wie das Feld Themen für Phase 2 liefert: `mentions`, `ranked`, `votes`, "
                   "`points` oder `none` (ohne: nach Typ).",
                   "How the field carries topics for phase 2: `mentions`, `ranked`, `votes`, "
                   "`points` or `none` (default: by type)."),
        "topic_weight": ("Gewicht der Belege für Themen (1 = üblich).",
                         "Weight of the field's evidence for topics (1 = the usual)."),
    },
    "Indicator": {
        "id": ("Kennung, eindeutig im Format.", "Id, unique in the format."),
        "label": ("Bezeichnung im Bericht.", "Label in reports."),
        "level": ("Ebene der Wirkungstreppe.", "Level of the impact staircase."),
        "step": ("Stufe 1 bis 7 der Wirkungstreppe, passend zur Ebene.",
                 "Step 1 to 7 of the staircase, within the level."),
        "field": ("Ergebnisfeld, aus dem gezählt wird.", "Result field it is counted from."),
        "aggregate": ("Was die Kennzahl misst: `sum`, `count` (Termine mit Wert), `mean`, "
                      "`share` (Prozent) oder `presence` (liegt vor).",
                      "What the indicator measures: `sum`, `count` (sessions with a value), "
                      "`mean`, `share` (percent) or `presence`."),
        "target": ("Zielwert je Termin.", "Target per session."),
        "unit": ("Einheit im Bericht.", "Unit in reports."),
        "description": ("Wie die Kennzahl einzuschätzen ist.", "How to assess it."),
    },
    "Result": {
        "session": ("Kennung des Termins (steht auf dem Bogen).",
                    "The session id (printed on the sheet)."),
        "participants": ("Teilnehmende je Zielgruppe.", "Participants by target group."),
        "values": ("Ein Wert je Feld des Ergebnisbogens, nach `name`.",
                   "One value per result field, by its `name`."),
        "recorded_by": ("Wer den Bogen übertragen hat (wird nicht veröffentlicht).",
                        "Who typed it in (not published)."),
        "source": ("Woher das Ergebnis stammt (Dateiname, „Bogen“).",
                   "Where it came from (a file name, \"Bogen\")."),
        "station": ("Ergebnis einer Station: ihre Ort-Kennung.",
                    "The result of one station: its venue id."),
        "day": ("Ergebnis eines Tages eines mehrtägigen Termins.",
                "The result of one day of a multi-day session."),
    },
}


# -- the model, walked ------------------------------------------------------------------------


def classes(root: type) -> list[type]:
    """``root`` and every attrs class reachable from its fields, in the order met."""
    seen: list[type] = []

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.append(cls)
        for field in attrs.fields(cls):
            for inner in _leaves(hints(cls)[field.name]):
                if attrs.has(inner):
                    visit(inner)

    visit(root)
    return seen


def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _leaves(tp: Any) -> list[Any]:
    args = typing.get_args(tp)
    if not args:
        return [tp]
    return [leaf for arg in args if arg is not Ellipsis for leaf in _leaves(arg)]


def missing_descriptions() -> list[str]:
    """Fields without a description and descriptions of fields that do not exist."""
    problems = []
    documented: set[str] = set()
    for kind in FILE_KINDS.values():
        for cls in classes(kind.cls):
            name = cls.__name__
            documented.add(name)
            described = FIELDS.get(name, {})
            names = [f.name for f in attrs.fields(cls)]
            problems += [f"{name}.{f}: no description in werkzeugkoffer.schema.FIELDS"
                         for f in names if f not in described]
            problems += [f"{name}.{f}: described in werkzeugkoffer.schema.FIELDS, but no such "
                         "field" for f in described if f not in names]
            if name not in TABLES:
                problems.append(f"{name}: no description in werkzeugkoffer.schema.TABLES")
    problems += [f"{name}: described, but in no file kind" for name in FIELDS
                 if name not in documented]
    return problems


def optional(tp: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, else ``(tp, False)``."""
    args = typing.get_args(tp)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]), True
    return tp, False


def default_of(field: attrs.Attribute) -> Any:
    """The field's default as plain data (``attrs.NOTHING`` when it is required)."""
    from .conversion import to_json  # the one converter; cattrs only when a schema is made

    default = field.default
    if default is attrs.NOTHING:
        return attrs.NOTHING
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    return to_json(default)


# -- JSON Schema ------------------------------------------------------------------------------


def _described(de_en: tuple[str, str] | None, extra: str = "") -> dict[str, str]:
    if de_en is None:
        return {}
    de, en = de_en
    return {"description": f"{de}\n\n{en}{extra}", "markdownDescription": f"{de}\n\n*{en}*{extra}"}


def _type_schema(tp: Any) -> dict[str, Any]:
    tp, is_optional = optional(tp)
    out = _plain_type_schema(tp)
    if not is_optional:
        return out
    # TOML has no null (leave the key out); a JSON result sheet may hold one
    if isinstance(out.get("type"), str):
        return {**out, "type": [out["type"], "null"]}
    return {"anyOf": [out, {"type": "null"}]}


def _js_pattern(pattern: str) -> str:
    """A Python pattern anchored with ``\\A ... \\Z`` as JSON Schema writes it (``^ ... $``)."""
    return "^" + pattern.removeprefix("\\A").removesuffix("\\Z") + "$"


def _plain_type_schema(tp: Any) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if tp is Identifier:
        return {"type": "string", "pattern": _js_pattern(IDENTIFIER_RE.pattern),
                "maxLength": MAX_IDENTIFIER_LENGTH,
                "not": {"type": "string",
                        "pattern": f"^({'|'.join(sorted(RESERVED_NAMES))})(\\.|$)"}}
    if tp is Ags:
        return {"type": "string", "pattern": _js_pattern(AGS_RE.pattern)}
    if tp is StateCode:
        from .dates import german_states

        return {"type": "string", "enum": list(german_states("?"))}
    if tp in INT_RANGES:
        low, high = INT_RANGES[tp]
        return {"type": "integer", "minimum": low, "maximum": high}
    if tp is Any:
        return {}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": -MAX_COUNT, "maximum": MAX_COUNT}
    if tp is float:
        return {"type": "number"}
    if tp is str:
        return {"type": "string"}
    if tp is dt.date:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if tp is dt.time:
        return {"type": "string", "pattern": TIME_PATTERN}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if attrs.has(tp):
        return {"$ref": f"#/definitions/{tp.__name__}"}
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0])}
    if origin is dict:
        key, value = typing.get_args(tp)
        out: dict[str, Any] = {"type": "object", "additionalProperties": _type_schema(value)}
        if isinstance(key, type) and issubclass(key, enum.Enum):
            out["propertyNames"] = {"enum": [m.value for m in key]}
        return out
    raise TypeError(f"no JSON Schema for {tp!r}")  # a new kind of field: teach this function


def _class_schema(cls: type) -> dict[str, Any]:
    described = FIELDS.get(cls.__name__, {})
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        prop = _type_schema(hints(cls)[field.name])
        default = default_of(field)
        if default is attrs.NOTHING:
            required.append(field.name)
        elif default is not None:
            prop["default"] = default
        prop.update(_described(described.get(field.name)))
        properties[field.name] = prop
    out: dict[str, Any] = {"type": "object", "title": cls.__name__}
    out.update(_described(TABLES.get(cls.__name__)))
    out.update(properties=properties, additionalProperties=False)
    if required:
        out["required"] = required
    return out


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 7) of a file kind of :data:`FILE_KINDS`.

    TOML dates and times are strings in it (as editors hand TOML to a JSON Schema validator);
    a result sheet holds one result, or several as ``[[results]]``.
    """
    file_kind = FILE_KINDS[kind]
    root = file_kind.cls
    definitions = {cls.__name__: _class_schema(cls) for cls in classes(root)[1:]}
    head = {"$schema": SCHEMA_DIALECT, "title": f"werkzeugkoffer: {file_kind.files}",
            **_described((file_kind.de, file_kind.en))}
    schema: dict[str, Any] = {**head, **_class_schema(root)}
    schema.update(head)
    if kind == "ergebnis":
        definitions[root.__name__] = _class_schema(root)
        schema = {
            **head,
            "oneOf": [
                {"$ref": f"#/definitions/{root.__name__}"},
                {"type": "object", "additionalProperties": False, "required": ["results"],
                 "properties": {"results": {"type": "array",
                                            "items": {"$ref": f"#/definitions/{root.__name__}"}}}},
            ],
        }
    if definitions:
        schema["definitions"] = definitions
    return schema


def toml_as_json(data: Any) -> Any:
    """TOML data as a JSON Schema validator sees it: dates and times as ISO text."""
    if isinstance(data, dict):
        return {k: toml_as_json(v) for k, v in data.items()}
    if isinstance(data, list):
        return [toml_as_json(v) for v in data]
    if isinstance(data, (dt.date, dt.time)):  # dt.datetime is a dt.date
        return data.isoformat()
    return data
