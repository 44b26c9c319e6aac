"""One overview per person or employer: every scheme on a date, whether it applies and why (not), and a timeline.

The overview is computed from the variables: this module only says, per scheme, which variables hold its
amount and its refusal reason, on which period they are asked, which parameters mark its life, and which
refusal reasons concern a concrete application (costs, the training chosen) rather than the person, so that a
scheme open to the person shows as 'mogelijk' with its maximum. No rule is copied here.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_llo.checks import leaf_parameters
from openfisca_llo.citations import parameter_citations, variable_citations
from openfisca_llo.explain import describe_unknown, missing_parameters, plain_value
from openfisca_llo.optional_parameters import ONBEKEND, REDENEN, null_reason
from openfisca_llo.reasons import reason_citations
from openfisca_llo.situations import build_simulation


@dataclasses.dataclass(frozen=True)
class Scheme:
    key: str
    titel: str
    entiteit: str  # entity plural
    bedrag: str | None  # variable holding the amount (None: an entitlement without amount)
    reden: str | None  # reason Enum variable
    recht: str | None = None  # bool variable, where the scheme has no reason variable
    maximum: str | None = None  # parameter path of the maximum, if one scalar exists
    looptijd: tuple[tuple[str, bool], ...] = ()  # (parameter path, value meaning 'open')
    # Why the scheme's life before the first / after the last looptijd interval is not known to the model (Dutch);
    # empty: before it the scheme was not yet in force, after it the scheme has ended.
    onbekend_voor: str = ""
    onbekend_na: str = ""
    aanvraag_redenen: frozenset[str] = frozenset()  # reasons about the application, not the person
    periode: str = "dag"  # dag | maand | jaar | studiejaar_mbo
    soort: str = "subsidie"


SCHEMES: tuple[Scheme, ...] = (
    Scheme(
        "stap_budget", "STAP-budget", "personen", "stap_budget", "stap_afwijzingsgrond",
        maximum="stap.maximum_per_kalenderjaar",
        looptijd=(("stap.regeling_in_werking", True), ("stap.budget_beschikbaar", True)),
        aanvraag_redenen=frozenset({"geen_scholingskosten", "scholing_niet_subsidiabel", "subsidieplafond_bereikt", "buiten_aanvraagtijdvak"}),
    ),
    Scheme(
        "stap_ontwikkeladvies", "STAP-ontwikkeladvies", "personen", None, "stap_ontwikkeladvies_afwijzingsgrond",
        recht="stap_ontwikkeladvies_recht", looptijd=(("stap_ontwikkeladvies.aanmelding_open", True),), soort="advies",
    ),
    Scheme(
        "levenlanglerenkrediet", "Levenlanglerenkrediet", "personen", "levenlanglerenkrediet_maximum_per_studiejaar",
        "levenlanglerenkrediet_afwijzingsgrond", looptijd=(("levenlanglerenkrediet.in_werking", True),),
        aanvraag_redenen=frozenset({"onderwijssoort", "opleiding_niet_erkend", "geen_eigen_kosten", "onbekend"}),
        periode="maand", soort="lening",
    ),
    Scheme(
        "scholingsaftrek", "Aftrek van scholingsuitgaven", "personen", "scholingsaftrek", "scholingsaftrek_afwijzingsgrond",
        maximum="scholingsaftrek.maximum_buiten_standaardstudieperiode",
        looptijd=(("scholingsaftrek.afgeschaft", False),),
        aanvraag_redenen=frozenset({"niet_boven_drempel"}), periode="jaar", soort="aftrekpost",
    ),
    Scheme(
        "studievoorschotvoucher", "Voucher studievoorschot", "personen", "studievoorschotvoucher_bedrag",
        "studievoorschotvoucher_afwijzingsgrond", aanvraag_redenen=frozenset({"opleiding_niet_geaccrediteerd"}), soort="voucher",
        # Kamerstuk 30012, nr. 92, bijlage 1, G.3: vouchers for the cohorts entering from the Wet studievoorschot
        # (2015), part of that law; no end date in the source (usable 5 to 10 years after graduation).
        looptijd=(("studievoorschotvoucher.van_toepassing", True),),
    ),
    Scheme(
        "evc_overbrugging", "Tijdelijke overbruggingsregeling EVC-procedures STAP", "personen", "evc_overbrugging_subsidie",
        "evc_overbrugging_afwijzingsgrond", maximum="evc_overbrugging.maximum_per_procedure",
        aanvraag_redenen=frozenset({"geen_kosten", "afronding_buiten_periode"}),
    ),
    Scheme(
        "evc_subsidieregeling", "Tijdelijke subsidieregeling EVC-procedures", "personen", "evc_subsidieregeling_subsidie",
        "evc_subsidieregeling_afwijzingsgrond", maximum="evc_subsidieregeling.maximum_per_procedure",
        aanvraag_redenen=frozenset({"geen_kosten", "procedure_buiten_periode"}),
        # Applications 1 November 2023 up to and including 29 February 2024 (uitvoeringvanbeleidszw.nl, secundair);
        # the date the regulation entered into force is not known (its Staatscourant number is not verified).
        looptijd=(("evc_subsidieregeling.aanvraagperiode_open", True),),
        onbekend_voor="Niet te bepalen: de datum van inwerkingtreding van de regeling is niet geverifieerd; "
                      "bekend is alleen de aanvraagperiode (vanaf 01-11-2023).",
    ),
    Scheme(
        "omscholing_ict_techniek", "Omscholing naar kansrijke beroepen in ICT en techniek (werkgever)", "personen",
        "omscholing_ict_techniek_subsidie", "omscholing_ict_techniek_afwijzingsgrond",
        maximum="omscholing_ict_techniek.bedrag_per_omscholingstraject",
        aanvraag_redenen=frozenset({
            "geen_kansrijk_beroep", "minder_dan_helft_werktijd", "opleiding_te_vroeg_gestart",
            "opleiding_start_te_laat", "kosten_onder_minimum",
        }),
    ),
    Scheme(
        "praktijkleren", "Subsidieregeling praktijkleren (werkgever, per student)", "personen", "praktijkleren_tegemoetkoming",
        "praktijkleren_afwijzingsgrond", maximum="praktijkleren.maximum_per_student_per_jaar",
        aanvraag_redenen=frozenset({"geen_werkend_leren", "hbo_sector_niet_subsidiabel"}), periode="studiejaar_mbo",
        # Modelled for the studiejaren 2021-2022 and 2022-2023 only (RVO page, Kamerbrief of 23 September 2022);
        # the regulation ran before and after, but those years are not verified.
        looptijd=(("praktijkleren.gemodelleerd", True),),
        onbekend_voor="Niet te bepalen: alleen de studiejaren 2021-2022 en 2022-2023 zijn gemodelleerd; "
                      "eerdere studiejaren zijn niet geverifieerd.",
        onbekend_na="Niet te bepalen: alleen de studiejaren 2021-2022 en 2022-2023 zijn gemodelleerd; "
                    "of en hoe de regeling daarna loopt is niet geverifieerd.",
    ),
    Scheme(
        "slim", "SLIM-regeling (werkgever)", "ondernemingen", "slim_subsidie", "slim_afwijzingsgrond",
        looptijd=(("slim.regeling_in_werking", True),),
        aanvraag_redenen=frozenset({"onder_minimum_kosten", "buiten_aanvraagtijdvak", "budget_bereikt"}),
    ),
    Scheme(
        "slim_scholingssubsidie", "SLIM scholingssubsidie (werkgever)", "ondernemingen", "slim_scholingssubsidie",
        "slim_scholingssubsidie_afwijzingsgrond", looptijd=(("slim_scholingssubsidie.regeling_in_werking", True),),
        aanvraag_redenen=frozenset({
            "sector_niet_maatschappelijk_cruciaal", "ontwikkelpad_niet_erkend", "niet_nlqf_ingeschaald",
            "nlqf_niveau_niet_subsidiabel", "ingekocht_of_gestart_te_vroeg", "start_niet_binnen_13_weken",
            "kosten_doorberekend_aan_deelnemer", "geen_scholingskosten", "budget_bereikt", "buiten_aanvraagtijdvak",
        }),
    ),
)


def period_on(scheme: Scheme, date: datetime.date) -> str:
    if scheme.periode == "maand":
        return f"{date:%Y-%m}"
    if scheme.periode == "jaar":
        return f"{date:%Y}"
    if scheme.periode == "studiejaar_mbo":
        start = date.year if date.month >= 8 else date.year - 1
        return f"year:{start}-08"
    return date.isoformat()


def _parameter(tax_benefit_system, path: str):
    node = tax_benefit_system.parameters
    for part in path.split("."):
        node = node.children[part]
    return node


def looptijd(tax_benefit_system, scheme: Scheme) -> list[dict]:
    """Intervals in which every 'life' parameter of the scheme has its open value, from the parameters' dates."""
    if not scheme.looptijd:
        return []
    dates = sorted({v.instant_str for path, _ in scheme.looptijd for v in _parameter(tax_benefit_system, path).values_list})
    intervals, start = [], None
    for date in dates:
        is_open = all(_value_on(tax_benefit_system, path, date) == wanted for path, wanted in scheme.looptijd)
        if is_open and start is None:
            start = date
        elif not is_open and start is not None:
            intervals.append({"van": start, "tot_en_met": _day_before(date)})
            start = None
    if start is not None:
        intervals.append({"van": start, "tot_en_met": None})
    for interval in intervals:
        if interval["van"] == dates[0] and dates[0] <= MODEL_HORIZON:
            interval["van"] = None  # open since before the first date the model knows
    return intervals


def _value_on(tax_benefit_system, path: str, date: str):
    try:
        value = _parameter(tax_benefit_system, path)(date)
    except Exception:  # no value on that date (before the first one, or null)
        return None
    return None if value is None else bool(value)


MODEL_HORIZON = "2000-01-01"  # parameters that start here only mark 'before the model's period'


def _day_before(date: str) -> str:
    return (datetime.date.fromisoformat(date) - datetime.timedelta(days=1)).isoformat()


def expand_on_date(tax_benefit_system, situation: dict, date: datetime.date) -> dict:
    """Let a plain value (no {period: value}) hold for the period of its variable that contains ``date``."""
    situation = copy.deepcopy(situation)
    for instances in situation.values():
        if not isinstance(instances, dict):
            continue
        for instance in instances.values():
            if not isinstance(instance, dict):
                continue
            for name, value in list(instance.items()):
                variable = tax_benefit_system.variables.get(name)
                if variable is None or isinstance(value, dict):
                    continue
                unit = variable.definition_period
                key = {
                    DateUnit.ETERNITY: "ETERNITY", DateUnit.YEAR: f"{date:%Y}", DateUnit.MONTH: f"{date:%Y-%m}",
                }.get(unit, date.isoformat())
                instance[name] = {key: value}
    return situation


def overzicht(tax_benefit_system, situation: dict, date: datetime.date) -> dict:
    """Every scheme for every person and employer in ``situation`` on ``date``."""
    expanded = expand_on_date(tax_benefit_system, situation, date)
    simulation = build_simulation(tax_benefit_system, expanded)
    simulation.trace = True  # to name the figures that are unknown on this date
    result: dict[str, dict[str, list]] = {}
    for scheme in SCHEMES:
        if scheme.entiteit not in expanded and scheme.entiteit != tax_benefit_system.person_entity.plural:
            continue
        population = simulation.get_population(scheme.entiteit)
        period = period_on(scheme, date)
        amounts = simulation.calculate(scheme.bedrag, period) if scheme.bedrag else None
        if scheme.reden:
            reasons = simulation.calculate(scheme.reden, period).decode_to_str()
            enum = tax_benefit_system.variables[scheme.reden].possible_values
        else:
            allowed = simulation.calculate(scheme.recht, period)
            spans = looptijd(tax_benefit_system, scheme)
            in_life = any(
                (s["van"] or "0000") <= date.isoformat() <= (s["tot_en_met"] or "9999") for s in spans
            ) if spans else True
            reasons = np.where(allowed, "geen", "voorwaarden_niet_vervuld" if in_life else "buiten_looptijd")
            enum = None
        maximum = None
        if scheme.maximum:
            try:
                maximum = plain_value(_parameter(tax_benefit_system, scheme.maximum)(date.isoformat()))
            except Exception:  # no value on this date: the scheme has no maximum then
                maximum = None
        missing = missing_parameters(tax_benefit_system, simulation, scheme.reden, period) if scheme.reden else []
        main_variable = tax_benefit_system.variables[scheme.bedrag or scheme.recht]
        sources = [c.as_dict() for c in variable_citations(main_variable, on=date.isoformat())]
        for index, instance_id in enumerate(population.ids):
            instance_id = str(instance_id)
            if instance_id.startswith(f"_{scheme.entiteit}_"):
                continue
            reason = str(reasons[index])
            amount = None if amounts is None else plain_value(amounts[index])
            if amount is not None and amount != amount:
                amount = None  # NaN: onbekend (JSON null)
            if reason == ONBEKEND:
                status = "niet_te_bepalen"
            elif reason == "geen" and (amount is None or amount > 0):
                status = "van_toepassing"
            elif reason == "geen" or reason in scheme.aanvraag_redenen:
                status = "mogelijk"
            else:
                status = "niet_van_toepassing"
            entry = {
                "regeling": scheme.key,
                "titel": scheme.titel,
                "soort": scheme.soort,
                "status": status,
                "periode": period,
                "bedrag": amount,
                "maximum": maximum,
                "looptijd": looptijd(tax_benefit_system, scheme),
                "bronnen": sources,
            }
            if reason != "geen":
                entry["reden"] = reason
                if enum is not None:
                    entry["reden_omschrijving"] = enum[reason].value
                    grounds = reason_citations(enum, reason, on=date.isoformat())
                    entry["reden_bronnen"] = [c.as_dict() for c in grounds or []]
                else:
                    entry["reden_omschrijving"] = {
                        "buiten_looptijd": "De regeling gold niet op deze datum (zie de looptijd)",
                    }.get(reason, "Niet aan de voorwaarden voldaan")
                if reason == ONBEKEND:
                    entry["ontbrekend"] = missing
            result.setdefault(scheme.entiteit, {}).setdefault(instance_id, []).append(entry)
    return {"datum": date.isoformat(), "overzicht": result}


STATUS_TEXT = {
    "van_toepassing": "van toepassing",
    "mogelijk": "mogelijk (bij een passende aanvraag)",
    "niet_van_toepassing": "niet van toepassing",
    "niet_te_bepalen": "niet te bepalen",
}


def _money(value) -> str:
    return "EUR " + f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def render_overzicht(result: dict) -> str:
    lines = [f"Overzicht op {result['datum']}"]
    for plural, instances in result["overzicht"].items():
        for instance_id, entries in instances.items():
            lines += ["", f"{plural}/{instance_id}:"]
            for entry in entries:
                amount = ""
                if entry["status"] == "van_toepassing" and entry["bedrag"] is not None:
                    amount = f": {_money(entry['bedrag'])}"
                elif entry["maximum"] is not None and entry["status"] == "mogelijk":
                    amount = f": tot {_money(entry['maximum'])}"
                lines.append(f"- {entry['titel']} — {STATUS_TEXT[entry['status']]}{amount}")
                if "reden" in entry:
                    lines.append(f"    reden: {entry['reden_omschrijving']}")
                for missing in entry.get("ontbrekend", []):
                    lines.append(f"    {describe_unknown(missing)}")
                if entry["looptijd"]:
                    spans = ", ".join(
                        f"{s['van'] or 'vóór 2000'} t/m {s['tot_en_met'] or 'heden'}" for s in entry["looptijd"]
                    )
                    lines.append(f"    looptijd: {spans}")
                grounds = entry.get("reden_bronnen") or entry["bronnen"][:1]
                for citation in grounds:
                    lines.append(f"    bron: {citation['kort']}{', ' + _locator(citation) if _locator(citation) else ''} <{citation['url']}>")
    return "\n".join(lines) + "\n"


def _locator(citation: dict) -> str:
    return ", ".join(f"{k} {citation[k]}" for k in ("artikel", "lid", "onderdeel", "paragraaf", "onderwerp") if k in citation)


# ---- the timeline of the law ----------------------------------------------------------------------------------


def tijdlijn(tax_benefit_system, start: datetime.date, stop: datetime.date) -> list[dict]:
    """Every dated parameter value and dated formula that starts between ``start`` and ``stop``, with its citation."""
    events = []
    first, last = start.isoformat(), stop.isoformat()
    for parameter in leaf_parameters(tax_benefit_system.parameters):
        ordered = sorted(parameter.values_list, key=lambda v: v.instant_str)
        previous = None
        for value in ordered:
            if first <= value.instant_str <= last:
                events.append({
                    "datum": value.instant_str,
                    "soort": "parameter",
                    "naam": parameter.name,
                    "omschrijving": parameter.description,
                    "oud": plain_value(previous.value) if previous is not None else None,
                    "nieuw": plain_value(value.value),
                    "verificatie": value.metadata.get("verificatie"),
                    "bronnen": [c.as_dict() for c in parameter_citations(value.metadata, on=value.instant_str)],
                })
                if value.value is None:  # from here the figure is unknown: say why, never 'open'
                    events[-1]["onbekend"] = {"reden": null_reason(value), "omschrijving": REDENEN[null_reason(value)]}
                if previous is not None and previous.value is None:
                    events[-1]["oud_onbekend"] = True
            previous = value
    for name, variable in tax_benefit_system.variables.items():
        for date, formula in variable.formulas.items():
            if first <= date <= last and date != "0001-01-01":
                events.append({
                    "datum": date,
                    "soort": "formule",
                    "naam": name,
                    "omschrijving": " ".join(((formula.__doc__ or "").strip().split("\n\n")[0]).split()),
                    "bronnen": [c.as_dict() for c in variable_citations(variable, on=date)],
                })
    return sorted(events, key=lambda e: (e["datum"], e["soort"], e["naam"]))


def render_tijdlijn(events: list[dict]) -> str:
    lines = []
    for event in events:
        if event["soort"] == "parameter":
            new = f"onbekend ({event['onbekend']['omschrijving']})" if "onbekend" in event else event["nieuw"]
            old = "onbekend" if event.get("oud_onbekend") else ("-" if event["oud"] is None else event["oud"])
            lines.append(f"{event['datum']}  {event['naam']}: {old} -> {new}  ({event['omschrijving']})")
        else:
            lines.append(f"{event['datum']}  formule {event['naam']}: {event['omschrijving']}")
        for citation in event["bronnen"][:2]:
            lines.append(f"            bron: {citation['kort']}{', ' + _locator(citation) if _locator(citation) else ''}")
    return "\n".join(lines) + "\n"


