"""Results: what sessions produced, from the paper sheet to the store and out again.

Modules, in the order a result travels: :mod:`.values` (parsing and checking one value),
:mod:`.validation` (a result against its session, station, day and format), :mod:`.sheets`
(the blank sheet), :mod:`.reading` (CSV and TOML files, the row reader), :mod:`.workbook` (Excel
workbooks both ways; imports openpyxl), :mod:`.entry` (typing a sheet in at a prompt),
:mod:`.importing` (into the store), :mod:`.store` (the SQLite file; the only module that opens
it), :mod:`.parts` (the parts of a session added up), :mod:`.dataset` and :mod:`.topics`
(results joined with the plan), :mod:`.export` and :mod:`.opendata` (the data package).

A result is what one session produced: participants by target group and one value per field of
the format's result schema (see :class:`werkzeugkoffer.ResultType` for the value of each type).
A session at stations or over days may have one result per station and/or day
(``Result.station``, ``Result.day``); :func:`session_result` adds them up for everything
downstream.

**The result sheet as CSV.** :func:`blank_csv` writes, for one session, an empty CSV that lists
the lines of the printed result sheet, to type the paper sheet into. ``results import`` reads the
same layout back. One line per value; the columns (German, like the sheet):

========== =================================================================================
termin     the session id (the "Kennung" printed on the sheet); required on every line
station    the station (its venue id) when the sheet is one station's; empty otherwise
tag        the day (``2027-06-24`` or ``24.06.2027``) when the sheet is one day's; usually empty
feld       a field name of the result schema, ``Teilnehmende`` (participants, ``option`` is
           the target group) or ``Erfasst von`` (who typed the sheet in)
bezeichnung the field's label as printed (only a help for typing; ignored on import)
option     ``choice_votes``: the option; ``map_points``: the category; ``scores``: the
           option (competence); ``Teilnehmende``: the target group
ortsteil   ``map_points``: the Ortsteil of the point
profil     ``scores``: whose profile (a person or a group; one profile per label)
wert       the value: a number (``4,5`` and ``4.5`` both work), a text, one list entry, the
           votes of an option, a map point's note, a profile's percent for an option
========== =================================================================================

Rules per type: ``count``/``number``/``percent``/``rating``/``text`` take one line;
``text_list`` one line per entry; ``choice_votes`` one line per option; ``map_points`` one line
per point; ``scores`` one line per profile and option (an empty ``wert`` is "nicht bewertet").
Lines with an empty ``wert`` are left out, so an untouched line of the blank sheet stores
nothing. The blank CSV is written with ``;`` as separator and a UTF-8 byte order mark, which
German spreadsheet programs open directly; import accepts ``;`` or ``,`` and files with or
without the mark. The columns of an export (``gemeinde``, ``ags``, ``phase``, ``datum``,
``format``, ``thema``, ``typ``) are accepted and ignored, so an export can be imported again.

**The result sheet as TOML.** The keys of :class:`werkzeugkoffer.Result`: one result at the top
level, or several as ``[[results]]``::

    [[results]]
    session = "lohra-p1-01"
    recorded_by = "Kim Muster"
    participants = { jugendliche = 4, erwachsene = 9 }

    [results.values]
    bearbeitungen = 57
    aufgaben = { "Sitzbänke" = 12, "Radwege" = 3 }
    datenluecken = ["Öffnungszeiten Bücherei", "Bänke am Radweg"]
    punkte = [{ category = "Wunsch", ortsteil = "Damm", note = "Bank" }]
    kompetenzen = [{ label = "Gruppe A", values = { "Soziale Kompetenz" = 70 } }]

Every import is all-or-nothing per file; every problem of a file is listed with the file, the
row (CSV line or ``results[n]``) and the field.

**The result sheet as a workbook.** ``results blank --format xlsx`` writes a workbook per
municipality and phase (a sheet per session, the same lines and columns, data validation,
locked labels); ``results import`` reads it back with the same validation (see
:mod:`.workbook`).

**Export.** :func:`export_results` writes CSV (the columns of :data:`EXPORT_COLUMNS`, one line
per value) or JSON; :mod:`.workbook` an Excel workbook for planners, :mod:`.opendata` a
Frictionless Data Package. Fields a format marks ``personal``, who typed a sheet in and the
labels of ``scores`` profiles (often names; replaced by ``Profil 1``, ``Profil 2`` ...) are left
out unless ``include_personal`` is set (never in the data package).
"""

from __future__ import annotations

from .dataset import Dataset, SessionData, contributed_ortsteile
from .export import EXPORT_COLUMNS, export_results, export_rows, safe_cell
from .importing import (
    ImportOutcome,
    ParsedFile,
    add_result,
    import_file,
    open_store,
    read_result_file,
    result_text,
    session_text,
    stored_results,
)
from .sheets import CSV_COLUMNS, blank_csv, blank_csv_name, sheet_rows, write_blank_csv, write_blank_csvs
from .store import (
    Record,
    ResultStore,
    SaveSummary,
    StoredResult,
    recorded_sessions,
    results_path,
)
from .parts import session_result
from .topics import Evidence, Topic, phase_topics
from .validation import SessionInfo, result_problems, session_info, validate_result
from .values import Bad, check_value, format_value, parse_option_value

__all__ = [
    "Bad", "CSV_COLUMNS", "Dataset", "EXPORT_COLUMNS", "Evidence", "ImportOutcome", "ParsedFile",
    "Record", "contributed_ortsteile", "safe_cell", "session_result", "session_text",
    "ResultStore", "SaveSummary", "SessionData", "SessionInfo", "StoredResult", "Topic",
    "add_result", "blank_csv", "blank_csv_name", "check_value", "export_results", "export_rows",
    "format_value", "import_file", "open_store", "parse_option_value", "phase_topics",
    "read_result_file", "recorded_sessions", "result_problems", "result_text", "results_path",
    "session_info", "sheet_rows", "stored_results", "validate_result", "write_blank_csv",
    "write_blank_csvs",
]
