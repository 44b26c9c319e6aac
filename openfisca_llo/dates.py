"""Vectorised calendar arithmetic for rules that turn on birthdays and ages."""

import calendar
import datetime
import re

import numpy as np

MIN_YEAR, MAX_YEAR = 1900, 2100  # the dates the model answers for
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DateError(ValueError):
    """Not a date written JJJJ-MM-DD in the supported range; the message does not echo long input."""


def parse_iso_date(value, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> datetime.date:
    """A date written exactly JJJJ-MM-DD (text), between ``min_year`` and ``max_year``.

    Python's ``date.fromisoformat`` also takes '19850601' and '1985-W22-6'; a drafter who writes those most
    likely meant something else, so only the one written form is accepted. A number is not a date.
    """
    from openfisca_llo.inputs import show

    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):  # YAML reads 2024-01-01 as a date
        date = value
    elif not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise DateError(f"verwacht een datum als tekst JJJJ-MM-DD, kreeg {show(value)}")
    else:
        try:
            date = datetime.date.fromisoformat(value)
        except ValueError:
            raise DateError(f"{show(value)} is geen bestaande datum (JJJJ-MM-DD)") from None
    if not min_year <= date.year <= max_year:
        raise DateError(f"datum {date.isoformat()} valt buiten het ondersteunde bereik {min_year}-{max_year}")
    return date


def add_months(dates, months):
    """Each date plus a whole number of months; a day missing in the target month becomes its last day.

    So 31 August + 1 month is 30 September, and 29 February + 12 months is 28 February.
    """
    dates = np.asarray(dates, dtype="datetime64[D]")
    month_start = dates.astype("datetime64[M]")
    day_index = (dates - month_start.astype("datetime64[D]")).view("int64")
    target = month_start + np.asarray(months, dtype="int64")
    target_start = target.astype("datetime64[D]")
    month_length = ((target + 1).astype("datetime64[D]") - target_start).view("int64")
    return target_start + np.minimum(day_index, month_length - 1)


def add_years(dates, years):
    return add_months(dates, np.asarray(years, dtype=int) * 12)


def period_date(period):
    """The first day of an OpenFisca period as numpy datetime64[D]."""
    return np.datetime64(period.start.date, "D")


def studiejaar_begin(period, beroepsonderwijs: bool):
    """First day of the study year that contains the first day of ``period`` (WSF 2000 art. 1.1 'studiejaar').

    Beroepsonderwijs (mbo): 1 August to 31 July; hoger onderwijs: 1 September to 31 August.
    Returns a ``datetime.date``.
    """
    start = period.start.date
    maand = 8 if beroepsonderwijs else 9
    jaar = start.year if start.month >= maand else start.year - 1
    return datetime.date(jaar, maand, 1)

def from_yyyymmdd(value):
    """A date written as the number JJJJMMDD in a parameter (e.g. 20250228) as numpy datetime64[D]."""
    text = f"{int(value):08d}"
    return np.datetime64(f"{text[:4]}-{text[4:6]}-{text[6:]}", "D")


def month_index_and_day(dates):
    """Months since January 1970 and the day of the month (1-31), as int64 arrays: one unit conversion."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    month_start = dates.astype("datetime64[M]")
    return month_start.view("int64"), (dates - month_start.astype("datetime64[D]")).view("int64") + 1


def reached_after_months(birth_month, birth_day, months, date: datetime.date):
    """Whether birth + ``months`` months (a missing day: the month's last day, as in ``add_months``) falls on or
    before ``date``, from the parts of ``month_index_and_day``: integer comparisons only."""
    date_month = (date.year - 1970) * 12 + date.month - 1
    target = birth_month + np.asarray(months, dtype="int64")
    last_day = calendar.monthrange(date.year, date.month)[1]
    return (target < date_month) | ((target == date_month) & (np.minimum(birth_day, last_day) <= date.day))


def whole_years(birth_month, birth_day, date: datetime.date):
    """Whole years from birth to ``date``; the birthday itself counts (29 February: 28 February in other years)."""
    date_month = (date.year - 1970) * 12 + date.month - 1
    months = date_month - birth_month
    last_day = calendar.monthrange(date.year, date.month)[1]
    birthday_not_yet = (months % 12 == 0) & (np.minimum(birth_day, last_day) > date.day)
    return months // 12 - birthday_not_yet


def dutch_date(iso: str | None) -> str:
    """An ISO date (YYYY-MM-DD) as users read it: DD-MM-YYYY; None as '-'."""
    if not iso:
        return "-"
    year, month, day = str(iso)[:10].split("-")
    return f"{day}-{month}-{year}"
