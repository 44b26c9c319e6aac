"""UNKNOWN IS NOT YES for SLIM, the SLIM scholingssubsidie and the Levenlanglerenkrediet.

On every date where a figure the rule needs is null (an aanvraagtijdvak, a subsidieplafond, an admission, a budget,
a fee), the reason is 'onbekend' and the amounts are NaN: never open, never unlimited, never a grant and never 0.
The dates are read from the parameters themselves, so a new null period is covered without editing this test.
"""

import datetime

import numpy as np
import pytest
from openfisca_core.simulations import SimulationBuilder

KLEIN_MKB = {
    "onderneming_werkzame_personen": 10,
    "onderneming_jaaromzet": 1500000,
    "onderneming_balanstotaal": 800000,
    "slim_subsidiabele_kosten": 10000,
}


def simulate(tbs, entity_plural, entity_id, variables, day):
    situation = {entity_plural: {entity_id: {name: {day: value} for name, value in variables.items()}}}
    if entity_plural == "ondernemingen":
        situation["personen"] = {"w": {}}
        situation[entity_plural][entity_id]["werknemers"] = ["w"]
    if entity_plural == "samenwerkingsverbanden":
        situation["personen"] = {"c": {}}
        situation[entity_plural][entity_id]["contactpersoon"] = "c"
    return SimulationBuilder().build_from_entities(tbs, situation)


def null_days(parameter, first, last):
    """First and last day of every period in which ``parameter`` is null, clipped to [first, last]."""
    values = sorted(parameter.values_list, key=lambda v: v.instant_str)
    days = []
    for index, value in enumerate(values):
        if value.value is not None:
            continue
        start = datetime.date.fromisoformat(value.instant_str)
        if index + 1 < len(values):
            end = datetime.date.fromisoformat(values[index + 1].instant_str) - datetime.timedelta(days=1)
        else:
            end = last
        start, end = max(start, first), min(end, last)
        if start <= end:
            days += [start.isoformat(), end.isoformat()]
    return days


SLIM_LOOPTIJD = (datetime.date(2020, 1, 1), datetime.date(2029, 12, 31))


def test_slim_mkb_null_tijdvak_or_plafond_is_onbekend(tax_benefit_system):
    p = tax_benefit_system.parameters.slim
    days = null_days(p.aanvraagtijdvak.mkb_open, *SLIM_LOOPTIJD)
    assert len(days) >= 2, days
    for day in days + ["2021-03-02", "2021-03-31"]:  # March 2021: tijdvak open, plafond null
        sim = simulate(tax_benefit_system, "ondernemingen", "o", dict(KLEIN_MKB, slim_reeds_verleend_in_aanvraagtijdvak=0), day)
        assert sim.calculate("slim_afwijzingsgrond", day).decode_to_str()[0] == "onbekend", day
        assert not sim.calculate("slim_recht", day)[0], day
        assert np.isnan(sim.calculate("slim_subsidie", day)[0]), day
        assert np.isnan(sim.calculate("slim_eigen_bijdrage", day)[0]), day


def test_slim_known_refusal_wins_over_onbekend(tax_benefit_system):
    day = "2024-12-31"
    sim = simulate(tax_benefit_system, "ondernemingen", "o", dict(KLEIN_MKB, slim_subsidiabele_kosten=4999), day)
    assert sim.calculate("slim_afwijzingsgrond", day).decode_to_str()[0] == "onder_minimum_kosten"
    assert sim.calculate("slim_subsidie", day)[0] == 0


def test_slim_samenwerkingsverband_null_tijdvak_or_plafond_is_onbekend(tax_benefit_system):
    p = tax_benefit_system.parameters.slim
    days = null_days(p.aanvraagtijdvak.samenwerkingsverband_en_grootbedrijf_open, *SLIM_LOOPTIJD)
    days += null_days(p.subsidieplafond.samenwerkingsverband, *SLIM_LOOPTIJD)
    assert len(days) >= 6, days
    for day in days:
        sim = simulate(
            tax_benefit_system, "samenwerkingsverbanden", "s",
            {"samenwerkingsverband_aantal_partners": 3, "slim_samenwerkingsverband_subsidiabele_kosten": 250000}, day,
        )
        assert sim.calculate("slim_samenwerkingsverband_afwijzingsgrond", day).decode_to_str()[0] == "onbekend", day
        assert np.isnan(sim.calculate("slim_samenwerkingsverband_subsidie", day)[0]), day


SCHOLING = {
    "slim_scholing_ontwikkelpad_sector": "zorg_en_welzijn",
    "slim_scholing_ontwikkelpad_erkend": True,
    "slim_scholing_nlqf_niveau": 3,
}


@pytest.mark.parametrize(
    ("day", "extra"),
    [
        ("2026-01-01", {}),  # aanvraagtijdvak 2026 null
        ("2029-12-31", {}),  # tijdvak and budget (after 2027) null
        ("2025-09-01", {"slim_scholing_aanvrager_soort": "collectief"}),  # admission of collectieven null
    ],
)
def test_scholingssubsidie_null_figure_is_onbekend(tax_benefit_system, day, extra):
    start = (datetime.date.fromisoformat(day) + datetime.timedelta(days=14)).isoformat()
    situation = {
        "personen": {"w": {"slim_scholing_kosten_deelnemer": {day: 2000}}},
        "ondernemingen": {
            "o": {
                "werknemers": ["w"],
                **{name: {day: value} for name, value in dict(SCHOLING, **extra).items()},
                "slim_scholing_aankoopdatum": {day: day},
                "slim_scholing_startdatum": {day: start},
            }
        },
    }
    sim = SimulationBuilder().build_from_entities(tax_benefit_system, situation)
    assert sim.calculate("slim_scholingssubsidie_afwijzingsgrond", day).decode_to_str()[0] == "onbekend"
    assert not sim.calculate("slim_scholingssubsidie_recht", day)[0]
    assert np.isnan(sim.calculate("slim_scholingssubsidie", day)[0])
    assert np.isnan(sim.calculate("slim_scholingssubsidie_deelnemer", day)[0])


@pytest.mark.parametrize("month", ["2021-10", "2025-09"])  # wettelijk collegegeld 2021-2022 and 2025-2026 null
def test_levenlanglerenkrediet_null_fee_is_onbekend_with_nan_amounts(tax_benefit_system, month):
    situation = {
        "personen": {
            "p": {
                "geboortedatum": {"ETERNITY": "1980-03-15"},
                "levenlanglerenkrediet_onderwijssoort": {month: "hbo_deeltijd"},
                "levenlanglerenkrediet_opleiding_erkend": {month: True},
                "levenlanglerenkrediet_nationaliteit": {month: "nederlands"},
                "levenlanglerenkrediet_verschuldigd_les_of_collegegeld": {month: 2000},
            }
        }
    }
    sim = SimulationBuilder().build_from_entities(tax_benefit_system, situation)
    assert sim.calculate("levenlanglerenkrediet_afwijzingsgrond", month).decode_to_str()[0] == "onbekend"
    for name in (
        "levenlanglerenkrediet_wettelijk_maximum",
        "levenlanglerenkrediet_maximum_per_studiejaar",
        "levenlanglerenkrediet_maximum_per_maand",
    ):
        assert np.isnan(sim.calculate(name, month)[0]), name
