"""How much faster the gazetteer's in-memory index answers than a naive scan of every name.

Both rank the same way (exact, then prefix, then word-prefix, then fuzzy by edit similarity);
the naive scan normalises and scores every name of every place on each query, as code without
an index would. Prints one JSON line per figure:
``python benchmarks/city_places_search.py``.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from casa import data
from casa.city.gazetteer import KIND_RANK, SearchIndex, place_names, read_places_csv
from casa.city.normalize import compact, normalize
from casa.city.schemas import PlaceOut

QUERIES = [
    "casa voyageur",
    "casa port",
    "الدار البيضاء الميناء",
    "kaza por",
    "lgar",
    "توين سنتر",
    "ain diab",
    "عين الذياب",
    "derb sultan",
    "lma3arif",
    "maarif",
    "sidi mouman",
    "technopark",
    "place mohamed 5",
    "anciens abatoirs",
    "hay hassani",
    "مرس السلطان",
    "bernousi",
    "casa",
    "gare casa voyageurs svp",
    "idris el harti",
    "zerktouni",
    "oulmes",
    "la residence",
]
REPEAT = 5


def naive_search(places: Sequence[PlaceOut], query: str, limit: int = 10) -> list[str]:
    """Score every name of every place against the query, normalising each name on the spot."""
    norm = normalize(query)
    key = compact(norm)
    best: dict[int, float] = {}
    for pos, place in enumerate(places):
        for name in place_names(place):
            n = normalize(name)
            c = compact(n)
            tails = [compact(" ".join(n.split()[i:])) for i in range(1, len(n.split()))]
            if c == key:
                score = 100.0
            elif c.startswith(key):
                score = 90.0 + 9.0 * len(key) / len(c)
            elif any(t.startswith(key) for t in tails):
                score = 80.0 + 9.0 * max(len(key) / len(t) for t in tails if t.startswith(key))
            else:
                raw = max(fuzz.ratio(norm, n), fuzz.token_sort_ratio(norm, n))
                score = min(79.0, raw * 0.79) if raw >= 75 else 0.0
            if score and score > best.get(pos, 0.0):
                best[pos] = score
    ranked = sorted(
        best, key=lambda p: (-best[p], KIND_RANK.get(places[p].kind, 99), places[p].name_fr, p)
    )
    return [places[p].key for p in ranked[:limit]]


def timed(fn: Callable[[str], object]) -> float:
    """Return the median time of one query over every query and repetition, in milliseconds."""
    samples = []
    for _ in range(REPEAT):
        for q in QUERIES:
            start = time.perf_counter()
            fn(q)
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def places_times(factor: int) -> list[PlaceOut]:
    """Return the bundled places, repeated with distinct keys to grow the gazetteer."""
    base = read_places_csv(data.path("places.csv"))
    out = []
    for copy in range(factor):
        for i, p in enumerate(base):
            fields = p.model_dump()
            fields["key"] = f"{p.key}#{copy}" if copy else p.key
            out.append(PlaceOut(id=copy * len(base) + i + 1, **fields))
    return out


def line(bench: str, metric: str, value: float, unit: str, baseline: float, n: int) -> str:
    """Format one figure."""
    return json.dumps(
        {
            "bench": bench,
            "metric": metric,
            "value": round(value, 4),
            "unit": unit,
            "baseline": round(baseline, 4),
            "ratio": round(baseline / value, 2),
            "n": n,
        }
    )


def main() -> None:
    """Measure and print."""
    for factor in (1, 10):
        places = places_times(factor)
        start = time.perf_counter()
        index = SearchIndex.build(places)
        build_ms = (time.perf_counter() - start) * 1000
        indexed = timed(lambda q, index=index: index.search(q, limit=10))
        naive = timed(lambda q, places=places: naive_search(places, q))
        agree = sum(
            [p.key for p, _, _ in index.search(q, limit=1)] == naive_search(places, q, limit=1)
            for q in QUERIES
        ) / len(QUERIES)
        print(line("city_places_search", "median_query_ms", indexed, "ms", naive, len(places)))
        print(line("city_places_search", "index_build_ms", build_ms, "ms", naive, len(places)))
        print(line("city_places_search", "top1_agreement", agree, "fraction", 1.0, len(places)))


if __name__ == "__main__":
    main()
