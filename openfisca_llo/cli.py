"""Command line: `openfisca-llo serve | citations`."""

from __future__ import annotations

import argparse
import sys


def _serve(args) -> int:
    from openfisca_llo.web import serve

    serve(host=args.host, port=args.port, workers=args.workers)
    return 0


def _citations(args) -> int:
    from openfisca_llo import CountryTaxBenefitSystem
    from openfisca_llo.checks import check_tax_benefit_system

    report = check_tax_benefit_system(CountryTaxBenefitSystem())
    print(report.summary())
    return 1 if report.problems else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="openfisca-llo", description="Leven lang ontwikkelen als uitvoerbare regels.")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="start de web-API (OpenFisca plus uitbreidingen)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.add_argument("--workers", type=int, default=2)
    serve.set_defaults(handler=_serve)

    citations = sub.add_parser("citations", help="controleer dat elke parameter en variabele een bron citeert")
    citations.set_defaults(handler=_citations)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
