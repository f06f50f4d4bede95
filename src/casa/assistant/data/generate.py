"""Write the labelled dataset (train.jsonl, dev.jsonl, test.jsonl) from the phrasings and slots.

Run ``python -m casa.assistant.data.generate``; the output is deterministic. The test split
comes from its own phrasings (``test_templates``); train and dev share the others, and the
train split alone also gets ``TRAIN_EXTRA``.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

from casa.assistant.data.slots import LINES, NEAR, PARKING_PLACES, PLACES, STOP_PLACES, TIMES
from casa.assistant.data.test_templates import TEST
from casa.assistant.data.train_extra import TRAIN_EXTRA
from casa.assistant.data.train_templates import TRAIN

HERE = Path(__file__).resolve().parent
FILLS_PER_TEMPLATE = 3
DEV_SHARE = 0.25
FARE_IN_FORCE = "8.00"
_SLOT = re.compile(r"\{([ABPTLR])\}")
_TYPES = {"A": "from", "B": "to", "P": "place", "T": "time", "L": "line", "R": "relation"}


def _fill(template: str, lang: str, intent: str, rng: random.Random) -> dict[str, Any]:
    pool = PARKING_PLACES if intent == "parking" else STOP_PLACES
    a, b = rng.sample(sorted(PLACES), 2)
    choice = {
        "A": (rng.choice(PLACES[a][lang]), a),
        "B": (rng.choice(PLACES[b][lang]), b),
        "P": (lambda k: (rng.choice(PLACES[k][lang]), k))(rng.choice(pool)),
        "T": rng.choice(TIMES[lang]),
        "L": rng.choice(LINES[lang]),
        "R": (rng.choice(NEAR[lang]), "near"),
    }
    text, entities, pos = "", [], 0
    for match in _SLOT.finditer(template):
        text += template[pos : match.start()]
        surface, value = choice[match.group(1)]
        entities.append(
            {
                "type": _TYPES[match.group(1)],
                "value": value,
                "start": len(text),
                "end": len(text) + len(surface),
            }
        )
        text += surface
        pos = match.end()
    text += template[pos:]
    item: dict[str, Any] = {"text": text, "lang": lang, "intent": intent, "entities": entities}
    slots = {e["type"]: e["value"] for e in entities}
    if intent == "journey" and "from" in slots and "to" in slots:
        item["expect"] = {"journey": {"from": slots["from"], "to": slots["to"]}}
        if "time" in slots:
            item["expect"]["journey"]["time"] = slots["time"]
    elif intent == "journey":
        item["expect"] = {"asks": "from"}
    elif intent == "fares":
        item["expect"] = {"fare": FARE_IN_FORCE}
    return item


def expand(
    pool: dict[str, dict[str, list[str]]], seed: int, fills: int = FILLS_PER_TEMPLATE
) -> list[dict[str, Any]]:
    """Return the utterances of a pool of phrasings, each slotted phrasing filled a few times."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for lang, intents in pool.items():
        for intent, templates in intents.items():
            for template in templates:
                times = fills if _SLOT.search(template) else 1
                for _ in range(times * 3):
                    item = _fill(template, lang, intent, rng)
                    if item["text"] not in seen:
                        seen.add(item["text"])
                        items.append(item)
                        times -= 1
                    if times == 0:
                        break
    return items


def write(path: Path, items: list[dict[str, Any]]) -> None:
    """Write items as JSON lines."""
    with path.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")


def main() -> None:
    """Write the three splits next to this file."""
    test = expand(TEST, seed=5)
    rest = expand(TRAIN, seed=7, fills=5)
    random.Random(11).shuffle(rest)  # noqa: S311 - reproducible split
    cut = int(len(rest) * DEV_SHARE)
    write(HERE / "test.jsonl", test)
    texts = {item["text"] for item in [*test, *rest]}
    extra = [item for item in expand(TRAIN_EXTRA, seed=13, fills=5) if item["text"] not in texts]
    write(HERE / "dev.jsonl", rest[:cut])
    write(HERE / "train.jsonl", rest[cut:] + extra)
    print(f"train {len(rest) - cut + len(extra)}, dev {cut}, test {len(test)}")


if __name__ == "__main__":
    main()
