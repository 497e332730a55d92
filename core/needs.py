"""What a session needs, and when: people of the lab team per opening, things per place.

One definition for the checks (team, tool case), the packing list of a kit, the district tour
and the staffing plan:

- **Staff.** The format's ``roles`` (the whole action) are needed on every day the session is
  open, during its hours. Each station needs the format's station roles (``Format.stations``)
  while *it* is open; ``Station.staff`` overrides the number of lab-team people there. Roles
  filled on site (``local = true``) are listed but not counted against the team.
- **Things.** The format's ``materials`` are needed once for the whole action; a station's
  materials (``Format.stations.materials``) once per station. Reusable things are held from the
  first opening of the session to its last (a wall stands at its station all ten days);
  consumables are used up. Quantities scale with the participants of the session, or of the
  station (its ``expected``, else the session's expected participants shared by its stations).

Times are whole minutes since 0001-01-01 (see :class:`~werkzeugkoffer.model.Occurrence`).
"""

from __future__ import annotations

import math

from attrs import frozen

from .model import CopyMaster, Format, Material, Occurrence, Role, Session, Station


@frozen(kw_only=True)
class StaffNeed:
    """People needed at one opening of one place: ``team`` from the lab team, ``roles`` the
    team roles to fill, ``local_roles`` those filled on site."""

    occurrence: Occurrence
    team: int
    roles: tuple[Role, ...]
    local_roles: tuple[Role, ...]


@frozen(kw_only=True)
class ItemNeed:
    """A material needed by the whole action (``station`` is ``None``) or by one station."""

    material: Material
    quantity: int
    start_minute: int
    end_minute: int
    station: int | None = None


def participants_for(session: Session, fmt: Format) -> int:
    """Participants used to scale materials: the session's expected ones, else the format's
    minimum."""
    return session.expected or fmt.participants_min


def station_participants(session: Session, fmt: Format, station: Station) -> int:
    """Participants expected at one station: its own ``expected``, else the session's shared."""
    if station.expected is not None:
        return station.expected
    return max(1, math.ceil(participants_for(session, fmt) / max(1, len(session.stations))))


def station_roles(fmt: Format) -> tuple[Role, ...]:
    """The roles each station needs; a format that does not say runs each station with its
    own roles."""
    return fmt.stations.roles if fmt.stations is not None else fmt.roles


def station_materials(fmt: Format) -> tuple[Material, ...]:
    return fmt.stations.materials if fmt.stations is not None else fmt.materials


def staff_needs(session: Session, fmt: Format) -> list[StaffNeed]:
    """Every opening of the session and its stations with the people it needs, by time."""
    out: list[StaffNeed] = []
    whole_team = tuple(r for r in fmt.roles if not r.local)
    whole_local = tuple(r for r in fmt.roles if r.local)
    stations = session.stations
    if stations and fmt.stations is None:
        # the format says nothing about stations: each station runs the format itself
        whole_team, whole_local = (), ()
    for occ in session.occurrences():
        if occ.station is None:
            out.append(StaffNeed(occurrence=occ, team=sum(r.count for r in whole_team),
                                 roles=whole_team, local_roles=whole_local))
            continue
        st = stations[occ.station]
        roles = station_roles(fmt)
        team_roles = tuple(r for r in roles if not r.local)
        team = st.staff if st.staff is not None else sum(r.count for r in team_roles)
        out.append(StaffNeed(occurrence=occ, team=team, roles=team_roles,
                             local_roles=tuple(r for r in roles if r.local)))
    if stations and fmt.stations is not None and whole_team and session.venue is None:
        # the whole action's roles work on the session's days (coordination), not at a station
        for day in session.days():
            occ = Occurrence(date=day.date, start=day.start, end=day.end, venue=None)
            out.append(StaffNeed(occurrence=occ, team=sum(r.count for r in whole_team),
                                 roles=whole_team, local_roles=whole_local))
    out.sort(key=lambda n: (n.occurrence.start_minute, -1 if n.occurrence.station is None
                            else n.occurrence.station))
    return out


def session_span(session: Session) -> tuple[int, int]:
    """First start and last end of all openings of the session, in minutes."""
    occs = session.occurrences()
    if not occs:
        start = session.date.toordinal() * 1440 + session.start.hour * 60 + session.start.minute
        return start, start
    return min(o.start_minute for o in occs), max(o.end_minute for o in occs)


def material_needs(session: Session, fmt: Format) -> list[ItemNeed]:
    """The materials of the whole action and of each station, with how many and for how long."""
    start, end = session_span(session)
    out: list[ItemNeed] = []
    stations = session.stations
    if not (stations and fmt.stations is None):
        participants = participants_for(session, fmt)
        out.extend(ItemNeed(material=m, quantity=m.needed(participants), start_minute=start,
                            end_minute=end) for m in fmt.materials)
    for i, st in enumerate(stations):
        participants = station_participants(session, fmt, st)
        out.extend(ItemNeed(material=m, quantity=m.needed(participants), start_minute=start,
                            end_minute=end, station=i) for m in station_materials(fmt))
    return out


def copy_master_copies(session: Session, fmt: Format, copy_master: CopyMaster) -> int:
    """Copies (sheets) of a copy master one session needs: the need of the material it prints
    (the whole action's and every station's), else its own ``copies`` scaled by the
    participants; divided by the items that fit on a sheet."""
    if copy_master.material is not None:
        return copy_master.sheets(sum(n.quantity for n in material_needs(session, fmt)
                                      if n.material.name == copy_master.material))
    return copy_master.needed(participants_for(session, fmt))
