"""The welcome folder's texts as data (REC-7): the platform's shipped texts per language.

Danish is complete and is the fallback for every key. A municipality adds or overrides texts
(also in new languages, e.g. Tigrinya or Dari) as WelcomeText rows; a row without a municipality
is a platform-wide text. Lists (``*_list``) have one item per line. ``{municipality}`` and
``{household}`` are replaced by the municipality's and the household's name.

Ukrainian is complete (a careful translation of the Danish text; the Danish names of documents
and systems the family will meet, NemKonto, MitID, Digital Post, stay as they are written in
Denmark). The Arabic texts are a short sample (the headings) that proves right-to-left folders work; the
body falls back to Danish, marked as Danish in the document.
"""

from __future__ import annotations

DANISH = "da"

SHIPPED: dict[str, dict[str, str]] = {
    "da": {
        "title": "Velkommen til {municipality} Kommune",
        "subtitle": "Velkomstmappe til {household}",
        "intro": (
            "Vi glæder os til at tage imod jer. I denne mappe kan I se, hvem I skal tale med i "
            "kommunen, jeres første aftaler, hvad I skal have med, og hvad I selv skal gøre i "
            "de første uger. Tag mappen med til møderne."
        ),
        "heading_contacts": "Jeres kontaktpersoner i kommunen",
        "label_caseworker": "Fast sagsbehandler",
        "label_contact_person": "Kontaktperson",
        "label_for": "For",
        "label_email": "E-mail",
        "label_phone": "Telefon",
        "label_address": "Adresse",
        "label_opening_hours": "Åbningstider",
        "no_contacts": "Kommunen giver jer besked om, hvem jeres sagsbehandler bliver.",
        "heading_appointments": "Jeres første aftaler",
        "label_when": "Hvornår",
        "label_what": "Hvad",
        "label_where": "Hvor",
        "label_no_later_than": "Senest {date}",
        "label_later": "Senere",
        "not_booked": "I får en indkaldelse",
        "no_appointments": "Kommunen sender jer en indkaldelse til de første møder.",
        "meeting_pre_arrival_meeting": "Møde før ankomst",
        "meeting_welcome_meeting": "Velkomstmøde",
        "meeting_screening_meeting": "Møde om børnene (screening)",
        "meeting_start_meeting": "Startmøde om børnene",
        "meeting_second_screening": "Opfølgende møde om børnene",
        "meeting_housing_visit": "Besøg i boligen",
        "meeting_follow_up": "Opfølgningssamtale",
        "meeting_other": "Møde",
        "heading_bring": "Det skal I tage med",
        "bring_list": (
            "Opholdstilladelse\n"
            "Pas eller rejsedokument\n"
            "Sundhedspapirer, medicinliste og lægeerklæringer\n"
            "Børnenes vaccinationskort og sundhedsbog\n"
            "Papirer om uddannelse og arbejde (eksamensbeviser, udtalelser)\n"
            "Vielsesattest og børnenes fødselsattester, hvis I har dem"
        ),
        "heading_own_tasks": "Det skal I selv gøre",
        "own_tasks_list": (
            "Åbn en bankkonto i en bank og meld den som NemKonto\n"
            "Få MitID, så I kan logge på offentlige hjemmesider\n"
            "Tilmeld jer Digital Post, og læs breve fra kommunen hver uge\n"
            "Vælg egen læge, når I får sundhedskortet\n"
            "Skriv dit CV: uddannelse, arbejde og sprog\n"
            "Kom til danskundervisning, når I bliver henvist"
        ),
        "heading_children": "Børnenes skole og dagtilbud",
        "label_child": "Barn",
        "label_place": "Plads",
        "label_start": "Start",
        "place_not_decided": "Kommunen finder en plads",
        "start_not_decided": "Aftales snarest",
        "kind_daycare": "Dagtilbud",
        "kind_school": "Skole",
        "kind_youth_education": "Ungdomsuddannelse",
        "kind_other": "Andet",
        "footer": (
            "Har I spørgsmål, så kontakt jeres sagsbehandler. Sig til, hvis I har brug for tolk. "
            "Udskrevet {date}."
        ),
    },
    "en": {
        "title": "Welcome to {municipality} Municipality",
        "subtitle": "Welcome folder for {household}",
        "intro": (
            "We look forward to welcoming you. This folder shows who you will talk to at the "
            "municipality, your first appointments, what to bring and what you must do "
            "yourselves in the first weeks. Please bring the folder to the meetings."
        ),
        "heading_contacts": "Your contact persons at the municipality",
        "label_caseworker": "Caseworker",
        "label_contact_person": "Contact person",
        "label_for": "For",
        "label_email": "Email",
        "label_phone": "Phone",
        "label_address": "Address",
        "label_opening_hours": "Opening hours",
        "no_contacts": "The municipality will tell you who your caseworker will be.",
        "heading_appointments": "Your first appointments",
        "label_when": "When",
        "label_what": "What",
        "label_where": "Where",
        "label_no_later_than": "By {date}",
        "label_later": "Later",
        "not_booked": "You will get an invitation",
        "no_appointments": "The municipality will invite you to the first meetings.",
        "meeting_pre_arrival_meeting": "Meeting before arrival",
        "meeting_welcome_meeting": "Welcome meeting",
        "meeting_screening_meeting": "Meeting about the children (screening)",
        "meeting_start_meeting": "Start meeting about the children",
        "meeting_second_screening": "Follow-up meeting about the children",
        "meeting_housing_visit": "Visit in your home",
        "meeting_follow_up": "Follow-up meeting",
        "meeting_other": "Meeting",
        "heading_bring": "What to bring",
        "bring_list": (
            "Residence permit\n"
            "Passport or travel document\n"
            "Health papers, list of medicines and medical certificates\n"
            "The children's vaccination records and health books\n"
            "Papers about education and work (diplomas, references)\n"
            "Marriage certificate and the children's birth certificates, if you have them"
        ),
        "heading_own_tasks": "What you must do yourselves",
        "own_tasks_list": (
            "Open a bank account and register it as your NemKonto\n"
            "Get MitID so you can log in to public websites\n"
            "Sign up for Digital Post and read letters from the municipality every week\n"
            "Choose a family doctor (GP) when you get your health card\n"
            "Write your CV: education, work and languages\n"
            "Attend Danish classes when you are referred"
        ),
        "heading_children": "The children's school and daycare",
        "label_child": "Child",
        "label_place": "Place",
        "label_start": "Start",
        "place_not_decided": "The municipality will find a place",
        "start_not_decided": "To be agreed soon",
        "kind_daycare": "Daycare",
        "kind_school": "School",
        "kind_youth_education": "Youth education",
        "kind_other": "Other",
        "footer": (
            "If you have questions, contact your caseworker. Tell us if you need an interpreter. "
            "Printed {date}."
        ),
    },
    "uk": {
        "title": "Ласкаво просимо до муніципалітету {municipality}",
        "subtitle": "Вітальна папка: {household}",
        "intro": (
            "Ми з радістю чекаємо на вас. У цій папці ви знайдете, з ким розмовляти в "
            "муніципалітеті, ваші перші зустрічі, що взяти з собою і що ви маєте зробити самі "
            "в перші тижні. Беріть цю папку з собою на зустрічі."
        ),
        "heading_contacts": "Ваші контактні особи в муніципалітеті",
        "label_caseworker": "Працівник, який веде вашу справу",
        "label_contact_person": "Контактна особа",
        "label_for": "Для",
        "label_email": "Електронна пошта",
        "label_phone": "Телефон",
        "label_address": "Адреса",
        "label_opening_hours": "Години роботи",
        "no_contacts": "Муніципалітет повідомить вам, хто вестиме вашу справу.",
        "heading_appointments": "Ваші перші зустрічі",
        "label_when": "Коли",
        "label_what": "Що",
        "label_where": "Де",
        "label_no_later_than": "Не пізніше {date}",
        "label_later": "Пізніше",
        "not_booked": "Ви отримаєте запрошення",
        "no_appointments": "Муніципалітет надішле вам запрошення на перші зустрічі.",
        "meeting_pre_arrival_meeting": "Зустріч до прибуття",
        "meeting_welcome_meeting": "Вітальна зустріч",
        "meeting_screening_meeting": "Зустріч щодо дітей (оцінювання)",
        "meeting_start_meeting": "Перша зустріч щодо дітей",
        "meeting_second_screening": "Повторна зустріч щодо дітей",
        "meeting_housing_visit": "Відвідування вашого житла",
        "meeting_follow_up": "Повторна розмова",
        "meeting_other": "Зустріч",
        "heading_bring": "Що взяти з собою",
        "bring_list": (
            "Дозвіл на проживання\n"
            "Паспорт або проїзний документ\n"
            "Медичні документи, список ліків і медичні довідки\n"
            "Картки щеплень і медичні книжки дітей\n"
            "Документи про освіту та роботу (дипломи, рекомендації)\n"
            "Свідоцтво про шлюб і свідоцтва про народження дітей, якщо вони у вас є"
        ),
        "heading_own_tasks": "Що ви маєте зробити самі",
        "own_tasks_list": (
            "Відкрийте рахунок у банку та зареєструйте його як NemKonto\n"
            "Отримайте MitID, щоб входити на державні вебсайти\n"
            "Зареєструйтеся в Digital Post і щотижня читайте листи від муніципалітету\n"
            "Оберіть сімейного лікаря, коли отримаєте медичну картку (sundhedskort)\n"
            "Напишіть своє резюме (CV): освіта, робота і мови\n"
            "Відвідуйте курси данської мови, коли вас на них направлять"
        ),
        "heading_children": "Школа та дошкільні заклади для дітей",
        "label_child": "Дитина",
        "label_place": "Місце",
        "label_start": "Початок",
        "place_not_decided": "Муніципалітет знайде місце",
        "start_not_decided": "Буде узгоджено найближчим часом",
        "kind_daycare": "Дошкільний заклад",
        "kind_school": "Школа",
        "kind_youth_education": "Освіта для молоді (ungdomsuddannelse)",
        "kind_other": "Інше",
        "footer": (
            "Якщо у вас є запитання, зверніться до працівника, який веде вашу справу. Скажіть "
            "нам, якщо вам потрібен перекладач. Надруковано {date}."
        ),
    },
    # a short sample: the headings (REC-7: right-to-left folders)
    "ar": {
        "title": "مرحبًا بكم في بلدية {municipality}",
        "subtitle": "ملف الترحيب: {household}",
        "heading_contacts": "جهات الاتصال الخاصة بكم في البلدية",
        "heading_appointments": "مواعيدكم الأولى",
        "heading_bring": "ما يجب أن تحضروه معكم",
        "heading_own_tasks": "ما يجب أن تقوموا به بأنفسكم",
        "heading_children": "المدرسة والحضانة للأطفال",
    },
}

KEYS: tuple[str, ...] = tuple(SHIPPED[DANISH])

# Languages written right to left. Django knows most (get_language_info(...)["bidi"]); these
# cover codes it does not: Dari, Pashto, Sorani Kurdish, Sindhi, Dhivehi, Uyghur, Yiddish.
RTL_LANGUAGES = frozenset(
    {"ar", "fa", "he", "ur", "prs", "ps", "ckb", "sd", "dv", "ug", "yi", "ara", "fas", "per"}
)

# Three-letter codes in the persons' records that have a two-letter code here.
ALIASES = {
    "ara": "ar",
    "arb": "ar",
    "dan": "da",
    "eng": "en",
    "fas": "fa",
    "per": "fa",
    "pes": "fa",
    "tir": "ti",
    "som": "so",
    "ukr": "uk",
    "rus": "ru",
    "pus": "ps",
    "kur": "ku",
    "amh": "am",
}


def normalise_language(code: str) -> str:
    code = code.strip().lower().replace("_", "-")
    return ALIASES.get(code, code)
