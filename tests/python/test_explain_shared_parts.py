"""/explain hands the cached parts of an explanation to the encoder without copying them (``fresh=False``): the
answer is byte for byte the one built from copies, for every example, and answering does not change the caches."""

import copy
import json
from pathlib import Path

import pytest

from openfisca_llo import CountryTaxBenefitSystem, handlers
from openfisca_llo.explain import explain, render_text
from openfisca_llo.json_values import json_bytes
from openfisca_llo.situations import SituationError, build_simulation

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
TBS = CountryTaxBenefitSystem()


def asked(situation: dict) -> list[tuple[str, str]]:
    """The (variable, period) pairs set to null in ``situation``, in order."""
    pairs = []
    for instances in situation.values():
        for variables in instances.values():
            for name, periods in variables.items():
                if isinstance(periods, dict):
                    pairs += [(name, period) for period, value in periods.items() if value is None]
    return list(dict.fromkeys(pairs))


def situations():
    for path in sorted(EXAMPLES.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        situation = body.get("situatie", body)
        try:
            build_simulation(TBS, copy.deepcopy(situation))
        except SituationError:
            continue  # a situation for a reform's variables
        if asked(situation):
            yield path.name, situation


@pytest.mark.parametrize(("name", "situation"), list(situations()), ids=[n for n, _ in situations()])
def test_answer_is_the_one_built_from_copies(name, situation):
    simulation = build_simulation(TBS, copy.deepcopy(situation))
    from_copies = {"verklaringen": [explain(TBS, copy.deepcopy(situation), variable, period, simulation)
                                    for variable, period in asked(situation)]}
    answer = handlers.explain_request(TBS, copy.deepcopy(situation), 1000)
    assert json_bytes(answer) == json_bytes(from_copies)
    text = handlers.explain_request(TBS, copy.deepcopy(situation), 1000, "text")
    assert text == "\n".join(render_text(e) for e in from_copies["verklaringen"])
    again = handlers.explain_request(TBS, copy.deepcopy(situation), 1000)  # the caches are as they were
    assert json_bytes(again) == json_bytes(answer)


def test_the_explanations_of_one_request_share_their_common_steps():
    """Anna's eigen bijdrage is explained through her budget (BWBR0045419 art. 5: the budget minus what is paid):
    the budget's step stap_recht, built in full for the first explanation, is the same dict in the second, and
    the answer is still the one built from copies (test above)."""
    situation = json.loads((EXAMPLES / "stap_anna.json").read_text(encoding="utf-8"))
    answer = handlers.explain_request(TBS, situation, 1000)

    def step(node, name):
        if node["variabele"] == name and not node.get("herhaling"):
            return node
        return next((found for child in node.get("stappen", []) if (found := step(child, name))), None)

    budget, eigen_bijdrage, _ = answer["verklaringen"]
    assert step(budget["berekening"], "stap_recht") is step(eigen_bijdrage["berekening"], "stap_recht") is not None
