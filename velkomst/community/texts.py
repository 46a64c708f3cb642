"""The invitation and the reminder per event kind and language, as data (CIV-4).

Like the companies' invitation letters (velkomst.companies.letters): a table per language,
Danish the fallback. An invitation is in the first of the person's languages (best known first)
that has a text, else Danish. ``{name}``, ``{title}``, ``{date}``, ``{time}`` and ``{place}``
are filled in; the date is written in the text's language (in digits where the platform has no
month names for it).
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.utils import translation

from velkomst.core.formats import format_date
from velkomst.welcome.texts import normalise_language

DANISH = "da"
RTL = frozenset({"ar", "fa", "ps", "ur", "he"})

TEXTS: dict[str, dict[str, Any]] = {
    "da": {
        "kinds": {
            "intro_cafe": "Til introcaféen møder du kommunen, frivillige og foreninger, og du "
            "hører, hvad du kan være med til i dit nye lokalområde.",
            "language_cafe": "I sprogcaféen øver du dansk sammen med frivillige over en kop kaffe.",
            "speed_dating": "Til speed-dating møder du mange lokale, kort og uformelt, og "
            "finder måske en ny ven eller en at gå tur med.",
            "dialogue": "Til dialogmødet møder du folk fra det lokalsamfund, hvor du skal bo, "
            "før du flytter ind.",
            "association_day": "Til foreningsdagen viser byens foreninger deres sport, kultur og "
            "klubber frem, og du kan prøve aktiviteterne.",
        },
        "greeting": "Kære {name}",
        "invitation": "Du er inviteret til {title} den {date} kl. {time} på {place}.",
        "closing": "Venlig hilsen kommunen",
        "reminder_subject": "Påmindelse: {title} i morgen",
        "reminder": "Hej {name}. Husk {title} i morgen, {date} kl. {time}, på {place}. "
        "Kan du ikke komme, så giv os besked.",
    },
    "en": {
        "kinds": {
            "intro_cafe": "At the intro café you meet the municipality, volunteers and "
            "associations and hear what you can take part in where you now live.",
            "language_cafe": "At the language café you practise Danish with volunteers over a "
            "cup of coffee.",
            "speed_dating": "At speed dating you meet many local people, briefly and "
            "informally, and may find a new friend or someone to go for walks with.",
            "dialogue": "At the dialogue meeting you meet people from the local community where "
            "you are going to live, before you move in.",
            "association_day": "At the association day the town's associations show their "
            "sports, culture and clubs, and you can try the activities.",
        },
        "greeting": "Dear {name}",
        "invitation": "You are invited to {title} on {date} at {time}, {place}.",
        "closing": "Kind regards, the municipality",
        "reminder_subject": "Reminder: {title} tomorrow",
        "reminder": "Hello {name}. Remember {title} tomorrow, {date} at {time}, {place}. "
        "If you cannot come, please let us know.",
    },
    "uk": {
        "kinds": {
            "intro_cafe": "У вступному кафе ви познайомитеся з муніципалітетом, волонтерами "
            "та асоціаціями і дізнаєтеся, у чому можете брати участь.",
            "language_cafe": "У мовному кафе ви практикуєте данську мову з волонтерами за "
            "чашкою кави.",
            "speed_dating": "На швидких знайомствах ви зустрінете багато місцевих людей і, "
            "можливо, знайдете нового друга.",
            "dialogue": "На зустрічі-діалозі ви познайомитеся з людьми з місцевої громади, де "
            "будете жити, ще до переїзду.",
            "association_day": "На дні асоціацій місцеві клуби показують спорт, культуру та "
            "гуртки, і ви можете спробувати заняття.",
        },
        "greeting": "Шановний(а) {name}",
        "invitation": "Запрошуємо вас на «{title}» {date} о {time}, місце: {place}.",
        "closing": "З повагою, муніципалітет",
        "reminder_subject": "Нагадування: «{title}» завтра",
        "reminder": "Вітаємо, {name}. Нагадуємо про «{title}» завтра, {date} о {time}, "
        "місце: {place}. Якщо не зможете прийти, повідомте нас.",
    },
    "ar": {
        "kinds": {
            "intro_cafe": "في مقهى التعارف تلتقي بالبلدية والمتطوعين والجمعيات وتعرف ما "
            "يمكنك المشاركة فيه.",
            "language_cafe": "في مقهى اللغة تتدرب على اللغة الدنماركية مع متطوعين على فنجان قهوة.",
            "speed_dating": "في لقاء التعارف السريع تلتقي بالكثير من السكان المحليين، وقد "
            "تجد صديقًا جديدًا.",
            "dialogue": "في لقاء الحوار تلتقي بأهل الحي الذي ستسكن فيه قبل أن تنتقل إليه.",
            "association_day": "في يوم الجمعيات تعرض جمعيات المدينة الرياضة والثقافة "
            "والنوادي، ويمكنك تجربة الأنشطة.",
        },
        "greeting": "عزيزي/عزيزتي {name}",
        "invitation": "أنت مدعو إلى {title} يوم {date} الساعة {time} في {place}.",
        "closing": "مع أطيب التحيات، البلدية",
        "reminder_subject": "تذكير: {title} غدًا",
        "reminder": "مرحبًا {name}. تذكير بـ {title} غدًا، {date} الساعة {time}، في {place}. "
        "إذا لم تتمكن من الحضور، يرجى إبلاغنا.",
    },
}

_ORDER = {"native": 0, "fluent": 1, "basic": 2, "none": 3}


def has_text(language: str) -> bool:
    return normalise_language(language) in TEXTS


def language_for(person: Any) -> str:
    """The first of the person's languages (best known first) with a text, else Danish."""
    known = sorted(person.languages.all(), key=lambda lang: _ORDER.get(lang.proficiency, 9))
    for language in known:
        code = normalise_language(language.language)
        if code in TEXTS:
            return code
    return DANISH


def _code(language: str) -> str:
    code = normalise_language(language)
    return code if code in TEXTS else DANISH


def _values(code: str, event: Any, name: str) -> dict[str, str]:
    day: date = event.held_on
    if code in ("da", "en"):
        with translation.override(code):
            shown = format_date(day, "long", language=code)
    else:
        shown = day.strftime("%d.%m.%Y")
    starts: time = event.starts_at
    return {
        "name": name,
        "title": event.title,
        "date": shown,
        "time": starts.strftime("%H.%M" if code == "da" else "%H:%M"),
        "place": event.place,
    }


def invitation(*, language: str, event: Any, name: str) -> dict[str, str]:
    """The invitation's parts in ``language`` (Danish where there is no text)."""
    code = _code(language)
    texts = TEXTS[code]
    values = _values(code, event, name)
    return {
        "language": code,
        "greeting": texts["greeting"].format(**values),
        "body": texts["invitation"].format(**values),
        "about": texts["kinds"][event.kind],
        "closing": texts["closing"],
    }


def reminder(*, language: str, event: Any, name: str) -> tuple[str, str]:
    """The reminder's subject and text in ``language`` (Danish where there is no text)."""
    code = _code(language)
    values = _values(code, event, name)
    texts = TEXTS[code]
    return texts["reminder_subject"].format(**values), texts["reminder"].format(**values)
