"""The calendar file of a kit (iCalendar, RFC 5545): one event per opening of every session and
station of the phase."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # pragma: no cover
    from .content import Kit

TIMEZONE = "Europe/Berlin"
PRODID = "-//werkzeugkoffer//Laborkit//DE"


def address(municipality, venue) -> str:
    """The full address of a venue: name, street, Ortsteil and municipality (each once)."""
    parts = [venue.name]
    if venue.address:
        parts.append(venue.address)
    if venue.ortsteil and venue.ortsteil != municipality.name:
        parts.append(venue.ortsteil)
    parts.append(municipality.name)
    return ", ".join(parts)


def _place(kit: "Kit", ks, occ) -> tuple[str, str]:
    """``(label, address)`` of one opening: the station's title or the venue's name."""
    venue = kit.municipality.venue(occ.venue) if occ.venue else None
    if occ.station is not None:
        st = ks.session.stations[occ.station]
        label = st.title or (venue.name if venue is not None else st.venue)
    else:
        label = venue.name if venue is not None else (occ.venue or "")
    if venue is None:
        return label, ", ".join(x for x in (occ.venue or "", kit.municipality.name) if x)
    return label, address(kit.municipality, venue)


def _description(kit: "Kit", ks, occ, day: int, days: int) -> str:
    lines = [ks.format.summary, "", f"Einstiegsfrage: {ks.format.question}"]
    if occ.station is not None:
        st = ks.session.stations[occ.station]
        lines.append(f"Station {occ.station + 1} von {len(ks.session.stations)}"
                     + (f", vor Ort: {st.host}" if st.host else ""))
    if days > 1:
        lines.append(f"Öffnungstag {day} von {days} ({ks.date:%d.%m.%Y} bis "
                     f"{ks.last_date:%d.%m.%Y})")
    if ks.session.host:
        lines.append(f"Leitung: {ks.session.host}")
    lines.append(f"Erwartete Teilnehmende: {ks.participants}")
    if ks.hosted_by:
        lines.append(f"Im Rahmen von: {ks.hosted_by}")
    if ks.session.notes:
        lines += ["", ks.session.notes]
    lines += ["", f"Format: {ks.format.title} ({ks.format.id}, Version {ks.format.version})",
              f"Termin-Kennung: {ks.id}", f"{kit.lab.name}, {kit.lab.organiser}"]
    return "\n".join(lines)


def kit_calendar(kit: "Kit", *, stamp: dt.datetime | None = None) -> bytes:
    """Every opening of every session and station of the kit's phase as an ``.ics`` calendar.

    One event per opening (a ten-day action at seven stations, each open on its own days, is
    one event per station and day), with the full address (venue, street, Ortsteil,
    municipality) and times in Europe/Berlin, which a VTIMEZONE describes. A session with one
    opening keeps the UID ``<session id>.<gemeinde>@werkzeugkoffer``; the openings of a longer
    one are ``<session id>-<YYYYMMDD>[-s<station>].<gemeinde>@werkzeugkoffer``.
    """
    from icalendar import Calendar, Event

    tz = ZoneInfo(TIMEZONE)
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", kit.title)
    cal.add("x-wr-timezone", TIMEZONE)
    first = last = None
    for ks in kit.sessions:
        s = ks.session
        occurrences = s.occurrences()
        single = len(occurrences) == 1
        days = sorted({o.date for o in occurrences})
        for occ in occurrences:
            label, where = _place(kit, ks, occ)
            ev = Event()
            if single:
                uid = f"{s.id}.{kit.slug}@werkzeugkoffer"
            else:
                station = f"-s{occ.station + 1}" if occ.station is not None else ""
                uid = f"{s.id}-{occ.date:%Y%m%d}{station}.{kit.slug}@werkzeugkoffer"
            ev.add("uid", uid)
            ev.add("dtstamp", stamp)
            ev.add("dtstart", dt.datetime.combine(occ.date, occ.start, tzinfo=tz))
            ev.add("dtend", dt.datetime.combine(occ.date, occ.end, tzinfo=tz))
            summary = ks.title if occ.station is None else f"{ks.title} – {label}"
            ev.add("summary", f"{summary} ({kit.municipality.name})")
            ev.add("location", where)
            ev.add("description", _description(kit, ks, occ, days.index(occ.date) + 1, len(days)))
            ev.add("categories", [ks.format.theme.label, f"Laborphase {kit.phase.number}"])
            if ks.url:
                ev.add("url", ks.url)
            if kit.contact is not None and kit.contact.email:
                ev.add("organizer", f"mailto:{kit.contact.email}",
                       parameters={"cn": kit.contact.name})
            cal.add_component(ev)
            first = occ.date if first is None else min(first, occ.date)
            last = occ.date if last is None else max(last, occ.date)
    if first is not None:
        # the time zone's rules for the phase's years only, not since 1970
        cal.add_missing_timezones(first_date=dt.date(first.year, 1, 1),
                                  last_date=dt.date(last.year + 1, 1, 1))
    return cal.to_ical()
