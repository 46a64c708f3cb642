from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "velkomst.questions"
    label = "questions"
    verbose_name = _("Spørgsmål fra borgere")

    def ready(self) -> None:
        from velkomst.core import access, navigation, worklist

        from . import retention
        from . import worklist as question_worklist

        worklist.register(question_worklist.rows)
        retention.register()
        navigation.register(
            "tasks", "question-inbox", _("Spørgsmål fra borgere"), access.QUESTION_VIEW
        )
