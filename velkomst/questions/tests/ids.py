"""Objects of citizens' questions for the shared walkers (CIT-1): Amal's open question with a
PDF attachment."""

from __future__ import annotations

from typing import Any

QUESTION_TEXT = "Hvornår kommer mit sundhedskort-Q7Z?"


def question_ids(household: Any) -> dict[str, int]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from velkomst.questions.services import question_ask

    pdf = SimpleUploadedFile("brev.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    question = question_ask(
        person=household.members.get(first_name="Amal"),
        subject="Sundhedskort",
        text=QUESTION_TEXT,
        attachment=pdf,
    )
    return {"question_id": question.pk, "question_attachment_id": question.attachments.get().pk}
