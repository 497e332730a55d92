"""The kit's content: what is printed for one municipality and one phase.

A :class:`Kit` holds everything the templates print, computed once from the workspace: the
sessions in order with their formats and venues, the calendar weeks, the packing list (reusable
items at their peak over simultaneous sessions, consumables summed), the themes, Ortsteile and
indicators of the phase.

How kits are rendered and written is :mod:`werkzeugkoffer.kits.build`.

Participants used to scale materials: a session's ``expected`` participants, or its format's
``participants_min`` when ``expected`` is 0 (the same rule the inventory check uses).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

import attrs
from attrs import frozen

from ..checks.overlaps import peak_load
from ..dates import office_day
from ..errors import InputError
from ..i18n import _
from ..needs import (
    ItemNeed,
    copy_master_copies,
    material_needs,
    participants_for,
    station_participants,
)
from ..planning.roster import Roster, build_roster
from ..reach import reach
from ..model import (
    IMPACT_STEPS,
    Contact,
    CopyMaster,
    Format,
    ImpactLevel,
    Indicator,
    Lab,
    Material,
    Municipality,
    Opening,
    Phase,
    PhaseRule,
    PrepStep,
    Session,
    Station,
    Step,
    TargetGroup,
    Theme,
    Venue,
)
from ..version import version
from . import sketch

if TYPE_CHECKING:
    from ..workspace import Workspace



# -- the kit model ------------------------------------------------------------------------------


@frozen(kw_only=True)
class AgendaItem:
    """An agenda step with its clock times in one session."""

    start: dt.time
    end: dt.time
    step: Step


@frozen(kw_only=True)
class PrepTask:
    due: dt.date
    step: PrepStep


@frozen(kw_only=True)
class MaterialNeed:
    material: Material
    quantity: int


@frozen(kw_only=True)
class KitStation:
    """A station of a session as the kit prints it: its place, opening days and materials."""

    number: int
    station: Station
    venue: Venue | None
    openings: tuple[Opening, ...]
    participants: int
    materials: tuple[MaterialNeed, ...]

    @property
    def title(self) -> str:
        if self.station.title:
            return self.station.title
        return self.venue.name if self.venue is not None else self.station.venue

    @property
    def ortsteil(self) -> str:
        return self.venue.ortsteil if self.venue is not None else ""


@frozen(kw_only=True)
class KitSession:
    """A session as the kit prints it."""

    number: int
    session: Session
    format: Format
    venue: Venue | None
    title: str
    participants: int
    url: str | None
    materials: tuple[MaterialNeed, ...]
    preparation: tuple[PrepTask, ...]
    agenda: tuple[AgendaItem, ...]
    card_templates: tuple[str, ...]
    hosted_by: str | None = None  # title of a hosting session (pop-up lab) it takes place in
    openings: tuple[Opening, ...] = ()
    stations: tuple[KitStation, ...] = ()
    item_needs: tuple[ItemNeed, ...] = ()
    public: bool = True  # gets a poster and an invitation
    registration: bool = False
    own_url: bool = False  # ``url`` is the session's own page (not the lab's)
    card: int = 0  # number of the method card of its format in the kit

    @property
    def free(self) -> bool:
        return not self.session.fee

    @property
    def station_ortsteile(self) -> tuple[str, ...]:
        """The Ortsteile of the stations, each once, in station order (ranking tables)."""
        out: list[str] = []
        for st in self.stations:
            if st.ortsteil and st.ortsteil not in out:
                out.append(st.ortsteil)
        return tuple(out)

    @property
    def id(self) -> str:
        return self.session.id

    @property
    def date(self) -> dt.date:
        return self.session.date

    @property
    def last_date(self) -> dt.date:
        return self.session.last_date

    @property
    def multi_day(self) -> bool:
        return self.session.last_date != self.session.date

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.session.date, self.session.start)

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.session.last_date, self.session.end)

    @property
    def place(self) -> str:
        if self.venue is None:
            return self.session.main_venue or ""
        if self.venue.ortsteil and self.venue.ortsteil not in self.venue.name:
            return f"{self.venue.name}, {self.venue.ortsteil}"
        return self.venue.name


@frozen(kw_only=True)
class KitCard:
    """The method card of one format, printed once per kit for all its sessions.

    ``templates`` is the lookup list (most specific first); ``first`` is the first session of
    the format, which card templates see as ``ks``.
    """

    number: int
    format: Format
    sessions: tuple[KitSession, ...]
    templates: tuple[str, ...]

    @property
    def first(self) -> KitSession:
        return self.sessions[0]

    @property
    def sketch(self):
        """The room set-up sketch (inline SVG with its description as accessible name)."""
        return sketch.sketch(self.format)

    @property
    def sketch_text(self) -> str:
        return sketch.describe(self.format)

    def quantities(self, material: Material) -> list[tuple[KitSession, int, bool]]:
        """``(session, quantity, per_station)`` of one material in each session of the card."""
        out = []
        for ks in self.sessions:
            whole = sum(n.quantity for n in ks.item_needs
                        if n.material == material and n.station is None)
            stations = [n.quantity for n in ks.item_needs
                        if n.material == material and n.station is not None]
            if stations:
                out.append((ks, max(stations), True))
            elif whole:
                out.append((ks, whole, False))
        return out


@frozen(kw_only=True)
class KitCopyMaster:
    """A printable to copy (a form, a tally sheet, a notice, a format's printable): its
    templates (the first that exists is used) and how many copies.

    ``sessions`` are the sessions it is for (all of the phase when empty), ``station`` the
    station of a station's own sheet; ``copies_note`` says in words how ``copies`` was counted;
    ``size`` is its paper (``A4`` or ``A3``); ``kcm`` the format's copy master it prints.
    """

    key: str
    title: str
    templates: tuple[str, ...]
    copies: int
    copies_note: str = ""
    sessions: tuple[KitSession, ...] = ()
    station: KitStation | None = None
    format: Format | None = None
    size: str = "A4"
    kcm: FormatCopyMaster | None = None  # a printable a format ships

    @property
    def ks(self) -> KitSession | None:
        return self.sessions[0] if self.sessions else None


@frozen(kw_only=True)
class KitResultSheet:
    """One result sheet to print: a session's (``station`` is ``None``) or a station's.

    ``rows`` is the number of contributions expected on it, which sizes lists and tallies.
    """

    ks: KitSession
    rows: int
    station: KitStation | None = None


@frozen(kw_only=True)
class PackingItem:
    """A reusable item from the tool case: the peak quantity needed at the same time."""

    name: str
    quantity: int
    inventory: str | None
    available: int | None
    sessions: tuple[int, ...]
    note: str = ""

    @property
    def short(self) -> bool:
        return self.available is not None and self.quantity > self.available


@frozen(kw_only=True)
class ShoppingItem:
    """A consumable, summed over the sessions: ``per_session`` is ``(session number, quantity)``."""

    name: str
    quantity: int
    per_session: tuple[tuple[int, int], ...]
    note: str = ""
    unit: str = ""  # of the material ("" is Stück); the same name in another unit is its own item


@frozen(kw_only=True)
class Week:
    """A calendar week of the phase with the sessions on its days."""

    year: int
    number: int
    monday: dt.date
    sunday: dt.date
    sessions: tuple[KitSession, ...]
    continuing: tuple[KitSession, ...]  # multi-day sessions that started in an earlier week

    def open_stations(self, ks: KitSession) -> tuple[tuple[KitStation, tuple[Opening, ...]], ...]:
        """The stations of ``ks`` open in this week, each with its opening days in it, in the
        order they open."""
        out = []
        for st in ks.stations:
            days = tuple(o for o in st.openings if self.monday <= o.date <= self.sunday)
            if days:
                out.append((st, days))
        return tuple(sorted(out, key=lambda pair: (pair[1][0].date, pair[1][0].start or dt.time())))


@frozen(kw_only=True)
class KitIndicator:
    format: Format
    indicator: Indicator
    sessions: tuple[int, ...]

    @property
    def step_label(self) -> str:
        return IMPACT_STEPS.get(self.indicator.step, "")

    @property
    def field_label(self) -> str:
        if self.indicator.field is None:
            return ""
        f = self.format.result_field(self.indicator.field)
        return f.label if f is not None else self.indicator.field


@frozen(kw_only=True)
class FormatCopyMaster:
    """A copy master a format ships, as used in the kit, with the copies each of its sessions
    needs: ``copies`` is ``(session number, copies)`` per session of the format (its templates
    see it as ``kcm``)."""

    format: Format
    copy_master: CopyMaster
    copies: tuple[tuple[int, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.copies)


def kit_copy_masters(sessions: Iterable[KitSession]) -> tuple[FormatCopyMaster, ...]:
    """Every copy master of the formats of ``sessions``, once per format, in session order."""
    by_format: dict[str, list[KitSession]] = {}
    for ks in sessions:
        by_format.setdefault(ks.format.id, []).append(ks)
    return tuple(
        FormatCopyMaster(
            format=group[0].format,
            copy_master=cm,
            copies=tuple((ks.number, copy_master_copies(ks.session, ks.format, cm))
                         for ks in group),
        )
        for group in by_format.values()
        for cm in group[0].format.copy_masters
    )


@frozen(kw_only=True)
class Kit:
    """The printable bundle of one municipality and one phase."""

    slug: str
    lab: Lab
    municipality: Municipality
    phase: Phase
    phase_name: str
    focus: str
    aims: tuple[str, ...]
    sessions: tuple[KitSession, ...]
    weeks: tuple[Week, ...]
    packing: tuple[PackingItem, ...]
    shopping: tuple[ShoppingItem, ...]
    themes: tuple[tuple[Theme, tuple[KitSession, ...]], ...]
    ortsteile_reached: tuple[str, ...]
    ortsteile_missing: tuple[str, ...]
    venues: tuple[Venue, ...]
    indicators: tuple[KitIndicator, ...]
    contacts: tuple[Contact, ...]
    consent_formats: tuple[Format, ...]
    target_groups: tuple[TargetGroup, ...]
    version: str
    rota: Roster | None = None  # the staffing plan of the phase (parts/rota.html)
    cards: tuple[KitCard, ...] = ()
    copy_masters: tuple[KitCopyMaster, ...] = ()

    @property
    def result_sheets(self) -> tuple[KitResultSheet, ...]:
        """One result sheet per session, sized from its expected participants."""
        return tuple(KitResultSheet(ks=ks, rows=ks.participants) for ks in self.sessions)

    @property
    def public_sessions(self) -> tuple[KitSession, ...]:
        """Sessions that get a poster and an invitation (internal ones do not)."""
        return tuple(ks for ks in self.sessions if ks.public)

    @property
    def station_sessions(self) -> tuple[KitSession, ...]:
        return tuple(ks for ks in self.sessions if ks.stations)

    @property
    def listed_venues(self) -> tuple[Venue, ...]:
        """The venues of the overview's table: all but those only stations use (the stations
        list those); a station's venue that hosts another session too stays."""
        station_only = {st.station.venue for ks in self.station_sessions for st in ks.stations}
        for ks in self.sessions:
            if not ks.stations:
                station_only -= set(ks.session.places)
        return tuple(v for v in self.venues if v.id not in station_only)

    @property
    def public_contact(self) -> Contact | None:
        """Who the public calls: the first contact with a phone number (the municipality's,
        then the lab's), else :attr:`contact`."""
        for c in ((self.municipality.contact,) if self.municipality.contact else ()) + tuple(
                self.lab.contacts):
            if c.phone:
                return c
        return self.contact

    def card_of(self, ks: KitSession) -> KitCard | None:
        for card in self.cards:
            if card.number == ks.card:
                return card
        return None

    def copy_masters_of(self, ks: KitSession) -> tuple[KitCopyMaster, ...]:
        """The copy masters a session needs (its own and the phase-wide ones)."""
        return tuple(cm for cm in self.copy_masters if not cm.sessions or ks in cm.sessions)

    @property
    def key(self) -> str:
        return f"{self.slug}/phase-{self.phase.number}"

    @property
    def title(self) -> str:
        return f"Laborkit {self.municipality.name}, Phase {self.phase.number}: {self.phase_name}"

    @property
    def missing_themes(self) -> tuple[Theme, ...]:
        return tuple(t for t, sessions in self.themes if not sessions)

    @property
    def formats(self) -> tuple[Format, ...]:
        seen: dict[str, Format] = {}
        for ks in self.sessions:
            seen.setdefault(ks.format.id, ks.format)
        return tuple(seen.values())

    @property
    def contact(self) -> Contact | None:
        """Who volunteers call: the municipality's contact, else the lab's first contact."""
        if self.municipality.contact is not None:
            return self.municipality.contact
        return self.lab.contacts[0] if self.lab.contacts else None

    @property
    def notice_sessions(self) -> tuple[KitSession, ...]:
        """Sessions whose format collects personal data or takes photos (an Art. 13 notice)."""
        return tuple(ks for ks in self.sessions if ks.format.data_protection.notice_needed)

    def indicators_by_level(self) -> list[tuple[ImpactLevel, list[KitIndicator]]]:
        out = []
        for level in ImpactLevel:
            items = [ki for ki in self.indicators if ki.indicator.level is level]
            if items:
                out.append((level, sorted(items, key=lambda ki: ki.indicator.step)))
        return out

    def prep_tasks(self) -> list[tuple[PrepTask, KitSession]]:
        """Every preparation task of the phase, by due date."""
        tasks = [(task, ks) for ks in self.sessions for task in ks.preparation]
        return sorted(tasks, key=lambda t: (t[0].due, t[1].number))


def _phase_rule(lab: Lab, number: int) -> PhaseRule | None:
    for rule in lab.rules.phases:
        if rule.number == number:
            return rule
    return None


def _agenda(session: Session, fmt: Format) -> tuple[AgendaItem, ...]:
    items = []
    clock = dt.datetime.combine(session.date, session.start)
    for step in fmt.agenda:
        end = clock + dt.timedelta(minutes=step.minutes)
        items.append(AgendaItem(start=clock.time(), end=end.time(), step=step))
        clock = end
    return tuple(items)


def card_templates(fmt: Format) -> tuple[str, ...]:
    """Method card templates for a format, most specific first."""
    names = [fmt.template] if fmt.template else []
    names += [f"cards/{fmt.id}.html", "method_card.html"]
    return tuple(names)


def session_url(lab: Lab, slug: str, phase: int, session: Session) -> tuple[str | None, bool]:
    """The web address printed for a session and whether it is the session's own page.

    The session's ``url``, else the lab's ``session_url`` pattern filled in, else the lab's
    ``url``. A pattern with an unknown placeholder is an :class:`InputError`.
    """
    if session.url:
        return session.url, True
    if lab.session_url:
        try:
            url = lab.session_url.format(gemeinde=slug, session=session.id, phase=phase)
        except (KeyError, IndexError, ValueError) as exc:
            raise InputError(
                _('labor.toml: session_url: "{pattern}" is not a valid pattern ({problem}); '
                  "use {{gemeinde}}, {{session}} and {{phase}}").format(
                      pattern=lab.session_url, problem=exc)
            ) from None
        return url, True
    return lab.url, False


#: extra copies of forms handed to participants, on top of the expected participants
RESERVE = 0.1
#: at most this many feedback forms per session: open actions with hundreds of passers-by
#: collect feedback from a sample, not from everyone
FEEDBACK_CAP = 60
#: at most this many photo consent forms per session: only people who are photographed sign
CONSENT_CAP = 30


def _with_reserve(n: int) -> int:
    return int(math.ceil(n * (1 + RESERVE))) if n else 0


def _sessions_label(sessions: Iterable[KitSession]) -> str:
    numbers = [str(ks.number) for ks in sessions]
    if not numbers:
        return ""
    return ("Termin " if len(numbers) == 1 else "Termine ") + ", ".join(numbers)


def copy_masters(sessions: tuple[KitSession, ...]) -> tuple[KitCopyMaster, ...]:
    """The copy masters of a phase: station tally sheets and ranking tables of actions at
    stations, then the feedback and photo consent forms, each with its number of copies."""
    out: list[KitCopyMaster] = []
    for ks in sessions:
        if not ks.stations:
            continue
        for st in ks.stations:
            days = len(st.openings)
            out.append(KitCopyMaster(
                key=f"tagesbogen-{ks.number}-{st.number}",
                title=f"Tagesbogen Station {st.number}: {st.ortsteil or st.title}",
                templates=("parts/tally_sheet.html",),
                copies=max(1, days),
                copies_note=("eine Kopie je Öffnungstag der Station"
                             + (f" ({days} Tage)" if days != 1 else " (1 Tag)")),
                sessions=(ks,), station=st, format=ks.format,
            ))
        if len(ks.station_ortsteile) > 1:
            out.append(KitCopyMaster(
                key=f"rangliste-{ks.number}",
                title=f"Rangliste der Ortsteile: {ks.title}",
                templates=("parts/ranking.html",),
                copies=len(ks.stations) + 1,
                copies_note="eine zum Aushängen an jeder Station und eine für die Auswertung",
                sessions=(ks,), format=ks.format,
            ))
    by_number = {ks.number: ks for ks in sessions}
    for i, kcm in enumerate(kit_copy_masters(sessions), start=1):
        cm = kcm.copy_master
        per = "; ".join(f"Termin {n}: {c}" for n, c in kcm.copies)
        out.append(KitCopyMaster(
            key=f"format-{i}", title=f"{cm.title} – {kcm.format.title}",
            templates=("parts/format_copy_master.html",), copies=kcm.total,
            copies_note=per + (f"; {cm.note}" if cm.note else ""),
            sessions=tuple(by_number[n] for n, _ in kcm.copies), format=kcm.format,
            size=cm.size.upper(), kcm=kcm,
        ))
    for ks in sessions:
        if ks.format.data_protection.notice_needed:
            places = max(1, len(ks.stations))
            out.append(KitCopyMaster(
                key=f"datenschutz-{ks.number}",
                title=f"Datenschutzhinweis zum Aushang: {ks.title}",
                templates=("parts/privacy_notice.html",), copies=places,
                copies_note=("einer je Station" if ks.stations else "einer für die Tür"),
                sessions=(ks,), format=ks.format,
            ))
    if sessions:
        out.append(KitCopyMaster(
            key="feedback", title="Feedbackbogen", templates=("parts/feedback.html",),
            copies=_with_reserve(sum(min(ks.participants, FEEDBACK_CAP) for ks in sessions)),
            copies_note=(f"je erwartete Person ein Bogen, höchstens {FEEDBACK_CAP} je Termin, "
                         "10 % Reserve"),
            sessions=sessions,
        ))
    photo = tuple(ks for ks in sessions
                  if ks.format.data_protection.photos or ks.format.data_protection.consent_needed)
    if photo:
        out.append(KitCopyMaster(
            key="einwilligung", title="Einwilligung in Fotoaufnahmen",
            templates=("parts/consent.html",),
            copies=_with_reserve(sum(min(ks.participants, CONSENT_CAP) for ks in photo)),
            copies_note=(f"je erwartete Person ein Bogen, höchstens {CONSENT_CAP} je Termin "
                         f"(nur wer fotografiert wird), 10 % Reserve; {_sessions_label(photo)}"),
            sessions=photo,
        ))
    return tuple(out)


def make_kit(workspace: Workspace, slug: str, phase_number: int) -> Kit:
    """Compute the kit of one municipality and phase from a loaded (and checked) workspace."""
    m = workspace.municipalities.get(slug)
    if m is None:
        raise InputError(_('unknown municipality "{name}"').format(name=slug))
    phase = m.phase(phase_number)
    if phase is None:
        raise InputError(_("{file}: phases: no phase {phase}").format(
            file=workspace.file_of(slug), phase=phase_number))
    lab: Lab = workspace.lab
    cat = workspace.catalogue
    where = workspace.file_of(slug)

    ordered = sorted(phase.sessions, key=lambda s: (s.date, s.start, s.id))
    sessions: list[KitSession] = []
    for number, s in enumerate(ordered, start=1):
        fmt = cat.get(s.format)
        if fmt is None:
            raise InputError(_('{file}: session "{session}": unknown format "{format}"').format(
                file=where, session=s.id, format=s.format))
        participants = participants_for(s, fmt)
        needs = tuple(material_needs(s, fmt))
        url, own_url = session_url(lab, slug, phase.number, s)
        stations = tuple(
            KitStation(
                number=i + 1,
                station=st,
                venue=m.venue(st.venue),
                openings=tuple(s.station_days(st)),
                participants=station_participants(s, fmt, st),
                materials=tuple(MaterialNeed(material=n.material, quantity=n.quantity)
                                for n in needs if n.station == i),
            )
            for i, st in enumerate(s.stations)
        )
        sessions.append(
            KitSession(
                number=number,
                session=s,
                format=fmt,
                venue=m.venue(s.main_venue) if s.main_venue else None,
                title=s.title or fmt.title,
                participants=participants,
                url=url,
                own_url=own_url,
                public=s.public if s.public is not None else not fmt.internal,
                registration=s.registration if s.registration is not None else fmt.registration,
                materials=tuple(MaterialNeed(material=n.material, quantity=n.quantity)
                                for n in needs if n.station is None),
                openings=tuple(s.days()),
                stations=stations,
                item_needs=needs,
                preparation=tuple(
                    PrepTask(due=office_day(s.date - dt.timedelta(days=p.days_before), lab.state),
                             step=p)
                    for p in sorted(fmt.preparation, key=lambda p: -p.days_before)
                ),
                agenda=_agenda(s, fmt),
                card_templates=card_templates(fmt),
            )
        )
    # sessions that take place inside a hosting session (pop-up lab) at the same venue
    hosts = [ks for ks in sessions if ks.format.hosts_sessions]
    for i, ks in enumerate(sessions):
        for host in hosts:
            if host is not ks and host.session.main_venue == ks.session.main_venue and (
                host.date <= ks.date <= host.last_date
            ):
                sessions[i] = attrs.evolve(ks, hosted_by=host.title)
                break
    # one method card per format, numbered in the order of the formats' first sessions
    card_numbers: dict[str, int] = {}
    for ks in sessions:
        card_numbers.setdefault(ks.format.id, len(card_numbers) + 1)
    sessions = [attrs.evolve(ks, card=card_numbers[ks.format.id]) for ks in sessions]
    sessions_t = tuple(sessions)
    cards = tuple(
        KitCard(number=n, format=cat.get(fid),
                sessions=tuple(ks for ks in sessions_t if ks.format.id == fid),
                templates=card_templates(cat.get(fid)))
        for fid, n in card_numbers.items()
    )

    rule = _phase_rule(lab, phase.number)
    theme_map = {t: tuple(ks for ks in sessions_t if ks.format.theme is t) for t in Theme}
    venues: dict[str, Venue] = {}
    for ks in sessions_t:
        for venue_id in ks.session.places:
            venue = m.venue(venue_id)
            if venue is not None:
                venues.setdefault(venue.id, venue)
    phase_reach = reach(m, phase.sessions)
    reached = list(phase_reach.reached)
    missing = phase_reach.missing if m.ortsteile else ()
    contacts = tuple(lab.contacts) + ((m.contact,) if m.contact is not None else ())
    groups: list[TargetGroup] = []
    for ks in sessions_t:
        for g in ks.format.target_groups:
            if g not in groups:
                groups.append(g)
    formats: dict[str, Format] = {}
    for ks in sessions_t:
        formats.setdefault(ks.format.id, ks.format)
    indicators = tuple(
        KitIndicator(
            format=fmt,
            indicator=ind,
            sessions=tuple(ks.number for ks in sessions_t if ks.format.id == fmt.id),
        )
        for fmt in formats.values()
        for ind in fmt.indicators
    )
    return Kit(
        slug=slug,
        lab=lab,
        municipality=m,
        phase=phase,
        phase_name=rule.name if rule else f"Phase {phase.number}",
        focus=phase.focus or (rule.focus if rule else ""),
        aims=phase.aims,
        sessions=sessions_t,
        weeks=calendar_weeks(phase.start, phase.end, sessions_t),
        packing=packing_list(sessions_t, lab),
        shopping=shopping_list(sessions_t),
        themes=tuple(theme_map.items()),
        ortsteile_reached=tuple(reached),
        ortsteile_missing=missing,
        venues=tuple(venues.values()),
        indicators=indicators,
        contacts=contacts,
        consent_formats=tuple(
            f for f in formats.values()
            if f.data_protection.photos or f.data_protection.consent_needed
        ),
        target_groups=tuple(groups),
        version=version(),
        rota=build_roster(workspace, slug, phase.number),
        cards=cards,
        copy_masters=copy_masters(sessions_t),
    )


def calendar_weeks(start: dt.date, end: dt.date, sessions: Iterable[KitSession]) -> tuple[Week, ...]:
    """The ISO weeks from ``start`` to ``end`` with the sessions starting or running in each."""
    sessions = list(sessions)
    weeks = []
    monday = start - dt.timedelta(days=start.weekday())
    last = max([end] + [ks.last_date for ks in sessions])
    while monday <= last:
        sunday = monday + dt.timedelta(days=6)
        iso = monday.isocalendar()
        weeks.append(
            Week(
                year=iso.year,
                number=iso.week,
                monday=monday,
                sunday=sunday,
                sessions=tuple(ks for ks in sessions if monday <= ks.date <= sunday),
                continuing=tuple(
                    ks for ks in sessions if ks.date < monday and ks.last_date >= monday
                ),
            )
        )
        monday += dt.timedelta(days=7)
    return tuple(weeks)


def packing_list(sessions: Iterable[KitSession], lab: Lab) -> tuple[PackingItem, ...]:
    """Reusable items: the peak quantity needed by sessions that run at the same time.

    Items are keyed by their inventory id (or, without one, by name); sessions back to back do
    not overlap. Multi-day sessions hold their items from the first opening to the last, and
    every station holds its own (:mod:`werkzeugkoffer.needs`).
    """
    intervals: dict[str, list] = defaultdict(list)
    names: dict[str, str] = {}
    notes: dict[str, list[str]] = defaultdict(list)
    for ks in sessions:
        for need in ks.item_needs:
            mat = need.material
            if not mat.reusable:
                continue
            key = mat.inventory or f"name:{mat.name.strip().lower()}"
            names.setdefault(key, mat.name)
            if mat.note and mat.note not in notes[key]:
                notes[key].append(mat.note)
            intervals[key].append((need.start_minute, need.end_minute, need.quantity, ks))
    items = []
    for key, ivs in intervals.items():
        peak = peak_load(ivs)
        peak = max(peak, max(q for _, _, q, _ in ivs))
        inv_id = None if key.startswith("name:") else key
        inv = lab.inventory_item(inv_id) if inv_id else None
        items.append(
            PackingItem(
                name=inv.name if inv is not None else names[key],
                quantity=peak,
                inventory=inv_id,
                available=inv.quantity if inv is not None else None,
                sessions=tuple(sorted({ks.number for _, _, _, ks in ivs})),
                note="; ".join(notes[key]),
            )
        )
    return tuple(sorted(items, key=lambda i: i.name.lower()))


def shopping_list(sessions: Iterable[KitSession]) -> tuple[ShoppingItem, ...]:
    """Consumables summed over all sessions (and their stations), scaled by participants."""
    totals: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    notes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ks in sessions:
        per_session: dict[tuple[str, str], int] = defaultdict(int)
        for need in ks.item_needs:
            mat = need.material
            if mat.reusable:
                continue
            key = (mat.name.strip().lower(), (mat.unit or "").strip())
            names.setdefault(key, mat.name)
            if mat.note and mat.note not in notes[key]:
                notes[key].append(mat.note)
            per_session[key] += need.quantity
        for key, quantity in per_session.items():
            totals[key].append((ks.number, quantity))
    items = [
        ShoppingItem(
            name=names[key],
            quantity=sum(q for _, q in per),
            per_session=tuple(per),
            note="; ".join(notes[key]),
            unit=key[1],
        )
        for key, per in totals.items()
    ]
    return tuple(sorted(items, key=lambda i: (i.name.lower(), i.unit)))
