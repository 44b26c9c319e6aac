"""The values a user sees, in Dutch: money (EUR 1.000,00), numbers (1.234,5), dates (15-05-2023), and back.

One module for every interface that shows a figure to a person, so the formats cannot drift apart.
Reading is strict: a date is dd-mm-jjjj (or ISO jjjj-mm-dd) and must exist; an amount has at most two
decimals (cents), with a comma as decimal sign and optional dots between thousands.
"""

from __future__ import annotations

import datetime
import math
import re

from openfisca_llo.dates import from_yyyymmdd

UNKNOWN = "onbekend"


def number(value, decimals: int | None = None) -> str:
    """1234.5 -> '1.234,5'; ``decimals`` fixes the number of decimals (money: 2)."""
    if decimals is None:
        if float(value).is_integer():
            text = f"{int(value):,}"
        else:
            text = f"{float(value):,.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def money(value) -> str:
    """An amount in euro, exact to the cent: 1000 -> 'EUR 1.000,00'; None or NaN -> 'onbekend'."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return UNKNOWN
    return "EUR " + number(round(float(value), 2), 2)


def date(value) -> str:
    """A date as dd-mm-jjjj: '2023-05-15' -> '15-05-2023'; other text is returned as it is."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"
    text = str(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    return f"{match[3]}-{match[2]}-{match[1]}" if match else text


def period(text) -> str:
    """An OpenFisca period in words: '2023-05-15' -> '15-05-2023', '2023-05' -> 'mei 2023', '2023' -> '2023'."""
    text = str(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date(text)
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if match:
        return f"{MONTHS[int(match[2]) - 1]} {match[1]}"
    match = re.fullmatch(r"year:(\d{4})-(\d{2})", text)
    if match:
        return f"het jaar vanaf 1 {MONTHS[int(match[2]) - 1]} {match[1]}"
    return "altijd" if text == "ETERNITY" else text


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")

UNIT_WORDS = {"month": "maanden", "year": "jaar", "day": "dagen", "week": "weken", "count": "", "/1": "", "bool": ""}


def value(value, unit=None) -> str:
    """Any computed or parameter value in words: money, ja/nee, a number with its unit, 'onbekend' for null."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return UNKNOWN
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        if unit == "currency-EUR":
            return money(value)
        if unit == "/1":
            return number(round(float(value) * 100, 4)) + "%"
        if unit == "percent":
            return number(value) + "%"
        if unit == "date-yyyymmdd":  # a date held as a number, since a parameter cannot hold a date (README)
            return date(str(from_yyyymmdd(value)))
        words = UNIT_WORDS.get(unit, unit or "")
        return number(value) + (f" {words}" if words else "")
    return date(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)) else str(value)


class InputError(ValueError):
    """Input a person typed that cannot be read; the message is Dutch and says what is allowed."""


def parse_date(text: str) -> datetime.date:
    """'15-05-2023' (or '2023-05-15') -> date; InputError with a Dutch message otherwise."""
    text = (text or "").strip()
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not (match or iso):
        raise InputError(f"'{text}' is geen datum; schrijf dd-mm-jjjj, bijvoorbeeld 15-05-2023.")
    day, month, year = (int(match[1]), int(match[2]), int(match[3])) if match else (int(iso[3]), int(iso[2]), int(iso[1]))
    try:
        result = datetime.date(year, month, day)
    except ValueError:
        raise InputError(f"{text} bestaat niet als datum; schrijf dd-mm-jjjj, bijvoorbeeld 15-05-2023.") from None
    if not 1900 <= result.year <= 2100:
        raise InputError("Kies een datum tussen 1900 en 2100.")
    return result


_DUTCH_AMOUNT = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+(,\d+)?")
_POINT_AMOUNT = re.compile(r"-?\d+\.\d{1,2}")


def parse_amount(text: str, cents: bool = True) -> float:
    """'1.250,50', '1250,5', '1250' or '1250.50' -> float; at most two decimals where ``cents``."""
    raw = (text or "").strip().replace(" ", "").removeprefix("EUR").removeprefix("€")
    if _DUTCH_AMOUNT.fullmatch(raw):
        whole, _, fraction = raw.replace(".", "").partition(",")
    elif _POINT_AMOUNT.fullmatch(raw):
        whole, _, fraction = raw.partition(".")
    else:
        raise InputError(f"'{text}' is geen bedrag; schrijf bijvoorbeeld 1250 of 1.250,50.")
    if cents and len(fraction) > 2:
        raise InputError("Ten hoogste twee decimalen (hele centen), bijvoorbeeld 1.250,50.")
    return float(f"{whole}.{fraction or 0}")


def parse_integer(text: str) -> int:
    raw = (text or "").strip()
    if not re.fullmatch(r"-?\d+", raw):
        raise InputError(f"'{text}' is geen geheel getal; schrijf bijvoorbeeld 24.")
    return int(raw)


def locator(citation: dict) -> str:
    """The place in a source (a citation as ``Citation.as_dict`` gives it): 'artikel 5, lid 2', in the order of
    ``LOCATOR_KEYS``."""
    from openfisca_llo.citations import LOCATOR_KEYS

    return ", ".join(f"{key} {citation[key]}" for key in LOCATOR_KEYS if key in citation)


def citation(citation: dict, status: bool = False, url: bool = True) -> str:
    """A citation in one line: 'Subsidieregeling STAP-budget, artikel 5, lid 2 [status] <url>'."""
    place = locator(citation)
    text = citation["kort"] + (f", {place}" if place else "")
    if status:
        text += f" [{citation['status_label']}]"
    return text + (f" <{citation['url']}>" if url else "")
