"""Name, place and language data for the demo: plain constants, no Django import.

Names are common given names and family names per country of origin (as transliterated in Danish
registers); the staff are given common Danish names. Companies are described by kind, never by a
real company's name.
"""

from __future__ import annotations

from dataclasses import dataclass

# fmt: off


@dataclass(frozen=True)
class NamePool:
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]


@dataclass(frozen=True)
class Origin:
    """A country of origin: ISO 3166 code, weight in the intake, languages, naming custom."""

    code: str
    weight: int
    # (ISO 639 code, weight) of the mother tongue; the second entry in a pair is the weight
    languages: tuple[tuple[str, int], ...]
    # other languages often spoken alongside (ISO 639 code, probability)
    second_languages: tuple[tuple[str, float], ...]
    english_rate: float  # share of adults with some English
    patronymic: bool  # the second name is the father's given name (Eritrea, Somalia)
    names: NamePool
    # a separate name pool for speakers of a language (Kurdish speakers from Syria and Iraq)
    names_by_language: tuple[tuple[str, NamePool], ...] = ()


_ARABIC_SY = NamePool(
    male=(
        "Mohammad", "Ahmad", "Omar", "Khaled", "Mahmoud", "Hassan", "Ali", "Yousef", "Ibrahim",
        "Mustafa", "Abdullah", "Rami", "Samer", "Fadi", "Tarek", "Ammar", "Majd", "Hamza", "Karim",
        "Walid", "Ziad", "Firas", "Anas", "Bilal", "Wael", "Hussam", "Mazen", "Nabil", "Adnan",
    ),
    female=(
        "Fatima", "Aya", "Rama", "Lina", "Hiba", "Noor", "Rasha", "Reem", "Dima", "Yasmin", "Amal",
        "Sara", "Huda", "Maryam", "Rana", "Salma", "Layla", "Ghada", "Bayan", "Hala", "Asmaa",
        "Zainab", "Joud", "Sidra", "Lamar", "Nisreen", "Ruba", "Alaa", "Manal",
    ),
    family=(
        "Al-Ahmad", "Haddad", "Al-Hussein", "Khalil", "Al-Ali", "Hamdan", "Darwish", "Al-Khatib",
        "Sabbagh", "Qasim", "Al-Masri", "Hijazi", "Mansour", "Al-Hamwi", "Shami", "Halabi",
        "Al-Zoubi", "Nasser", "Saleh", "Othman", "Al-Rifai", "Ibrahim", "Youssef", "Hamoud",
        "Al-Sheikh", "Kanaan", "Al-Homsi", "Jaber", "Suleiman", "Al-Hariri",
    ),
)

_KURDISH_SY = NamePool(
    male=(
        "Rezan", "Dilshad", "Azad", "Shiyar", "Sherwan", "Renas", "Welat", "Baran", "Jiwan",
        "Rodi", "Hozan", "Mahmoud", "Mohammad", "Ahmad", "Aras", "Serhat",
    ),
    female=(
        "Rojin", "Berivan", "Nareen", "Dilan", "Zozan", "Hevin", "Rojda", "Ronahi", "Viyan",
        "Jiyan", "Nesrin", "Avin", "Gulistan", "Perwin", "Hevi", "Leyla",
    ),
    family=(
        "Hesen", "Osman", "Ehmed", "Mihemed", "Sileman", "Ibo", "Xelil", "Reshid", "Bakr",
        "Mustafa", "Hemo", "Sheikhmous", "Derwish", "Ismail", "Kurdi",
    ),
)

_TIGRINYA = NamePool(
    male=(
        "Yonas", "Dawit", "Michael", "Tesfay", "Robel", "Filmon", "Mussie", "Biniam", "Henok",
        "Samuel", "Yohannes", "Kibrom", "Tekle", "Haile", "Amanuel", "Efrem", "Mebrahtu", "Ermias",
        "Semere", "Aron", "Natnael", "Yosief", "Goitom", "Berhane", "Mehari",
    ),
    female=(
        "Selam", "Helen", "Senait", "Lydia", "Winta", "Saba", "Freweini", "Mebrat", "Tsega",
        "Ruta", "Yordanos", "Hiwet", "Letebrhan", "Rahel", "Elsa", "Feven", "Abeba", "Meron",
        "Danait", "Luwam", "Semhar", "Nebiat", "Eden", "Ksanet",
    ),
    family=(
        "Tesfaye", "Haile", "Gebremedhin", "Tekle", "Kidane", "Berhane", "Ghebreyesus", "Mehari",
        "Woldu", "Andemariam", "Gebru", "Asmerom", "Habte", "Yemane", "Okbay", "Weldemichael",
        "Abraha", "Ghirmay", "Negash", "Zerai", "Tesfamariam", "Kahsay",
    ),
)

_AFGHAN = NamePool(
    male=(
        "Ahmad", "Mohammad", "Abdul", "Farid", "Jawad", "Naveed", "Hamid", "Rahim", "Mustafa", "Ali",
        "Sayed", "Zabihullah", "Najibullah", "Wahid", "Mirwais", "Hamed", "Omid", "Sohrab",
        "Bashir", "Rahmatullah", "Shafiq", "Murtaza", "Ehsan", "Habib", "Javid", "Nasir",
    ),
    female=(
        "Zahra", "Fatima", "Maryam", "Marzia", "Nargis", "Parwana", "Shabnam", "Freshta",
        "Mahbooba", "Mursal", "Sahar", "Laila", "Hasina", "Sakina", "Nilofar", "Zarmina", "Gulalai",
        "Farzana", "Khadija", "Setara", "Masooma", "Roya", "Tahmina", "Shakila",
    ),
    family=(
        "Ahmadi", "Rahimi", "Hashimi", "Sultani", "Karimi", "Noori", "Hakimi", "Popal", "Amiri",
        "Safi", "Stanekzai", "Mohammadi", "Wardak", "Jalali", "Haidari", "Sadat", "Azizi",
        "Barakzai", "Rezaei", "Yousufzai", "Hussaini", "Akbari", "Naseri", "Jafari", "Sharifi",
    ),
)

_IRANIAN = NamePool(
    male=(
        "Reza", "Ali", "Mohammad", "Hossein", "Mehdi", "Amir", "Saeed", "Hamid", "Davood", "Kaveh",
        "Arash", "Babak", "Navid", "Payam", "Farhad", "Behnam", "Kian", "Pouya", "Ramin", "Siavash",
        "Omid", "Majid", "Peyman",
    ),
    female=(
        "Maryam", "Fatemeh", "Zahra", "Sara", "Leila", "Shirin", "Neda", "Parisa", "Mina", "Nasrin",
        "Azadeh", "Samira", "Roya", "Ladan", "Mahsa", "Niloufar", "Yasaman", "Setareh", "Golnaz",
        "Elham", "Shabnam", "Mitra",
    ),
    family=(
        "Hosseini", "Mohammadi", "Rezaei", "Ahmadi", "Karimi", "Moradi", "Jafari", "Rahimi",
        "Kazemi", "Sadeghi", "Hashemi", "Ebrahimi", "Azizi", "Rostami", "Mousavi", "Tehrani",
        "Farahani", "Ghorbani", "Najafi", "Bagheri", "Shirazi", "Rahmani",
    ),
)

_SOMALI = NamePool(
    male=(
        "Abdi", "Mohamed", "Ahmed", "Hassan", "Abdullahi", "Abdirahman", "Yusuf", "Ismail", "Omar",
        "Farah", "Said", "Mahad", "Liban", "Hamza", "Abdikarim", "Mustafe", "Guled", "Warsame",
        "Bashir", "Khalid", "Abdiaziz", "Hussein",
    ),
    female=(
        "Hodan", "Fadumo", "Amina", "Hawa", "Sahra", "Ifrah", "Halima", "Hibo", "Ayaan", "Nasra",
        "Khadra", "Sagal", "Ubah", "Ladan", "Asha", "Deqa", "Faiza", "Ikran", "Muna", "Sucaad",
        "Idil", "Naima",
    ),
    family=(
        "Abdi", "Ali", "Hassan", "Mohamed", "Farah", "Warsame", "Jama", "Nur", "Osman", "Aden",
        "Yusuf", "Omar", "Ahmed", "Ismail", "Hirsi", "Dahir", "Elmi", "Guled", "Samatar", "Egal",
    ),
)

_UKRAINIAN = NamePool(
    male=(
        "Oleksandr", "Andrii", "Dmytro", "Serhii", "Volodymyr", "Mykola", "Yurii", "Ivan", "Oleh",
        "Taras", "Bohdan", "Vasyl", "Maksym", "Artem", "Denys", "Roman", "Ihor", "Vitalii", "Pavlo",
        "Yaroslav", "Mykhailo", "Nazar",
    ),
    female=(
        "Olena", "Oksana", "Tetiana", "Nataliia", "Iryna", "Yuliia", "Svitlana", "Kateryna",
        "Anastasiia", "Olha", "Viktoriia", "Mariia", "Liudmyla", "Halyna", "Daryna", "Sofiia",
        "Anna", "Khrystyna", "Alina", "Valentyna", "Polina", "Zlata",
    ),
    # family names that do not change with the bearer's sex
    family=(
        "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliinyk", "Melnyk",
        "Koval", "Boiko", "Marchenko", "Lysenko", "Rudenko", "Savchenko", "Petrenko", "Kovalchuk",
        "Polishchuk", "Tkachuk", "Moroz", "Levchenko", "Kravchuk", "Honcharuk", "Shevchuk",
    ),
)

_ARABIC_IQ = NamePool(
    male=(
        "Ali", "Hussein", "Mohammed", "Ahmed", "Abbas", "Haider", "Mustafa", "Karrar", "Ammar",
        "Hassan", "Omar", "Saif", "Zaid", "Muntadhar", "Yasir", "Raad", "Salam", "Laith", "Mahdi",
        "Ayad",
    ),
    female=(
        "Zainab", "Fatima", "Maryam", "Noor", "Zahraa", "Hawraa", "Rusul", "Ruqaya", "Shahad",
        "Ban", "Sura", "Huda", "Israa", "Dunya", "Amna", "Marwa", "Tabarak", "Ghufran", "Rawan",
        "Sana",
    ),
    family=(
        "Al-Saadi", "Al-Jubouri", "Al-Obaidi", "Al-Tamimi", "Al-Dulaimi", "Al-Shammari",
        "Al-Kubaisi", "Al-Rubaie", "Al-Hashimi", "Al-Musawi", "Hussein", "Kadhim", "Jassim",
        "Abbas", "Hamid", "Salman", "Mahmood", "Al-Azzawi", "Al-Bayati", "Al-Khafaji",
    ),
)

_KURDISH_IQ = NamePool(
    male=(
        "Karwan", "Hawkar", "Rebwar", "Dler", "Shwan", "Soran", "Hemin", "Aram", "Zana",
        "Bakhtiar", "Kawa", "Sirwan", "Hiwa", "Ari",
    ),
    female=(
        "Shilan", "Nazdar", "Lana", "Shanaz", "Avin", "Kani", "Rozhan", "Sazan", "Bahar", "Hana",
        "Shno", "Zhino", "Nasik", "Tavga",
    ),
    family=(
        "Ahmed", "Mohammed", "Abdullah", "Rasul", "Aziz", "Qadir", "Hama", "Karim", "Mahmud",
        "Salih", "Rashid", "Omer", "Faraj",
    ),
)

_CONGOLESE = NamePool(
    male=(
        "Jean", "Pierre", "Patrick", "Emmanuel", "Joseph", "Christian", "Olivier", "Daniel", "Eric",
        "Fiston", "Gloire", "Prince", "Bienvenu", "Dieudonné", "Héritier", "Moïse", "Espoir",
    ),
    female=(
        "Marie", "Grace", "Esther", "Rachel", "Nadine", "Furaha", "Neema", "Ange", "Sifa", "Aline",
        "Francine", "Chantal", "Joséphine", "Deborah", "Espérance", "Riziki", "Bora",
    ),
    family=(
        "Mbuyi", "Ilunga", "Kasongo", "Tshibangu", "Kalala", "Mutombo", "Mwamba", "Kabongo",
        "Banza", "Ngoy", "Bahati", "Byamungu", "Mugisho", "Bisimwa", "Amani", "Kahindo",
    ),
)

ORIGINS: tuple[Origin, ...] = (
    Origin("SY", 28, (("ar", 82), ("ku", 18)), (("ar", 0.7),), 0.35, False,
           _ARABIC_SY, (("ku", _KURDISH_SY),)),
    Origin("ER", 18, (("ti", 100),), (("ar", 0.1), ("am", 0.2)), 0.25, True, _TIGRINYA),
    Origin("UA", 16, (("uk", 100),), (("ru", 0.6),), 0.45, False, _UKRAINIAN),
    Origin("AF", 12, (("prs", 70), ("ps", 30)), (("prs", 0.5), ("fa", 0.1)), 0.25, False, _AFGHAN),
    Origin("IR", 7, (("fa", 100),), (), 0.5, False, _IRANIAN),
    Origin("SO", 7, (("so", 100),), (("ar", 0.3),), 0.25, True, _SOMALI),
    Origin("IQ", 7, (("ar", 60), ("ku", 40)), (("ar", 0.5),), 0.3, False, _ARABIC_IQ,
           (("ku", _KURDISH_IQ),)),
    Origin("CD", 5, (("sw", 60), ("ln", 40)), (("fr", 0.6), ("sw", 0.3)), 0.15, False, _CONGOLESE),
)

# Asylum centres run for the Danish immigration service (Udlændingestyrelsen)
ASYLUM_CENTRES: tuple[str, ...] = (
    "Center Sandholm", "Center Kongelunden", "Center Brovst", "Center Avnstrup",
    "Center Jelling", "Center Vipperød", "Center Holstebro", "Center Thisted", "Center Tønder",
)

DANISH_MALE: tuple[str, ...] = (
    "Lars", "Jens", "Peter", "Søren", "Henrik", "Niels", "Anders", "Rasmus", "Mads", "Thomas",
    "Morten", "Jesper", "Martin", "Christian", "Kasper", "Michael", "Jakob", "Mikkel", "Frederik",
    "Torben", "Bo", "Ole", "Poul", "Kim", "Jonas", "Emil",
)
DANISH_FEMALE: tuple[str, ...] = (
    "Mette", "Anne", "Hanne", "Susanne", "Lene", "Camilla", "Louise", "Maria", "Sofie", "Line",
    "Ida", "Trine", "Birgitte", "Pernille", "Karen", "Kirsten", "Marianne", "Charlotte", "Rikke",
    "Helle", "Tina", "Signe", "Malene", "Dorthe", "Julie", "Stine",
)
DANISH_FAMILY: tuple[str, ...] = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Kofoed", "Holm", "Lund", "Dahl",
    "Bech", "Skov", "Juhl", "Kjær", "Iversen", "Frandsen", "Østergaard", "Bundgaard",
)

# Towns with postcodes and a few street names, per municipality slug
TOWNS: dict[str, tuple[tuple[str, str], ...]] = {
    "bornholm": (("3700", "Rønne"), ("3730", "Nexø"), ("3720", "Aakirkeby"), ("3740", "Svaneke"),
                 ("3760", "Gudhjem"), ("3770", "Allinge")),
    "sonderborg": (("6400", "Sønderborg"), ("6430", "Nordborg"), ("6300", "Gråsten"),
                   ("6440", "Augustenborg"), ("6470", "Sydals")),
    "kerteminde": (("5300", "Kerteminde"), ("5330", "Munkebo"), ("5550", "Langeskov")),
    "aalborg": (("9000", "Aalborg"), ("9400", "Nørresundby"), ("9220", "Aalborg Øst"),
                ("9230", "Svenstrup J"), ("9310", "Vodskov"), ("9260", "Gistrup")),
}
STREETS: tuple[str, ...] = (
    "Storegade", "Søndergade", "Vestergade", "Østergade", "Nørregade", "Skolevej", "Kirkevej",
    "Stationsvej", "Møllevej", "Engvej", "Birkevej", "Egevej", "Bøgevej", "Ahornvej", "Parkvej",
    "Havnegade", "Solvænget", "Rosenvænget", "Lærkevej", "Fasanvej", "Grønnegade", "Tværgade",
)
FLOORS: tuple[str, ...] = ("", "", "", "st. tv.", "st. th.", "1. tv.", "1. th.", "2. tv.", "2. th.")

WORK_FIELDS: tuple[str, ...] = (
    "rengøring", "ældrepleje", "byggeri", "lager og logistik", "køkken og restaurant",
    "landbrug og gartneri", "fødevareindustri", "metal og industri", "transport", "detailhandel",
)
WORKPLACES: tuple[str, ...] = (
    "et lokalt rengøringsfirma", "et plejecenter", "en byggevirksomhed", "et lager",
    "en restaurant", "et gartneri", "en fødevarevirksomhed", "en metalvirksomhed",
    "et vognmandsfirma", "et supermarked", "et hotel", "en tømrervirksomhed",
)
EDUCATIONS: tuple[str, ...] = (
    "social- og sundhedshjælperuddannelsen", "smedeuddannelsen på erhvervsskolen", "HF",
    "uddannelsen til pædagogisk assistent", "kokkeuddannelsen", "uddannelsen til elektriker",
    "lager- og logistikuddannelsen", "uddannelsen til ernæringsassistent",
)
OTHER_MUNICIPALITIES: tuple[str, ...] = (
    "Københavns", "Aarhus", "Odense", "Vejle", "Esbjerg", "Horsens", "Randers", "Kolding",
)
DANISH_MONTHS: tuple[str, ...] = (
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december",
)
# fmt: on
