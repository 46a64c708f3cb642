"""The seed municipalities' own strategies (MI-1), indicator by indicator, as their documents
list them (../shared/seeds/), keyed by municipality code like ``core/config.py``'s
``MUNICIPALITY_PRESETS``: Bornholm 400, Sønderborg 540, Kerteminde 440, Aalborg 851.

Titles quote the documents (stored Danish text, like the reception presets' task titles). A
library indicator names its ``key`` in ``velkomst.indicators.library``; an indicator whose data
the platform does not hold is ``manual`` with the reason, and its figure is entered by hand per
period. Targets are ``(value, "YYYY-MM-DD" or None)`` steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

PRESET_VALID_FROM = date(2016, 1, 1)


@dataclass(frozen=True)
class PresetIndicator:
    title: str
    key: str
    manual: bool = False
    no_data_reason: str = ""
    unit: str = ""  # manual indicators only (the library's unit otherwise)
    good: str = ""  # blank: the library's direction
    breakdown: str = ""
    targets: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class PresetGuidepost:
    title: str
    description: str = ""
    indicators: tuple[PresetIndicator, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Preset:
    title: str
    guideposts: tuple[PresetGuidepost, ...]
    note: str = ""


def manual(
    title: str, key: str, reason: str, *, unit: str = "share", good: str = "up"
) -> PresetIndicator:
    """A hand-entered indicator: its data is not in the platform, for ``reason``."""
    return PresetIndicator(title, key, manual=True, no_data_reason=reason, unit=unit, good=good)


NINTH_GRADE = (
    "Karaktererne ved folkeskolens afgangsprøve registreres i skolernes systemer og hos "
    "Børne- og Undervisningsministeriet, ikke i platformen."
)
VULNERABLE_AREAS = (
    "Listen over udsatte boligområder er national (Social- og Boligministeriet); platformen "
    "kender kommunens boligområder, ikke listen."
)
ARRIVED_AS_CHILDREN = (
    "Uddannelsen hos indvandrere, der kom som børn, og efterkommere følges af Danmarks "
    "Statistik; platformen følger kun borgere under integrationsperioden."
)
EDUCATION_COMPLETED = (
    "Biblioteket har endnu ingen indikator for gennemførte ungdoms- og videregående uddannelser; "
    "tallet hentes fra uddannelsesstatistikken."
)
INTERNAL_AGREEMENTS = (
    "Platformen registrerer aftaler med foreninger, frivillige og virksomheder, ikke aftaler "
    "med interne samarbejdspartnere i kommunen."
)


# Sønderborg (seed 001): "Seks pejlemærker for en succesfuld integrationsindsats" and "Der er
# udvalgt indikatorer for hvert enkelt pejlemærke" for the annual status report.
SONDERBORG = Preset(
    title="Integrationsstrategi",
    note="En effektiv, helhedsorienteret og sammenhængende integrationsindsats for borgere "
    "under den treårige integrationsperiode",
    guideposts=(
        PresetGuidepost(
            "Sønderborg Kommune handler proaktivt, når nyankomne skal boligplaceres",
            "Det er en målsætning, at familier i det omfang det er muligt boligplaceres i "
            "permanent bolig fra starten. Det er målet, at boligplaceringen sker spredt i hele "
            "Sønderborg Kommune.",
            (
                PresetIndicator(
                    "Udviklingen i antallet af børn med ikkevestlig baggrund i kommunens enkelte "
                    "institutioner og skoler",
                    "children_per_institution",
                    breakdown="institution",
                ),
                manual(
                    "Udviklingen i antallet af boligområder i Sønderborg Kommune på listen over "
                    "udsatte boligområder",
                    "udsatte_boligomraader",
                    VULNERABLE_AREAS,
                    unit="count",
                    good="down",
                ),
            ),
        ),
        PresetGuidepost(
            "Sønderborg Kommune vil, at børn, unge og voksne tilegner sig det danske sprog",
            "Målsætningen er, at 25 % af borgere omfattet af den treårige integrationsperiode "
            "skal bestå den danskuddannelse, de er visiteret til inden for den treårige "
            "integrationsperiode. Andelen skal stige til 50 % inden udgangen af 2018.",
            (
                manual(
                    "Andelen af indvandrere (ankommet som 0-12-årig) med ikkevestlig oprindelse, "
                    "der opnår karakteren 2 eller derover ved 9. klasses afgangsprøve i mundtlig "
                    "dansk og retskrivning",
                    "afgangsproeve_dansk_mundtlig_retskrivning",
                    NINTH_GRADE,
                ),
                manual(
                    "Andelen af kursister omfattet af integrationsprogrammet, der består en "
                    "ungdomsuddannelse og en videregående uddannelse",
                    "kursister_ungdoms_videregaaende_uddannelse",
                    EDUCATION_COMPLETED,
                ),
                PresetIndicator(
                    "Andelen af kursister der består den danskuddannelse de er visiteret til "
                    "inden for den treårige integrationsperiode",
                    "danish_referred_exam_passed",
                    targets=(("25", "2017-12-31"), ("50", "2018-12-31")),
                ),
            ),
        ),
        PresetGuidepost(
            "Sønderborg Kommune vil, at alle borgere i den erhvervsdygtige alder er "
            "selvforsørgende",
            "Målsætningen er, at 80 % af den aktive indsats til borgere under den treårige "
            "integrationsperiode er virksomheds- eller uddannelsesrettet.",
            (
                PresetIndicator(
                    "Andelen af den aktive indsats, der er virksomheds- eller uddannelsesrettet",
                    "enterprise_directed_share",
                    targets=(("80", None),),
                ),
                PresetIndicator(
                    "Udviklingen i antallet af kontanthjælpsmodtagere under den treårige "
                    "integrationsperiode",
                    "benefit_recipients",
                    good="down",
                ),
                PresetIndicator(
                    "Antal af hjemtagne resultatstilskud for ordinær uddannelse og/eller job",
                    "result_grants_earned",
                    breakdown="kind",
                ),
            ),
        ),
        PresetGuidepost(
            "Sønderborg Kommune vil, at alle har mulighed for at tage en uddannelse",
            "Flere nyankomne flygtninge og familiesammenførte med ikke-vestlig oprindelse skal "
            "gennemføre en ungdomsuddannelse og en videregående uddannelse.",
            (
                manual(
                    "Andelen af indvandrere (ankommet som 0-12-årig) og efterkommere med "
                    "ikkevestlig oprindelse, der opnår karakteren 2 eller derover ved 9. klasses "
                    "afgangsprøve i skriftlig dansk og matematisk problemløsning",
                    "afgangsproeve_skriftlig_dansk_matematik",
                    NINTH_GRADE,
                ),
                manual(
                    "Andelen af 20-24-årige indvandrere (ankommet som 0-12-årig) og efterkommere "
                    "med ikkevestlig oprindelse, der mindst har gennemført en ungdomsuddannelse",
                    "ungdomsuddannelse_20_24",
                    ARRIVED_AS_CHILDREN,
                ),
                manual(
                    "Andelen af 25-39-årige indvandrere (ankommet som 0-12-årig) og efterkommere "
                    "med ikkevestlig oprindelse, der har gennemført en videregående uddannelse",
                    "videregaaende_uddannelse_25_39",
                    ARRIVED_AS_CHILDREN,
                ),
                PresetIndicator(
                    "Andel hjemtagne resultatstilskud for påbegyndt kompetencegivende uddannelse",
                    "result_grants_earned",
                    breakdown="kind",
                ),
            ),
        ),
        PresetGuidepost(
            "Sønderborg Kommune understøtter lige adgang til fritids- og kulturlivet samt "
            "deltagelse i frivilligt socialt arbejde i Sønderborg",
            "Det er målsætningen at skabe et formelt samarbejde med frivillige og relevante "
            "interesseorganisationer omkring indsatsen på integrationsområdet.",
            (
                PresetIndicator(
                    "Andelen af samarbejdsaftaler med foreninger, frivillige og relevante "
                    "interesseorganisationer",
                    "cooperation_agreements",
                ),
            ),
        ),
        PresetGuidepost(
            "Sønderborg Kommune understøtter integrationen med en koordineret og "
            "helhedsorienteret tilgang",
            "Målsætningen er, at der indgås samarbejdsaftaler med interne samarbejdspartner og "
            "eksterne aktører.",
            (
                manual(
                    "Andelen af samarbejdsaftaler med såvel interne samarbejdspartner og eksterne "
                    "aktører",
                    "samarbejdsaftaler_interne_eksterne",
                    INTERNAL_AGREEMENTS,
                    unit="count",
                ),
            ),
        ),
    ),
)

# Bornholm (seed 000): "det tilstræbes, at 60% af vores nyankomne flygtninge opnår
# beskæftigelse"; Danish education within a month; "ledelsesinformation der synliggør indsatser,
# resultater og økonomi for flygtningeindsatsen".
BORNHOLM = Preset(
    title="Vision og strategi for modtagelse af nye flygtninge og deres familier",
    guideposts=(
        PresetGuidepost(
            "Modtagelsesperioden",
            "Nyankomne flygtninge skal hurtigst muligt henvises til en målrettet "
            "dansk-undervisning.",
            (
                PresetIndicator(
                    "Den enkelte flygtning henvises til start på danskuddannelse inden for en "
                    "måned fra vedkommende er ankommet til kommunen",
                    "danish_referral_within_month",
                    targets=(("100", None),),
                ),
            ),
        ),
        PresetGuidepost(
            "Integrationsindsatsen – efter modtagelsen",
            "Vi arbejder derfor med en målsætning om, at alle flygtninge i løbet af "
            "integrationsperioden har påbegyndt en uddannelse eller har opnået tilknytning til "
            "arbejdsmarkedet.",
            (
                PresetIndicator(
                    "60% af vores nyankomne flygtninge opnår beskæftigelse",
                    "employment_rate",
                    breakdown="sex",
                    targets=(("60", None),),
                ),
                PresetIndicator(
                    "Alle flygtninge har i løbet af integrationsperioden påbegyndt en uddannelse "
                    "eller opnået tilknytning til arbejdsmarkedet",
                    "in_education_or_work",
                    targets=(("100", None),),
                ),
            ),
        ),
        PresetGuidepost(
            "Tværfagligt samarbejde",
            "Der udvikles ledelsesinformation der synliggør indsatser, resultater og økonomi "
            "for flygtningeindsatsen.",
            (
                PresetIndicator("Indsatser: udgifter til aktiviteter", "cost_activities"),
                PresetIndicator("Indsatser: udgifter til tolkning", "cost_interpreting"),
                PresetIndicator(
                    "Indsatser: udgifter til midlertidig bolig", "cost_temporary_housing"
                ),
                PresetIndicator("Resultater: selvforsørgende", "self_supporting"),
                PresetIndicator(
                    "Økonomi: hjemtagne resultattilskud", "result_grants_earned", breakdown="kind"
                ),
            ),
        ),
    ),
)

# Aalborg (seed 004): "Der er opstillet følgende overordnede strategiske mål, som der følges op
# på", and the follow-up that asks the refugees about their own experience.
AALBORG = Preset(
    title="Strategi for modtagelse af flygtninge i Aalborg Kommune",
    guideposts=(
        PresetGuidepost(
            "En god start",
            "Det er en målsætning, at familier i det omfang det er muligt boligplaceres i "
            "permanent bolig fra starten, for at børnene ikke oplever uhensigtsmæssige skift.",
            (
                PresetIndicator(
                    "Familier boligplaceres så vidt muligt i permanent bolig fra starten",
                    "permanent_from_start",
                    targets=(("100", None),),
                ),
            ),
        ),
        PresetGuidepost(
            "Uddannelse og beskæftigelse",
            "Det overordnede mål er, at alle personer over 18 år hurtigst muligt har påbegyndt "
            "uddannelse eller er kommet i ordinær beskæftigelse.",
            (
                PresetIndicator(
                    "Alle nye borgere over 18 år har hurtigst muligt påbegyndt uddannelse eller "
                    "er kommet i beskæftigelse indenfor den treårige integrationsperiode",
                    "in_education_or_work",
                    targets=(("100", None),),
                ),
            ),
        ),
        PresetGuidepost(
            "Børn, unge og familier",
            "Børn, unge og familier skal sikres en hverdag med forudsigelighed, stabilitet og "
            "tryghed.",
            (
                PresetIndicator(
                    "Alle børn og unge starter hurtigst muligt i pasnings- og/eller skoletilbud",
                    "children_days_to_daycare_school",
                    breakdown="kind",
                ),
            ),
        ),
        PresetGuidepost(
            "Fritid og fællesskaber",
            "For et opnå en positiv effekt er det vigtigt at have fokus på kontinuitet i "
            "deltagelse.",
            (
                PresetIndicator(
                    "Der samarbejdes med lokalsamfund, biblioteker, forenings- og fritidsliv om "
                    "aktivitets- og interessetilbud til flygtninge",
                    "cooperation_agreements",
                ),
                PresetIndicator(
                    "Der dannes bæredygtige brobygningsplatforme mellem flygtning og forenings- "
                    "og fritidslivet med henblik på at flest mulig deltager i relevante tilbud",
                    "leisure_continuity_6_months",
                ),
            ),
        ),
        PresetGuidepost(
            "Opfølgning på indsatsen",
            "I denne proces vil flygtninge også blive inddraget og spurgt angående deres "
            "oplevelse af modtagelse og integration i Aalborg Kommune.",
            (
                # CIT-2: the surveys of the refugees' own experience give the figure
                PresetIndicator(
                    "Flygtningenes oplevelse af modtagelse og integration i Aalborg Kommune",
                    "refugees_own_experience",
                    breakdown="moment",
                ),
            ),
        ),
    ),
)

# Kerteminde (seed 003): "Integrationspolitik 2016" and its five themes.
KERTEMINDE = Preset(
    title="Integrationspolitik 2016",
    note="Godkendt af Kerteminde Byråd den 28.01 2016",
    guideposts=(
        PresetGuidepost(
            "Tema: Uddannelse",
            "Kerteminde kommune vil sikre, at alle flygtninge gennemfører sprogundervisning i "
            "dansk og gennemfører den krævede eksamen så hurtigt som muligt.",
            (
                PresetIndicator(
                    "Flygtninge gennemfører den krævede eksamen i dansk så hurtigt som muligt",
                    "danish_exams_passed",
                ),
            ),
        ),
        PresetGuidepost(
            "Tema: Job/erhvervsmuligheder",
            "Det er målet at alle i den erhvervsdygtige alder som minimum tilbydes et "
            "virksomheds-praktikforløb inden for de første tre måneder efter ankomsten til "
            "kommunen.",
            (
                PresetIndicator(
                    "Et virksomhedspraktikforløb inden for de første tre måneder efter "
                    "ankomsten til kommunen",
                    "internship_within_3_months",
                    targets=(("100", None),),
                ),
            ),
        ),
        PresetGuidepost(
            "Tema: Bosætning",
            "Det skal tilstræbes, at flygtninge bosættes over hele kommunen.",
            (
                PresetIndicator(
                    "Flygtninge bosættes over hele kommunen",
                    "households_per_area",
                    breakdown="area",
                ),
            ),
        ),
        PresetGuidepost(
            "Tema: Møde med andre medborgere",
            "Inden for integrationsperioden skal flygtninge introduceres til det frivillige "
            "sociale og idrætslige foreningsliv.",
            (
                PresetIndicator(
                    "Flygtninge introduceres til det frivillige sociale og idrætslige foreningsliv",
                    "leisure_continuity_6_months",
                ),
            ),
        ),
        PresetGuidepost(
            "Tema: Mødet med det officielle danske system",
            "Kerteminde Kommune sikrer gennem én indgang til den kommunale forvaltning, at "
            "flygtninge selv kan henvende sig til og være i dialog med alle offentlige "
            "instanser.",
            (
                PresetIndicator(
                    "Flygtninge har én fast sagsbehandler igennem hele integrationsprogrammet",
                    "fixed_caseworker",
                    targets=(("100", None),),
                ),
            ),
        ),
    ),
)


def expected_unit(item: PresetIndicator) -> str:
    """A hand-entered indicator's own unit; a library indicator's is the library's."""
    if item.unit:
        return item.unit
    from velkomst.indicators.library import definition

    return str(definition(item.key).unit)


# kommunekode -> the municipality's strategy (the codes of core/config.py's presets)
PRESETS: dict[str, Preset] = {
    "400": BORNHOLM,
    "540": SONDERBORG,
    "440": KERTEMINDE,
    "851": AALBORG,
}

PRESET_NAMES: dict[str, str] = {
    "400": "Bornholms Regionskommune",
    "540": "Sønderborg Kommune",
    "440": "Kerteminde Kommune",
    "851": "Aalborg Kommune",
}


def library_keys() -> set[str]:
    """Every library key a preset names."""
    return {
        indicator.key
        for preset in PRESETS.values()
        for guidepost in preset.guideposts
        for indicator in guidepost.indicators
        if not indicator.manual
    }
