"""Command line: `openfisca-llo serve | bronnen | uitleg | vergelijk | overzicht | tijdlijn | hervormingen | populatie |
budget | kalibratie | mutatietoets`.

Naming rule (README, 'Command line'): commands are Dutch words for what the user does; the names of variables,
parameters and reforms are the model's own. The English command names of earlier versions (citations, explain,
compare, population) still work, with a notice, until version 1.0.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# English command names of earlier versions -> the Dutch name (kept as aliases until version 1.0)
ENGLISH_ALIASES = {"citations": "bronnen", "explain": "uitleg", "compare": "vergelijk", "population": "populatie"}


def _serve(args) -> int:
    import errno
    import socket

    from openfisca_llo.web import serve

    with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as probe:
        try:
            probe.bind((args.host, args.port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                print(f"Fout: --port {args.port}: de poort is op {args.host} al in gebruik (draait de server al?); "
                      f"kies een andere, bijvoorbeeld --port {args.port + 1} (met make: make serve PORT={args.port + 1})",
                      file=sys.stderr)
            else:
                print(f"Fout: --host {args.host} --port {args.port}: kan daar niet luisteren ({error.strerror})",
                      file=sys.stderr)
            return 2
    serve(host=args.host, port=args.port, workers=args.workers)
    return 0


def _hervormingen(args) -> int:
    import json

    from openfisca_llo.reforms import descriptions

    reforms = descriptions()
    if args.format == "json":
        print(json.dumps(reforms, ensure_ascii=False, indent=2))
        return 0
    width = max(len(key) for key in reforms)
    for key, reform in reforms.items():
        print(f"{key:<{width}}  {reform['omschrijving']}" + (" (amendement als data)" if reform["soort"] == "amendement" else ""))
    return 0


def _citations(args) -> int:
    from openfisca_llo import CountryTaxBenefitSystem
    from openfisca_llo.checks import check_tax_benefit_system
    from openfisca_llo.reforms import REFORMS

    report = check_tax_benefit_system(CountryTaxBenefitSystem(), REFORMS)
    print(report.summary())
    return 1 if report.problems else 0


def _load_situation(path: str) -> dict:
    """A situation file (JSON, or YAML for .yaml/.yml) within the input limits; it must hold an object."""
    from openfisca_llo.inputs import InputError, load_file, show

    data = load_file(path)
    if not isinstance(data, dict):
        raise InputError(f"{path}: verwacht een object met entiteiten, bijvoorbeeld {{\"personen\": {{...}}}}, "
                         f"kreeg {show(data)}")
    return data


def _explain(args) -> int:
    import json

    from openfisca_llo import CountryTaxBenefitSystem
    from openfisca_llo.explain import explain, render_text
    from openfisca_llo.situations import SituationError

    try:
        situation = _load_situation(args.situation)
        _check_period(args.period)
        explanation = explain(CountryTaxBenefitSystem(), situation, args.variable, args.period)
    except (OSError, ValueError) as error:
        details = getattr(error, "errors", None)
        print(f"Fout: {error}" if not isinstance(error, SituationError) else "Fout in de situatie:", file=sys.stderr)
        for path, message in (details or {}).items():
            print(f"  {path}: {message}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(explanation, ensure_ascii=False, indent=2))
    else:
        print(render_text(explanation, markdown=args.format == "markdown"), end="")
    return 0


def _compare(args) -> int:
    import json

    from openfisca_llo import CountryTaxBenefitSystem
    from openfisca_llo.amendments import AmendmentError, load_amendment_file
    from openfisca_llo.compare import (
        UnknownReformError,
        compare_situation,
        render_comparison,
        render_spec_impact,
        resolve_reform,
        spec_impact,
    )
    from openfisca_llo.situations import SituationError

    baseline = CountryTaxBenefitSystem()
    try:
        _check_reform(args.reform, required=not args.amendment)
        if args.amendment and not os.path.isfile(args.amendment):
            raise ValueError(f"--amendment {args.amendment}: het bestand bestaat niet")
        amendment = load_amendment_file(args.amendment) if args.amendment else None
        reform = resolve_reform(baseline, amendment, args.reform)
        if args.tests:
            if not Path(args.tests).is_dir():
                raise ValueError(f"--tests {args.tests}: geen bestaande map met YAML-tests")
            changes = spec_impact(baseline, reform, args.tests)
            print(json.dumps(changes, ensure_ascii=False, indent=2, default=str) if args.format == "json"
                  else render_spec_impact(changes), end="\n" if args.format == "json" else "")
            return 0
        if not args.situation:
            print("Fout: geef een situatie (JSON/YAML) of --tests MAP", file=sys.stderr)
            return 2
        result = compare_situation(baseline, reform, _load_situation(args.situation))
    except (AmendmentError, SituationError) as error:
        print("Fout:", file=sys.stderr)
        for path, message in error.errors.items():
            print(f"  {path}: {message}", file=sys.stderr)
        return 2
    except (UnknownReformError, OSError, ValueError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        print(render_comparison(result), end="")
    return 0


def _check_period(text: str) -> None:
    """An OpenFisca period as the user typed it, or a Dutch error naming the argument."""
    from openfisca_core.periods import period

    try:
        period(text)
    except (ValueError, TypeError, AttributeError):
        raise ValueError(f"PERIODE '{text}' is geen periode; schrijf JJJJ-MM-DD (een dag, bijvoorbeeld 2023-05-15), "
                         "JJJJ-MM (een maand) of JJJJ (een jaar)") from None


def _check_reform(name: str | None, required: bool) -> None:
    """``--reform`` names a shipped reform; without ``--amendment`` it is required."""
    from openfisca_llo.reforms import REFORMS

    if name is None and required:
        raise ValueError("geef --reform NAAM (zie: openfisca-llo hervormingen) of --amendment BESTAND, of beide "
                         "(het amendement geldt dan op de hervorming)")
    if name is not None and name not in REFORMS:
        raise ValueError(f"--reform {name}: onbekende hervorming; kies uit {', '.join(REFORMS)} "
                         "(zie: openfisca-llo hervormingen)")


def _parse_date(text: str):
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is geen datum; verwacht JJJJ-MM-DD") from None


def _overzicht(args) -> int:
    import json

    from openfisca_llo import CountryTaxBenefitSystem
    from openfisca_llo.overzicht import overzicht, render_overzicht
    from openfisca_llo.situations import SituationError

    try:
        result = overzicht(CountryTaxBenefitSystem(), _load_situation(args.situation), _parse_date(args.date))
    except SituationError as error:
        print("Fout in de situatie:", file=sys.stderr)
        for path, message in error.errors.items():
            print(f"  {path}: {message}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.format == "json" else render_overzicht(result), end="")
    return 0


def _tijdlijn(args) -> int:
    import json

    from openfisca_llo import CountryTaxBenefitSystem
    from openfisca_llo.overzicht import render_tijdlijn, tijdlijn

    try:
        start, stop = _parse_date(args.start), _parse_date(args.stop)
        if start > stop:
            raise ValueError(f"de begindatum {args.start} ligt na de einddatum {args.stop}; geef eerst VAN, dan TOT")
        events = tijdlijn(CountryTaxBenefitSystem(), start, stop)
    except ValueError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    print(json.dumps(events, ensure_ascii=False, indent=2) if args.format == "json" else render_tijdlijn(events), end="")
    return 0


def _population(args) -> int:
    from openfisca_llo.population import PopulationError, generate, save

    try:
        _check_folder(args.out, "--out")  # with --partitie --out is the folder made: its parent must exist
        if args.partitie:
            from pathlib import Path

            from openfisca_llo.budget import SyntheticSource
            from openfisca_llo.formatting import number

            source = SyntheticSource(args.size, args.seed, chunk=args.partitie)
            folder = Path(args.out)
            folder.mkdir(parents=True, exist_ok=True)
            for k in source.chunks(args.stap_jaar):
                save(source.load(args.stap_jaar, k, text_ids=True), folder / f"deel-{k:05d}.parquet")
            print(f"{folder}: {number(args.size)} personen (SYNTHETISCH) in "
                  f"{len(source.chunks(args.stap_jaar))} Parquet-delen van ten hoogste {number(args.partitie)}")
            return 0
        population = generate(args.size, args.seed, stap_year=args.stap_jaar)
        path = save(population, args.out)
    except (PopulationError, ValueError, OSError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    from openfisca_llo.formatting import number

    print(f"{path}: {number(len(population))} personen (SYNTHETISCH), {number(len(population.applicants()))} "
          f"STAP-aanvragen in {args.stap_jaar}")
    return 0


def _budget_years(args) -> list[int]:
    years = set(args.year or [])
    if args.van is not None or args.tot is not None:
        if args.van is None or args.tot is None:
            raise ValueError("geef --van en --tot samen")
        if args.tot < args.van:
            raise ValueError(f"--tot ({args.tot}) ligt vóór --van ({args.van})")
        years |= set(range(args.van, args.tot + 1))
    return sorted(years)


def _budget(args) -> int:
    import json

    from openfisca_llo.amendments import AmendmentError, load_amendment_file
    from openfisca_llo.budget import (
        BudgetError,
        FileSource,
        Progress,
        SyntheticSource,
        Variant,
        compute_budget,
        format_report,
        write_outputs,
    )
    from openfisca_llo.compare import UnknownReformError
    from openfisca_llo.population import PopulationError, load

    try:
        if bool(args.population) == bool(args.synthetisch):
            raise ValueError("geef --population BESTAND of MAP, of --synthetisch AANTAL (niet allebei)")
        if args.chunk < 1:
            raise ValueError("--chunk moet ten minste 1 zijn")
        variants = []
        for path in args.amendment or []:
            variants.append(Variant.from_amendment(load_amendment_file(path), args.reform))
        if not variants and args.reform:
            variants.append(Variant(args.reform, args.reform))
        names = [v.naam for v in variants]
        if len(set(names)) != len(names):
            raise ValueError(f"elk amendement heeft een eigen 'naam'; dubbel: {sorted({n for n in names if names.count(n) > 1})}")
        years = _budget_years(args)
        if args.synthetisch:
            source = SyntheticSource(args.synthetisch, args.seed, chunk=args.chunk, werkgevers_seed=args.seed)
        else:
            source = FileSource(args.population, chunk=args.chunk, werkgevers_seed=args.seed)
            if not years and len(source.files()) == 1:
                years = load(source.files()[0]).years()
        progress = Progress(enabled=not args.quiet and sys.stderr.isatty())
        report = compute_budget(source, variants, years, args.loting_seed, engine=args.engine,
                                scheduler=args.scheduler, workers=args.workers, schemes=args.regeling,
                                progress=progress)
        paths = write_outputs(report, args.out or "budget-uitvoer")
    except UnicodeDecodeError:
        print(f"Fout: --population {args.population}: geen tekstbestand (UTF-8 CSV) en geen Parquet", file=sys.stderr)
        return 2
    except AmendmentError as error:
        print("Fout in het amendement:", file=sys.stderr)
        for path, message in error.errors.items():
            print(f"  {path}: {message}", file=sys.stderr)
        return 2
    except (UnknownReformError, PopulationError, BudgetError, OSError, ValueError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_report(report), end="")
        for path in paths.values():
            print(f"geschreven: {path}")
    return 0


def _kalibratie(args) -> int:
    from pathlib import Path

    from openfisca_llo.budget import calibration, calibration_rst

    if args.out:
        _check_folder(args.out, "--out")
    text = calibration_rst(calibration(args.size, args.seed), args.size, args.seed)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"geschreven: {args.out}")
    else:
        print(text, end="")
    return 0


def _check_folder(path: str, option: str) -> None:
    """An output file goes into an existing folder: a typo in a path must not silently create folders."""
    folder = Path(path).expanduser().parent
    if not folder.is_dir():
        raise ValueError(f"{option} {path}: de map {folder} bestaat niet; maak haar eerst aan")


def _whole_number(minimum: int, maximum: int):
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"verwacht een geheel getal, kreeg '{text[:40]}'") from None
        if not minimum <= number <= maximum:
            raise argparse.ArgumentTypeError(f"{number} ligt buiten {minimum}..{maximum}")
        return number

    return parse


class _Parser(argparse.ArgumentParser):
    """argparse with its errors as one Dutch `Fout:` line (exit code 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        message = (message.replace("argument ", "optie ").replace("the following arguments are required", "verplicht")
                   .replace("invalid choice", "ongeldige keuze").replace("choose from", "kies uit")
                   .replace("unrecognized arguments", "onbekende argumenten"))
        self.exit(2, f"Fout: {message}\n")


def _mutatietoets(args) -> int:
    import json
    from pathlib import Path

    from openfisca_llo import mutatietoets

    tests = Path(args.tests)
    if not tests.is_dir():
        print(f"Fout: --tests: map '{tests}' bestaat niet", file=sys.stderr)
        return 2
    unknown = set(args.soort or ()) - set(mutatietoets.KINDS)
    if unknown:
        print(f"Fout: --soort: onbekend {', '.join(sorted(unknown))}; kies uit {', '.join(mutatietoets.KINDS)}",
              file=sys.stderr)
        return 2
    overlevers = Path(args.overlevers) if args.overlevers else tests.resolve().parent / "mutatie_overlevers.yaml"
    try:
        explained = mutatietoets.load_explained(overlevers) if overlevers.exists() else None
    except (ValueError, OSError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    if args.overlevers and explained is None:
        print(f"Fout: --overlevers: bestand '{overlevers}' bestaat niet", file=sys.stderr)
        return 2
    result = mutatietoets.measure(tests, set(args.regeling or ()) or None, set(args.soort or ()) or None)
    if args.regeling and not result.mutants:
        print(f"Fout: --regeling: geen mutaties voor {', '.join(args.regeling)}", file=sys.stderr)
        return 2
    problems = None
    if explained is not None:
        if args.regeling or args.soort:  # a partial run checks only the entries of the mutants it made
            from fnmatch import fnmatchcase

            ids = {m.id for m in result.mutants}
            explained = [e for e in explained if e.id in ids or any(fnmatchcase(i, e.id) for i in ids)]
        problems = mutatietoets.check_explained(result, explained)
    if args.vastgepind:
        path = Path(args.vastgepind)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(mutatietoets.pinning(result), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(mutatietoets.as_json(result, problems), ensure_ascii=False, indent=2))
    else:
        print(mutatietoets.render_text(result, problems), end="")
    if problems is None:
        return 0
    return 1 if any(problems.values()) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="openfisca-llo", description="Leven lang ontwikkelen als uitvoerbare regels.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}", help="toon de versie en stop")
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")

    serve = sub.add_parser("serve", help="start de web-API (OpenFisca plus uitbreidingen)")
    serve.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1)")
    serve.add_argument("--port", type=_whole_number(1, 65535), default=5000,
                       help="poort (standaard 5000; met make: make serve PORT=5001)")
    serve.add_argument("--workers", type=_whole_number(1, 64), default=2, help="aantal workers (1-64, standaard 2)")
    serve.set_defaults(handler=_serve)

    citations = sub.add_parser("bronnen", aliases=["citations"], help="controleer dat elke parameter en variabele een bron citeert")
    citations.set_defaults(handler=_citations)
    explain = sub.add_parser("uitleg", aliases=["explain"], help="verklaar een uitkomst stap voor stap met de bron van elke stap")
    explain.add_argument("situation", help="situatie als JSON of YAML (zoals voor /calculate)")
    explain.add_argument("variable", help="te verklaren variabele, bijvoorbeeld stap_budget")
    explain.add_argument("period", help="periode, bijvoorbeeld 2023-05-15")
    explain.add_argument("--format", choices=["text", "markdown", "json"], default="text",
                         help="uitvoer: text (standaard), markdown of json")
    explain.set_defaults(handler=_explain)
    compare = sub.add_parser("vergelijk", aliases=["compare"], help="vergelijk het geldende recht met een hervorming of amendement")
    compare.add_argument("situation", nargs="?", help="situatie als JSON of YAML (zoals voor /calculate)")
    compare.add_argument("--amendment", help="amendement als data (YAML of JSON); met --reform: op die hervorming")
    compare.add_argument("--reform", help="naam van een meegeleverde hervorming (zie: openfisca-llo hervormingen)")
    compare.add_argument("--tests", help="map met YAML-tests: toon de gevallen waarvan de uitkomst verandert")
    compare.add_argument("--format", choices=["text", "json"], default="text", help="uitvoer: text (standaard) of json")
    compare.set_defaults(handler=_compare)
    over = sub.add_parser("overzicht", help="alle regelingen voor een persoon of werkgever op een datum, met redenen")
    over.add_argument("situation", help="situatie als JSON of YAML; waarden zonder periode gelden op de datum")
    over.add_argument("date", help="datum, bijvoorbeeld 2025-06-01")
    over.add_argument("--format", choices=["text", "json"], default="text", help="uitvoer: text (standaard) of json")
    over.set_defaults(handler=_overzicht)

    line = sub.add_parser("tijdlijn", help="welke regels en bedragen veranderden tussen twee datums, met bron")
    line.add_argument("start", help="van, bijvoorbeeld 2021-01-01")
    line.add_argument("stop", help="tot en met, bijvoorbeeld 2025-12-31")
    line.add_argument("--format", choices=["text", "json"], default="text", help="uitvoer: text (standaard) of json")
    line.set_defaults(handler=_tijdlijn)

    reforms = sub.add_parser("hervormingen", help="de meegeleverde hervormingen en amendementen, met hun naam voor --reform")
    reforms.add_argument("--format", choices=["text", "json"], default="text", help="uitvoer: text (standaard) of json")
    reforms.set_defaults(handler=_hervormingen)


    population = sub.add_parser("populatie", aliases=["population"], help="maak een synthetische populatie (CSV, of Parquet met pyarrow)")
    population.add_argument("--size", type=_whole_number(1, 100_000_000), default=100_000, help="aantal personen (standaard 100000)")
    population.add_argument("--seed", type=int, default=0, help="startwaarde van de toevalsgenerator (standaard 0)")
    population.add_argument("--stap-jaar", type=_whole_number(1900, 2100), default=2023, help="jaar van de STAP-aanvragen (standaard 2023)")
    population.add_argument("--out", required=True, help="bestand: .csv, of .parquet (vraagt pyarrow); met --partitie: een map")
    population.add_argument("--partitie", type=_whole_number(1, 100_000_000), help="schrijf Parquet-delen van dit aantal personen in de map --out")
    population.set_defaults(handler=_population)
    budget = sub.add_parser(
        "budget", help="kosten per regeling en jaar van de wet en van hervormingen of amendementen op een populatie")
    budget.add_argument("--reform", help="naam van een meegeleverde hervorming (zie: openfisca-llo hervormingen); met --amendment: "
                                         "de amendementen gelden op deze hervorming")
    budget.add_argument("--amendment", action="append",
                        help="amendement als data (YAML/JSON), herhaalbaar: elk bestand is een variant")
    budget.add_argument("--population", help="populatie: CSV- of Parquet-bestand, of een map met Parquet-delen")
    budget.add_argument("--synthetisch", type=_whole_number(1, 100_000_000), help="in plaats van --population: een synthetische populatie van "
                                                          "dit aantal personen, per deel gemaakt")
    budget.add_argument("--seed", type=int, default=0, help="seed van de synthetische personen en werkgevers (standaard 0)")
    budget.add_argument("--van", type=_whole_number(1900, 2100), help="eerste jaar (met --tot), bijvoorbeeld 2020")
    budget.add_argument("--tot", type=_whole_number(1900, 2100), help="laatste jaar, tot en met (met --van), bijvoorbeeld 2031")
    budget.add_argument("--year", type=_whole_number(1900, 2100), action="append", help="een los jaar (herhaalbaar)")
    budget.add_argument("--regeling", action="append", help="alleen deze regeling(en) (herhaalbaar); standaard alle")
    budget.add_argument("--loting-seed", type=int, default=20200302, help="seed van de loting (standaard 20200302)")
    budget.add_argument("--engine", choices=["proces", "dask"], default="proces",
                        help="proces (standaard, zonder Dask) of dask (dask.distributed)")
    budget.add_argument("--scheduler", help="adres van een Dask-scheduler (tcp://host:8786); zonder: een lokaal cluster")
    budget.add_argument("--workers", type=_whole_number(1, 64), default=2, help="workers van het lokale Dask-cluster (standaard 2)")
    budget.add_argument("--chunk", type=_whole_number(1, 100_000_000), default=250_000, help="personen per deel (standaard 250000)")
    budget.add_argument("--out", help="map voor CSV, JSON, Parquet en PNG (standaard budget-uitvoer)")
    budget.add_argument("--format", choices=["text", "json"], default="text", help="uitvoer: text (standaard) of json")
    budget.add_argument("--quiet", action="store_true", help="geen voortgangsbalk")
    budget.set_defaults(handler=_budget)
    kalibratie = sub.add_parser("kalibratie", help="het geldende recht op een synthetische populatie naast de cijfers uit de bronnen")
    kalibratie.add_argument("--size", type=_whole_number(1, 100_000_000), default=100_000, help="personen per populatie (standaard 100000)")
    kalibratie.add_argument("--seed", type=int, default=2022, help="startwaarde (standaard 2022)")
    kalibratie.add_argument("--out", help="schrijf de tabel (reStructuredText) naar dit bestand")
    kalibratie.set_defaults(handler=_kalibratie)
    toets = sub.add_parser(
        "mutatietoets",
        help="welke dagwaarden, datums en formulevoorwaarden door een YAML-geval worden vastgepind (mutatietoets)",
    )
    toets.add_argument("--tests", default="tests", help="map met YAML-gevallen (standaard tests)")
    toets.add_argument("--regeling", action="append", help="alleen deze regeling of hervorming (herhaalbaar)")
    toets.add_argument("--soort", action="append", help="alleen deze soort mutatie (herhaalbaar)")
    toets.add_argument("--overlevers", help="verklaarde overlevers (standaard mutatie_overlevers.yaml naast de map TESTS)")
    toets.add_argument("--json", action="store_true", help="uitvoer als JSON")
    toets.add_argument("--vastgepind", help="schrijf per parameterwaarde de gevallen die haar vastpinnen (JSON, voor de docs)")
    toets.set_defaults(handler=_mutatietoets)
    return parser


def _version() -> str:
    from openfisca_llo.contract import country_package_version

    return country_package_version()


def main(argv: list[str] | None = None) -> int:
    """Run a command; an error is one `Fout:` line on stderr and a non-zero exit code, never a traceback."""
    from openfisca_core.errors import ParameterNotFoundError

    from openfisca_llo.limits import LimitExceeded

    args = build_parser().parse_args(argv)
    if args.command in ENGLISH_ALIASES:
        print(f"Let op: '{args.command}' heet nu '{ENGLISH_ALIASES[args.command]}'; de Engelse naam verdwijnt in versie 1.0.",
              file=sys.stderr)
    try:
        return args.handler(args) or 0
    except LimitExceeded as error:
        print(f"Fout: te groot: {error}", file=sys.stderr)
    except ParameterNotFoundError as error:
        print(f"Fout: geen waarde voor parameter '{error.name}' op {error.instant_str}: deze datum valt buiten de "
              "periode waarvoor het model een waarde heeft", file=sys.stderr)
    except (ValueError, OSError) as error:
        print(f"Fout: {error}", file=sys.stderr)
    except RecursionError:
        print("Fout: de invoer is te diep genest", file=sys.stderr)
    except MemoryError:
        print("Fout: onvoldoende geheugen voor deze invoer", file=sys.stderr)
    except KeyboardInterrupt:
        print("Fout: afgebroken", file=sys.stderr)
        return 130
    except Exception as error:  # the last resort: still one line, with the kind of error for a bug report
        print(f"Fout: onverwachte fout ({type(error).__name__}); meld dit met de invoer erbij", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
