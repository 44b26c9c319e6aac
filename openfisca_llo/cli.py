"""Command line: `openfisca-llo serve | bronnen | uitleg | vergelijk | overzicht | tijdlijn | hervormingen | populatie |
budget | kalibratie | mutatietoets`.

Naming rule (README, 'Command line'): commands and options are Dutch words for what the user does or gives; the
names of variables, parameters and reforms are the model's own. The English names of earlier versions (commands
citations, explain, compare, population; options such as --reform, --size, --out, --format) still work, hidden and
with a notice, until version 1.0. Excepted: ``serve --host --port --workers``, the names of ``openfisca serve`` and
gunicorn, which whoever runs a server knows from there.
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
    if args.formaat == "json":
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


def _text(error: BaseException) -> str:
    """An error as Dutch text: OpenFisca's own errors (English, with advice for maintainers) are rephrased."""
    from openfisca_core.errors import ParameterNotFoundError, PeriodMismatchError, VariableNotFoundError

    from openfisca_llo.case_errors import describe

    if isinstance(error, (ParameterNotFoundError, PeriodMismatchError, VariableNotFoundError)):
        return describe(error, None)
    return str(error)


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
        print(f"Fout: {_text(error)}" if not isinstance(error, SituationError) else "Fout in de situatie:", file=sys.stderr)
        for path, message in (details or {}).items():
            print(f"  {path}: {message}", file=sys.stderr)
        return 2
    if args.formaat == "json":
        print(json.dumps(explanation, ensure_ascii=False, indent=2))
    else:
        print(render_text(explanation, markdown=args.formaat == "markdown"), end="")
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
        _check_reform(args.hervorming, required=not args.amendement)
        if args.amendement and not os.path.isfile(args.amendement):
            raise ValueError(f"--amendement {args.amendement}: het bestand bestaat niet")
        amendment = load_amendment_file(args.amendement) if args.amendement else None
        reform = resolve_reform(baseline, amendment, args.hervorming)
        if args.toetsen:
            if not Path(args.toetsen).is_dir():
                raise ValueError(f"--toetsen {args.toetsen}: geen bestaande map met YAML-gevallen")
            changes = spec_impact(baseline, reform, args.toetsen)
            print(json.dumps(changes, ensure_ascii=False, indent=2, default=str) if args.formaat == "json"
                  else render_spec_impact(changes), end="\n" if args.formaat == "json" else "")
            return 0
        if not args.situation:
            print("Fout: geef een SITUATIE (JSON/YAML) of --toetsen MAP", file=sys.stderr)
            return 2
        result = compare_situation(baseline, reform, _load_situation(args.situation))
    except (AmendmentError, SituationError) as error:
        print("Fout in het amendement:" if isinstance(error, AmendmentError) else "Fout in de situatie:", file=sys.stderr)
        for path, message in error.errors.items():
            print(f"  {path}: {message}", file=sys.stderr)
        return 2
    except (UnknownReformError, OSError, ValueError) as error:
        print(f"Fout: {_text(error)}", file=sys.stderr)
        return 2
    if args.formaat == "json":
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
    """``--hervorming`` names a shipped reform; without ``--amendement`` it is required."""
    from openfisca_llo.reforms import REFORMS

    if name is None and required:
        raise ValueError("geef --hervorming NAAM (zie: openfisca-llo hervormingen) of --amendement BESTAND, of beide "
                         "(het amendement geldt dan op de hervorming)")
    if name is not None and name not in REFORMS:
        raise ValueError(f"--hervorming {name}: onbekende hervorming; kies uit {', '.join(REFORMS)} "
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
        print(f"Fout: {_text(error)}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.formaat == "json" else render_overzicht(result), end="")
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
        print(f"Fout: {_text(error)}", file=sys.stderr)
        return 2
    print(json.dumps(events, ensure_ascii=False, indent=2) if args.formaat == "json" else render_tijdlijn(events), end="")
    return 0


def _progress(args):
    """The progress bar on stderr, drawn from the first second; only on a terminal and without --stil."""
    from openfisca_llo.progress import Progress

    return Progress(enabled=not args.stil and sys.stderr.isatty())


def _population(args) -> int:
    from openfisca_llo.formatting import number
    from openfisca_llo.population import PopulationError, generate, save

    progress = _progress(args)
    try:
        if not args.uitvoer:
            raise ValueError("geef --uitvoer BESTAND (.csv of .parquet), of met --partitie een MAP")
        _check_folder(args.uitvoer, "--uitvoer")  # with --partitie it is the folder made: its parent must exist
        if not args.partitie and Path(args.uitvoer).suffix.lower() not in (".csv", ".parquet", ".pq"):
            raise ValueError(f"--uitvoer {args.uitvoer}: kies een bestand op .csv of .parquet (Parquet vraagt pyarrow)")
        if args.partitie:
            from openfisca_llo.budget import SyntheticSource

            source = SyntheticSource(args.aantal, args.startwaarde, chunk=args.partitie)
            parts = source.chunks(args.stap_jaar)
            folder = Path(args.uitvoer)
            folder.mkdir(parents=True, exist_ok=True)
            progress.start(len(parts), f"deel 1/{len(parts)}")
            for k in parts:
                save(source.load(args.stap_jaar, k, text_ids=True), folder / f"deel-{k:05d}.parquet")
                progress.step(f"deel {min(k + 2, len(parts))}/{len(parts)}")
            progress.close()
            print(f"{folder}: {number(args.aantal)} personen (SYNTHETISCH) in "
                  f"{len(parts)} Parquet-delen van ten hoogste {number(args.partitie)}")
            return 0
        progress.start(2, "personen maken")
        population = generate(args.aantal, args.startwaarde, stap_year=args.stap_jaar)
        progress.step("wegschrijven")
        path = save(population, args.uitvoer)
        progress.step("klaar")
    except (PopulationError, ValueError, OSError) as error:
        progress.close()
        print(f"Fout: {_text(error)}", file=sys.stderr)
        return 2
    progress.close()
    print(f"{path}: {number(len(population))} personen (SYNTHETISCH), {number(len(population.applicants()))} "
          f"STAP-aanvragen in {args.stap_jaar}")
    return 0


def _budget_years(args) -> list[int]:
    years = set(args.jaar or [])
    if args.van is not None or args.tot is not None:
        if args.van is None or args.tot is None:
            raise ValueError("geef --van en --tot samen")
        if args.tot < args.van:
            raise ValueError(f"--tot ({args.tot}) ligt vóór --van ({args.van})")
        years |= set(range(args.van, args.tot + 1))
    from openfisca_llo.budget import FIRST_YEAR, LAST_YEAR, YEARS_TEXT

    if years and (min(years) < FIRST_YEAR or max(years) > LAST_YEAR):
        raise ValueError(f"--jaar, --van en --tot: {YEARS_TEXT}")
    return sorted(years)


def _budget(args) -> int:
    import json

    from openfisca_llo.amendments import AmendmentError, load_amendment_file
    from openfisca_llo.budget import (
        BudgetError,
        FileSource,
        SyntheticSource,
        Variant,
        compute_budget,
        format_report,
        write_outputs,
    )
    from openfisca_llo.compare import UnknownReformError
    from openfisca_llo.population import PopulationError, load

    try:
        if bool(args.populatie) == bool(args.synthetisch):
            raise ValueError("geef --populatie BESTAND of MAP, of --synthetisch AANTAL (niet allebei)")
        if args.populatie and not Path(args.populatie).exists():
            raise ValueError(f"--populatie {args.populatie}: bestand of map bestaat niet")
        variants = []
        for path in args.amendement or []:
            variants.append(Variant.from_amendment(load_amendment_file(path), args.hervorming))
        if not variants and args.hervorming:
            variants.append(Variant(args.hervorming, args.hervorming))
        names = [v.naam for v in variants]
        if len(set(names)) != len(names):
            doubles = ", ".join(sorted({n for n in names if names.count(n) > 1}))
            raise ValueError(f"--amendement: elk amendement heeft een eigen 'naam'; dubbel: {doubles}")
        years = _budget_years(args)
        if args.synthetisch:
            source = SyntheticSource(args.synthetisch, args.startwaarde, chunk=args.deelgrootte, werkgevers_seed=args.startwaarde)
        else:
            source = FileSource(args.populatie, chunk=args.deelgrootte, werkgevers_seed=args.startwaarde)
            if not years and len(source.files()) == 1:
                years = load(source.files()[0]).years()
        progress = _progress(args)
        report = compute_budget(source, variants, years, args.loting_startwaarde, engine=args.rekenwijze,
                                scheduler=args.cluster, workers=args.processen, schemes=args.regeling,
                                progress=progress)
        notes: list[str] = []
        paths = write_outputs(report, args.uitvoer or "budget-uitvoer", notes=notes)
    except UnicodeDecodeError:
        print(f"Fout: --populatie {args.populatie}: geen tekstbestand (UTF-8 CSV) en geen Parquet", file=sys.stderr)
        return 2
    except AmendmentError as error:
        print("Fout in het amendement:", file=sys.stderr)
        for path, message in error.errors.items():
            print(f"  {path}: {message}", file=sys.stderr)
        return 2
    except (UnknownReformError, PopulationError, BudgetError, OSError, ValueError) as error:
        print(f"Fout: {_text(error)}", file=sys.stderr)
        return 2
    if args.formaat == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_report(report), end="")
        for path in paths.values():
            print(f"geschreven: {path}")
    for note in notes:
        print(f"Let op: {note}", file=sys.stderr)
    return 0


def _kalibratie(args) -> int:
    from openfisca_llo.budget import calibration, calibration_rst

    if args.uitvoer:
        _check_folder(args.uitvoer, "--uitvoer")
    text = calibration_rst(calibration(args.aantal, args.startwaarde), args.aantal, args.startwaarde)
    if args.uitvoer:
        Path(args.uitvoer).write_text(text, encoding="utf-8")
        print(f"geschreven: {args.uitvoer}")
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

    MESSAGES = (  # argparse's English phrases (Python 3.11-3.13) -> Dutch
        (r"^argument (-[^:]*): ", r"optie \1: "),
        (r"^argument ([^:]*): ", r"argument \1: "),
        (r"the following arguments are required", "verplicht"),
        (r"invalid choice", "ongeldige keuze"),
        (r"choose from", "kies uit"),
        (r"unrecognized arguments", "onbekende argumenten"),
        (r"expected one argument", "verwacht een waarde"),
        (r"invalid int value: ", "verwacht een geheel getal, kreeg "),
        (r"invalid float value: ", "verwacht een getal, kreeg "),
        (r"ambiguous option: (\S+) could match", r"optie \1 is dubbelzinnig; bedoeld is een van"),
        (r"ignored explicit argument", "onverwachte waarde"),
    )

    def error(self, message: str):
        import re

        self.print_usage(sys.stderr)
        for english, dutch in self.MESSAGES:
            message = re.sub(english, dutch, message)
        for alias in ENGLISH_ALIASES:  # the English command names work but are not offered
            message = message.replace(f", '{alias}'", "")
        self.exit(2, f"Fout: {message}\n")


def _mutatietoets(args) -> int:
    import json

    from openfisca_llo import mutatietoets

    tests = Path(args.toetsen)
    if not tests.is_dir():
        print(f"Fout: --toetsen: map '{tests}' bestaat niet", file=sys.stderr)
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
        print(f"Fout: {_text(error)}", file=sys.stderr)
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
    if args.formaat == "json":
        print(json.dumps(mutatietoets.as_json(result, problems), ensure_ascii=False, indent=2))
    else:
        print(mutatietoets.render_text(result, problems), end="")
    if problems is None:
        return 0
    return 1 if any(problems.values()) else 0


class _EnglishOption(argparse.Action):
    """The English spelling of an option of earlier versions: hidden from --help, it does what the Dutch option does
    and prints a notice (like the English command names) until version 1.0."""

    def __init__(self, option_strings, dest, dutch=None, **kwargs):
        self.dutch = dutch
        super().__init__(option_strings, dest, nargs=dutch.nargs, default=argparse.SUPPRESS, type=dutch.type,
                         choices=dutch.choices, help=argparse.SUPPRESS, metavar=dutch.metavar)

    def __call__(self, parser, namespace, values, option_string=None):
        _notice(option_string, self.dutch.option_strings[0])
        self.dutch(parser, namespace, values, self.dutch.option_strings[0])


def _notice(old: str, new: str) -> None:
    print(f"Let op: '{old}' heet nu '{new}'; de Engelse naam verdwijnt in versie 1.0.", file=sys.stderr)


def _option(parser, dutch: str, english: str | None = None, **kwargs) -> argparse.Action:
    """A Dutch option, with its English spelling of earlier versions as a hidden alias."""
    action = parser.add_argument(dutch, **kwargs)
    if english:
        parser.add_argument(english, action=_EnglishOption, dest=action.dest, dutch=action)
    return action


FORMATS = {"tekst": "tekst", "text": "tekst", "markdown": "markdown", "json": "json"}


def _format(text: str) -> str:
    """An output format; 'text' (earlier versions) is 'tekst', with a notice."""
    if text == "text":
        _notice("text", "tekst")
    return FORMATS.get(text, text)


def _format_option(parser, choices=("tekst", "json")) -> None:
    _option(parser, "--formaat", "--format", type=_format, choices=list(choices), default="tekst",
            help=f"uitvoer: {', '.join(choices[:-1])} of {choices[-1]} (standaard tekst)")


class _JsonFlag(argparse.Action):
    """``mutatietoets --json`` of earlier versions: ``--formaat json``, with a notice."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    def __call__(self, parser, namespace, values, option_string=None):
        _notice(option_string, "--formaat json")
        namespace.formaat = "json"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


def _dutch_help(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """argparse's own texts in Dutch: the section titles and -h/--help."""
    parser._positionals.title = "argumenten"
    parser._optionals.title = "opties"
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The commands and their options. Naming rule (README, 'Command line'): every command and option is a Dutch
    word; the English spellings of earlier versions are hidden aliases with a notice until 1.0. Excepted: `serve`
    and its --host/--port/--workers, which are those of `openfisca serve` and gunicorn (whoever runs a server
    knows them from there)."""
    parser = _dutch_help(_Parser(prog="openfisca-llo", description="Leven lang ontwikkelen als uitvoerbare regels.",
                                 formatter_class=_Formatter, add_help=False))
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}", help="toon de versie en stop")
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT", title="opdrachten")

    def command(name: str, help: str, aliases=()) -> argparse.ArgumentParser:
        return _dutch_help(sub.add_parser(name, aliases=list(aliases), help=help, description=help, add_help=False,
                                          formatter_class=_Formatter))

    serve = command("serve", "start de web-API (OpenFisca plus uitbreidingen)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADRES", help="adres om op te luisteren (standaard 127.0.0.1)")
    serve.add_argument("--port", type=_whole_number(1, 65535), default=5000, metavar="POORT",
                       help="poort (standaard 5000; met make: make serve PORT=5001)")
    serve.add_argument("--workers", type=_whole_number(1, 64), default=2, metavar="AANTAL", help="aantal workers (1-64, standaard 2)")
    serve.set_defaults(handler=_serve)

    citations = command("bronnen", "controleer dat elke parameter en variabele een bron citeert", aliases=["citations"])
    citations.set_defaults(handler=_citations)

    explain = command("uitleg", "verklaar een uitkomst stap voor stap met de bron van elke stap", aliases=["explain"])
    explain.add_argument("situation", metavar="SITUATIE", help="situatie als JSON of YAML (zoals voor /calculate)")
    explain.add_argument("variable", metavar="VARIABELE", help="te verklaren variabele, bijvoorbeeld stap_budget")
    explain.add_argument("period", metavar="PERIODE", help="periode, bijvoorbeeld 2023-05-15")
    _format_option(explain, ("tekst", "markdown", "json"))
    explain.set_defaults(handler=_explain)

    compare = command("vergelijk", "vergelijk het geldende recht met een hervorming of amendement", aliases=["compare"])
    compare.add_argument("situation", nargs="?", metavar="SITUATIE", help="situatie als JSON of YAML (zoals voor /calculate)")
    _option(compare, "--amendement", "--amendment", metavar="BESTAND",
            help="amendement als data (YAML of JSON); met --hervorming: op die hervorming")
    _option(compare, "--hervorming", "--reform", metavar="NAAM",
            help="naam van een meegeleverde hervorming (zie: openfisca-llo hervormingen)")
    _option(compare, "--toetsen", "--tests", metavar="MAP",
            help="map met YAML-gevallen: toon de gevallen waarvan de uitkomst verandert")
    _format_option(compare)
    compare.set_defaults(handler=_compare)

    over = command("overzicht", "alle regelingen voor een persoon of werkgever op een datum, met redenen")
    over.add_argument("situation", metavar="SITUATIE", help="situatie als JSON of YAML; waarden zonder periode gelden op de datum")
    over.add_argument("date", metavar="DATUM", help="datum, bijvoorbeeld 2025-06-01")
    _format_option(over)
    over.set_defaults(handler=_overzicht)

    line = command("tijdlijn", "welke regels en bedragen veranderden tussen twee datums, met bron")
    line.add_argument("start", metavar="VAN", help="van, bijvoorbeeld 2021-01-01")
    line.add_argument("stop", metavar="TOT", help="tot en met, bijvoorbeeld 2025-12-31")
    _format_option(line)
    line.set_defaults(handler=_tijdlijn)

    reforms = command("hervormingen", "de meegeleverde hervormingen en amendementen, met hun naam voor --hervorming")
    _format_option(reforms)
    reforms.set_defaults(handler=_hervormingen)

    population = command("populatie", "maak een synthetische populatie (CSV, of Parquet met pyarrow)",
                         aliases=["population"])
    _option(population, "--aantal", "--size", type=_whole_number(1, 100_000_000), default=100_000, metavar="AANTAL",
            help="aantal personen (standaard 100000)")
    _option(population, "--startwaarde", "--seed", type=int, default=0, metavar="GETAL",
            help="startwaarde van de toevalsgenerator (standaard 0)")
    population.add_argument("--stap-jaar", type=_whole_number(1900, 2100), default=2023, metavar="JAAR",
                            help="jaar van de STAP-aanvragen (standaard 2023)")
    _option(population, "--uitvoer", "--out", metavar="BESTAND",
            help="verplicht: bestand .csv, of .parquet (vraagt pyarrow); met --partitie: een map")
    population.add_argument("--partitie", type=_whole_number(1, 100_000_000), metavar="AANTAL",
                            help="schrijf Parquet-delen van dit aantal personen in de map --uitvoer")
    population.add_argument("--stil", action="store_true", help="geen voortgangsbalk")
    population.set_defaults(handler=_population)

    budget = command("budget", "kosten per regeling en jaar van de wet en van hervormingen of amendementen op een populatie")
    _option(budget, "--hervorming", "--reform", metavar="NAAM",
            help="naam van een meegeleverde hervorming (zie: openfisca-llo hervormingen); met --amendement: "
                 "de amendementen gelden op deze hervorming")
    _option(budget, "--amendement", "--amendment", action="append", metavar="BESTAND",
            help="amendement als data (YAML/JSON), herhaalbaar: elk bestand is een variant")
    _option(budget, "--populatie", "--population", metavar="PAD",
            help="populatie: CSV- of Parquet-bestand, of een map met Parquet-delen")
    budget.add_argument("--synthetisch", type=_whole_number(1, 100_000_000), metavar="AANTAL",
                        help="in plaats van --populatie: een synthetische populatie van dit aantal personen, per deel gemaakt")
    _option(budget, "--startwaarde", "--seed", type=int, default=0, metavar="GETAL",
            help="startwaarde van de synthetische personen en werkgevers (standaard 0)")
    budget.add_argument("--van", type=_whole_number(1900, 2100), metavar="JAAR", help="eerste jaar (met --tot), bijvoorbeeld 2020")
    budget.add_argument("--tot", type=_whole_number(1900, 2100), metavar="JAAR", help="laatste jaar, tot en met (met --van), bijvoorbeeld 2031")
    _option(budget, "--jaar", "--year", type=_whole_number(1900, 2100), action="append", metavar="JAAR", help="een los jaar (herhaalbaar)")
    budget.add_argument("--regeling", action="append", metavar="NAAM", help="alleen deze regeling(en) (herhaalbaar); standaard alle")
    _option(budget, "--loting-startwaarde", "--loting-seed", type=int, default=20200302, metavar="GETAL",
            help="startwaarde van de loting (standaard 20200302)")
    _option(budget, "--rekenwijze", "--engine", choices=["proces", "dask"], default="proces",
            help="proces (standaard, in dit proces) of dask (op een dask.distributed-cluster)")
    _option(budget, "--cluster", "--scheduler", metavar="ADRES",
            help="adres van een Dask-scheduler (tcp://host:8786); zonder: een lokaal cluster")
    _option(budget, "--processen", "--workers", type=_whole_number(1, 64), default=2, metavar="AANTAL",
            help="processen van het lokale Dask-cluster (standaard 2)")
    _option(budget, "--deelgrootte", "--chunk", type=_whole_number(1, 100_000_000), default=250_000, metavar="AANTAL",
            help="personen per deel (standaard 250000)")
    _option(budget, "--uitvoer", "--out", metavar="MAP", help="map voor CSV, JSON, Parquet en PNG (standaard budget-uitvoer)")
    _format_option(budget)
    _option(budget, "--stil", "--quiet", action="store_true", help="geen voortgangsbalk")
    budget.set_defaults(handler=_budget)

    kalibratie = command("kalibratie", "het geldende recht op een synthetische populatie naast de cijfers uit de bronnen")
    _option(kalibratie, "--aantal", "--size", type=_whole_number(1, 100_000_000), default=100_000, metavar="AANTAL",
            help="personen per populatie (standaard 100000)")
    _option(kalibratie, "--startwaarde", "--seed", type=int, default=2022, metavar="GETAL", help="startwaarde (standaard 2022)")
    _option(kalibratie, "--uitvoer", "--out", metavar="BESTAND", help="schrijf de tabel (reStructuredText) naar dit bestand")
    kalibratie.set_defaults(handler=_kalibratie)

    toets = command("mutatietoets",
                    "welke dagwaarden, datums en formulevoorwaarden door een YAML-geval worden vastgepind (mutatietoets)")
    _option(toets, "--toetsen", "--tests", default="tests", metavar="MAP", help="map met YAML-gevallen (standaard tests)")
    toets.add_argument("--regeling", action="append", metavar="NAAM", help="alleen deze regeling of hervorming (herhaalbaar)")
    toets.add_argument("--soort", action="append", metavar="SOORT", help="alleen deze soort mutatie (herhaalbaar)")
    toets.add_argument("--overlevers", metavar="BESTAND", help="verklaarde overlevers (standaard mutatie_overlevers.yaml naast de map --toetsen)")
    _format_option(toets)
    toets.add_argument("--json", action=_JsonFlag)
    toets.add_argument("--vastgepind", metavar="BESTAND", help="schrijf per parameterwaarde de gevallen die haar vastpinnen (JSON, voor de docs)")
    toets.set_defaults(handler=_mutatietoets)
    for choice in sub._choices_actions:  # the English aliases work but are not listed (like the English options)
        choice.metavar = choice.dest = choice.metavar.split(" (")[0]
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
    except BrokenPipeError:  # the reader stopped (| head): no message, and none at exit either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except LimitExceeded as error:
        print(f"Fout: te groot: {error}", file=sys.stderr)
    except (ParameterNotFoundError, ValueError, OSError) as error:
        print(f"Fout: {_text(error)}", file=sys.stderr)
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
