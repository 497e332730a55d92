"""Deterministic sample data for tests: results, labs, municipalities and workspace folders.

What the fixtures of :mod:`werkzeugkoffer.testing.pytest_plugin` and the project's own tests
build their workspaces with (no TOML written by hand).
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any, Iterable, Sequence

import tomlkit

from ..conversion import structure, to_json, to_plain
from ..errors import WerkzeugkofferError
from ..model import (
    Contact,
    Format,
    InventoryItem,
    Lab,
    Municipality,
    Opening,
    Phase,
    Privacy,
    PhaseRules,
    Result,
    ResultField,
    ResultType,
    Session,
    Setting,
    Station,
    TargetGroup,
    TeamMember,
    Venue,
)
from ..results.validation import SessionInfo
from ..results.validation import result_problems as check_result

SAMPLE_ORTSTEILE = ("Beispielstadt", "Oberdorf", "Unterdorf")


def validation_problems(
    fmt: Format, result: Result, municipality: Municipality | None = None
) -> list[str]:
    """Why the result validation of :mod:`werkzeugkoffer.results` would refuse ``result``.

    The result is checked as if it belonged to a session of ``fmt`` in ``municipality``
    (default: :func:`municipality_for`).
    """
    m = municipality or municipality_for([fmt])
    session = next(
        (s for p in m.phases for s in p.sessions if s.format == fmt.id),
        m.phases[0].sessions[0] if m.phases and m.phases[0].sessions else None,
    )
    if session is None:
        session = municipality_for([fmt]).phases[0].sessions[0]
    info = SessionInfo(slug="beispiel", phase=1, session=session, format=fmt, municipality=m)
    _clean, problems = check_result(info, result)
    return problems


def result_problems(
    fmt: Format, result: Result, municipality: Municipality | None = None
) -> list[str]:
    """Why a result of ``fmt`` would be rejected or change on its way through the converter.

    Empty when the result round trips through TOML and JSON unchanged and validates against the
    format's result schema (:mod:`werkzeugkoffer.results`),
    as the result of a session in ``municipality`` (default: :func:`municipality_for`, whose
    Ortsteile are :data:`SAMPLE_ORTSTEILE`, the ones the strategies use).
    """
    problems = []
    try:
        for kind, plain in (
            ("TOML", tomllib.loads(tomlkit.dumps(to_plain(result)))),
            ("JSON", json.loads(json.dumps(to_json(result)))),
        ):
            if structure(plain, Result, where=f"{fmt.id} result ({kind})") != result:
                problems.append(f"{fmt.id}: result does not read back the same from {kind}")
    except WerkzeugkofferError as exc:
        problems.append(f"{fmt.id}: result round trip failed: {exc}")
    try:
        problems.extend(f"{fmt.id}: {p}" for p in validation_problems(fmt, result, municipality))
    except WerkzeugkofferError as exc:
        problems.append(f"{fmt.id}: {exc}")
    return problems


def assert_valid_result(
    fmt: Format, result: Result, municipality: Municipality | None = None
) -> None:
    """Assert that a result of ``fmt`` round trips and validates (see :func:`result_problems`)."""
    __tracebackhide__ = True
    problems = result_problems(fmt, result, municipality)
    assert not problems, "\n".join(problems)


def sample_value(field: ResultField, *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE) -> Any:
    """A plausible valid value for one result field (what a filled-in sheet would say)."""
    t = field.type
    if t is ResultType.COUNT:
        return 12
    if t is ResultType.NUMBER:
        return 3.5
    if t is ResultType.PERCENT:
        return 60.0
    if t is ResultType.TEXT:
        return "Beispieltext vom Ergebnisbogen"
    if t is ResultType.TEXT_LIST:
        return ["Erste Idee", "Zweite Idee"]
    if t is ResultType.CHOICE_VOTES:
        return {option: i + 1 for i, option in enumerate(field.options)}
    if t is ResultType.RATING:
        return 4.2
    if t is ResultType.MAP_POINTS:
        return (
            [{"category": field.options[0], "ortsteil": ortsteile[0], "note": "Beispielort"}]
            if field.options
            else []
        )
    if t is ResultType.SCORES:
        return [
            {
                "label": "Gruppe A",
                "values": {o: min(100, field.targets.get(o, 70)) for o in field.options},
            }
        ]
    raise ValueError(f"unknown result type {t}")  # pragma: no cover


def sample_values(fmt: Format, *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE) -> dict[str, Any]:
    """A valid value for every result field of a format."""
    return {f.name: sample_value(f, ortsteile=ortsteile) for f in fmt.result_fields}


def sample_result(
    fmt: Format, session: str = "beispiel-p1-01", *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE
) -> Result:
    """A valid :class:`~werkzeugkoffer.Result` of one session of ``fmt``."""
    group = next((g for g in fmt.target_groups if g is not TargetGroup.ALLE), TargetGroup.ALLE)
    return Result(
        session=session,
        participants={group: fmt.participants_min},
        values=sample_values(fmt, ortsteile=ortsteile or SAMPLE_ORTSTEILE),
        recorded_by="Testkit",
    )


def is_indoor(fmt: Format) -> bool:
    return not (set(fmt.settings) <= {Setting.DRAUSSEN})


def session_times(fmt: Format, start: dt.time = dt.time(10, 0)) -> tuple[dt.time, dt.time]:
    begin = dt.datetime.combine(dt.date(2000, 1, 1), start)
    end = begin + dt.timedelta(minutes=fmt.duration_minutes)
    if end.date() != begin.date():
        return dt.time(0, 0), dt.time(23, 59)
    return start, end.time()


def lab_for(formats: Iterable[Format], *, name: str = "Testlabor") -> Lab:
    """A lab whose team and tool case are large enough for any plan of these formats."""
    items: dict[str, str] = {}
    staff = 2
    for fmt in formats:
        staff = max(staff, fmt.staff * 4)
        for mat in fmt.materials:
            if mat.reusable and mat.inventory:
                items.setdefault(mat.inventory, mat.name)
    return Lab(
        name=name,
        organiser="Landkreis Beispiel",
        state="HE",
        contacts=(Contact(name="Alex Beispiel", role="Koordination", email="labor@example.org"),),
        privacy=Privacy(address="Marktplatz 1, 35000 Beispielstadt",
                        officer="Datenschutzbeauftragte des Landkreises",
                        officer_email="datenschutz@example.org",
                        retention="Fotos und Einwilligungen bis zum Ende des Labors"),
        team=tuple(TeamMember(name=f"Teammitglied {i + 1}", role="Team") for i in range(staff)),
        inventory=tuple(
            InventoryItem(id=item_id, name=label, quantity=1000)
            for item_id, label in sorted(items.items())
        ),
    )


def municipality_for(
    formats: Sequence[Format],
    *,
    name: str = "Beispielstadt",
    slug: str = "beispiel",
    start: dt.date = dt.date(2027, 3, 1),
    rules: PhaseRules = PhaseRules(),
    phase2_sessions: bool = True,
) -> Municipality:
    """A municipality with two valid phases and one session of each format in each phase.

    Every session has its own venue (so none overlap), lies inside its phase on a Saturday at
    10:00, and expects the format's minimum number of participants.
    """
    ortsteile = (name, *SAMPLE_ORTSTEILE[1:])
    length = rules.min_weeks * 7
    p1_start = start
    p1_end = p1_start + dt.timedelta(days=length - 1)
    p2_start = p1_end + dt.timedelta(weeks=rules.min_gap_weeks, days=1)
    p2_end = p2_start + dt.timedelta(days=length - 1)
    venues: list[Venue] = []
    phases = []
    for number, (begin, end) in enumerate(((p1_start, p1_end), (p2_start, p2_end)), start=1):
        sessions = []
        if number == 1 or phase2_sessions:
            for i, fmt in enumerate(formats):
                venue = Venue(
                    id=f"ort-{number}-{i + 1}",
                    name=f"Treffpunkt {number}.{i + 1}",
                    ortsteil=ortsteile[(i + number) % len(ortsteile)],
                    indoor=is_indoor(fmt),
                )
                venues.append(venue)
                saturday = begin + dt.timedelta(days=(5 - begin.weekday()) % 7)
                saturdays = (end - saturday).days // 7 + 1
                day = saturday + dt.timedelta(weeks=i % saturdays)
                s_start, s_end = session_times(fmt)
                end_date = None
                if fmt.days > 1:
                    end_date = min(day + dt.timedelta(days=fmt.days - 1), end)
                    if end_date == day:
                        end_date = None
                sessions.append(
                    Session(
                        id=f"{slug}-p{number}-{i + 1:02d}",
                        format=fmt.id,
                        date=day,
                        start=s_start,
                        end=s_end,
                        venue=venue.id,
                        host="Alex Beispiel",
                        expected=fmt.participants_min,
                        end_date=end_date,
                    )
                )
        phases.append(Phase(number=number, start=begin, end=end, sessions=tuple(sessions)))
    return Municipality(
        name=name,
        ags="06534999",
        population=5000,
        main_town=name,
        ortsteile=ortsteile,
        venues=tuple(venues),
        phases=tuple(phases),
    )


def write_workspace(
    root: str | Path,
    formats: Sequence[Format] = (),
    *,
    municipality: Municipality | None = None,
    lab: Lab | None = None,
    slug: str = "beispiel",
    phase2_sessions: bool = True,
    format_files: bool = False,
) -> Path:
    """Write a workspace folder planned with ``formats``; return its path.

    Without ``municipality``, one municipality (``gemeinden/<slug>.toml``) with one session of each
    format per phase (see :func:`municipality_for`). ``format_files=True`` also writes the formats
    to ``formate/*.toml`` (for formats that no installed plugin registers).
    """
    root = Path(root)
    formats = list(formats)
    (root / "gemeinden").mkdir(parents=True, exist_ok=True)
    lab = lab or lab_for(formats)
    municipality = municipality or municipality_for(
        formats, slug=slug, phase2_sessions=phase2_sessions
    )
    (root / "labor.toml").write_text(tomlkit.dumps(to_plain(lab)), encoding="utf-8")
    (root / "gemeinden" / f"{slug}.toml").write_text(
        tomlkit.dumps(to_plain(municipality)), encoding="utf-8"
    )
    if format_files:
        (root / "formate").mkdir(exist_ok=True)
        for fmt in formats:
            name = fmt.id.replace(".", "-")
            (root / "formate" / f"{name}.toml").write_text(
                tomlkit.dumps(to_plain(fmt)), encoding="utf-8"
            )
    return root


#: Village names the generated workspaces draw their municipalities and Ortsteile from.
_PLACES = ("Oberweiler", "Unterbach", "Altendorf", "Neuhausen", "Bergheim", "Talhausen",
           "Kirchdorf", "Mühlbach", "Steinfeld", "Waldhaus")


def generated_workspace(
    formats: Sequence[Format],
    seed: int,
    *,
    catalogue: Any = None,
    root: str | Path = "generated",
    others: Sequence[Format] | None = None,
) -> Any:
    """A varied :class:`~werkzeugkoffer.Workspace` (in memory) planned with ``formats``.

    Made from ``seed`` alone (the same seed gives the same workspace), for running checks and
    suggestions the way labs will: one to three municipalities, sessions on every weekday and
    at any hour from 7:00 to 21:00, multi-day sessions, indoor and outdoor venues in the main
    town and the Ortsteile, sessions open on some weekdays or days only and sessions at several
    stations (some without a venue of their own), no or many expected participants, sessions of
    ``others`` (formats
    of other plugins) and, as in any plan that ``check`` is there to catch, mistakes: a phase
    without sessions, a missing phase 2, a session outside its phase, an unknown venue and an
    unknown format. ``catalogue`` is the workspace's catalogue (default: the installed one);
    ``others`` default to the first two formats of the catalogue that are not in ``formats``.
    """
    import random

    from ..catalogue import get_catalogue
    from ..workspace import Workspace

    rng = random.Random(seed)
    formats = list(formats)
    if catalogue is None:
        catalogue = get_catalogue()
    if others is None:
        own = {f.id for f in formats}
        others = [f for f in catalogue if f.id not in own][:2]
    pool = formats + list(others)
    municipalities: dict[str, Municipality] = {}
    for k in range(rng.randint(1, 3)):
        name = _PLACES[(seed + k * 3) % len(_PLACES)] + ("" if k == 0 else f" {k + 1}")
        slug = name.lower().replace(" ", "-").replace("ü", "ue")
        villages = tuple(p for p in _PLACES if p != name.split(" ")[0])[: rng.randint(0, 4)]
        ortsteile = (name, *villages)
        venues = [
            Venue(id=f"ort-{i + 1}", name=f"Treffpunkt {i + 1}", ortsteil=rng.choice(ortsteile),
                  indoor=rng.random() < 0.7, accessible=rng.random() < 0.8,
                  capacity=rng.choice((None, 10, 40, 200)))
            for i in range(rng.randint(1, 4))
        ]
        start = dt.date(2027, 1, 4) + dt.timedelta(days=rng.randint(0, 600))
        phases = []
        numbers = (1, 2) if rng.random() < 0.9 else (1,)
        begin = start
        for number in numbers:
            end = begin + dt.timedelta(days=rng.choice((35, 41, 48, 55)))
            sessions = []
            count = 0 if rng.random() < 0.1 else rng.randint(1, max(2, len(pool) * 2))
            for i in range(count):
                fmt = pool[i % len(pool)] if pool else None
                day = begin + dt.timedelta(days=rng.randint(-3 if rng.random() < 0.1 else 0,
                                                            (end - begin).days))
                hour = rng.randint(7, 19)
                minutes = fmt.duration_minutes if fmt is not None else 90
                s_start, s_end = session_times(fmt, dt.time(hour, rng.choice((0, 30)))) \
                    if fmt is not None else (dt.time(hour), dt.time(hour + 1))
                if rng.random() < 0.2:
                    s_end = (dt.datetime.combine(day, s_start)
                             + dt.timedelta(minutes=max(15, minutes // 2))).time()
                days = fmt.days if fmt is not None else 1
                end_date = day + dt.timedelta(days=rng.randint(1, max(1, days))) \
                    if days > 1 or rng.random() < 0.1 else None
                venue = rng.choice(venues).id if rng.random() < 0.95 else "gibt-es-nicht"
                known = fmt is not None and rng.random() < 0.95
                format_id = fmt.id if known else "anders.unbekannt"
                low, high = (fmt.participants_min, fmt.participants_max) if fmt else (1, 30)
                shape = rng.random()  # most are one meeting; some run over days or at stations
                weekdays: tuple[int, ...] = ()
                openings: tuple[Opening, ...] = ()
                stations: tuple[Station, ...] = ()
                if end_date is not None and shape < 0.3:
                    weekdays = tuple(sorted(rng.sample(range(1, 8), rng.randint(1, 4))))
                elif end_date is not None and shape < 0.5:
                    openings = tuple(Opening(date=day + dt.timedelta(days=d))
                                     for d in sorted({0, rng.randint(1, (end_date - day).days)}))
                if shape > 0.85:
                    stations = tuple(
                        Station(venue=v.id, title=f"Station {n + 1}",
                                expected=rng.choice((None, 5)), staff=rng.choice((None, 1)))
                        for n, v in enumerate(venues[: rng.randint(1, len(venues))])
                    )
                    venue = None if rng.random() < 0.5 else venue
                sessions.append(Session(
                    id=f"{slug}-p{number}-{i + 1:02d}", format=format_id, date=day, start=s_start,
                    end=s_end if s_end > s_start else dt.time(23, 59), venue=venue,
                    host=rng.choice(("", "Alex Beispiel", "Verein")),
                    expected=rng.choice((0, low, (low + high) // 2, high, high + 5)),
                    title=rng.choice((None, "Sondertermin")),
                    url=rng.choice((None, "https://example.org/termin")),
                    end_date=end_date, weekdays=weekdays, openings=openings, stations=stations,
                ))
            phases.append(Phase(number=number, start=begin, end=end, sessions=tuple(sessions),
                                focus=rng.choice(("", "Themen sammeln"))))
            begin = end + dt.timedelta(weeks=rng.randint(2, 10))
        municipalities[slug] = Municipality(
            name=name, ags=f"06534{seed % 1000:03d}", population=rng.randint(300, 80000),
            main_town=name, ortsteile=ortsteile, venues=tuple(venues), phases=tuple(phases),
        )
    return Workspace(root=Path(root), lab=lab_for(pool), municipalities=municipalities,
                     formats=(), catalogue=catalogue)
