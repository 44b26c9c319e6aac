"""What the ecosystem's own tools show (issue 13, point 6): the Legislation Explorer and /parameter read a
parameter's `documentation`; generic tools read `metadata.reference`; "Edit" links point to this repository."""

import re
from pathlib import Path

from openfisca_web_api.loader.parameters import build_parameters
from openfisca_web_api.loader.variables import build_variables

from openfisca_llo.checks import leaf_parameters
from openfisca_llo.citations import parameter_citations
from openfisca_llo.formatting import date as datum_nl

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def test_every_parameter_page_states_its_legal_basis_per_dated_value(tax_benefit_system):
    for parameter in leaf_parameters(tax_benefit_system.parameters):
        text = parameter.documentation or ""
        assert text.count("Wettelijke grondslag per waarde") == 1, parameter.name
        for value in parameter.values_list:
            assert f"Vanaf {datum_nl(value.instant_str)} " in text, (parameter.name, value.instant_str)
            for citation in parameter_citations(value.metadata, on=value.instant_str):
                assert citation.url in text, (parameter.name, value.instant_str, citation.url)
                assert (citation.source.kort or citation.source.title) in text


def test_metadata_reference_is_derived_from_bronnen(tax_benefit_system):
    for parameter in leaf_parameters(tax_benefit_system.parameters):
        assert parameter.metadata["reference"] == [c.url for c in parameter_citations(parameter.metadata)]
        for value in parameter.values_list:
            expected = [c.url for c in parameter_citations(value.metadata, on=value.instant_str)]
            assert value.metadata["reference"] == expected and expected, (parameter.name, value.instant_str)


def _relative_paths(urls, metadata):
    prefix = f"{metadata['repository_url']}/blob/{metadata['version']}/"
    for url in urls:
        assert url.startswith(prefix), url
        yield re.sub(r"#L\d+-L\d+$", "", url[len(prefix):])


def test_edit_links_point_to_files_that_exist_in_this_repository(tax_benefit_system):
    metadata = tax_benefit_system.get_package_metadata()
    assert metadata["repository_url"].startswith("https://github.com/")
    parameters = build_parameters(tax_benefit_system, metadata)
    variables = build_variables(tax_benefit_system, metadata)
    parameter_urls = [p["source"] for p in parameters.values() if "source" in p]
    variable_urls = [v["source"] for v in variables.values() if "source" in v]
    variable_urls += [f["source"] for v in variables.values() for f in (v.get("formulas") or {}).values() if f]
    assert len(parameter_urls) >= len(list(leaf_parameters(tax_benefit_system.parameters)))
    assert len(variable_urls) >= len(tax_benefit_system.variables)
    for path in _relative_paths(parameter_urls + variable_urls, metadata):
        assert path.startswith(("parameters/", "variables/")), path
        assert (REPOSITORY_ROOT / path).exists(), path  # a file, or the folder of a parameter node
