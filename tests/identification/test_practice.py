"""ID practice: questions built from the sheets in three languages; answers graded and kept; supervisors see
the scores of their own agency's people only."""
from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from agencies.choices import Role
from identification.models import QuizAttempt
from identification.services import build_quiz, grade
from species.listings import listing_on
from species.models import Taxon
from tests.factories import AgencyFactory, make_member

pytestmark = pytest.mark.django_db


def test_questions_come_from_the_sheets_and_the_rules_in_each_language(reference_data, kg):
    for language in ("en", "ru", "ky"):
        with translation.override(language):
            questions = build_quiz(42, language)
            assert build_quiz(42, language)[0].clue == questions[0].clue  # same seed, same questions
        assert {q.kind for q in questions} == {"species", "part", "appendix", "documents"}
        for q in questions:
            assert 0 <= q.answer < len(q.options) and len(set(q.options)) == len(q.options)
            if q.kind in ("species", "part"):
                assert q.clue == q.sheet.section("features", language)[0]
            if q.kind == "appendix":
                appendix = listing_on(Taxon.objects.get(scientific_name=q.sheet.taxon)).appendix
                with translation.override(language):
                    expected = translation.gettext("Not listed") if appendix == "NC" else appendix
                assert q.options[q.answer] == expected
    result = grade(questions, {i: q.answer for i, q in enumerate(questions)})
    assert result.score == result.total == len(questions)
    assert grade(questions, {}).score == 0


def test_a_round_is_graded_and_supervisors_see_their_agency_only(reference_data, kg, client):
    customs = AgencyFactory(code="KG-CUS", country=kg)
    border = AgencyFactory(code="KG-BGS", country=kg)
    officer = make_member(customs, Role.OFFICER, username="officer")
    other = make_member(border, Role.OFFICER, username="border_officer")
    supervisor = make_member(customs, Role.SUPERVISOR, username="supervisor")

    client.force_login(officer)
    page = client.get(reverse("identification:practice"))
    assert page.status_code == 200
    seed = page.context["seed"]
    questions = page.context["questions"]
    answers = {f"q{i}": str(q.answer) for i, q in enumerate(questions)}
    answers["q0"] = str((questions[0].answer + 1) % len(questions[0].options))  # one wrong answer
    done = client.post(reverse("identification:practice"), {"seed": seed, **answers})
    assert done.context["result"].score == len(questions) - 1
    attempt = QuizAttempt.objects.get(user=officer)
    assert (attempt.score, attempt.total, attempt.agency) == (len(questions) - 1, len(questions), customs)
    assert client.get(reverse("identification:scores")).status_code == 403

    client.force_login(other)
    client.post(reverse("identification:practice"), {"seed": seed})
    assert QuizAttempt.objects.get(user=other).score == 0

    client.force_login(supervisor)
    html = client.get(reverse("identification:scores")).content.decode()
    assert "(officer)" in html and "border_officer" not in html


def test_help_page_lists_the_guides_of_the_page_first_and_the_question_mark_leads_there(client, kg):
    from guides.journeys import JOURNEYS, journeys_for_path

    assert journeys_for_path("/permits/check/")[0].slug == "check-permit"
    assert journeys_for_path("/nowhere/") == []
    customs = AgencyFactory(code="KG-CUS", country=kg)
    client.force_login(make_member(customs, Role.OFFICER, username="officer"))
    client.cookies["django_language"] = "ky"
    home = client.get("/").content.decode()
    assert '/help/?from=/' in home
    page = client.get("/help/", {"from": "/permits/check/"})
    guides = page.context["guides"]
    assert guides[0]["journey"].slug == "check-permit" and guides[0]["for_this_page"]
    assert len(guides) == len(JOURNEYS)
    with translation.override("ky"):
        assert str(JOURNEYS[0].steps[0].caption) in page.content.decode()
