"""Times, lines and language forms read from messages."""

from __future__ import annotations

import numpy as np
import pytest

from casa.assistant import nlu
from casa.assistant.lang import detect
from casa.assistant.times import Span, find_lines, find_time

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("kifach nmchi mn casa port l ain diab ghda f 8", "tomorrow 08:00"),
        ("Comment aller à Anfa à 8h30 ?", "08:30"),
        ("m3a 5 d l3chiya", "17:00"),
        ("at 6:15 pm", "18:15"),
        ("دابا", "now"),
        ("غدا ف 8", "tomorrow 08:00"),
        ("f 8 w nos", "08:30"),
    ],
)
def test_find_time_reads_each_language(text: str, value: str) -> None:
    found, _ = find_time(text)

    assert found is not None and found.value == value


def test_find_time_marks_arrive_by_before() -> None:
    found, arrive_by = find_time("je veux arriver avant 9h")

    assert (found, arrive_by) == (Span("time", "09:00", 16, 24), True)


def test_find_lines_reads_trams_and_busways_without_mistaking_arabizi() -> None:
    assert [s.value for s in find_lines("tram 2 puis busway BW1, pas tram 7ta")] == ["T2", "BW1"]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("kifach nmchi mn casa port l ain diab ghda f 8", "darija_latn"),
        ("فين نلقى بلاصة باش نباركي قرب توين سنتر؟", "darija_ar"),
        ("كم ثمن تذكرة الترامواي؟", "ar"),
        ("Où me garer près du Twin Center ?", "fr"),
        ("How much is a tram ticket?", "en"),
    ],
)
def test_detect_names_the_language_form(text: str, form: str) -> None:
    assert detect(text) == form


def test_fast_probabilities_equal_the_pipelines_own() -> None:
    clf = nlu.model()
    docs = [nlu.masked(i["text"], nlu.gold_spans(i)) for i in nlu.read_split("dev")] + ["", "zz"]

    fast = np.array([nlu.probabilities(clf, d) for d in docs])
    assert np.allclose(fast, clf.predict_proba(docs), rtol=0, atol=1e-12)
