"""Where a search request's time goes: the whole ASGI stack against the search alone.

Builds the app on 10,000 generated sites (SQLite, warmed up as ``casa serve`` warms it) and
calls it in process, without a server or a socket, three ways in alternating rounds:

- a search request through the whole stack (middleware, routing, validation of the query
  parameters, the search, the response);
- ``/healthz`` through the same stack (the baseline: what any request costs);
- the search's unit of work alone, as the endpoint runs it (session, versions, origin, ranked
  candidates, the JSON body).

Prints the median cost per request of each over the rounds, one JSON line per figure. The
difference between the first and the third is what the framework adds around a search.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from parking_endpoint import N_SITES, prepare

ROUNDS = 7
PER_ROUND = 400


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="casa-bench-"))
    atexit.register(shutil.rmtree, folder, True)
    url, paths = prepare(folder)
    os.environ.update(
        CASA_DATABASE_URL=url,
        CASA_VAR_DIR=str(folder),
        CASA_LOG_LEVEL="WARNING",
        CASA_WARM_START="1",
    )
    from casa.app import create_app, warm_up
    from casa.core.config import get_settings
    from casa.parking import search
    from casa.parking.lean_sql import read_meta

    get_settings.cache_clear()
    app = create_app(get_settings())
    warm_up(app.state.db)
    state = app.state

    async def call(path: str) -> None:
        route, _, query = path.partition("?")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": route,
            "raw_path": route.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [(b"host", b"bench")],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
            "state": {},
        }
        status: list[int] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])

        await app(scope, receive, send)
        if status != [200]:
            raise RuntimeError(f"{path}: {status}")

    def unit_of_work(path: str) -> bytes:
        query = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        with state.db.session() as session:
            meta = read_meta(session)
            origin, label = search.resolve_origin(session=session, near=query["near"], place=None)
            values = search.ranked(
                session=session,
                origin=origin,
                now=state.clock(),
                radius_m=int(query["radius_m"]),
                sort=query["sort"],
                limit=int(query["limit"]),
                detour=state.settings.travel_detour_factor,
                place=label,
                meta=meta,
            )
        return search.search_json(values)

    async def timed_async(fn: Callable[[str], Coroutine[Any, Any, None]], ps: list[str]) -> float:
        started = time.perf_counter()
        for i in range(PER_ROUND):
            await fn(ps[i % len(ps)])
        return (time.perf_counter() - started) / PER_ROUND * 1000

    def timed(fn: Callable[[str], bytes], ps: list[str]) -> float:
        started = time.perf_counter()
        for i in range(PER_ROUND):
            fn(ps[i % len(ps)])
        return (time.perf_counter() - started) / PER_ROUND * 1000

    async def run() -> dict[str, list[float]]:
        rounds: dict[str, list[float]] = {"stack": [], "healthz": [], "search": []}
        async with app.router.lifespan_context(app):
            for path in paths[:50]:
                await call(path)
            for _ in range(ROUNDS):
                rounds["stack"].append(await timed_async(call, paths))
                rounds["healthz"].append(await timed_async(call, ["/healthz"]))
                rounds["search"].append(timed(unit_of_work, paths))
        return rounds

    rounds = asyncio.run(run())
    stack, healthz, alone = (statistics.median(rounds[k]) for k in ("stack", "healthz", "search"))
    common = {"sites": N_SITES, "rounds": ROUNDS, "requests_a_round": PER_ROUND}
    for metric, value, baseline, baseline_is in (
        ("search_request_ms", stack, healthz, "/healthz through the same stack"),
        ("search_request_ms_vs_search_alone", stack, alone, "the search's unit of work alone"),
    ):
        print(
            json.dumps(
                {
                    "bench": "parking_request_cost",
                    "metric": metric,
                    "value": round(value, 3),
                    "unit": "ms",
                    "baseline": round(baseline, 3),
                    "ratio": round(value / baseline, 2),
                    "baseline_is": baseline_is,
                    "framework_ms": round(stack - alone, 3),
                    **common,
                }
            )
        )


if __name__ == "__main__":
    main()
