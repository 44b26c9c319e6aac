"""Amendments as data: a YAML or JSON file of parameter changes becomes an OpenFisca reform, without Python.

Format::

    naam: stap_voortgezet
    omschrijving: Het STAP-budget loopt na 2023 door met dezelfde regels.
    bronnen:                       # the proposal this amendment models (registered sources)
      - {bron: kst-30012-158, paragraaf: "2"}
    wijzigingen:                   # parameter path -> {date: value}; null ends a value
      stap.budget_beschikbaar:
        2024-01-01: true

Every change is checked before a reform is built: the parameter must exist (the message lists close
names), a date must be written JJJJ-MM-DD between 1900 and 2100, a value must lie in the parameter's declared
domain (``openfisca_llo.domains``). ``naam`` is required text, ``omschrijving`` optional text, ``bronnen`` a
list of citations. At most ``OPENFISCA_LLO_MAX_AMENDMENT_VALUES`` dated values, applied in linear time.
Reformed systems are cached by the amendment's content (the ``OPENFISCA_LLO_REFORM_CACHE`` most recently used),
so a repeated amendment costs no rebuild.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import threading
from collections import OrderedDict
from pathlib import Path

from openfisca_core.parameters import ParameterAtInstant
from openfisca_core.reforms import Reform

from openfisca_llo.checks import leaf_parameters
from openfisca_llo.citations import CitationError, citation_from_mapping
from openfisca_llo.dates import DateError, parse_iso_date
from openfisca_llo.domains import parameter_domain
from openfisca_llo.inputs import InputError, clip, load_file, show
from openfisca_llo.limits import MAX_AMENDMENT_VALUES, REFORM_CACHE, LimitExceeded, check

MAX_NAME = 200  # characters in naam
MAX_DESCRIPTION = 5_000  # characters in omschrijving


class AmendmentError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors.items()))


def load_amendment_file(path: str | Path) -> dict:
    path = Path(path)
    try:
        data = load_file(path)
    except (InputError, LimitExceeded) as error:
        raise AmendmentError({str(path): str(error)}) from None
    if isinstance(data, dict):
        data.setdefault("naam", path.stem)
        changes = data.get("wijzigingen")
        if isinstance(changes, dict):  # YAML reads 2024-01-01 as a date: keep dates as ISO strings, as in JSON
            data["wijzigingen"] = {
                name: {str(date): value for date, value in values.items()} if isinstance(values, dict) else values
                for name, values in changes.items()
            }
    return data


def _text_error(value, required: bool, limit: int) -> str | None:
    if value is None:
        return "verplicht: een korte naam als tekst, bijvoorbeeld 'stap_voortgezet'" if required else None
    if not isinstance(value, str):
        return f"verwacht tekst, kreeg {show(value)}"
    if required and not value.strip():
        return "mag niet leeg zijn"
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        return "bevat een stuurteken (zoals NUL); alleen gewone tekst is toegestaan"
    if len(value) > limit:
        return f"te lang: {len(value)} tekens; ten hoogste {limit}"
    return None


def _citation_errors(citations, errors: dict[str, str]) -> None:
    if not citations:
        errors["bronnen"] = "verplicht: de bron van het voorstel, bijvoorbeeld [{bron: kst-30012-158, paragraaf: '2'}]"
        return
    if not isinstance(citations, list):
        errors["bronnen"] = f"verwacht een lijst van bronvermeldingen {{bron: ..., paragraaf: ...}}, kreeg {show(citations)}"
        return
    for index, citation in enumerate(citations[:50]):
        path = f"bronnen/{index}"
        if not isinstance(citation, dict):
            errors[path] = f"verwacht een bronvermelding {{bron: ..., paragraaf: ...}}, kreeg {show(citation)}"
            continue
        bad = [key for key, value in citation.items() if not isinstance(value, (str, int)) or isinstance(value, bool)
               or (isinstance(value, str) and _text_error(value, False, MAX_NAME))]
        if bad:
            errors[path] = f"veld {show(str(bad[0]))}: verwacht korte tekst (ten hoogste {MAX_NAME} tekens)"
            continue
        try:
            citation_from_mapping(citation)
        except CitationError as error:
            errors[path] = str(error)
    if len(citations) > 50:
        errors["bronnen"] = f"{len(citations)} bronvermeldingen; ten hoogste 50"


def validate_amendment(tax_benefit_system, amendment) -> dict:
    """The amendment with dates as strings and values checked; raise AmendmentError naming each problem."""
    if not isinstance(amendment, dict):
        raise AmendmentError({"": "verwacht een object met 'naam', 'bronnen' en 'wijzigingen'"})
    errors: dict[str, str] = {}
    unknown_keys = set(amendment) - {"naam", "omschrijving", "bronnen", "wijzigingen", "status"}
    for key in sorted(unknown_keys, key=str)[:10]:
        errors[show(str(key))] = "onbekend veld; toegestaan: naam, omschrijving, status, bronnen, wijzigingen"
    for field, required, limit in (("naam", True, MAX_NAME), ("omschrijving", False, MAX_DESCRIPTION),
                                   ("status", False, MAX_NAME)):
        message = _text_error(amendment.get(field), required, limit)
        if message:
            errors[field] = message
    _citation_errors(amendment.get("bronnen"), errors)
    changes = amendment.get("wijzigingen")
    if not isinstance(changes, dict) or not changes:
        errors["wijzigingen"] = "verplicht: een object {parameter: {datum: waarde}}"
        raise AmendmentError(errors)
    count = sum(len(values) if isinstance(values, dict) else 1 for values in changes.values())
    check(MAX_AMENDMENT_VALUES, "amendement", count)
    parameters = {p.name: p for p in leaf_parameters(tax_benefit_system.parameters)}
    normalised: dict[str, dict[str, object]] = {}
    for name, values in changes.items():
        path = f"wijzigingen/{clip(str(name))}"
        parameter = parameters.get(name)
        if parameter is None:
            close = difflib.get_close_matches(str(name)[:200], parameters, n=3)
            errors[path] = "onbekende parameter" + (f"; bedoelde u {', '.join(close)}?" if close else "; zie GET /parameters")
            continue
        if not isinstance(values, dict) or not values:
            errors[path] = "verwacht een object {datum: waarde}, bijvoorbeeld {'2024-01-01': 1000}"
            continue
        domain = parameter_domain(parameter)
        normalised[name] = {}
        for date, value in values.items():
            try:
                date_str = parse_iso_date(date).isoformat()
            except DateError as error:
                errors[f"{path}/{clip(str(date), 40)}"] = str(error)
                continue
            if value is not None:
                message = domain.error(value) if domain is not None else "deze parameter heeft geen domein"
                if message:
                    errors[f"{path}/{date_str}"] = f"{message}, kreeg {show(value)}"
                    continue
            normalised[name][date_str] = value
    if errors:
        raise AmendmentError(errors)
    return {**amendment, "wijzigingen": normalised}


def apply_changes(parameters, changes: dict[str, dict[str, object]], metadata: dict | None = None):
    """Apply dated changes to a (copied) parameter tree: each value holds from its date to the next change.

    The new dated values carry ``metadata`` (the amendment's citations), so an explanation under the reform
    cites the proposal, not the law it replaces.
    """
    for name, values in changes.items():
        node = parameters
        for part in name.split("."):
            node = node.children[part]
        dates = sorted(values)
        # The law's values before the first change, then the changes: one pass (Parameter.update is linear per
        # call, so a call per date would be quadratic in the number of dates). values_list is newest first.
        new_values = []
        for start in reversed(dates):
            value_at_instant = ParameterAtInstant(f"{node.name}.{start}", start, data={"value": values[start]})
            if metadata:
                value_at_instant.metadata = dict(metadata)
            new_values.append(value_at_instant)
        node.values_list = new_values + [v for v in node.values_list if v.instant_str < dates[0]]
    return parameters


def amendment_reform_class(amendment: dict):
    """A Reform class for an amendment; it is checked against the baseline it is applied to."""

    class AmendmentReform(Reform):
        name = amendment.get("omschrijving") or amendment["naam"]

        def apply(self):
            validated = validate_amendment(self.baseline, amendment)
            metadata = {"bronnen": validated["bronnen"], "verificatie": "officieel", "amendement": validated["naam"]}
            self.modify_parameters(
                modifier_function=lambda parameters: apply_changes(parameters, validated["wijzigingen"], metadata)
            )

    AmendmentReform.__name__ = f"Amendement_{amendment['naam']}"
    AmendmentReform.__doc__ = amendment.get("omschrijving", "")
    AmendmentReform.amendment = amendment
    return AmendmentReform


_CACHE: OrderedDict[tuple[int, str], object] = OrderedDict()  # least recently used first
_CACHE_LOCK = threading.Lock()


def amendment_key(amendment: dict) -> str:
    return hashlib.sha256(json.dumps(amendment, sort_keys=True, default=str).encode()).hexdigest()


def reformed_system(tax_benefit_system, amendment: dict):
    """The baseline with the amendment applied; cached by content, so a repeated amendment is not rebuilt."""
    validated = validate_amendment(tax_benefit_system, amendment)
    key = (id(tax_benefit_system), amendment_key(validated))
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    reformed = amendment_reform_class(validated)(tax_benefit_system)
    with _CACHE_LOCK:
        _CACHE[key] = reformed
        while len(_CACHE) > REFORM_CACHE.value():
            _CACHE.popitem(last=False)
    return reformed
