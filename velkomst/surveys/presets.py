"""The shipped survey definitions (CIT-2) as data: a definition has a key, a version, a title and
questions, each with its answer scale; every text is given per language (``da``, ``en``, ``ar``,
``uk``, ``fa`` (Farsi/Dari), ``ti``) with Danish the fallback. ``services.definition_current``
stores a definition the first time it is used; a changed text or question is a new version (the
old one stays, so an answered invitation keeps the questions it was asked).

Scales: ``agree`` (1 = helt uenig .. 5 = helt enig), ``yes_no`` and ``choice`` (the question's
own ``options``)."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("da", "en", "ar", "uk", "fa", "ti")

AGREE = "agree"
YES_NO = "yes_no"
CHOICE = "choice"

SCALES: dict[str, list[tuple[str, dict[str, str]]]] = {
    AGREE: [
        (
            "1",
            {
                "da": "Helt uenig",
                "en": "Strongly disagree",
                "ar": "لا أوافق بشدة",
                "uk": "Зовсім не згоден",
                "fa": "کاملاً مخالفم",
            },
        ),
        (
            "2",
            {"da": "Uenig", "en": "Disagree", "ar": "لا أوافق", "uk": "Не згоден", "fa": "مخالفم"},
        ),
        (
            "3",
            {
                "da": "Hverken enig eller uenig",
                "en": "Neither agree nor disagree",
                "ar": "محايد",
                "uk": "Ні те, ні інше",
                "fa": "نه موافق نه مخالف",
            },
        ),
        ("4", {"da": "Enig", "en": "Agree", "ar": "أوافق", "uk": "Згоден", "fa": "موافقم"}),
        (
            "5",
            {
                "da": "Helt enig",
                "en": "Strongly agree",
                "ar": "أوافق بشدة",
                "uk": "Цілком згоден",
                "fa": "کاملاً موافقم",
            },
        ),
    ],
    YES_NO: [
        ("yes", {"da": "Ja", "en": "Yes", "ar": "نعم", "uk": "Так", "fa": "بله", "ti": "እወ"}),
        ("no", {"da": "Nej", "en": "No", "ar": "لا", "uk": "Ні", "fa": "نه", "ti": "ኣይፋል"}),
    ],
}

OWN_EXPERIENCE_KEY = "own_experience"

# Aalborg (seed 004): "flygtninge vil også blive inddraget og spurgt angående deres oplevelse af
# modtagelse og integration"
OWN_EXPERIENCE: dict[str, Any] = {
    "key": OWN_EXPERIENCE_KEY,
    "version": 1,
    "title": {
        "da": "Din oplevelse af at komme til kommunen",
        "en": "Your experience of coming to the municipality",
        "ar": "تجربتك في القدوم إلى البلدية",
        "uk": "Ваш досвід прибуття до муніципалітету",
        "fa": "تجربه شما از آمدن به شهرداری",
    },
    "questions": [
        {
            "key": "welcome",
            "scale": AGREE,
            "text": {
                "da": "Jeg har følt mig velkommen i kommunen.",
                "en": "I have felt welcome in the municipality.",
                "ar": "شعرت بالترحيب في البلدية.",
                "uk": "Я відчував(ла) себе бажаним гостем у муніципалітеті.",
                "fa": "در شهرداری احساس خوش‌آمدگویی کرده‌ام.",
            },
        },
        {
            "key": "know_help",
            "scale": AGREE,
            "text": {
                "da": "Jeg ved, hvor jeg kan få hjælp, når jeg har brug for det.",
                "en": "I know where to get help when I need it.",
                "ar": "أعرف أين أحصل على المساعدة عندما أحتاجها.",
                "uk": "Я знаю, де отримати допомогу, коли вона мені потрібна.",
                "fa": "می‌دانم هنگام نیاز از کجا کمک بگیرم.",
            },
        },
        {
            "key": "contact_danes",
            "scale": YES_NO,
            "text": {
                "da": "Har du jævnligt kontakt med danskere uden for kommunen og sprogskolen?",
                "en": "Are you regularly in contact with Danes outside the municipality and "
                "the language school?",
                "ar": "هل لديك تواصل منتظم مع دنماركيين خارج البلدية ومدرسة اللغة؟",
                "uk": "Чи регулярно ви спілкуєтеся з данцями поза муніципалітетом і мовною школою?",
            },
        },
        {
            "key": "caseworker",
            "scale": AGREE,
            "text": {
                "da": "Jeg er tilfreds med min sagsbehandler.",
                "en": "I am satisfied with my caseworker.",
                "ar": "أنا راضٍ عن موظف الحالة الخاص بي.",
                "uk": "Я задоволений(а) своїм соціальним працівником.",
                "fa": "از مددکار پرونده‌ام راضی هستم.",
            },
        },
        {
            "key": "contact_form",
            "scale": CHOICE,
            "text": {
                "da": "Hvordan vil du helst kontaktes af kommunen?",
                "en": "How would you prefer the municipality to contact you?",
                "uk": "Як ви бажаєте, щоб муніципалітет зв'язувався з вами?",
            },
            "options": [
                ["meeting", {"da": "Møde", "en": "Meeting", "uk": "Зустріч"}],
                ["phone", {"da": "Telefon", "en": "Phone", "uk": "Телефон"}],
                ["letter", {"da": "Brev eller Digital Post", "en": "Letter or Digital Post"}],
            ],
        },
    ],
}

PRESETS: dict[str, dict[str, Any]] = {OWN_EXPERIENCE_KEY: OWN_EXPERIENCE}

# the moments the survey is sent at (config ``survey_moments``): the moment's key, the day it
# counts from (``arrival``: the household's arrival, else the takeover; ``programme_end``) and
# how many months after it
DEFAULT_MOMENTS: list[dict[str, Any]] = [
    {"key": "three_months", "from": "arrival", "months": 3},
    {"key": "programme_end", "from": "programme_end", "months": 0},
]


def text_in(texts: dict[str, str], language: str) -> str:
    """The text in ``language``, Danish where it is not given (never a key)."""
    return texts.get(language) or texts.get("da") or ""
