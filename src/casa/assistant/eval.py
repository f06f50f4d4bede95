"""Evaluate WEBOT on a split: intents per language, entity F1, out of scope, end to end.

The baseline is a TF-IDF (words 1–2) + logistic-regression classifier trained on the same
train split, on the raw text. End-to-end items are answered through ``service.reply`` with a
fixed clock and compared with the transit planner asked directly with the labelled places.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sqlalchemy.orm import Session

from casa.assistant import journey_answers, nlu, service
from casa.assistant.entities import extract, labelled, place_table, place_value
from casa.city.schemas import PlaceOut
from casa.transit.exceptions import PlaceNotFound

EVAL_NOW = datetime(2026, 4, 20, 6, 30, tzinfo=UTC)
"""A Monday, 07:30 in Casablanca: every end-to-end answer is computed at this instant."""
TARGETS = {"intent": 0.95, "darija": 0.90, "entity_f1": 0.90}


@dataclass
class Report:
    """The figures of one evaluation run."""

    split: str
    n: int
    intent: dict[str, float] = field(default_factory=dict)
    baseline: dict[str, float] = field(default_factory=dict)
    entity: dict[str, float] = field(default_factory=dict)
    out_of_scope: dict[str, float] = field(default_factory=dict)
    end_to_end: dict[str, float] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the figures as plain data."""
        return {
            "split": self.split,
            "n": self.n,
            "intent_accuracy": self.intent,
            "baseline_intent_accuracy": self.baseline,
            "entity": self.entity,
            "out_of_scope": self.out_of_scope,
            "end_to_end": self.end_to_end,
            "targets": TARGETS,
        }


def baseline_model(items: list[dict[str, Any]]) -> Pipeline:
    """Train the TF-IDF + logistic-regression baseline on raw text."""
    model = Pipeline(
        [
            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("clf", LogisticRegression(max_iter=2000)),
        ]
    )
    model.fit([i["text"] for i in items], [i["intent"] for i in items])
    return model


def _accuracy(hits: Counter[str], totals: Counter[str]) -> dict[str, float]:
    out = {lang: round(hits[lang] / totals[lang], 4) for lang in sorted(totals)}
    out["overall"] = round(sum(hits.values()) / max(1, sum(totals.values())), 4)
    return out


def _place_of(session: Session, value: str) -> PlaceOut | None:
    places = {place_value(p): p for p in place_table(session).names.values()}
    return places.get(value)


def _journey_key(data: dict[str, Any]) -> tuple[Any, ...] | None:
    journey = data.get("journey")
    if not journey:
        return None
    rides = [leg for leg in journey["legs"] if leg["mode"] == "ride"]
    if not rides:
        return ("walk",)
    return (
        rides[0]["from"]["stop_id"],
        rides[-1]["to"]["stop_id"],
        tuple(leg["line"]["id"] for leg in rides),
    )


def _end_to_end(session: Session, item: dict[str, Any]) -> bool:
    expect = item["expect"]
    got = service.reply(
        session=session, conversation_id=f"eval-{uuid.uuid4().hex}", text=item["text"], now=EVAL_NOW
    )
    if "fare" in expect:
        return bool(got.data.get("fare", {}).get("amount") == expect["fare"])
    if "asks" in expect:
        return bool(got.data.get("asks") == expect["asks"])
    want = expect["journey"]
    a, b = _place_of(session, want["from"]), _place_of(session, want["to"])
    if a is None or b is None:
        return False
    when = journey_answers.resolve_time(want.get("time"), EVAL_NOW)
    try:
        _, reference = journey_answers.journey(session, item["lang"], a, b, when)
    except PlaceNotFound:
        return False
    return _journey_key(got.data) == _journey_key(reference)


def evaluate(*, session: Session, split: str = "test", end_to_end: bool = True) -> Report:
    """Measure WEBOT and the baseline on a split of the labelled dataset."""
    items = nlu.read_split(split)
    base = baseline_model(nlu.read_split("train"))
    base_pred = base.predict([i["text"] for i in items])
    report = Report(split, len(items))
    hits, base_hits, totals = Counter[str](), Counter[str](), Counter[str]()
    tp = fp = fn = 0
    oos = Counter[str]()
    e2e, e2e_n = 0, 0
    for item, base_intent in zip(items, base_pred, strict=True):
        found = extract(session, item["text"])
        intent = nlu.classify(item["text"], found).name
        lang, gold = item["lang"], item["intent"]
        totals[lang] += 1
        hits[lang] += intent == gold
        base_hits[lang] += base_intent == gold
        predicted = {(e["type"], e["value"]) for e in labelled(found, gold)}
        expected = {(e["type"], e["value"]) for e in item["entities"]}
        tp, fp, fn = (
            tp + len(predicted & expected),
            fp + len(predicted - expected),
            fn + len(expected - predicted),
        )
        oos["tp"] += intent == gold == "out_of_scope"
        oos["fp"] += intent == "out_of_scope" != gold
        oos["fn"] += gold == "out_of_scope" != intent
        if intent != gold or predicted != expected:
            report.errors.append(
                {
                    "text": item["text"],
                    "lang": lang,
                    "intent": gold,
                    "got": intent,
                    "missing": sorted(expected - predicted),
                    "extra": sorted(predicted - expected),
                }
            )
        if end_to_end and "expect" in item:
            e2e_n += 1
            e2e += _end_to_end(session, item)
    report.intent = _accuracy(hits, totals)
    report.baseline = _accuracy(base_hits, totals)
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    report.entity = {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / max(1e-9, precision + recall), 4),
    }
    report.out_of_scope = {
        "precision": round(oos["tp"] / max(1, oos["tp"] + oos["fp"]), 4),
        "recall": round(oos["tp"] / max(1, oos["tp"] + oos["fn"]), 4),
    }
    if end_to_end:
        report.end_to_end = {
            "correct": e2e,
            "items": e2e_n,
            "accuracy": round(e2e / max(1, e2e_n), 4),
        }
    return report
