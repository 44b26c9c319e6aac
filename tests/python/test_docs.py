"""The documentation: built from the rules with zero warnings, complete, and with examples that run.

* the Sphinx build (warnings are errors) has an anchor for every parameter, variable, source and reform;
* the static analysis of formulas finds what a real calculation uses (checked against traced explanations);
* the step charts, the YAML-case index, the reform listing and the 'not modelled' page are generic;
* the curl examples of the web API guide run against a real server; the YAML example of the guide passes
  ``openfisca test``; the amendment example names existing parameters and valid sources.
"""

import ast
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from openfisca_llo import docgen
from openfisca_llo.checks import leaf_parameters
from openfisca_llo.citations import load_registry
from openfisca_llo.explain import explain

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
BIN = Path(sys.executable).parent


# ---- the build -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs")
    result = subprocess.run(
        [str(BIN / "sphinx-build"), "-W", "--keep-going", "-q", "-b", "html", "-d", str(out / "doctrees"),
         str(DOCS), str(out / "html")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out / "html"


@pytest.fixture(scope="module")
def html_ids(built_site):
    ids = {}
    for page in built_site.rglob("*.html"):
        for found in re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")):
            ids.setdefault(found, page.relative_to(built_site).as_posix())
    return ids


def expected_parameters(tax_benefit_system):
    names = {p.name for p in leaf_parameters(tax_benefit_system.parameters)}
    return names | {p.name for p in docgen.documented_parameters(tax_benefit_system.parameters)}


def test_every_parameter_has_a_section(tax_benefit_system, html_ids):
    names = expected_parameters(tax_benefit_system)
    assert names
    missing = [n for n in names if docgen.html_id(docgen.anchor("param", n)) not in html_ids]
    assert not missing
    pages = {html_ids[docgen.html_id(docgen.anchor("param", n))] for n in names}
    assert pages == {f"reference/{docgen.parameter_group(n)}.html" for n in names}
    assert len([i for i in html_ids if i.startswith("param-")]) == len(names)


def test_every_variable_has_a_section_on_its_instrument_page(tax_benefit_system, html_ids):
    variables = tax_benefit_system.variables
    assert variables
    for name, variable in variables.items():
        label = docgen.html_id(docgen.anchor("var", name))
        assert label in html_ids, name
        assert html_ids[label] == f"reference/{docgen.variable_group(variable)}.html"
    assert len([i for i in html_ids if i.startswith("var-")]) == len(variables)


def test_every_source_has_a_section(html_ids):
    registry = load_registry()
    for source_id in registry:
        assert html_ids.get(docgen.html_id(docgen.anchor("bron", source_id))) == "reference/bronnen.html", source_id
    assert len([i for i in html_ids if i.startswith("bron-")]) == len(registry)


def test_every_reform_has_a_section(built_site, html_ids):
    reforms = docgen.collect_reforms()
    for reform in reforms:
        assert html_ids.get(docgen.html_id(docgen.anchor("hervorming", reform.name))) == "reference/hervormingen.html"
    assert len([i for i in html_ids if i.startswith("hervorming-")]) == len(reforms)
    page = (built_site / "reference" / "hervormingen.html").read_text(encoding="utf-8")
    if not reforms:
        assert "Er zijn nog geen hervormingen" in page


def test_guides_and_generated_pages_are_in_the_site(built_site):
    for page in ("index", "beperkingen", "reference/index", "reference/bronnen", "reference/hervormingen",
                 "handleidingen/uitleg_lezen", "handleidingen/yaml_test", "handleidingen/amendement",
                 "handleidingen/web_api"):
        assert (built_site / f"{page}.html").exists(), page
    guide = (built_site / "handleidingen" / "uitleg_lezen.html").read_text(encoding="utf-8")
    assert "Uitkomst: EUR 1.000,00" in guide  # the explanation was computed at build time
    assert "Redenen van afwijzing" in guide


def test_parameter_pages_have_citations_and_charts(tax_benefit_system, built_site):
    for name in expected_parameters(tax_benefit_system):
        page = (built_site / "reference" / f"{docgen.parameter_group(name)}.html").read_text(encoding="utf-8")
        section = page.split(f'id="{docgen.html_id(docgen.anchor("param", name))}"', 1)[1]
        section = re.split(r'id="(?:param|var)-', section, maxsplit=1)[0]
        assert "https://" in section, name  # a link to the official text
    numeric = [
        p for p in leaf_parameters(tax_benefit_system.parameters)
        if any(isinstance(v.value, (bool, int, float)) for v in p.values_list)
        and all(v.value is None or isinstance(v.value, (bool, int, float)) for v in p.values_list)
    ]
    charts = sum(page.read_text(encoding="utf-8").count('class="llo-stapgrafiek"')
                 for page in (built_site / "reference").glob("*.html"))
    assert charts == len(numeric)


# ---- generator units -----------------------------------------------------------------------------------------

FORMULA = '''
def helper(params, when):
    return params(when).algemeen.grens

def formula(huishouden, period, parameters):
    p = parameters(period).regeling
    q = p.tijdvak
    a = huishouden("inkomen", period) + huishouden.members("leeftijd", period)
    b = p.bedrag * q.open + parameters(period).regeling.schaal["drempel"]
    c = helper(parameters, period) + np.where(huishouden("niet_bestaand", period), 1, 0)
    return np.maximum("inkomen", 0) + a + b + c
'''


def test_static_analysis_of_a_formula():
    tree = ast.parse(FORMULA)
    helpers = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    uses = docgen.analyse_function(helpers["formula"], {"huishouden"}, {"parameters"}, {"inkomen", "leeftijd"}, helpers)
    assert uses.variables == {"inkomen", "leeftijd"}
    assert uses.parameter_paths == {
        ("regeling", "bedrag"),
        ("regeling", "tijdvak", "open"),
        ("regeling", "schaal", "drempel"),
        ("algemeen", "grens"),
    }


def _trace_pairs(node, pairs):
    for parameter in node.get("parameters", []):
        pairs.add((node["variabele"], "param", parameter["parameter"]))
    for child in node.get("stappen", []):
        pairs.add((node["variabele"], "var", child["variabele"]))
        _trace_pairs(child, pairs)
    return pairs


EXPLAINED = sorted(EXAMPLES.glob("uitleg_*.json")) + sorted((ROOT / "tests" / "golden").glob("*.json"))


@pytest.mark.parametrize("case", EXPLAINED, ids=[c.stem for c in EXPLAINED])
def test_static_dependencies_cover_a_real_calculation(tax_benefit_system, case):
    """Whatever a traced calculation used, the static analysis has found too."""
    spec = json.loads(case.read_text(encoding="utf-8"))
    tree = explain(tax_benefit_system, spec["situation"], spec["variable"], spec["period"])["berekening"]
    model = docgen.build_model(tax_benefit_system)
    for user, kind, used in _trace_pairs(tree, set()):
        found = model.uses_variables[user] if kind == "var" else model.uses_parameters[user]
        assert used in found, f"{user} gebruikt {used}, niet gevonden door de statische analyse"


def test_step_chart_skips_null_gaps_and_is_valid_svg():
    svg = docgen.step_chart_svg(
        [("2022-01-01", None), ("2023-03-17", 34000000), ("2023-07-03", 20000000), ("2024-01-01", None),
         ("2025-01-01", 5)],
        "currency-EUR",
        "x",
    )
    root = ET.fromstring(svg)
    paths = root.findall("{http://www.w3.org/2000/svg}path")
    assert len(paths) == 2  # two runs of values, split by the null
    assert len(root.findall("{http://www.w3.org/2000/svg}circle")) == 3
    assert "EUR 34.000.000" in svg
    boolean = docgen.step_chart_svg([("2000-01-01", False), ("2022-01-01", True), ("2027-01-01", False)], "bool")
    assert ">ja<" in boolean and ">nee<" in boolean and "sinds 2000-01-01" in boolean
    assert docgen.step_chart_svg([("2022-01-01", "tekst")]) is None
    assert docgen.step_chart_svg([("2022-01-01", None)]) is None


def test_yaml_cases_are_indexed_per_variable(tax_benefit_system):
    cases = docgen.collect_test_cases(ROOT / "tests", tax_benefit_system.variables)
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("*.yaml")}
    assert {c.file for c in cases} == files
    for path in (ROOT / "tests").rglob("*.yaml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        assert len([c for c in cases if c.file == path.relative_to(ROOT).as_posix()]) == len(raw)
        for case, found in zip(raw, [c for c in cases if c.file == path.relative_to(ROOT).as_posix()], strict=True):
            assert docgen.yaml_cases.variable_keys(case["output"], tax_benefit_system.variables) <= found.variables
    nested = {"personen": {"anna": {"leeftijd": {"2023": 1}}}}
    assert docgen.yaml_cases.variable_keys(nested, tax_benefit_system.variables) == {"leeftijd"}


def test_reforms_are_listed_generically(tmp_path, tax_benefit_system):
    (tmp_path / "__init__.py").write_text('"""Package."""\n')
    (tmp_path / "verhoging.py").write_text(
        '"""Verhoging van het maximum."""\nfrom openfisca_core.reforms import Reform\n\n'
        'class verhoging(Reform):\n    """Zet het maximum op 1500."""\n\n    def apply(self):\n        pass\n'
    )
    (tmp_path / "amendement.yaml").write_text("beschrijving: Een amendement als data.\nparameters: {}\n")
    reforms = docgen.collect_reforms(tmp_path)
    assert [(r.name, r.kind) for r in reforms] == [("amendement", "yaml"), ("verhoging", "python")]
    assert reforms[1].description == "Verhoging van het maximum." and reforms[1].classes == [("verhoging", "Zet het maximum op 1500.")]
    model = docgen.build_model(tax_benefit_system, reforms_folder=tmp_path)
    page = docgen.render_reforms(model)
    assert ".. _hervorming-verhoging:" in page and ".. _hervorming-amendement:" in page
    empty = tmp_path / "leeg"
    empty.mkdir()
    assert "geen hervormingen" in docgen.render_reforms(docgen.build_model(tax_benefit_system, reforms_folder=empty))


def test_not_modelled_lists_every_docstring_note(tax_benefit_system):
    model = docgen.build_model(tax_benefit_system)
    items = docgen.not_modelled_items(model)
    notes = [
        name
        for name, variable in tax_benefit_system.variables.items()
        for function in variable.formulas.values()
        if "niet gemodelleerd:" in (function.__doc__ or "").lower()
    ]
    for name in notes:
        assert any(docgen.anchor("var", name) + ">" in item for item in items["niet_gemodelleerd"]), name
    secondary = {
        p.name for p in leaf_parameters(tax_benefit_system.parameters)
        if p.metadata.get("verificatie") in docgen.UNVERIFIED_STATUSES
        or any(v.metadata.get("verificatie") in docgen.UNVERIFIED_STATUSES for v in p.values_list)
    }
    assert len(items["secundair"]) == len(secondary)
    assert len(items["register"]) == len([s for s in load_registry().values() if s.note])


def test_group_titles_have_a_fallback():
    assert docgen.group_title("stap") == "STAP-budget"
    assert docgen.group_title("nieuwe_regeling") == "Nieuwe regeling"


# ---- the examples in the guides run --------------------------------------------------------------------------

SCRIPTS = sorted(EXAMPLES.glob("*.sh"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "openfisca-llo"), "serve", "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/spec", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError, OSError):
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()) from None
            if time.time() > deadline:
                process.kill()
                raise RuntimeError("server did not start in 60 s") from None
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_there_are_curl_examples_and_each_is_in_a_guide():
    assert len(SCRIPTS) >= 4
    guides = "".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.rst") if "reference" not in p.parts)
    for script in SCRIPTS:
        assert f"examples/{script.name}" in guides, f"{script.name} staat in geen handleiding"
        assert "# verwacht:" in script.read_text(encoding="utf-8"), script.name


@pytest.mark.skipif(shutil.which("curl") is None or shutil.which("bash") is None, reason="curl and bash needed")
@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_curl_example_runs_against_the_api(server, script):
    expected = re.findall(r"^# verwacht: (.+)$", script.read_text(encoding="utf-8"), re.MULTILINE)
    result = subprocess.run(
        ["bash", str(script)], cwd=ROOT, env={**os.environ, "BASE": server},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for text in expected:
        assert text in result.stdout, f"{script.name}: '{text}' niet in de uitvoer:\n{result.stdout[:2000]}"


def test_yaml_example_of_the_guide_passes():
    example = EXAMPLES / "yaml_test_voorbeeld.yaml"
    cases = yaml.safe_load(example.read_text(encoding="utf-8"))
    assert cases and all(any(k.startswith("bron:") for k in c["keywords"]) for c in cases)
    result = subprocess.run(
        [str(BIN / "openfisca"), "test", "--country-package", "openfisca_llo", str(example)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_amendment_example_is_a_valid_amendment_that_changes_the_budget(tax_benefit_system):
    from openfisca_llo.amendments import load_amendment_file, reformed_system

    reform = reformed_system(tax_benefit_system, load_amendment_file(EXAMPLES / "amendement_voorbeeld.yaml"))
    assert reform.parameters("2024-06-01").stap.maximum_per_kalenderjaar == 1500
    assert tax_benefit_system.parameters("2024-06-01").stap.maximum_per_kalenderjaar == 1000


# ---- the article register (issue 13, point 7) ---------------------------------------------------------------


def test_articles_sort_in_legal_order():
    from openfisca_llo.artikelregister import legal_order

    numbers = ["10", "2.3a", "3.16b", "2", "II", "I", "2.3", "1.2"]
    assert sorted(numbers, key=legal_order) == ["I", "II", "1.2", "2", "2.3", "2.3a", "3.16b", "10"]


def test_article_register_links_both_ways(built_site, html_ids):
    from openfisca_llo import CountryTaxBenefitSystem
    from openfisca_llo.artikelregister import anchors, citation_anchor, collect
    from openfisca_llo.citations import parse_reference

    tax_benefit_system = CountryTaxBenefitSystem()
    model = docgen.build_model(tax_benefit_system, ROOT / "tests")
    register = collect(model.parameters, model.variables, model.test_cases)
    labels = anchors(register)
    page = (built_site / "reference" / "artikelregister.html").read_text(encoding="utf-8")
    for label in labels:  # every entry is on the register page
        assert f'id="{docgen.html_id(label)}"' in page, label
    # STAP art. 5: the entry lists the age parameter, the reason variable and a YAML case, and links to them.
    art5 = citation_anchor(parse_reference("https://wetten.overheid.nl/jci1.3:c:BWBR0045419&artikel=5&lid=2"))
    items = {(i.kind, i.name) for i in register["BWBR0045419"][("artikel", "5")]}
    assert ("parameter", "stap.minimumleeftijd") in items
    assert ("reden", "stap_afwijzingsgrond#aow_leeftijd_bereikt") in items
    assert any(kind == "geval" for kind, _ in items)
    entry = page[page.index(f'id="{docgen.html_id(art5)}"'):]
    entry = entry[: entry.index('<section id=') if '<section id=' in entry else len(entry)]
    assert f'#{docgen.html_id(docgen.anchor("param", "stap.minimumleeftijd"))}"' in entry
    # ... and back: the parameter's section links to that entry.
    stap_page = (built_site / "reference" / "stap.html").read_text(encoding="utf-8")
    assert f'artikelregister.html#{docgen.html_id(art5)}"' in stap_page
