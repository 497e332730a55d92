"""Hypothesis strategies: any model object, and valid results, sessions, phases, municipalities.

``MODEL_STRATEGIES`` builds arbitrary objects of every model class (round-trip tests);
:func:`results_for`, :func:`sessions_for`, :func:`phases_for` and :func:`municipalities_for`
build *valid* ones for a set of formats (what a plugin author's property tests draw from).

Importing this module imports ``hypothesis``, a test dependency; the core never imports it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from hypothesis import strategies as st

import attrs

from .. import model as m
from ..dates import STATES
from ..model import Format, Municipality, Phase, PhaseRules, Result, ResultField, ResultType, Session, TargetGroup, Venue
from .samples import SAMPLE_ORTSTEILE, is_indoor, session_times

# Every strategy here is built from small sampled alphabets and builds valid values directly (no
# regular expressions, no rejecting filters, no big Unicode categories): plugin authors run them
# with Hypothesis' default settings, whose health checks must not fire on a slow, loaded machine
# (tests/test_sdk_strategies.py).

#: characters for arbitrary text: ASCII, German letters and typography, the characters TOML,
#: CSV and HTML treat specially, control characters, unusual spaces, line and paragraph
#: separators, a byte order mark, a combining accent, private use, a non-character and an emoji
TEXT_ALPHABET = (
    "abcxyzABCXYZ019 äöüÄÖÜß€„“‚‘–…·°²"
    "\"'`#=[]{}(),.;:!?<>&/\\|*+-_~^$%@"
    "\t\n\r\x01\x08\x0b\x0c\x1b\x1f\x7f\x80\x9f"
    "\u00a0\u2009\u200b\u2028\u2029\u3000\ufeff\u0301\ue000\ufffd\uffff\U0001f600"
)
texts = st.text(alphabet=TEXT_ALPHABET, max_size=30)

_NAME_START = "abcdefghijklmnopqrstuvwxyz0123456789"


def _not_reserved(name: str) -> str:
    """``name``, or with an ``x`` in front if file systems reserve it ("con", "nul" ...)."""
    return name if m.identifier_problem(name) is None else "x" + name


#: names as the model's identifiers allow them (``[a-z0-9][a-z0-9_-]*``, not a reserved device
#: name), at most 12 characters
names = st.builds(
    str.__add__, st.sampled_from(_NAME_START), st.text(alphabet=_NAME_START + "_-", max_size=10)
).map(_not_reserved)
identifiers = st.builds(lambda a, b: f"{a}.{b}", names, names) | names
ags_numbers = st.integers(0, 99_999_999).map("{:08d}".format)
small = st.integers(min_value=0, max_value=500)
positive = st.integers(min_value=1, max_value=500)
dates = st.dates(min_value=m.FIRST_DATE, max_value=m.LAST_DATE)
# a session lasts at most a year and a phase two (the converter refuses longer spans)
session_dates = st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2027, 6, 30))
session_end_dates = st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2027, 12, 31))
phase_dates = st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2028, 12, 31))
days = st.integers(min_value=0, max_value=m.MAX_DAYS)
weeks = st.integers(min_value=1, max_value=m.MAX_WEEKS)
times = st.times()


def _tuples(strategy, max_size=3):
    return st.lists(strategy, max_size=max_size).map(tuple)


materials = st.builds(
    m.Material, name=texts, quantity=positive, per_participants=st.none() | positive,
    reusable=st.booleans(), inventory=st.none() | names, note=texts,
    unit_cost=st.none() | st.floats(0, 10_000, allow_nan=False), unit=texts,
)
roles = st.builds(m.Role, name=texts, count=positive, description=texts, local=st.booleans())
steps = st.builds(m.Step, minutes=positive, title=texts, description=texts, who=texts)
prep_steps = st.builds(m.PrepStep, days_before=days, task=texts)
spaces = st.builds(
    m.Space, description=texts, min_area_m2=st.none() | positive, power=st.booleans(),
    wifi=st.booleans(), tables=small, chairs=small,
)
data_protections = st.builds(
    m.DataProtection, photos=st.booleans(), personal_data=st.booleans(),
    consent_needed=st.booleans(), notes=texts, collected=texts, purpose=texts, retention=texts,
)
variations = st.builds(m.Variation, name=texts, description=texts)
copy_masters = st.builds(
    m.CopyMaster, template=texts, title=texts, copies=positive,
    per_participants=st.none() | positive, material=st.none() | texts, per_sheet=positive,
    size=st.sampled_from(("A4", "A3")), note=texts,
)
result_fields = st.builds(
    m.ResultField, name=names, label=texts, type=st.sampled_from(m.ResultType), help=texts,
    required=st.booleans(), options=_tuples(texts),
    targets=st.dictionaries(texts, st.integers(0, 100), max_size=3), personal=st.booleans(),
    unit=texts, topics=st.none() | st.sampled_from(m.TopicRole),
    topic_weight=st.floats(0, 10, allow_nan=False),
)
indicators = st.builds(
    m.Indicator, id=names, label=texts, level=st.sampled_from(m.ImpactLevel),
    step=st.integers(1, 7), field=st.none() | names, aggregate=st.sampled_from(m.Aggregate),
    target=st.none() | st.floats(allow_nan=False, allow_infinity=False, width=32),
    unit=texts, description=texts,
)
formats = st.builds(
    m.Format, id=identifiers, version=texts, title=texts, theme=st.sampled_from(m.Theme),
    summary=texts, purpose=texts, question=texts, level=st.sampled_from(m.ParticipationLevel),
    principles=_tuples(st.sampled_from(m.Principle)),
    target_groups=_tuples(st.sampled_from(m.TargetGroup)),
    settings=_tuples(st.sampled_from(m.Setting)), space=spaces, duration_minutes=positive,
    participants_min=positive, participants_max=positive, roles=_tuples(roles),
    materials=_tuples(materials), lead_days=days, preparation=_tuples(prep_steps),
    agenda=_tuples(steps), accessibility=texts, data_protection=data_protections,
    result_fields=_tuples(result_fields), indicators=_tuples(indicators),
    variations=_tuples(variations), source=texts, licence=texts, hosts_sessions=st.booleans(),
    days=st.integers(1, m.MAX_DAYS), template=st.none() | texts, replaces=st.none() | identifiers,
    stations=st.none() | st.builds(m.StationNeeds, roles=_tuples(roles),
                                   materials=_tuples(materials)),
    copy_masters=_tuples(copy_masters, 2),
    registration=st.booleans(), bring=_tuples(texts),
)
contacts = st.builds(m.Contact, name=texts, role=texts, email=texts, phone=texts)
team_members = st.builds(m.TeamMember, name=texts, role=texts, hours_per_week=small,
                         roles=_tuples(texts), unavailable=_tuples(dates))
inventory_items = st.builds(m.InventoryItem, id=names, name=texts, quantity=small, note=texts)
phase_rule_items = st.builds(m.PhaseRule, number=st.integers(1, 2), name=texts, focus=texts)
phase_rules = st.builds(
    m.PhaseRules, min_weeks=weeks, max_weeks=weeks, min_gap_weeks=weeks | st.just(0),
    phases=_tuples(phase_rule_items), avoid_school_holidays=st.booleans(),
    avoid_public_holidays=st.booleans(),
)
template_sessions = st.builds(
    m.TemplateSession, format=identifiers, week=st.integers(1, 8),
    until_week=st.none() | st.integers(1, 8), count=st.integers(1, 4), weekday=st.integers(1, 7),
    start=times, end=st.none() | times, place=texts, expected=st.none() | small,
    days=st.none() | st.integers(1, 5), title=st.none() | texts, host=texts, notes=texts,
)
plan_templates = st.builds(
    m.PlanTemplate, id=names, phase=st.integers(1, 2), title=texts,
    weeks=st.none() | st.integers(1, 9), focus=texts, aims=_tuples(texts),
    sessions=_tuples(template_sessions),
)
planning_goals = st.builds(
    m.PlanningGoals, target_groups=_tuples(st.sampled_from(m.TargetGroup)),
    themes=_tuples(st.sampled_from(m.Theme)), sessions_per_phase=st.integers(1, 12),
    budget_per_phase=st.none() | st.floats(0, 10_000, allow_nan=False),
    default_consumable_cost=st.floats(0, 100, allow_nan=False),
    team_hours_per_phase=st.none() | st.floats(0, 1000, allow_nan=False),
)
privacies = st.builds(
    m.Privacy, controller=texts, address=texts, email=texts, phone=texts, officer=texts,
    officer_email=texts, officer_address=texts, retention=texts, authority=texts,
)
open_data = st.builds(m.OpenData, licence=texts, licence_url=texts, licence_title=texts,
                      title=texts, description=texts)
labs = st.builds(
    m.Lab, name=texts, organiser=texts, state=st.sampled_from(STATES), url=st.none() | texts,
    session_url=st.none() | texts,
    contacts=_tuples(contacts), team=_tuples(team_members), inventory=_tuples(inventory_items),
    tool_cases=positive, rules=phase_rules, goals=_tuples(texts),
    plan_templates=_tuples(plan_templates, 2), planning=planning_goals, privacy=privacies,
    open_data=open_data,
)
venues = st.builds(
    m.Venue, id=names, name=texts, ortsteil=texts, address=texts, capacity=st.none() | positive,
    accessible=st.none() | st.booleans(), indoor=st.booleans(),
)
openings = st.builds(m.Opening, date=session_end_dates, start=st.none() | times,
                     end=st.none() | times)
weekdays = _tuples(st.integers(1, 7), 7)
stations = st.builds(
    m.Station, venue=names, title=texts, start=st.none() | times, end=st.none() | times,
    weekdays=weekdays, openings=_tuples(openings), staff=st.none() | small,
    expected=st.none() | small, host=texts,
)
occurrences = st.builds(m.Occurrence, date=dates, start=times, end=times,
                        venue=st.none() | names, station=st.none() | small)
sessions = st.builds(
    m.Session, id=names, format=identifiers, date=session_dates, start=times, end=times,
    venue=st.none() | names, host=texts, expected=small, title=st.none() | texts,
    url=st.none() | texts, notes=texts, end_date=st.none() | session_end_dates,
    weekdays=weekdays, openings=_tuples(openings), stations=_tuples(stations, 2),
    public=st.none() | st.booleans(), registration=st.none() | st.booleans(), fee=texts,
)
phases = st.builds(
    m.Phase, number=st.integers(1, 2), start=phase_dates, end=phase_dates, focus=texts,
    aims=_tuples(texts), sessions=_tuples(sessions), fixed=st.booleans(),
)
municipalities = st.builds(
    m.Municipality, name=texts, ags=ags_numbers, population=small, kind=texts,
    population_year=st.none() | st.integers(1900, 2100), main_town=st.none() | texts,
    ortsteile=_tuples(texts), ortsteile_complete=st.booleans(), contact=st.none() | contacts,
    venues=_tuples(venues), phases=_tuples(phases, 2),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=8,
)
results = st.builds(
    m.Result, session=names, participants=st.dictionaries(st.sampled_from(m.TargetGroup), small),
    values=st.dictionaries(names, json_values, max_size=4), recorded_by=texts, source=texts,
    station=st.none() | names, day=st.none() | dates,
)

#: a strategy per model class, for round-trip tests
MODEL_STRATEGIES = {
    m.Material: materials, m.Role: roles, m.Step: steps, m.PrepStep: prep_steps,
    m.Space: spaces, m.DataProtection: data_protections, m.Variation: variations,
    m.ResultField: result_fields, m.Indicator: indicators, m.Format: formats,
    m.Contact: contacts, m.TeamMember: team_members, m.InventoryItem: inventory_items,
    m.PhaseRule: phase_rule_items, m.PhaseRules: phase_rules, m.Lab: labs, m.Venue: venues,
    m.Session: sessions, m.Phase: phases, m.Municipality: municipalities, m.Result: results,
    m.TemplateSession: template_sessions, m.PlanTemplate: plan_templates,
    m.PlanningGoals: planning_goals, m.StationNeeds: st.builds(m.StationNeeds,
    roles=_tuples(roles), materials=_tuples(materials)), m.Opening: openings,
    m.Station: stations, m.Occurrence: occurrences, m.CopyMaster: copy_masters,
    m.Privacy: privacies, m.OpenData: open_data,
}


#: what people write on a result sheet: letters (German and a few others), digits, punctuation,
#: spaces (also a no-break space); no control characters
SHEET_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ0123456789éçłΩя中ا"
    " .,;:!?-–„“\"'()/&%€#*+=@_\u00a0\u3000"
)


def _visible(text: str) -> str:
    """``text`` with at least one visible character (a blank field holds no value)."""
    return text if text.strip() else text + "x"


def _short_texts(max_size: int = 40):
    """Text of at most ``max_size`` characters with at least one visible character (made so by
    a map, not a filter that would reject inputs)."""
    return st.text(alphabet=SHEET_ALPHABET, min_size=1, max_size=max_size - 1).map(_visible)


sheet_texts = _short_texts()
_optional_sheet_texts = st.just("") | sheet_texts


def value_strategy(field: ResultField, *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE):
    """A hypothesis strategy of valid values for one result field."""
    texts = sheet_texts
    tenth = st.integers(0, 1000).map(lambda n: n / 10)
    least = 1 if field.required else 0  # a required list or table is not empty
    t = field.type
    if t is ResultType.COUNT:
        return st.integers(0, 10_000)
    if t is ResultType.NUMBER:
        return st.integers(-10_000, 10_000) | st.integers(-100_000, 100_000).map(lambda n: n / 10)
    if t is ResultType.PERCENT:
        return tenth
    if t is ResultType.TEXT:
        return texts
    if t is ResultType.TEXT_LIST:
        return st.lists(texts, min_size=least, max_size=8)
    if t is ResultType.CHOICE_VOTES:
        return st.dictionaries(st.sampled_from(field.options), st.integers(0, 1000), min_size=least)
    if t is ResultType.RATING:
        return st.integers(10, 50).map(lambda n: n / 10)
    if t is ResultType.MAP_POINTS:
        point = st.fixed_dictionaries(
            {
                "category": st.sampled_from(field.options),
                "ortsteil": st.sampled_from(list(ortsteile)),
                "note": _optional_sheet_texts,
            }
        )
        return st.lists(point, min_size=least, max_size=6)
    if t is ResultType.SCORES:
        profile = st.tuples(
            _short_texts(30),
            st.dictionaries(st.sampled_from(field.options), st.integers(0, 100)),
        )
        return st.lists(profile, min_size=1, max_size=4).map(_profiles)
    raise ValueError(f"unknown result type {t}")  # pragma: no cover


def _profiles(drawn: list[tuple[str, dict]]) -> list[dict]:
    """Score profiles; a label that repeats another (once stripped) gets a number, so no two
    are alike (built so, not filtered)."""
    seen: set[str] = set()
    profiles = []
    for i, (label, values) in enumerate(drawn):
        while label.strip() in seen:
            label = f"{label} {i + 1}"
        seen.add(label.strip())
        profiles.append({"label": label, "values": values})
    return profiles


def result_values(fmt: Format, *, ortsteile: Sequence[str] = SAMPLE_ORTSTEILE):
    """Hypothesis strategy: valid ``values`` of a result of ``fmt``.

    Required fields are always there; optional ones may be left out (a blank on the sheet).
    """
    required = {
        f.name: value_strategy(f, ortsteile=ortsteile) for f in fmt.result_fields if f.required
    }
    optional = {
        f.name: value_strategy(f, ortsteile=ortsteile) for f in fmt.result_fields if not f.required
    }
    return st.fixed_dictionaries(required, optional=optional)


def _participants(groups: Sequence[TargetGroup], most: int):
    """Participants per target group, at least one person (an empty sheet is not a result)."""
    most = max(1, most)
    first = st.tuples(st.sampled_from(groups), st.integers(1, most))
    others = st.dictionaries(st.sampled_from(groups), st.integers(0, most), max_size=len(groups))
    return st.builds(lambda one, rest: {**rest, one[0]: one[1]}, first, others)


def results_for(
    fmt: Format, *, session: str = "beispiel-p1-01", ortsteile: Sequence[str] = SAMPLE_ORTSTEILE
):
    """Hypothesis strategy: valid :class:`~werkzeugkoffer.Result` objects of a session of
    ``fmt``."""
    groups = list(fmt.target_groups) or [TargetGroup.ALLE]
    return st.builds(
        Result,
        session=st.just(session),
        participants=_participants(groups, fmt.participants_max),
        values=result_values(fmt, ortsteile=ortsteile),
        recorded_by=_optional_sheet_texts,
        source=st.just(""),
    )


# -- valid plans ---------------------------------------------------------------------------------
#
# The composites are defined once, at module level: Hypothesis inspects a composite's source
# when it is decorated, far too slow to do for every session drawn.

_session_ids = st.builds(
    lambda a, b: a + b,
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=2, max_size=12),
)
_quarter_hours = st.integers(8 * 4, 20 * 4)
_phase_starts = st.dates(dt.date(2025, 1, 1), dt.date(2035, 12, 31))
_ortsteil_names = st.lists(
    st.sampled_from(["Mitte", "Nord", "Süd", "Oberdorf", "Unterdorf", "Am Bach"]),
    min_size=1,
    max_size=4,
    unique=True,
)
_hessian_ags = st.integers(0, 999_999).map(lambda n: f"06{n:06d}")


class _Plan:
    """The strategies a session of some formats draws from (made once per strategy, not per
    draw)."""

    def __init__(self, formats: Sequence[Format], venues: Sequence[str]):
        if not formats:
            raise ValueError("no formats")
        if not venues:
            raise ValueError("no venues")
        self.formats = st.sampled_from(list(formats))
        self.venues = st.sampled_from(list(venues))
        self.expected = {
            f.id: st.integers(f.participants_min, max(f.participants_min, f.participants_max))
            for f in formats
        }


def _draw_session(
    draw, plan: _Plan, start: dt.date, end: dt.date, session_id: str, fmt: Format | None = None,
    venues: Any = None,
) -> Session:
    """A session of ``fmt`` (default: drawn from the plan) at one of ``venues`` (default: the
    plan's) between ``start`` and ``end``."""
    fmt = fmt or draw(plan.formats)
    day = start + dt.timedelta(days=draw(st.integers(0, (end - start).days)))
    quarter = draw(_quarter_hours)
    s_start, s_end = session_times(fmt, dt.time(quarter // 4, quarter % 4 * 15))
    end_date = None
    if fmt.days > 1:
        end_date = min(day + dt.timedelta(days=fmt.days - 1), end)
        if end_date == day:
            end_date = None
    return Session(
        id=session_id,
        format=fmt.id,
        date=day,
        start=s_start,
        end=s_end,
        venue=draw(plan.venues if venues is None else venues),
        host=draw(_optional_sheet_texts),
        expected=draw(plan.expected[fmt.id]),
        end_date=end_date,
    )


@st.composite
def _sessions(draw, plan: _Plan, start: dt.date, end: dt.date, ids):
    return _draw_session(draw, plan, start, end, draw(ids))


def sessions_for(
    formats: Format | Sequence[Format],
    *,
    start: dt.date,
    end: dt.date,
    venues: Sequence[str] = ("treffpunkt",),
    ids: Any = None,
):
    """Hypothesis strategy: a valid session of one of ``formats`` between ``start`` and ``end``.

    The session lies inside the range (multi-day formats included), starts between 8:00 and
    20:00 on a quarter hour, lasts the format's duration, is at one of ``venues`` and expects a
    number of participants the format is made for.
    """
    if isinstance(formats, Format):
        formats = [formats]
    if end < start:
        raise ValueError("end before start")
    return _sessions(_Plan(formats, venues), start, end, _session_ids if ids is None else ids)


@st.composite
def _phases(draw, plan: _Plan | None, number: int, rules: PhaseRules, start: dt.date | None,
            max_sessions: int, id_prefix: str, hosting: frozenset[str]):
    begin = start or draw(_phase_starts)
    days = draw(st.integers(rules.min_weeks * 7, max(rules.min_weeks, rules.max_weeks) * 7))
    end = begin + dt.timedelta(days=days - 1)
    count = draw(st.integers(1, max(1, max_sessions))) if plan else 0
    sessions = [
        _draw_session(draw, plan, begin, end, f"{id_prefix}-p{number}-{i + 1:02d}")
        for i in range(count)
    ]
    return Phase(
        number=number, start=begin, end=end, sessions=_without_overlaps(sessions, hosting)
    )


def phases_for(
    formats: Sequence[Format],
    *,
    number: int = 1,
    rules: PhaseRules = PhaseRules(),
    start: dt.date | None = None,
    venues: Sequence[str] = ("treffpunkt",),
    max_sessions: int = 4,
    id_prefix: str = "s",
):
    """Hypothesis strategy: a valid :class:`~werkzeugkoffer.Phase` with sessions of ``formats``.

    Its length keeps the lab's rule (``rules.min_weeks`` to ``rules.max_weeks``), its sessions lie
    inside it, have unique ids, and none overlap another at the same venue.
    """
    formats = list(formats)
    plan = _Plan(formats, venues) if formats else None
    hosting = frozenset(f.id for f in formats if f.hosts_sessions)
    return _phases(plan, number, rules, start, max_sessions, id_prefix, hosting)


def _without_overlaps(sessions: list[Session], hosting: frozenset[str]) -> tuple[Session, ...]:
    """Drop sessions that would overlap an earlier one at the same venue (sessions of a format
    that hosts others, such as a pop-up lab, may overlap)."""
    kept: list[Session] = []
    for s in sessions:
        if s.format not in hosting and any(
            k.venue == s.venue and k.format not in hosting and _overlap(k, s) for k in kept
        ):
            continue
        kept.append(s)
    return tuple(kept)


def _overlap(a: Session, b: Session) -> bool:
    if a.last_date < b.date or b.last_date < a.date:
        return False
    return a.start < b.end and b.start < a.end


@st.composite
def _municipalities(draw, formats, rules: PhaseRules, max_sessions: int, hosting: frozenset[str]):
    ortsteile = draw(_ortsteil_names)
    venues = [
        Venue(id=f"ort-{i + 1}", name=f"Treffpunkt {o}", ortsteil=o, indoor=indoor)
        for i, (o, indoor) in enumerate((o, indoor) for o in ortsteile for indoor in (True, False))
    ]
    # a format that is only held outdoors goes to an outdoor venue, any other indoors
    # (the other way round only warns, but a valid plan avoids that too)
    plan = _Plan(formats, [v.id for v in venues]) if formats else None
    venues_for = {
        indoor: st.sampled_from([v.id for v in venues if v.indoor == indoor])
        for indoor in (True, False)
    }
    phases = []
    begin = draw(_phase_starts)
    for number in (1, 2):
        days = draw(st.integers(rules.min_weeks * 7, max(rules.min_weeks, rules.max_weeks) * 7))
        end = begin + dt.timedelta(days=days - 1)
        sessions: list[Session] = []
        for i in range(draw(st.integers(1, max(1, max_sessions))) if formats else 0):
            fmt = draw(plan.formats)
            sessions.append(_draw_session(
                draw, plan, begin, end, f"s-p{number}-{i + 1:02d}", fmt=fmt,
                venues=venues_for[is_indoor(fmt)],
            ))
        phases.append(
            Phase(number=number, start=begin, end=end,
                  sessions=_without_overlaps(sessions, hosting))
        )
        begin = end + dt.timedelta(weeks=rules.min_gap_weeks, days=1 + draw(st.integers(0, 60)))
    return Municipality(
        name="Beispielstadt",
        ags=draw(_hessian_ags),
        population=draw(st.integers(500, 100_000)),
        main_town=ortsteile[0],
        ortsteile=tuple(ortsteile),
        venues=tuple(venues),
        phases=tuple(phases),
    )


def municipalities_for(
    formats: Sequence[Format], *, rules: PhaseRules = PhaseRules(), max_sessions: int = 4
):
    """Hypothesis strategy: a municipality whose plan passes ``check`` without errors.

    Two phases in the lab's length rule, phase 2 after the minimum gap, sessions of ``formats``
    inside their phase at the municipality's venues (indoor formats indoors, outdoor-only ones
    outdoors), none overlapping. Pair it with :func:`lab_for` (a team and tool case big enough
    for any such plan).
    """
    formats = tuple(formats)
    hosting = frozenset(f.id for f in formats if f.hosts_sessions)
    return _municipalities(formats, rules, max_sessions, hosting)
