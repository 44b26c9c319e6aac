import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.dates import add_years, period_date
from openfisca_llo.entities import Persoon
from openfisca_llo.reasons import first_reason, grondslag


class StudievoorschotvoucherAfwijzingsgrond(Enum):
    geen = "Geen: de voucher kan op deze dag worden ingezet"
    regeling_niet_van_toepassing = "Vóór de invoering van de Wet studievoorschot (2015) bestonden er geen vouchers"
    niet_in_cohort = "Niet ingestroomd in een van de eerste vier cohorten (studiejaar 2015/2016 tot en met 2018/2019)"
    geen_graad = "Geen graad hbo-bachelor of wo-master behaald"
    te_vroeg = "Nog geen vijf jaar na afstuderen"
    termijn_verstreken = "Tien jaar of meer na afstuderen"
    opleiding_niet_geaccrediteerd = "Geen geaccrediteerde opleiding in het hoger onderwijs"


_g = StudievoorschotvoucherAfwijzingsgrond
grondslag(
    StudievoorschotvoucherAfwijzingsgrond,
    {
        _g.regeling_niet_van_toepassing: [cite("kst-30012-92", paragraaf="Bijlage 1, G.3")],
        _g.niet_in_cohort: [cite("kst-30012-92", paragraaf="Bijlage 1, G.3")],
        _g.geen_graad: [cite("kst-30012-92", paragraaf="Bijlage 1, G.3")],
        _g.te_vroeg: [cite("kst-30012-92", paragraaf="Bijlage 1, G.3")],
        _g.termijn_verstreken: [cite("kst-30012-92", paragraaf="Bijlage 1, G.3")],
        _g.opleiding_niet_geaccrediteerd: [cite("kst-30012-92", paragraaf="Bijlage 1, G.3")],
    },
)


class studievoorschotvoucher_afwijzingsgrond(Variable):
    value_type = Enum
    possible_values = StudievoorschotvoucherAfwijzingsgrond
    default_value = StudievoorschotvoucherAfwijzingsgrond.geen
    entity = Persoon
    definition_period = DAY
    label = "Reden waarom een voucher studievoorschot op deze dag niet kan worden ingezet (eerste die geldt)"
    reference = [cite("kst-30012-92", paragraaf="Bijlage 1, G.3")]

    def formula(persoon, period, parameters):
        """Kamerstuk 30012, nr. 92, bijlage 1, G.3: cohort, graad, termijn van 5 tot 10 jaar, geaccrediteerd ho.

        Niet gemodelleerd: de latere omzetting van de voucher in een verrekening met de studieschuld en de
        indexatie van het bedrag (niet geverifieerd); een termijn om af te studeren.
        """
        grond = StudievoorschotvoucherAfwijzingsgrond
        p = parameters(period).studievoorschotvoucher
        n = persoon.count
        if not p.van_toepassing:
            return np.full(n, grond.regeling_niet_van_toepassing)

        dag = period_date(period)
        instroomjaar = persoon("ho_instroomjaar", period)
        in_cohort = (instroomjaar >= p.eerste_cohort) * (instroomjaar < p.eerste_cohort + p.aantal_cohorten)
        graad = persoon("ho_graad", period)
        graad_behaald = (graad == graad.possible_values.hbo_bachelor) + (graad == graad.possible_values.wo_master)
        afgestudeerd = persoon("ho_datum_afstuderen", period)
        vanaf = add_years(afgestudeerd, p.inzetbaar_vanaf_jaren_na_afstuderen)
        tot = add_years(afgestudeerd, p.inzetbaar_tot_jaren_na_afstuderen)
        geaccrediteerd = persoon("studievoorschotvoucher_opleiding_geaccrediteerd_ho", period)
        return first_reason(
            default=grond.geen,
            pairs=[
                (grond.niet_in_cohort, np.logical_not(in_cohort)),
                (grond.geen_graad, np.logical_not(graad_behaald)),
                (grond.te_vroeg, dag < vanaf),
                (grond.termijn_verstreken, dag >= tot),
                (grond.opleiding_niet_geaccrediteerd, np.logical_not(geaccrediteerd)),
            ],
        )
