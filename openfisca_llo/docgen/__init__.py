"""Reference documentation generated from the rules, so it is never out of date.

``write_reference`` writes reStructuredText pages into a folder (``docs/reference/`` at build time, from the
Sphinx ``builder-inited`` hook in ``docs/conf.py``). Everything comes from the tax-benefit system, the source
registry (``sources.yaml``), the YAML test cases and the ``reforms/`` folder; nothing is written per instrument
except the title of each top-level folder (``openfisca_llo.regelingen.MAPPEN``, with a fallback for folders not
listed).

* one page per instrument (the top-level folder of a parameter's name / of a variable's file in
  ``variables/<folder>/``) with every parameter (dated values, their citations and verification, a step chart
  as inline SVG) and every variable (entity, period, type, formula docstrings, what it uses and what uses it,
  found by static analysis of the formula source, its citations and the YAML cases that cover it);
* one page with every source in the registry and everything that cites it;
* one page with the reforms found in ``reforms/``;
* a fragment listing what the model does not cover ('Niet gemodelleerd:' in docstrings, secondary values,
  unverified locators, empty periods, registry notes).

One concern per module:

=================  ==================================================================================
``build``          the entry point ``write_reference``: every page, the manifest, stale pages removed
``model``          ``build_model``: everything the pages need, collected once
``names``          page (group) of a parameter or variable, group titles, Sphinx labels
``analysis``       static analysis of formulas: the variables and parameters they use
``yaml_cases``     the YAML test cases and the variables and sources they name
``reform_files``   the reforms in ``reforms/``
``examples``       the explanation examples (``docs/examples/uitleg_*.json``)
``rst``            reStructuredText building blocks
``cite``           a citation in reStructuredText
``labels``         Dutch labels of units, periods and value types; a value as shown
``step_chart``     the step chart of dated values (SVG), also used by the werkbank
``scheme_page``    the page of one scheme: its parameters and variables
``sources_page``   the page of the source registry
``reforms_page``   the page of the reforms
``index_page``     the index of the reference
``not_modelled``   the fragment of what the model does not cover
=================  ==================================================================================
"""

from openfisca_llo.docgen.analysis import analyse_function, formula_dependencies
from openfisca_llo.docgen.build import write_reference
from openfisca_llo.docgen.labels import PERIOD_LABELS, VALUE_TYPE_LABELS
from openfisca_llo.docgen.model import build_model
from openfisca_llo.docgen.names import (
    anchor,
    documented_parameters,
    group_title,
    html_id,
    parameter_group,
    variable_group,
)
from openfisca_llo.docgen.not_modelled import UNVERIFIED_STATUSES, not_modelled_items
from openfisca_llo.docgen.reform_files import collect_reforms
from openfisca_llo.docgen.reforms_page import render_reforms
from openfisca_llo.docgen.rst import esc, heading, link, param_ref, ref, var_ref
from openfisca_llo.docgen.scheme_page import pinned_cell
from openfisca_llo.docgen.step_chart import step_chart_svg
from openfisca_llo.docgen.yaml_cases import collect_test_cases

__all__ = [
    "PERIOD_LABELS",
    "UNVERIFIED_STATUSES",
    "VALUE_TYPE_LABELS",
    "analyse_function",
    "anchor",
    "build_model",
    "collect_reforms",
    "collect_test_cases",
    "documented_parameters",
    "esc",
    "formula_dependencies",
    "group_title",
    "heading",
    "html_id",
    "link",
    "not_modelled_items",
    "param_ref",
    "parameter_group",
    "pinned_cell",
    "ref",
    "render_reforms",
    "step_chart_svg",
    "var_ref",
    "variable_group",
    "write_reference",
]
