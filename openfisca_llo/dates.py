"""Vectorised calendar arithmetic for rules that turn on birthdays and ages."""

import datetime

import numpy as np


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
