"""Invoer voor de voucher studievoorschot (Kamerstukken II 2018/19, 30012, nr. 92, bijlage 1, G.3)."""

from datetime import date

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY, ETERNITY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon

G3 = cite("kst-30012-92", paragraaf="Bijlage 1, G.3")


class HogerOnderwijsGraad(Enum):
    geen = "Geen graad behaald"
    hbo_bachelor = "Hbo-bachelor"
    wo_bachelor = "Wo-bachelor (zonder wo-master)"
    wo_master = "Wo-master"
    overig = "Andere graad (bijvoorbeeld associate degree of hbo-master zonder hbo-bachelor in dit cohort)"


class ho_instroomjaar(Variable):
    value_type = int
    entity = Persoon
    definition_period = ETERNITY
    label = "Kalenderjaar waarin het eerste studiejaar in het hoger onderwijs begon (2015 voor studiejaar 2015/2016)"
    reference = [G3]
    unit = "year"
    documentation = "Invoer. 0 als de persoon niet in het hoger onderwijs is ingestroomd."


class ho_graad(Variable):
    value_type = Enum
    possible_values = HogerOnderwijsGraad
    default_value = HogerOnderwijsGraad.geen
    entity = Persoon
    definition_period = ETERNITY
    label = "Graad behaald in het hoger onderwijs na de instroom in het instroomjaar"
    reference = [G3]
    documentation = "Invoer. De voucher volgt op het behalen van de graad hbo-bachelor of wo-master (bijlage 1, G.3)."


class ho_datum_afstuderen(Variable):
    value_type = date
    entity = Persoon
    definition_period = ETERNITY
    label = "Datum waarop de graad (hbo-bachelor of wo-master) is behaald"
    reference = [G3]
    documentation = "Invoer. Begin van de termijn van 5 tot 10 jaar waarin de voucher kan worden verzilverd."


class studievoorschotvoucher_opleiding_geaccrediteerd_ho(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "De voucher wordt op deze dag ingezet voor een geaccrediteerde opleiding in het hoger onderwijs"
    reference = [G3]
    documentation = "Invoer. De vouchers zijn te verzilveren 'voor deelname aan geaccrediteerde opleidingen hoger onderwijs'."
