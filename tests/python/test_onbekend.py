"""Unknown is never yes: a rule that reads a figure without a value (a null dated value) must not grant.

For every parameter with a null period, on the first and last day of that period (or a year into an open-ended
one), every scheme is computed with inputs that would otherwise grant it. Where the computation of the scheme's
reason read a parameter without a value, the reason may not be 'geen' (that would treat the unknown figure as open
or unlimited); it is 'onbekend' (with a NaN amount and the missing figure named) or a refusal on known facts.
"""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from openfisca_llo.checks import leaf_parameters
from openfisca_llo.explain import explain, missing_parameters, render_text
from openfisca_llo.optional_parameters import ONBEKEND, REDENEN, unknown_periods, why_unknown
from openfisca_llo.overzicht import SCHEMES, overzicht, period_on, render_overzicht
from openfisca_llo.situations import build_simulation

EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2040, 12, 31)


def _iso(day: datetime.date) -> str:
    return day.isoformat()


def granting_person(day: datetime.date) -> dict:
    """Inputs under which each person scheme grants when its figures are known (see the scheme's YAML cases)."""
    return {
        "geboortedatum": {"ETERNITY": "1985-06-01"},
        "opleidingsniveau": {"ETERNITY": "mbo_2"},  # an ETERNITY variable takes only the key ETERNITY (issue 14)
        # STAP-budget and ontwikkeladvies
        "stap_maanden_verzekerd_referteperiode": {_iso(day): 24},
        "stap_scholing_in_scholingsregister": {_iso(day): True},
        "stap_scholing_ocw_erkend": {_iso(day): True},
        "stap_scholingskosten": {_iso(day): 800},
        # Levenlanglerenkrediet
        "levenlanglerenkrediet_onderwijssoort": {f"{day:%Y-%m}": "hbo_deeltijd"},
        "levenlanglerenkrediet_opleiding_erkend": {f"{day:%Y-%m}": True},
        "levenlanglerenkrediet_nationaliteit": {f"{day:%Y-%m}": "nederlands"},
        "levenlanglerenkrediet_verschuldigd_les_of_collegegeld": {f"{day:%Y-%m}": 3000},
        # scholingsaftrek
        "scholingsuitgaven": {f"{day:%Y}": 1000},
        # voucher studievoorschot
        "ho_instroomjaar": {"ETERNITY": 2015},
        "ho_graad": {"ETERNITY": "wo_master"},
        "ho_datum_afstuderen": {"ETERNITY": _iso(day - datetime.timedelta(days=6 * 365))},
        "studievoorschotvoucher_opleiding_geaccrediteerd_ho": {_iso(day): True},
        # EVC
        "evc_kosten": {"ETERNITY": 800},
        "evc_startdatum": {"ETERNITY": _iso(day - datetime.timedelta(days=60))},
        "evc_afgerond_op": {"ETERNITY": _iso(day - datetime.timedelta(days=10))},
        "evc_maanden_verzekerd_referteperiode": {_iso(day): 27},
        # omscholing ICT/techniek
        "omscholing_kosten_traject": {_iso(day): 8000},
        "omscholing_startdatum_opleiding": {_iso(day): _iso(day + datetime.timedelta(days=7))},
        "omscholing_naar_kansrijk_beroep": {_iso(day): True},
        "omscholing_eerder_werkzaam_in_beroepssegment": {_iso(day): False},
        "omscholing_voortgezet_onderwijs_laatste_twee_jaar": {_iso(day): False},
        "omscholing_minstens_helft_werktijd_nieuw_beroep": {_iso(day): True},
        # praktijkleren
        "praktijkleren_leerweg": {period_on(_scheme("praktijkleren"), day): "mbo_bbl"},
        "praktijkleren_bedrag_voor_maximum": {period_on(_scheme("praktijkleren"), day): 2700},
    }


def granting_employer(day: datetime.date) -> dict:
    return {
        "onderneming_werkzame_personen": {_iso(day): 10},
        "onderneming_jaaromzet": {_iso(day): 1500000},
        "onderneming_balanstotaal": {_iso(day): 800000},
        "slim_subsidiabele_kosten": {_iso(day): 10000},
        "slim_scholing_ontwikkelpad_sector": {_iso(day): "zorg_en_welzijn"},
        "slim_scholing_ontwikkelpad_erkend": {_iso(day): True},
        "slim_scholing_nlqf_niveau": {_iso(day): 3},
        "slim_scholing_aankoopdatum": {_iso(day): _iso(day - datetime.timedelta(days=2))},
        "slim_scholing_startdatum": {_iso(day): _iso(day + datetime.timedelta(days=14))},
        "slim_scholing_kosten_deelnemer": {_iso(day): 2000},
    }


def _scheme(key: str):
    return next(s for s in SCHEMES if s.key == key)


def situation_on(tax_benefit_system, day: datetime.date) -> dict:
    """One person who is the only employee of one employer, every granting input on the entity it belongs to."""
    situation = {"personen": {"p": {}}, "ondernemingen": {"bedrijf": {"werknemers": ["p"]}}}
    for name, value in {**granting_person(day), **granting_employer(day)}.items():
        variable = tax_benefit_system.variables.get(name)
        if variable is None:
            continue
        instance = situation["personen"]["p"] if variable.entity.plural == "personen" else situation["ondernemingen"]["bedrijf"]
        instance[name] = value
    return situation


def null_days(tax_benefit_system) -> list[datetime.date]:
    days = set()
    for parameter in leaf_parameters(tax_benefit_system.parameters):
        for period in unknown_periods(parameter):
            first = datetime.date.fromisoformat(period["van"])
            last = (datetime.date.fromisoformat(period["tot"]) - datetime.timedelta(days=1)
                    if period["tot"] else first + datetime.timedelta(days=365))
            days.update(d for d in (first, last) if EARLIEST <= d <= LATEST)
    return sorted(days)


def test_there_are_null_periods_to_check(tax_benefit_system):
    """The check below is not vacuous: the model holds null figures inside the schemes' lives."""
    days = null_days(tax_benefit_system)
    assert datetime.date(2022, 9, 1) in days  # STAP plafond September 2022
    assert datetime.date(2023, 10, 2) in days  # ontwikkeladvies 2023 conditions


def _schemes_with_reason():
    return [s for s in SCHEMES if s.reden]


@pytest.fixture(scope="module")
def outcomes(tax_benefit_system):
    """Per null day and scheme: the reason, the amount and the unknown parameters its computation read."""
    results = []
    for day in null_days(tax_benefit_system):
        simulation = build_simulation(tax_benefit_system, situation_on(tax_benefit_system, day))
        simulation.trace = True
        for scheme in _schemes_with_reason():
            period = period_on(scheme, day)
            reasons = simulation.calculate(scheme.reden, period).decode_to_str()
            amounts = simulation.calculate(scheme.bedrag, period) if scheme.bedrag else None
            missing = missing_parameters(tax_benefit_system, simulation, scheme.reden, period)
            results.append((day, scheme, str(reasons[0]), None if amounts is None else float(amounts[0]), missing))
    return results


def _has_onbekend(tax_benefit_system, scheme) -> bool:
    return ONBEKEND in {item.name for item in tax_benefit_system.variables[scheme.reden].possible_values}


@pytest.mark.parametrize("key", [s.key for s in _schemes_with_reason()])
def test_a_null_figure_is_never_read_as_open_or_unlimited(tax_benefit_system, outcomes, key):
    offending = [
        f"{day}: {scheme.reden} = geen, bedrag {amount}, terwijl {[m['parameter'] for m in missing]} geen waarde had"
        for day, scheme, reason, amount, missing in outcomes
        if scheme.key == key and missing and reason == "geen"
    ]
    scheme = _scheme(key)
    if offending and not _has_onbekend(tax_benefit_system, scheme):
        pytest.xfail(f"{scheme.reden} heeft nog geen item 'onbekend' (conventie 'onbekend is geen ja'): {offending[:3]}")
    assert not offending, "\n".join(offending)


@pytest.mark.parametrize("key", [s.key for s in _schemes_with_reason()])
def test_onbekend_has_a_nan_amount_and_names_the_missing_figure(tax_benefit_system, outcomes, key):
    checked = [(day, reason, amount, missing) for day, scheme, reason, amount, missing in outcomes if scheme.key == key]
    for day, reason, amount, missing in checked:
        if reason != ONBEKEND:
            continue
        assert missing, f"{key} op {day}: 'onbekend' zonder ontbrekend gegeven in de berekening"
        if _scheme(key).bedrag:
            assert amount is not None and np.isnan(amount), f"{key} op {day}: onbekend maar bedrag {amount}"


def test_stap_september_2022_is_onbekend_in_every_interface(tax_benefit_system):
    """The STAP plafond of September 2022 is unknown: /calculate-style amount NaN (JSON null), explain names the
    parameter and its reason, the overview says 'niet te bepalen'."""
    day = datetime.date(2022, 9, 1)
    situation = situation_on(tax_benefit_system, day)
    situation["personen"]["p"]["stap_budget"] = {"2022-09-01": None}
    explanation = explain(tax_benefit_system, situation, "stap_budget", "2022-09-01")
    assert explanation["uitkomst"] == {"p": None}
    (reason,) = explanation["redenen"]
    assert reason["reden"] == ONBEKEND
    assert [m["parameter"] for m in reason["ontbrekend"]] == ["stap.subsidieplafond_per_tijdvak"]
    assert reason["ontbrekend"][0]["reden"] == "niet_geverifieerd"
    assert "ontbrekend gegeven: stap.subsidieplafond_per_tijdvak op 01-09-2022" in render_text(explanation)

    result = overzicht(tax_benefit_system, {"personen": {"p": {
        "geboortedatum": "1985-06-01", "stap_maanden_verzekerd_referteperiode": 24,
        "stap_scholing_in_scholingsregister": True, "stap_scholingskosten": 800}}}, day)
    entry = next(e for e in result["overzicht"]["personen"]["p"] if e["regeling"] == "stap_budget")
    assert entry["status"] == "niet_te_bepalen" and entry["bedrag"] is None
    assert entry["ontbrekend"][0]["parameter"] == "stap.subsidieplafond_per_tijdvak"
    assert "STAP-budget — niet te bepalen" in render_overzicht(result)


def test_why_unknown_reads_the_reason_stored_with_the_null(tax_benefit_system):
    parameters = tax_benefit_system.parameters
    march = why_unknown(parameters, "stap.subsidieplafond_per_tijdvak", "2022-03-15")
    assert march.reden == "bronnen_tegenstrijdig" and march.sinds == "2022-01-01" and march.tot == "2022-05-01"
    assert why_unknown(parameters, "stap.subsidieplafond_per_tijdvak", "2022-07-15") is None
    before = why_unknown(parameters, "stap.maximum_per_kalenderjaar", "2021-06-01")
    assert before.reden == "niet_in_werking" and before.tot == "2022-01-01"


def test_every_null_states_a_known_reason(tax_benefit_system):
    for parameter in leaf_parameters(tax_benefit_system.parameters):
        for period in unknown_periods(parameter):
            assert period["reden"] in REDENEN, (parameter.name, period)


def test_budget_counts_onbekend_apart_never_as_spending():
    """STAP 2022 on a small synthetic population: applications in tijdvakken with an unknown plafond (March,
    September, November 2022) are 'onbekend' — not granted, not refused by the plafond, not in the costs — and the
    totals count them apart; applications in May and July (known plafonds: EUR 32 mln and EUR 32,6 mln) never are."""
    from openfisca_llo.budget import budget_small
    from openfisca_llo.population import generate

    report = budget_small(generate(3000, seed=7, stap_year=2022), [], [2022], schemes=["stap_budget"])
    tijdvakken = [row for row in report.tijdvakken if row["regeling"] == "stap_budget" and row["jaar"] == 2022]
    unknown = [row for row in tijdvakken if row["plafond_eur"] is None]
    known = [row for row in tijdvakken if row["plafond_eur"] is not None]
    assert {row["tijdvak_vanaf"][:7] for row in known} == {"2022-05", "2022-07"}
    # an application in such a tijdvak is refused on a known ground (age, register, ...) or is onbekend
    assert unknown and all(0 < row["onbekend"] <= row["aanvragen"] for row in unknown)
    assert all(row["kosten_eur"] == 0 and row["toegekend"] == 0 and row["afgewezen_door_plafond"] == 0
               for row in unknown)
    assert all(row["onbekend"] == 0 for row in known)
    (total,) = [row for row in report.totals if row["regeling"] == "stap_budget" and row["jaar"] == 2022]
    assert total["onbekend"] == pytest.approx(sum(row["onbekend"] for row in tijdvakken))
    assert total["kosten_eur"] == pytest.approx(sum(row["kosten_eur"] for row in known))
    assert np.isfinite(total["kosten_eur"])
