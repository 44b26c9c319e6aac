"""CLI part of issue #14: every bad input is one `Fout:` line and a non-zero exit, never a traceback; input
files are read within fixed bounds (a YAML alias bomb is refused at once); the /compare reform cache is bounded.
"""

import json
import time

import pytest

from openfisca_llo import CountryTaxBenefitSystem, amendments
from openfisca_llo.cli import main

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "syntax.yaml").write_text("personen: {a: {b: 1}\n")
    (tmp_path / "python.yaml").write_text('!!python/object/apply:os.system ["echo hi"]\n')
    (tmp_path / "deep.json").write_text("[" * 100_000)
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "null.yaml").write_text("null\n")
    (tmp_path / "list.yaml").write_text("[1]\n")
    (tmp_path / "string.yaml").write_text('"x"\n')
    (tmp_path / "lol.yaml").write_text(BILLION_LAUGHS)
    (tmp_path / "ok.json").write_text(json.dumps({"personen": {"a": {"stap_budget": {"2023-05-15": None}}}}))
    (tmp_path / "binary.csv").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "pytests").mkdir()
    (tmp_path / "pytests" / "evil.yaml").write_text('- !!python/object/apply:os.system ["echo hi"]\n')
    return tmp_path


CASES = [
    ("situation with a YAML syntax error", ["explain", "{d}/syntax.yaml", "stap_budget", "2023-05-15"], "geen geldige YAML"),
    ("situation with a !!python tag", ["explain", "{d}/python.yaml", "stap_budget", "2023-05-15"], "YAML-tag"),
    ("deeply nested JSON situation", ["explain", "{d}/deep.json", "stap_budget", "2023-05-15"], "nesting"),
    ("deeply nested JSON amendment", ["compare", "{d}/ok.json", "--amendement", "{d}/deep.json"], "nesting"),
    ("overzicht on an empty file", ["overzicht", "{d}/empty.yaml", "2025-01-01"], "verwacht een object"),
    ("overzicht on null", ["overzicht", "{d}/null.yaml", "2025-01-01"], "verwacht een object"),
    ("overzicht on a list", ["overzicht", "{d}/list.yaml", "2025-01-01"], "verwacht een object"),
    ("overzicht on a string", ["overzicht", "{d}/string.yaml", "2025-01-01"], "verwacht een object"),
    ("overzicht on 1900-01-01", ["overzicht", "{d}/ok.json", "1900-01-01"], "geen waarde voor parameter"),
    ("budget on a binary file", ["budget", "--hervorming", "stap_voortgezet", "--populatie", "{d}/binary.csv"], "geen tekstbestand"),
    ("budget --jaar 99999", ["budget", "--hervorming", "stap_voortgezet", "--populatie", "{d}/binary.csv", "--jaar", "99999"], "--jaar"),
    ("kalibratie --aantal 0", ["kalibratie", "--aantal", "0"], "--aantal"),
    ("kalibratie --aantal -1", ["kalibratie", "--aantal", "-1"], "--aantal"),
    ("kalibratie --uitvoer into a missing folder", ["kalibratie", "--aantal", "10", "--uitvoer", "{d}/missing/k.rst"], "bestaat niet"),
    ("serve --port 99999", ["serve", "--port", "99999"], "--port"),
    ("serve --port -1", ["serve", "--port", "-1"], "--port"),
    ("serve --workers 0", ["serve", "--workers", "0"], "--workers"),
    ("compare --toetsen with a !!python file", ["compare", "--hervorming", "stap_voortgezet", "--toetsen", "{d}/pytests"], "YAML-tag"),
    ("compare --toetsen /nonexistent", ["compare", "--hervorming", "stap_voortgezet", "--toetsen", "/nonexistent"], "geen bestaande map"),
    ("population --uitvoer into a missing folder", ["population", "--aantal", "10", "--uitvoer", "{d}/missing/p.csv"], "bestaat niet"),
    ("billion laughs situation", ["explain", "{d}/lol.yaml", "stap_budget", "2023-05-15"], "OPENFISCA_LLO_MAX_YAML_VALUES"),
    ("billion laughs amendment", ["compare", "{d}/ok.json", "--amendement", "{d}/lol.yaml"], "OPENFISCA_LLO_MAX_YAML_VALUES"),
]


@pytest.mark.parametrize(("name", "argv", "fragment"), CASES, ids=[case[0] for case in CASES])
def test_cli_errors_are_one_fout_line_and_a_non_zero_exit(files, capsys, name, argv, fragment):
    argv = [arg.format(d=files) for arg in argv]
    started = time.monotonic()
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse
        code = exit_.code
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert code not in (0, None), err
    assert "Fout" in err and fragment in err, err
    assert "Traceback" not in err
    if "laughs" in name:
        assert elapsed < 10, f"alias bomb refused only after {elapsed:.1f} s"
    assert not (files / "missing").exists()


def test_the_reform_cache_keeps_the_most_recently_used(monkeypatch):
    monkeypatch.setenv("OPENFISCA_LLO_REFORM_CACHE", "2")
    monkeypatch.setattr(amendments, "_CACHE", type(amendments._CACHE)())
    baseline = CountryTaxBenefitSystem()

    def amendment(value):
        return {"naam": f"a{value}", "bronnen": [{"bron": "kst-30012-158", "paragraaf": "2"}],
                "wijzigingen": {"stap.maximum_per_kalenderjaar": {"2024-01-01": value}}}

    first = amendments.reformed_system(baseline, amendment(1))
    amendments.reformed_system(baseline, amendment(2))
    assert amendments.reformed_system(baseline, amendment(1)) is first  # a hit moves it to the end
    amendments.reformed_system(baseline, amendment(3))  # evicts a2, the least recently used
    assert len(amendments._CACHE) == 2
    assert amendments.reformed_system(baseline, amendment(1)) is first
    names = [system.name for system in amendments._CACHE.values()]
    assert names == ["a3", "a1"]


def test_every_limit_is_documented_in_the_readme_with_its_default():
    from pathlib import Path

    from openfisca_llo import limits

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for limit in limits.ALL:
        assert f"| `{limit.name}` | {limit.default:,} |" in readme, limit.name


def test_a_request_over_the_compute_deadline_is_a_json_503(monkeypatch):
    """`serve` arms a per-request SIGALRM: a request computing past OPENFISCA_LLO_REQUEST_SECONDS is answered
    with a JSON 503 naming the limit, before gunicorn's worker timeout would kill the worker mid-answer."""
    import signal

    from openfisca_llo import web

    monkeypatch.setenv("OPENFISCA_LLO_REQUEST_SECONDS", "1")
    previous = signal.getsignal(signal.SIGALRM)
    try:
        app = web.create_app(deadline=True)

        def busy():
            web.read_json_body()
            while True:  # computing without end, as a runaway request would
                sum(range(1000))

        app.add_url_rule("/_busy", "busy", busy, methods=["POST"])
        started = time.monotonic()
        response = app.test_client().post("/_busy", json={"personen": {"a": {}}})
        assert response.status_code == 503 and response.is_json
        assert "OPENFISCA_LLO_REQUEST_SECONDS" in response.get_json()["error"]
        assert time.monotonic() - started < 10
        assert app.test_client().get("/spec").status_code == 200  # disarmed after the answer
        time.sleep(1.2)  # no stray alarm left
    finally:
        web.Deadline.disarm()
        web.Deadline.enabled = False
        signal.signal(signal.SIGALRM, previous)


def test_every_parameter_declares_a_domain_that_holds_its_values():
    from openfisca_core.parameters import Parameter

    from openfisca_llo.checks import CitationReport, check_domain

    def problems(metadata, value):
        report = CitationReport()
        check_domain(report, Parameter("x", {"metadata": metadata, "values": {"2022-01-01": {"value": value}}}))
        return report.problems

    assert problems({"unit": "currency-EUR"}, 1000) == []
    assert "geen domein" in problems({}, 1000)[0]
    assert "0 tot en met 1" in problems({"unit": "/1"}, 5)[0]  # a share above 1
    assert problems({"unit": "/1", "domein": {"minimum": 0, "maximum": 100}}, 5) == []  # a declared multiple
    assert "geen bestaande datum" in problems({"unit": "date-yyyymmdd"}, 20250230)[0]
