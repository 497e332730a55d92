"""The calendar file of a kit (iCalendar, RFC 5545): one event per session of the phase."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # pragma: no cover
    from .content import Kit

TIMEZONE = "Europe/Berlin"
PRODID = "-//werkzeugkoffer//Laborkit//DE"


def _location(ks) -> str:
    if ks.venue is None:
        return ks.session.main_venue or ""
    parts = [ks.venue.name]
    if ks.venue.address:
        parts.append(ks.venue.address)
    if ks.venue.ortsteil and ks.venue.ortsteil not in ks.venue.name:
        parts.append(ks.venue.ortsteil)
    return ", ".join(parts)


def _description(kit: "Kit", ks) -> str:
    lines = [ks.format.summary, "", f"Einstiegsfrage: {ks.format.question}"]
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
    """Every session of the kit's phase as an ``.ics`` calendar."""
    from icalendar import Calendar, Event

    tz = ZoneInfo(TIMEZONE)
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", kit.title)
    cal.add("x-wr-timezone", TIMEZONE)
    for ks in kit.sessions:
        s = ks.session
        ev = Event()
        ev.add("uid", f"{s.id}.{kit.slug}@werkzeugkoffer")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", dt.datetime.combine(s.date, s.start, tzinfo=tz))
        ev.add("dtend", dt.datetime.combine(s.last_date, s.end, tzinfo=tz))
        ev.add("summary", f"{ks.title} ({kit.municipality.name})")
        ev.add("location", _location(ks))
        ev.add("description", _description(kit, ks))
        ev.add("categories", [ks.format.theme.label, f"Laborphase {kit.phase.number}"])
        if ks.url:
            ev.add("url", ks.url)
        if kit.contact is not None and kit.contact.email:
            ev.add("organizer", f"mailto:{kit.contact.email}", parameters={"cn": kit.contact.name})
        cal.add_component(ev)
    if hasattr(cal, "add_missing_timezones"):
        cal.add_missing_timezones()
    return cal.to_ical()
