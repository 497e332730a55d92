"""The model: frozen attrs classes for formats, labs, municipalities, phases, sessions, results.

Everything here is plain data. Validation that needs more than one object (a session's format
exists, a venue exists ...) lives in :mod:`werkzeugkoffer.checks`; conversion to and from TOML,
JSON and SQLite rows goes through the one converter in :mod:`werkzeugkoffer.conversion`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
from typing import Any, NewType

from attrs import field, frozen

from .i18n import _

# -- simple value types (validated by converter hooks, see conversion.py) ----------------------

Ags = NewType("Ags", str)
"""Amtlicher Gemeindeschlüssel: exactly eight ASCII digits."""

Identifier = NewType("Identifier", str)
"""A lower-case name: letters, digits, ``-`` and ``_``; dots separate namespaces. At most
:data:`MAX_IDENTIFIER_LENGTH` characters and no name a file system reserves (ids become file
names)."""

StateCode = NewType("StateCode", str)
"""A German state as the ``holidays`` package knows it (``HE``, ``BY`` ...)."""

Count = NewType("Count", int)
"""A whole number from 0 to :data:`MAX_COUNT` (people, places, items)."""

Minutes = NewType("Minutes", int)
"""A duration in minutes, 0 to :data:`MAX_MINUTES` (one day)."""

Days = NewType("Days", int)
"""A number of days, 0 to :data:`MAX_DAYS` (a year)."""

Weeks = NewType("Weeks", int)
"""A number of weeks, 0 to :data:`MAX_WEEKS` (two years)."""

# \A and \Z: the whole string, so a trailing newline never passes (``$`` would let it)
IDENTIFIER_RE = re.compile(r"\A[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*\Z")
AGS_RE = re.compile(r"\A[0-9]{8}\Z")  # ASCII digits only (``\d`` also takes ``٣`` and ``３``)
MAX_IDENTIFIER_LENGTH = 100
#: names Windows reserves for devices, also with an extension (``con.csv``)
RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)]
)
#: the plausible range of every date in a workspace
FIRST_DATE = dt.date(1990, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
MAX_COUNT = 1_000_000_000  # also the bound of any whole number in a workspace file
MAX_MINUTES = 24 * 60
MAX_DAYS = 366
MAX_WEEKS = 104
MAX_SESSION_DAYS = 366  # a multi-day session (pop-up lab, challenge) spans at most a year
MAX_PHASE_DAYS = 2 * 366
MAX_OPENINGS = 10_000  # opening days of all sessions and stations of one municipality
#: the range of each bounded whole-number type (the converter, the JSON Schemas, the reference)
INT_RANGES: dict[Any, tuple[int, int]] = {
    Count: (0, MAX_COUNT), Minutes: (0, MAX_MINUTES), Days: (0, MAX_DAYS), Weeks: (0, MAX_WEEKS),
}


def identifier_problem(value: str) -> str | None:
    """Why ``value`` is not a valid :data:`Identifier`, or None when it is one."""
    if not IDENTIFIER_RE.match(value):
        return _('use lower-case letters, digits, "-", "_" and "." only')
    if len(value) > MAX_IDENTIFIER_LENGTH:
        return _("at most {max} characters, got {n}").format(max=MAX_IDENTIFIER_LENGTH,
                                                             n=len(value))
    if value.split(".", 1)[0] in RESERVED_NAMES:
        return _("a name file systems reserve for devices")
    return None


class Theme(str, enum.Enum):
    """The three focal themes of the tool case."""

    DIGITAL = "digital"
    KREATIV = "kreativ"
    PARTIZIPATIV = "partizipativ"

    @property
    def label(self) -> str:
        return {"digital": "Digital", "kreativ": "Kreativ", "partizipativ": "Partizipativ"}[
            self.value
        ]


class ParticipationLevel(str, enum.Enum):
    """Participedia's spectrum of public participation."""

    INFORM = "inform"
    CONSULT = "consult"
    INVOLVE = "involve"
    COLLABORATE = "collaborate"
    EMPOWER = "empower"

    @property
    def label(self) -> str:
        return {
            "inform": "Informieren",
            "consult": "Konsultieren",
            "involve": "Einbeziehen",
            "collaborate": "Zusammenarbeiten",
            "empower": "Entscheiden lassen",
        }[self.value]


class Principle(str, enum.Enum):
    """Open Government principles."""

    TRANSPARENZ = "transparenz"
    BETEILIGUNG = "beteiligung"
    ZUSAMMENARBEIT = "zusammenarbeit"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class TargetGroup(str, enum.Enum):
    """Groups a format is meant for and participants are counted by."""

    KINDER = "kinder"
    JUGENDLICHE = "jugendliche"
    FAMILIEN = "familien"
    ERWACHSENE = "erwachsene"
    SENIOREN = "senioren"
    VEREINE = "vereine"
    VERWALTUNG = "verwaltung"
    POLITIK = "politik"
    UNTERNEHMEN = "unternehmen"
    ALLE = "alle"

    @property
    def label(self) -> str:
        return {
            "kinder": "Kinder",
            "jugendliche": "Jugendliche",
            "familien": "Familien",
            "erwachsene": "Erwachsene",
            "senioren": "Senior:innen",
            "vereine": "Vereine",
            "verwaltung": "Verwaltung",
            "politik": "Kommunalpolitik",
            "unternehmen": "Unternehmen",
            "alle": "alle",
        }[self.value]


class Setting(str, enum.Enum):
    DRINNEN = "drinnen"
    DRAUSSEN = "draussen"
    MOBIL = "mobil"
    ONLINE = "online"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        return {"draussen": "draußen"}.get(self.value, self.value)


class ResultType(str, enum.Enum):
    """Types of result fields; each has its own sheet layout, validation and aggregation.

    The value a result holds for a field of each type:

    - ``count``: a whole number >= 0
    - ``number``: a number
    - ``percent``: a number from 0 to 100
    - ``text``: a text
    - ``text_list``: a list of texts (ideas, topics, problem spots)
    - ``choice_votes``: a table ``{option: votes}`` over the field's options
    - ``rating``: a number from 1 to 5 (the mean of the participants' ratings)
    - ``map_points``: a list of ``{category, ortsteil, note}`` tables; ``category`` is one of
      the field's options
    - ``scores``: a list of profiles ``{label, values = {option: percent}}`` (one per person
      or group); an option left out is "nicht bewertet"
    """

    COUNT = "count"  # a non-negative whole number
    NUMBER = "number"  # any number
    PERCENT = "percent"  # 0-100
    TEXT = "text"  # free text
    TEXT_LIST = "text_list"  # a list of short texts (ideas, topics)
    CHOICE_VOTES = "choice_votes"  # votes per named option
    RATING = "rating"  # 1-5
    MAP_POINTS = "map_points"  # points with a category, Ortsteil and note
    SCORES = "scores"  # percent per named option, against optional targets (competence check)


class ImpactLevel(str, enum.Enum):
    """Levels of the PHINEO impact staircase (Wirkungstreppe)."""

    OUTPUT = "output"
    OUTCOME = "outcome"
    IMPACT = "impact"

    @property
    def steps(self) -> range:
        return {"output": range(1, 4), "outcome": range(4, 7), "impact": range(7, 8)}[self.value]

    @property
    def label(self) -> str:
        return self.value.capitalize()


#: German names of the seven steps of the PHINEO impact staircase (Wirkungstreppe).
IMPACT_STEPS = {
    1: "Aktivitäten finden wie geplant statt",
    2: "Zielgruppen werden erreicht",
    3: "Zielgruppen akzeptieren das Angebot",
    4: "Bewusstsein, Wissen oder Fähigkeiten ändern sich",
    5: "Handeln ändert sich",
    6: "Lebenslage ändert sich",
    7: "Gesellschaft verändert sich",
}


class Aggregate(str, enum.Enum):
    """What an indicator measures: how its value comes from its field over many results.

    The *amount* of one result for a field is the number itself (``count``, ``number``), the
    number of entries (``text_list``, ``map_points``, ``scores``: profiles) or the total of the
    votes (``choice_votes``). See ``docs/indicators.md``.

    - ``sum``: the total amount over the results (ideas collected, votes cast, answers).
    - ``count``: the number of results (sessions) that have a value for the field: one
      "piece" per session (an opinion picture, a map, a plan), however large it is.
    - ``mean``: the mean amount per result that has the field (a ``rating``: the mean rating;
      a ``percent``: the mean percentage).
    - ``share``: a percentage from 0 to 100 %: the mean of a ``percent`` field, or of a
      ``scores`` field the group's Erfüllungsgrad (the KGSt competence check).
    - ``presence``: whether any result has a value for the field (1 = "liegt vor").
    """

    SUM = "sum"
    MEAN = "mean"
    COUNT = "count"
    SHARE = "share"
    PRESENCE = "presence"


class TopicRole(str, enum.Enum):
    """How a result field carries topics (the topic model of a format; ``docs/formats.md``).

    - ``none``: no topics (a ranking of places, a timetable, a count).
    - ``mentions``: each entry of a list names a topic (ideas, wishes, problems).
    - ``ranked``: a list in order of priority, the most important first; earlier entries
      weigh more.
    - ``votes``: a ``choice_votes`` field whose outcome matters for the phase: no topics (the
      options are the format's, not the participants'), its outcome is shown as a result
      (``werkzeugkoffer.results.topics.vote_outcomes``).
    - ``points``: map points; each category in each Ortsteil is a topic
      ("Gefahrenstelle in Achenbach"), the points are evidence.
    """

    NONE = "none"
    MENTIONS = "mentions"
    RANKED = "ranked"
    VOTES = "votes"
    POINTS = "points"


#: Target groups of internal formats: a format meant only for these gets no public pieces.
INTERNAL_GROUPS = frozenset({TargetGroup.VERWALTUNG, TargetGroup.POLITIK})


# -- format -------------------------------------------------------------------------------------


@frozen(kw_only=True, slots=False)
class Material:
    """Something a session needs.

    ``quantity`` items for every ``per_participants`` participants (rounded up), or ``quantity``
    in all when ``per_participants`` is not set. Reusable materials come from the tool case
    (``inventory`` names the inventory item); consumables are bought for the session. ``unit``
    names what one item is (singular, e.g. ``Packung``; default ``Stück``), so that kits print
    "20 Portionen", never a bare number.
    """

    name: str
    quantity: Count = 1
    per_participants: Count | None = None
    reusable: bool = True
    inventory: str | None = None
    note: str = ""
    unit_cost: float | None = None  # EUR per consumable item (estimate; used by ``suggest``)
    unit: str = ""  # what one item is, singular ("Packung", "Portion"); default "Stück"

    def needed(self, participants: int) -> int:
        if self.per_participants:
            return self.quantity * max(1, math.ceil(participants / self.per_participants))
        return self.quantity


@frozen(kw_only=True, slots=False)
class Role:
    """A role in a session: who is needed, how many, what they do.

    ``local`` roles are filled on site (table hosts, a jury, people from the administration or
    a club), not by the lab team; the team check does not count them.
    """

    name: str
    count: Count = 1
    description: str = ""
    local: bool = False


@frozen(kw_only=True, slots=False)
class Step:
    """A timed agenda step."""

    minutes: Minutes
    title: str
    description: str = ""
    who: str = ""


@frozen(kw_only=True, slots=False)
class PrepStep:
    """A preparation task, due ``days_before`` the session."""

    days_before: Days
    task: str


@frozen(kw_only=True, slots=False)
class Space:
    """Space needs of a session."""

    description: str = ""
    min_area_m2: Count | None = None
    power: bool = False
    wifi: bool = False
    tables: Count = 0
    chairs: Count = 0


@frozen(kw_only=True, slots=False)
class DataProtection:
    """Data protection facts of a format (DSGVO).

    When a format collects personal data (``personal_data``, or ``photos`` of people), the kit
    prints an Art. 13 notice for each of its sessions: ``collected`` says which data (German, as
    a sentence), ``purpose`` what for and ``retention`` when it is deleted; without them the
    notice uses the lab's general text.
    """

    photos: bool = False
    personal_data: bool = False
    consent_needed: bool = False
    notes: str = ""
    collected: str = ""
    purpose: str = ""
    retention: str = ""

    @property
    def notice_needed(self) -> bool:
        """Whether sessions of the format need an Art. 13 DSGVO notice."""
        return self.personal_data or self.photos


@frozen(kw_only=True, slots=False)
class Variation:
    name: str
    description: str


@frozen(kw_only=True, slots=False)
class CopyMaster:
    """A printable the format ships (Kopiervorlage): a form, a run sheet, slips, a poster.

    ``template`` names the jinja2 template (in the plugin's ``templates/`` folder) that renders
    one copy; ``title`` is printed in the kit's list of copy masters. The number of copies: the
    need of the consumable ``material`` it is the printed form of, when it names one; else
    ``copies`` for every ``per_participants`` participants (rounded up), or ``copies`` in all.
    ``per_sheet`` items fit on one sheet (two A5 slips, eight cards), so a need of 20 slips at
    two per sheet is 10 copies. ``size`` is the paper size of one copy (``A4`` or ``A3``).
    """

    template: str
    title: str
    copies: int = 1
    per_participants: int | None = None
    material: str | None = None
    per_sheet: int = 1
    size: str = "A4"
    note: str = ""

    def needed(self, participants: int) -> int:
        """Copies for ``participants`` when the copy master names no material."""
        if self.per_participants:
            return self.sheets(self.copies * max(1, math.ceil(participants / self.per_participants)))
        return self.sheets(self.copies)

    def sheets(self, items: int) -> int:
        """Sheets to copy for ``items`` items (``per_sheet`` to a sheet)."""
        return math.ceil(items / max(1, self.per_sheet))


@frozen(kw_only=True, slots=False)
class ResultField:
    """One field of a format's result schema; printed on the result sheet, validated on import.

    ``options`` names the options of ``choice_votes`` and ``scores`` fields and the categories of
    ``map_points`` fields. ``targets`` gives a ``scores`` field's target per option in percent;
    options without a target are "nicht bewertet". ``personal`` marks free text that may hold
    personal data; it is left out of open-data exports (and never carries topics).

    ``topics`` says how the field carries topics (:class:`TopicRole`; default by type:
    ``text_list`` mentions, ``map_points`` points, every other type none) and
    ``topic_weight`` scales the weight of its evidence (1 = the usual weight).
    """

    name: Identifier
    label: str
    type: ResultType
    help: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    targets: dict[str, int] = field(factory=dict)
    personal: bool = False
    unit: str = ""
    topics: TopicRole | None = None
    topic_weight: float = 1.0

    @property
    def topic_role(self) -> TopicRole:
        """How the field carries topics (its ``topics``, or the default of its type)."""
        if self.personal:
            return TopicRole.NONE
        if self.topics is not None:
            return self.topics
        return {ResultType.TEXT_LIST: TopicRole.MENTIONS,
                ResultType.MAP_POINTS: TopicRole.POINTS}.get(self.type, TopicRole.NONE)


@frozen(kw_only=True, slots=False)
class Indicator:
    """What a format is expected to change and how it is counted (impact staircase)."""

    id: Identifier
    label: str
    level: ImpactLevel
    step: int
    field: Identifier | None = None
    aggregate: Aggregate = Aggregate.SUM
    target: float | None = None
    unit: str = ""
    description: str = ""


@frozen(kw_only=True, slots=False)
class StationNeeds:
    """What *each station* of a format needs, for formats that run at several places at once.

    ``roles`` are needed at every station while it is open (per opening); ``materials`` stand at
    every station for the whole action (reusable ones are taken from the tool case once per
    station). What the whole action needs once (coordination, the prize, the rally tablets) stays
    in the format's own ``roles`` and ``materials``.
    """

    roles: tuple[Role, ...] = ()
    materials: tuple[Material, ...] = ()

    @property
    def team_staff(self) -> int:
        return sum(r.count for r in self.roles if not r.local)


@frozen(kw_only=True, slots=False)
class Format:
    """A reusable participation method. Everything a volunteer needs to run it from the card.

    ``duration_minutes`` and ``agenda`` describe one session (for formats that run over several
    days, such as a challenge or a pop-up lab, one day of it; ``days`` gives the usual number of
    days). ``hosts_sessions`` marks a format that hosts other sessions (a pop-up lab), which may
    overlap with it at its venue. ``template`` names a method card template the plugin ships.
    ``stations`` marks a format that runs at several stations at once (one per Ortsteil, say)
    and says what each station needs. ``copy_masters`` are the printables it ships.
    ``replaces`` names a format this one deliberately takes the place of (its own id, to override
    a format of a plugin, or another id); without it, two sources registering one id is an error.
    ``registration`` says that sessions of the format need
    registration (limited places); ``bring`` what participants bring along (printed on posters
    and invitations). A format whose target groups are only administration and council is
    :attr:`internal`: its sessions get no public poster or invitation.
    """

    id: Identifier
    version: str
    title: str
    theme: Theme
    summary: str
    purpose: str
    question: str
    level: ParticipationLevel
    principles: tuple[Principle, ...]
    target_groups: tuple[TargetGroup, ...]
    settings: tuple[Setting, ...]
    space: Space
    duration_minutes: Minutes
    participants_min: Count
    participants_max: Count
    roles: tuple[Role, ...]
    materials: tuple[Material, ...]
    lead_days: Days
    preparation: tuple[PrepStep, ...]
    agenda: tuple[Step, ...]
    accessibility: str
    data_protection: DataProtection
    result_fields: tuple[ResultField, ...]
    indicators: tuple[Indicator, ...]
    variations: tuple[Variation, ...] = ()
    source: str = ""
    licence: str = "CC BY-SA 4.0"
    hosts_sessions: bool = False
    days: Days = 1
    template: str | None = None
    stations: StationNeeds | None = None
    copy_masters: tuple[CopyMaster, ...] = ()
    replaces: Identifier | None = None
    registration: bool = False
    bring: tuple[str, ...] = ()

    @property
    def internal(self) -> bool:
        """Meant only for the administration and council (no public poster or invitation)."""
        return bool(self.target_groups) and set(self.target_groups) <= INTERNAL_GROUPS

    @property
    def runs_at_stations(self) -> bool:
        return self.stations is not None

    @property
    def runs_over_days(self) -> bool:
        return self.days > 1

    @property
    def staff(self) -> int:
        """Everyone a session needs to run (lab team and local helpers)."""
        return sum(r.count for r in self.roles)

    @property
    def team_staff(self) -> int:
        """People the lab team must send (roles not filled locally)."""
        return sum(r.count for r in self.roles if not r.local)

    def result_field(self, name: str) -> ResultField | None:
        for f in self.result_fields:
            if f.name == name:
                return f
        return None


# -- lab ----------------------------------------------------------------------------------------


@frozen(kw_only=True, slots=False)
class Contact:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@frozen(kw_only=True, slots=False)
class TeamMember:
    """A person of the lab team.

    ``hours_per_week`` bounds the staffing plan (0: no limit given); ``roles`` names the format
    roles this person can take (empty: any role); ``unavailable`` lists days off (holidays,
    part-time days), on which the staffing plan never assigns them.
    """

    name: str
    role: str = ""
    hours_per_week: Count = 0
    roles: tuple[str, ...] = ()
    unavailable: tuple[dt.date, ...] = ()


@frozen(kw_only=True, slots=False)
class InventoryItem:
    """Something the lab owns, reusable from session to session."""

    id: Identifier
    name: str
    quantity: Count
    note: str = ""


@frozen(kw_only=True, slots=False)
class PhaseRule:
    """Defaults for one of the two phases."""

    number: int
    name: str
    focus: str = ""


@frozen(kw_only=True, slots=False)
class PhaseRules:
    min_weeks: Weeks = 6
    max_weeks: Weeks = 8
    min_gap_weeks: Weeks = 4
    phases: tuple[PhaseRule, ...] = (
        PhaseRule(number=1, name="Erkunden", focus="Viele Menschen erreichen, Themen sammeln"),
        PhaseRule(number=2, name="Vertiefen", focus="Top-Themen bearbeiten, gemeinsam entscheiden"),
    )
    avoid_school_holidays: bool = False
    avoid_public_holidays: bool = True


@frozen(kw_only=True, slots=False)
class TemplateSession:
    """One line of a plan template: ``count`` sessions of a format, placed relative to the start.

    The sessions fall in phase weeks ``week`` to ``until_week`` (1 = the first seven days of the
    phase), spread evenly, each on ISO ``weekday`` (1 = Monday ... 6 = Saturday, 7 = Sunday).
    ``place`` is ``"hauptort"`` (a venue in the main town), ``"ortsteil"`` (venues in the other
    Ortsteile, the least used first), ``"stationen"`` (one session with a station in every
    Ortsteil, the main town included) or a venue id of the municipality (see
    :mod:`werkzeugkoffer.planning.templates`). ``end``
    defaults to ``start`` plus the format's duration, ``days`` to the format's days, ``expected``
    to the middle of the format's participant range.
    """

    format: Identifier
    week: Weeks = 1
    until_week: Weeks | None = None
    count: Count = 1
    weekday: int = 6
    start: dt.time = dt.time(10, 0)
    end: dt.time | None = None
    place: str = "hauptort"
    expected: Count | None = None
    days: Days | None = None
    title: str | None = None
    host: str = ""
    notes: str = ""


@frozen(kw_only=True, slots=False)
class PlanTemplate:
    """A phase written relative to its start (``werkzeugkoffer plan apply``).

    ``weeks`` is the phase length (default: the lab's ``rules.min_weeks``).
    """

    id: Identifier
    phase: int = 1
    title: str = ""
    weeks: Weeks | None = None
    focus: str = ""
    aims: tuple[str, ...] = ()
    sessions: tuple[TemplateSession, ...] = ()


@frozen(kw_only=True, slots=False)
class PlanningGoals:
    """What ``werkzeugkoffer suggest`` plans a phase for: the lab's goals and constraints.

    ``target_groups`` the lab wants to reach; ``themes`` to cover (empty: all three);
    ``sessions_per_phase`` how many sessions to propose; ``budget_per_phase`` EUR for consumables
    per phase (``default_consumable_cost`` per item when a material names no ``unit_cost``);
    ``team_hours_per_phase`` the team's hours for one phase (default: the team's weekly hours
    times the phase weeks, shared by the phases that run at the same time).
    """

    target_groups: tuple[TargetGroup, ...] = ()
    themes: tuple[Theme, ...] = ()
    sessions_per_phase: Count = 6
    budget_per_phase: float | None = None
    default_consumable_cost: float = 2.0
    team_hours_per_phase: float | None = None


#: Data-protection supervisory authorities by state (Art. 77 DSGVO), printed on notices.
SUPERVISORY_AUTHORITIES = {
    "HE": "Der Hessische Beauftragte für Datenschutz und Informationsfreiheit (HBDI), "
    "Gustav-Stresemann-Ring 1, 65189 Wiesbaden, https://datenschutz.hessen.de",
}

#: Licences an open-data export names without a URL (SPDX id: title, URL).
KNOWN_LICENCES = {
    "CC-BY-4.0": ("Creative Commons Namensnennung 4.0 International",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0 (gemeinfrei)",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Namensnennung - Weitergabe unter gleichen Bedingungen 4.0",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "DL-DE-BY-2.0": ("Datenlizenz Deutschland - Namensnennung - Version 2.0",
                     "https://www.govdata.de/dl-de/by-2-0"),
    "DL-DE-ZERO-2.0": ("Datenlizenz Deutschland - Zero - Version 2.0",
                       "https://www.govdata.de/dl-de/zero-2-0"),
}


@frozen(kw_only=True, slots=False)
class Privacy:
    """The lab's data-protection facts (DSGVO Art. 13), printed on consent forms and notices.

    ``controller`` is the responsible body (default: the lab's organiser) with its postal
    ``address``, ``email`` and ``phone``; ``officer`` the data protection officer (a name or an
    office) with ``officer_email`` and ``officer_address`` (default: the controller's address);
    ``retention`` says how long photos and consent forms are kept; ``authority`` the supervisory
    authority where people may complain (default: the one of the lab's state).
    """

    controller: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    officer: str = ""
    officer_email: str = ""
    officer_address: str = ""
    retention: str = ""
    authority: str = ""


@frozen(kw_only=True, slots=False)
class OpenData:
    """How results are published as open data (``[open_data]`` in ``labor.toml``).

    ``licence`` is an SPDX id; the ones in :data:`KNOWN_LICENCES` need no ``licence_url``
    (others do). ``title`` and ``description`` name the data package (defaults from the lab).
    """

    licence: str = "CC-BY-4.0"
    licence_url: str = ""
    licence_title: str = ""
    title: str = ""
    description: str = ""


@frozen(kw_only=True, slots=False)
class Lab:
    """A programme run by one organiser for several municipalities.

    ``session_url`` is a pattern for each session's own web page, printed as a QR code on its
    poster and invitation: ``{gemeinde}`` (the municipality's file name), ``{session}`` (the
    session id) and ``{phase}`` are filled in, for example
    ``"https://beteiligung.example.org/{gemeinde}/{session}"``. Without it, and without a
    session's own ``url``, public pieces point to ``url``.
    """

    name: str
    organiser: str
    state: StateCode = "HE"
    url: str | None = None
    session_url: str | None = None
    contacts: tuple[Contact, ...] = ()
    team: tuple[TeamMember, ...] = ()
    inventory: tuple[InventoryItem, ...] = ()
    tool_cases: Count = 1
    rules: PhaseRules = PhaseRules()
    goals: tuple[str, ...] = ()
    plan_templates: tuple[PlanTemplate, ...] = ()
    planning: PlanningGoals = PlanningGoals()
    privacy: Privacy = Privacy()
    open_data: OpenData = OpenData()

    @property
    def supervisory_authority(self) -> str:
        """The authority named in notices: ``privacy.authority``, else the state's (or "")."""
        return self.privacy.authority or SUPERVISORY_AUTHORITIES.get(self.state, "")

    def inventory_item(self, item_id: str) -> InventoryItem | None:
        for item in self.inventory:
            if item.id == item_id:
                return item
        return None


@frozen(kw_only=True, slots=False)
class Venue:
    id: Identifier
    name: str
    ortsteil: str
    address: str = ""
    capacity: Count | None = None
    accessible: bool | None = None  # step-free access: True, False, or None = not known
    indoor: bool = True


@frozen(kw_only=True, slots=False)
class Opening:
    """One opening day of a session or a station, with its hours.

    ``start`` and ``end`` default to the hours of the session (or the station).
    """

    date: dt.date
    start: dt.time | None = None
    end: dt.time | None = None


@frozen(kw_only=True, slots=False)
class Station:
    """One place of a session that runs at several places at once (one per Ortsteil, say).

    A station stands at ``venue`` for the whole session. It is open (staffed) on the session's
    opening days and hours unless it has its own: ``start``/``end`` (daily hours),
    ``weekdays`` (ISO 1 = Monday ... 7 = Sunday, within the session's days) or ``openings``
    (explicit days). ``staff`` is the number of lab-team people needed while it is open
    (default: the format's station roles not filled locally); ``expected`` the contributions
    expected there (sizes its tally sheet; default: the session's expected participants shared
    by the stations); ``host`` the local person in charge.
    """

    venue: Identifier
    title: str = ""
    start: dt.time | None = None
    end: dt.time | None = None
    weekdays: tuple[int, ...] = ()
    openings: tuple[Opening, ...] = ()
    staff: Count | None = None
    expected: Count | None = None
    host: str = ""


@frozen(kw_only=True, slots=False)
class Occurrence:
    """One opening of one place of a session: a day, its hours and the venue.

    ``station`` is the index of the station in ``Session.stations`` (``None`` for the session's
    own opening). Times are whole minutes since 0001-01-01 (``start_minute``/``end_minute``),
    which sort and compare fast.
    """

    date: dt.date
    start: dt.time
    end: dt.time
    venue: str | None
    station: int | None = None

    @property
    def start_minute(self) -> int:
        return self.date.toordinal() * 1440 + self.start.hour * 60 + self.start.minute

    @property
    def end_minute(self) -> int:
        return self.date.toordinal() * 1440 + self.end.hour * 60 + self.end.minute

    @property
    def minutes(self) -> int:
        return self.end_minute - self.start_minute


@frozen(kw_only=True, slots=False)
class Session:
    """One run of a format: one meeting, or an action over several days and/or stations.

    A plain meeting has a ``date``, ``start``/``end`` and a ``venue``. An action over several
    days adds ``end_date`` and, optionally, ``weekdays`` (ISO 1-7; it is open only on those days)
    or explicit ``openings``. An action at several places lists its ``stations`` (then ``venue``
    may be left out). :meth:`occurrences` lists every opening of every place.

    For the public pieces: ``public = false`` keeps a session off posters and invitations
    (internal formats are off by default), ``registration`` overrides the format's, ``fee``
    names a fee (empty: free of charge).
    """

    id: Identifier
    format: Identifier
    date: dt.date
    start: dt.time
    end: dt.time
    venue: Identifier | None = None
    host: str = ""
    expected: Count = 0
    title: str | None = None
    url: str | None = None
    notes: str = ""
    end_date: dt.date | None = None  # for multi-day sessions (challenge, pop-up lab)
    weekdays: tuple[int, ...] = ()
    openings: tuple[Opening, ...] = ()
    stations: tuple[Station, ...] = ()
    public: bool | None = None  # None: public unless its format is internal
    registration: bool | None = None  # None: as the format says
    fee: str = ""  # empty: free of charge ("kostenlos" on public pieces)

    @property
    def last_date(self) -> dt.date:
        """The last day of the session (its openings included)."""
        last = self.end_date or self.date
        if self.openings:
            last = max(last, max(o.date for o in self.openings))
        return last

    @property
    def main_venue(self) -> str | None:
        """The venue that names the session: its own, else its first station's."""
        if self.venue is not None:
            return self.venue
        return self.stations[0].venue if self.stations else None

    @property
    def places(self) -> tuple[str, ...]:
        """Every venue of the session: its own and its stations', each once, in order."""
        out: list[str] = []
        for v in ([self.venue] if self.venue is not None else []) + [st.venue for st in self.stations]:
            if v not in out:
                out.append(v)
        return tuple(out)

    def days(self) -> list[Opening]:
        """The session's own opening days with their hours (explicit ``openings``, else every day
        from ``date`` to ``end_date`` that is one of its ``weekdays``)."""
        if self.openings:
            return [Opening(date=o.date, start=o.start or self.start, end=o.end or self.end)
                    for o in sorted(self.openings, key=lambda o: o.date)]
        out = []
        day = self.date
        last = self.end_date or self.date
        one = dt.timedelta(days=1)
        while day <= last:
            if not self.weekdays or day.isoweekday() in self.weekdays:
                out.append(Opening(date=day, start=self.start, end=self.end))
            day += one
        return out

    def station_days(self, station: Station) -> list[Opening]:
        """The opening days of one station with their hours (see :class:`Station`)."""
        if station.openings:
            return [Opening(date=o.date, start=o.start or station.start or self.start,
                            end=o.end or station.end or self.end)
                    for o in sorted(station.openings, key=lambda o: o.date)]
        out = []
        for day in self.days():
            if station.weekdays and day.date.isoweekday() not in station.weekdays:
                continue
            out.append(Opening(date=day.date, start=station.start or day.start,
                               end=station.end or day.end))
        return out

    def occurrences(self) -> list[Occurrence]:
        """Every opening of every place: the session's own days at its venue (when it has one)
        and each station's days at the station's venue, sorted by time."""
        out = []
        if self.venue is not None or not self.stations:
            out.extend(Occurrence(date=d.date, start=d.start, end=d.end, venue=self.venue)
                       for d in self.days())
        for i, st in enumerate(self.stations):
            out.extend(Occurrence(date=d.date, start=d.start, end=d.end, venue=st.venue,
                                  station=i) for d in self.station_days(st))
        out.sort(key=lambda o: (o.date, o.start, -1 if o.station is None else o.station))
        return out


@frozen(kw_only=True, slots=False)
class Phase:
    number: int
    start: dt.date
    end: dt.date
    focus: str = ""
    aims: tuple[str, ...] = ()
    sessions: tuple[Session, ...] = ()
    fixed: bool = False  # dates set by the user; ``schedule`` keeps them

    @property
    def weeks(self) -> float:
        return ((self.end - self.start).days + 1) / 7


@frozen(kw_only=True, slots=False)
class Municipality:
    name: str
    ags: Ags
    population: Count
    kind: str = "Gemeinde"
    population_year: int | None = None
    main_town: str | None = None
    ortsteile: tuple[str, ...] = ()
    ortsteile_complete: bool = True
    contact: Contact | None = None
    venues: tuple[Venue, ...] = ()
    phases: tuple[Phase, ...] = ()

    def venue(self, venue_id: str) -> Venue | None:
        """The venue with this id (the first one, should two share it); O(1)."""
        return self._venues_by_id.get(venue_id)

    @functools.cached_property
    def _venues_by_id(self) -> dict[str, Venue]:
        out: dict[str, Venue] = {}
        for v in self.venues:
            out.setdefault(v.id, v)
        return out

    def phase(self, number: int) -> Phase | None:
        for p in self.phases:
            if p.number == number:
                return p
        return None


@frozen(kw_only=True, slots=False)
class Result:
    """What a session produced: participants by target group and the format's values.

    A session at several stations or over several days may have one result per station
    (``station``: the station's venue id) and/or per day (``day``); reports add them up per
    session.
    """

    session: Identifier
    participants: dict[TargetGroup, int] = field(factory=dict)
    values: dict[str, Any] = field(factory=dict)
    recorded_by: str = ""
    source: str = ""
    station: Identifier | None = None
    day: dt.date | None = None

    @property
    def total_participants(self) -> int:
        return sum(self.participants.values())
