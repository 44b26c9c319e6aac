"""Compare the law in force with a reform: per person and variable, and over the YAML specification.

``compare_situation`` runs one situation under both systems and lists, for every requested variable, the
baseline and reform values and the parameters whose value differs on that date, with the citations of both.
``spec_impact`` runs every YAML case under both systems and lists the cases whose outcome changes.
"""

from __future__ import annotations

import copy
import functools
import threading
from pathlib import Path

import numpy as np
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.periods import period as make_period
from openfisca_core.simulations import SimulationBuilder

from openfisca_llo import formatting
from openfisca_llo.amendments import reformed_system
from openfisca_llo.case_errors import check_case, describe
from openfisca_llo.case_errors import where as case_where
from openfisca_llo.citations import parameter_citations
from openfisca_llo.explain import explain
from openfisca_llo.inputs import load_file, show
from openfisca_llo.json_values import plain_value
from openfisca_llo.parameter_paths import parameter_at_path, value_in_force
from openfisca_llo.situations import DEFAULT_MAX_PERSONS, build_parsed, parse_situation


class UnknownReformError(ValueError):
    pass


def resolve_reform(tax_benefit_system, amendment: dict | None = None, reform: str | None = None):
    """The reformed system for an amendment (data) or a shipped reform (name); cached."""
    from openfisca_llo.reforms import REFORMS

    if amendment is None and reform is None:
        raise UnknownReformError("geef een 'amendement' (data), een 'hervorming' (naam), of beide (amendement op de hervorming)")
    if amendment is not None:
        base = tax_benefit_system if reform is None else resolve_reform(tax_benefit_system, reform=reform)
        return reformed_system(base, amendment)
    if reform not in REFORMS:
        raise UnknownReformError(f"onbekende hervorming {show(reform)}; toegestaan: {', '.join(sorted(REFORMS))}")
    return _shipped(tax_benefit_system, reform)


@functools.lru_cache(maxsize=16)  # (system, reform name): the key holds the system, so its id is never reused
def _shipped(tax_benefit_system, reform: str):
    from openfisca_llo.reforms import REFORMS

    return REFORMS[reform](tax_benefit_system)


def _parameter_steps(node: dict, found: dict) -> dict:
    for parameter in node.get("parameters", []):
        found[parameter["parameter"]] = parameter
    for child in node.get("stappen", []):
        _parameter_steps(child, found)
    return found


def _parameter_on(tax_benefit_system, name: str, period: str) -> dict | None:
    """Value, start date and citations of a parameter on the first day of ``period`` in this system."""
    try:
        parameter = parameter_at_path(tax_benefit_system.parameters, name)
    except KeyError:
        return None
    at_instant = value_in_force(parameter, str(make_period(period).start))
    if at_instant is None:
        return None
    return {
        "waarde": at_instant.value,
        "eenheid": parameter.metadata.get("unit"),
        "geldig_vanaf": at_instant.instant_str,
        "bronnen": [c.as_dict() for c in parameter_citations(at_instant.metadata, on=at_instant.instant_str)],
    }


def _plain(values):
    if isinstance(values, EnumArray):
        return [str(v) for v in values.decode_to_str()]
    return [v.item() if hasattr(v, "item") else v for v in np.asarray(values)]


def _without_unknown_variables(tax_benefit_system, situation: dict) -> dict:
    """The situation without variables this system does not have (a reform may add variables)."""
    situation = copy.deepcopy(situation)
    for instances in situation.values():
        for instance in (instances or {}).values() if isinstance(instances, dict) else []:
            if isinstance(instance, dict):
                for name in [n for n, v in instance.items() if isinstance(v, dict) and n not in tax_benefit_system.variables]:
                    del instance[name]
    return situation


def compare_situation(baseline, reform, situation: dict, max_persons: int = DEFAULT_MAX_PERSONS,
                      bounds=None) -> dict:
    """``situation`` under ``baseline`` and ``reform``; ``bounds(parsed, wanted)`` may refuse it before computing."""
    parsed_reform = parse_situation(reform, copy.deepcopy(situation), max_persons)
    wanted = list(dict.fromkeys((name, period) for _, _, name, period, _ in parsed_reform.requested))
    if bounds is not None:
        bounds(parsed_reform, wanted)
    baseline_situation = _without_unknown_variables(baseline, situation)
    simulations = {
        "wet": build_parsed(baseline, parse_situation(baseline, copy.deepcopy(baseline_situation), max_persons)),
        "hervorming": build_parsed(reform, parsed_reform),
    }
    results = []
    for name, period in wanted:
        explained = {
            label: explain(system, situation, name, period, simulations[label])
            for label, system in (("wet", baseline), ("hervorming", reform))
            if name in system.variables
        }
        only_reform = "wet" not in explained
        if only_reform:  # a variable only the reform has: nothing in the law in force
            explained["wet"] = {"uitkomst": {k: None for k in explained["hervorming"]["uitkomst"]},
                                "eenheid": explained["hervorming"]["eenheid"], "redenen": [], "berekening": {}}
        before = explained["wet"]["uitkomst"]
        after = explained["hervorming"]["uitkomst"]
        changed_parameters = []
        seen = set(_parameter_steps(explained["wet"]["berekening"], {})) | set(
            _parameter_steps(explained["hervorming"]["berekening"], {})
        )
        for parameter in sorted(seen):
            old = _parameter_on(baseline, parameter, period)
            new = _parameter_on(reform, parameter, period)
            if (old or {}).get("waarde") != (new or {}).get("waarde"):
                changed_parameters.append({"parameter": parameter, "wet": old, "hervorming": new})
        per_instance = []
        for instance in before:
            old_value, new_value = before[instance], after.get(instance)
            entry = {"id": instance, "wet": old_value, "hervorming": new_value, "gewijzigd": old_value != new_value}
            if isinstance(old_value, (int, float)) and isinstance(new_value, (int, float)) and not isinstance(old_value, bool):
                entry["verschil"] = plain_value(new_value - old_value, explained["hervorming"]["eenheid"])
            per_instance.append(entry)
        results.append({
            "variabele": name,
            "periode": period,
            "alleen_in_hervorming": only_reform,
            "eenheid": explained["wet"]["eenheid"],
            "waarden": per_instance,
            "redenen_wet": explained["wet"]["redenen"],
            "redenen_hervorming": explained["hervorming"]["redenen"],
            "gewijzigde_parameters": changed_parameters,
        })
    return {"hervorming": getattr(reform, "name", None) or type(reform).__name__, "vergelijking": results}


# ---- the YAML specification under a reform ---------------------------------------------------------------------


def _case_outputs(case: dict, tax_benefit_system) -> list[tuple[str, str]]:
    """(variable, period) pairs named in a case's output (flat or nested per entity)."""
    period = str(case.get("period"))
    names = []
    for key, value in (case.get("output") or {}).items():
        if key in tax_benefit_system.variables:
            names.append((key, period))
            continue
        for instance in (value or {}).values():
            for variable in instance or {}:
                if variable in tax_benefit_system.variables:
                    names.append((variable, period))
    return sorted(set(names))


CASE_REFORM_CACHE_SIZE = 32
_CASE_REFORMS: dict[tuple, tuple] = {}  # (id(system), reform path) -> (system, reformed system); oldest dropped first


def _with_case_reform(tax_benefit_system, reform_path: str):
    """``apply_reform`` for a case's ``reforms:`` entry, built once per system: applying a reform copies every
    parameter, which cost more than running the cases themselves."""
    key = (id(tax_benefit_system), reform_path)
    cached = _CASE_REFORMS.get(key)
    if cached is None or cached[0] is not tax_benefit_system:  # the system is kept, so its id is not reused
        if len(_CASE_REFORMS) >= CASE_REFORM_CACHE_SIZE:
            _CASE_REFORMS.pop(next(iter(_CASE_REFORMS)), None)
        cached = _CASE_REFORMS[key] = (tax_benefit_system, tax_benefit_system.apply_reform(reform_path))
    return cached[1]


def _run_case(tax_benefit_system, case: dict) -> dict:
    for reform_path in case.get("reforms") or []:
        tax_benefit_system = _with_case_reform(tax_benefit_system, reform_path)
    check_case(case, tax_benefit_system)  # after the case's reforms, which may add variables
    builder = SimulationBuilder()
    builder.set_default_period(str(case["period"]))
    simulation = builder.build_from_dict(tax_benefit_system, copy.deepcopy(case.get("input") or {}))
    return {f"{name}@{period}": _plain(simulation.calculate(name, period)) for name, period in _case_outputs(case, tax_benefit_system)}


def spec_cases(tests_dir: str | Path):
    for path in _spec_files(tests_dir):
        for index, case in enumerate(load_file(path) or []):
            if isinstance(case, dict) and "output" in case:
                yield path, index, case


def _spec_files(tests_dir: str | Path) -> list[Path]:
    return [path for path in sorted(Path(tests_dir).rglob("*.yaml")) if "golden" not in path.parts]


def _relative(path: Path, tests_dir) -> str:
    return path.relative_to(Path(tests_dir)).as_posix()


SPEC_CACHE_SIZE = 4
_SPEC: dict[tuple, tuple] = {}  # (id(baseline), folder, file stamps) -> (baseline, [(path, index, case, outcome)])


_SPEC_LOCK = threading.Lock()  # one computation of the law's side at a time; a second caller waits for it


def _baseline_outcomes(baseline, tests_dir: str | Path) -> list[tuple]:
    """Every YAML case with its outcome under ``baseline`` (results, or the error text), computed once per baseline
    and specification: the law does not change while a server runs, so each amendment only runs its own side.
    The key holds each file's modification time and size, so an edited case is run again; bounded cache."""
    files = _spec_files(tests_dir)
    stamps = tuple((path.as_posix(), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    key = (id(baseline), str(Path(tests_dir).resolve()), stamps)
    with _SPEC_LOCK:
        cached = _SPEC.get(key)
        if cached is not None and cached[0] is baseline:  # the system itself is kept, so its id is not reused
            return cached[1]
        outcomes = []
        for path, index, case in spec_cases(tests_dir):
            try:
                outcome = _run_case(baseline, case)
            except Exception as error:  # reported per case by spec_impact, in Dutch
                outcome = describe(error, baseline)
            outcomes.append((path, index, case, outcome))
        if len(_SPEC) >= SPEC_CACHE_SIZE:
            _SPEC.pop(next(iter(_SPEC)), None)
        _SPEC[key] = (baseline, outcomes)
        return outcomes


_WARMING: dict[tuple, None] = {}  # (id(baseline), folder) already being computed; bounded like _SPEC


def prepare_spec_impact(baseline, tests_dir: str | Path) -> None:
    """Compute the law's side of ``spec_impact`` in a background thread, once per baseline and folder, so that
    the drafter's first amendment only waits for its own side (the amendment page calls this on an empty form)."""
    key = (id(baseline), str(Path(tests_dir).resolve()))
    if key in _WARMING:
        return
    if len(_WARMING) >= SPEC_CACHE_SIZE:
        _WARMING.pop(next(iter(_WARMING)))
    _WARMING[key] = None
    threading.Thread(target=_baseline_outcomes, args=(baseline, tests_dir), name="spec-impact-wet", daemon=True).start()


def _same(before: list, after: list | None) -> bool:
    """Equal results, an unknown (NaN) equal to an unknown: onbekend under both systems is no change."""
    if after is None or len(before) != len(after):
        return False
    return all(a == b or (isinstance(a, float) and isinstance(b, float) and a != a and b != b) for a, b in zip(before, after, strict=True))


def spec_impact(baseline, reform, tests_dir: str | Path) -> list[dict]:
    """YAML cases whose outcome changes under the reform: case, variable, before, after (or the error).

    The baseline's outcomes are cached (``_baseline_outcomes``); only the reform's side runs on each call."""
    changes = []
    for path, index, case, before in _baseline_outcomes(baseline, tests_dir):
        where = {"bestand": _relative(path, tests_dir), "nummer": index, "test": case.get("name")}
        if isinstance(before, str):  # the law itself cannot run the case
            changes.append({**where, "fout": f"{case_where(where['bestand'], index, case)}: onder de wet: {before}"})
            continue
        try:
            after = _run_case(reform, case)
        except Exception as error:  # a case the reform cannot run is itself an impact worth reporting
            changes.append({**where, "fout": f"{case_where(where['bestand'], index, case)}: onder de hervorming: "
                                             f"{describe(error, reform)}"})
            continue
        for key in before:
            if not _same(before[key], after.get(key)):
                variable, period = key.split("@")
                changes.append({
                    **where, "variabele": variable, "periode": period, "wet": before[key], "hervorming": after.get(key),
                    "eenheid": getattr(reform.variables.get(variable) or baseline.variables.get(variable), "unit", None),
                })
    return changes


# ---- readable text ---------------------------------------------------------------------------------------------


def _shown(values, unit) -> str:
    """One value, or the values of several instances, in Dutch (``formatting.value``)."""
    if isinstance(values, list):
        return ", ".join(formatting.value(value, unit) for value in values) or "—"
    return formatting.value(values, unit)


def render_comparison(result: dict) -> str:
    """``compare_situation`` as Dutch text: per variable and person the law beside the reform, and the parameters
    whose value differs, with the reform's sources."""
    lines = [f"Hervorming: {result['hervorming']}"]
    for item in result["vergelijking"]:
        unit = item["eenheid"]
        lines += ["", f"{item['variabele']} ({formatting.period(item['periode'])}):"]
        for value in item["waarden"]:
            law = "bestaat niet" if item.get("alleen_in_hervorming") else _shown(value["wet"], unit)
            mark = "  (gewijzigd)" if value["gewijzigd"] else ""
            lines.append(f"  {value['id']}: wet {law} | hervorming {_shown(value['hervorming'], unit)}{mark}")
        for parameter in item["gewijzigde_parameters"]:
            old, new = parameter["wet"], parameter["hervorming"]
            shown_old = _shown(old["waarde"], old.get("eenheid")) if old else "bestaat niet"
            shown_new = _shown(new["waarde"], new.get("eenheid")) if new else "bestaat niet"
            sources = ", ".join(c["kort"] for c in (new or {}).get("bronnen", []))
            lines.append(f"  parameter {parameter['parameter']}: {shown_old} -> {shown_new}" + (f" (bron: {sources})" if sources else ""))
    return "\n".join(lines) + "\n"


def render_spec_impact(changes: list[dict]) -> str:
    """``spec_impact`` as Dutch text: each YAML case whose outcome changes, with the law's and the reform's value."""
    failed = sum(1 for change in changes if "fout" in change)
    lines = [f"{len(changes) - failed} uitkomst(en) van YAML-gevallen veranderen onder de hervorming"
             + (f"; {failed} geval(len) kunnen niet worden doorgerekend:" if failed else ":")]
    for change in changes:
        where = f"{change['bestand']}#{change['nummer']} {change['test']}"
        if "fout" in change:  # names the file and the case itself
            lines.append(f"- FOUT in {change['fout']}")
        else:
            unit = change.get("eenheid")
            lines.append(
                f"- {where}: {change['variabele']} ({formatting.period(change['periode'])}): "
                f"{_shown(change['wet'], unit)} -> {_shown(change['hervorming'], unit)}"
            )
    return "\n".join(lines) + "\n"
