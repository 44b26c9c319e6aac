"""Invoer voor een SLIM-aanvraag; de periode is de aanvraagdatum (DAY)."""

from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming, Samenwerkingsverband


class slim_subsidiabele_kosten(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "Subsidiabele kosten van de SLIM-aanvraag van de onderneming (activiteiten a tot en met c)"
    reference = [cite("stcrt-2019-70088", onderwerp="subsidiabele activiteiten en kosten")]
    unit = "currency-EUR"
    documentation = (
        "Invoer. Doorlichting van de onderneming, loopbaan- of ontwikkeladviezen, of een methode voor leren tijdens "
        "het werk: externe kosten en brutoloonkosten met de opslagen uit de regeling (secundair: 32% opslag, 15% "
        "overhead). De berekening van de kosten zelf is niet gemodelleerd. Praktijkleerplaatsen (activiteit d, tot "
        "de verlenging) vallen er niet onder: zie slim_afwijzingsgrond."
    )


class slim_reeds_verleend_in_aanvraagtijdvak(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "SLIM-subsidie die in dit aanvraagtijdvak al is verleend in de categorie van deze aanvrager (mkb of grootbedrijf)"
    reference = [cite("BWBR0043015", artikel="6")]
    unit = "currency-EUR"
    documentation = (
        "Invoer. Het model wijst een aanvraag af als dit bedrag plus de subsidie het subsidieplafond van het "
        "aanvraagtijdvak van de categorie zou overschrijden (slim.subsidieplafond). Bij overtekening bepaalt loting "
        "de volgorde van behandeling (mkb) of, vanaf juni 2022, de volgorde van binnenkomst (samenwerkingsverbanden "
        "en grootbedrijven, rijksoverheid.nl 19-5-2022): geef dan het bedrag op dat vóór deze aanvraag is verleend."
    )


class samenwerkingsverband_aantal_partners(Variable):
    value_type = int
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "Aantal mkb-ondernemingen dat deelneemt aan het samenwerkingsverband"
    reference = [
        cite("stcrt-2019-70088", artikel="1"),
        cite("stcrt-2021-22240", artikel="I"),
        cite("stcrt-2025-7276", artikel="I", onderdeel="C"),
    ]
    unit = "count"
    documentation = (
        "Invoer. Verbonden organisaties tellen niet als afzonderlijke partner (definitie samenwerkingsverband na "
        "Stcrt. 2021, 22240). Een maximum van EUR 200.000 per partner is niet gemodelleerd (status onzeker)."
    )


class slim_samenwerkingsverband_subsidiabele_kosten(Variable):
    value_type = float
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "Subsidiabele kosten van de SLIM-aanvraag van het samenwerkingsverband"
    reference = [cite("stcrt-2021-22240", artikel="I", onderdeel="B")]
    unit = "currency-EUR"
    documentation = "Invoer. Activiteiten ten behoeve van werkenden in de deelnemende mkb-ondernemingen."


class slim_samenwerkingsverband_reeds_verleend_in_aanvraagtijdvak(Variable):
    value_type = float
    entity = Samenwerkingsverband
    definition_period = DAY
    label = "SLIM-subsidie die in dit aanvraagtijdvak al aan samenwerkingsverbanden is verleend"
    reference = [cite("BWBR0043015", artikel="6")]
    unit = "currency-EUR"
    documentation = (
        "Invoer. Getoetst aan het subsidieplafond van het aanvraagtijdvak voor samenwerkingsverbanden "
        "(slim.subsidieplafond.samenwerkingsverband): het bedrag dat vóór deze aanvraag is verleend."
    )
