"""The calendar (RFC 5545) of the events the briefings give as planned or proposed, with a date.

Written with the `icalendar` library (escaping, line folding, CRLF), never by joining strings.

A date keeps its precision, as everywhere on the site:
- a day (`2025-10-30`) is an all-day event on that day;
- a month (`2025-10`) is not a day: the event spans the whole month, all day
  (DTSTART 1 October, DTEND 1 November, exclusive), and its description says the
  date is known to the month only;
- a year alone says too little to put on a calendar: such an event is left out
  (the timeline shows it), as is an event with no date;
- an event ending after 9999-12-31 (December 9999, or its last day) cannot be written: iCalendar
  dates have four-digit years, as Python's do. It is left out too (the site shows it).

`STATUS` is TENTATIVE: « prévu » or « proposé » is what the newest article said, not a
confirmation. `DTSTAMP`, which RFC 5545 requires, is the newest publication date among the
articles telling the event (the date of the information), so the file is the same on every
build of the same briefings. `UID`s are derived from the event id.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from icalendar import Calendar
from icalendar import Event as VEvent

from ..corpus.index import CorpusIndex
from ..corpus.records import EventRecord
from ..reading.dates import PartialDate
from . import wording
from .feeds import NAMESPACE, xml_text

CALENDAR_STATUSES = ("planned", "proposed")
PRODID = "-//briefings-site//Evenements prevus//FR"


def calendar_text(index: CorpusIndex) -> str:
    """The .ics file, CRLF line ends, long lines folded."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", wording.CALENDAR_NAME)
    for event_id in sorted(index.events):
        record = index.events[event_id]
        if record.status in CALENDAR_STATUSES and record.date is not None and record.date.month \
                and not _ends_after_9999(record.date):
            cal.add_component(vevent(record))
    return cal.to_ical().decode("utf-8")


def calendar_sources(index: CorpusIndex) -> tuple:
    """What the calendar is made from: every account of every event (its briefing's object, and the event's), by
    event; the same objects as last build make the same calendar (a live preview's `PageCache.made_from`)."""
    objects: list = []
    for event_id in sorted(index.events):
        objects.append(None)
        objects.extend([x for a in index.events[event_id].accounts for x in (a.event, a.briefing)])
    return tuple(objects)


def span(value: PartialDate) -> tuple[date, date]:
    """First day and the day after the last (DTEND is exclusive) of a date known to the day or month."""
    start = date(value.year, value.month, value.day or 1)
    if value.day:
        return start, date.fromordinal(start.toordinal() + 1)
    return start, (date(value.year + 1, 1, 1) if value.month == 12 else date(value.year, value.month + 1, 1))


def _ends_after_9999(value: PartialDate) -> bool:
    return value.year == date.max.year and value.month == 12 and value.day in (None, 31)


def vevent(record: EventRecord) -> VEvent:
    start, end = span(record.date)
    event = VEvent()
    event.add("uid", f"{uuid.uuid5(NAMESPACE, 'event/' + record.id)}@briefings-site")
    event.add("dtstamp", stamp(record))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", _clean(f"{record.title} ({wording.STATUS_LABELS[record.status]})"))
    event.add("status", "TENTATIVE")
    event.add("categories", [wording.EVENT_KIND_LABELS.get(record.kind, record.kind)])
    places = {a.event.place for a in record.accounts if a.event.place}
    if len(places) == 1:  # accounts that disagree on the place: see the site
        event.add("location", _clean(places.pop()))
    event.add("description", _clean(wording.calendar_description(record)))
    return event


def stamp(record: EventRecord) -> datetime:
    dates = [a.briefing.source.published for a in record.accounts if a.briefing.source.published]
    newest = max(dates, key=lambda d: d.sort_key) if dates else PartialDate(1970)
    return datetime(newest.year, newest.month or 1, newest.day or 1, tzinfo=timezone.utc)


def _clean(value: str) -> str:
    return xml_text(value)  # the same characters a feed refuses cannot go into a calendar either
