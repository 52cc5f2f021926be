"""The search service alone, in process: p50/p99 of each benchmark query (no HTTP, no page)."""

from __future__ import annotations

import statistics
import time

from portal import create_app
from portal.search.services import search

QUERIES = [("商会", "zh_CN"), ("党建", "zh_CN"), ("员企", "zh_CN"), ("商", "zh_CN"),
           ("营商环境", "zh_CN"), ("chamber", "en"), ("digital transformation", "en")]

app = create_app()
with app.test_request_context():
    for query, language in QUERIES:
        for _ in range(5):  # warm-up, not counted: the first search of a process also connects
            search(query, language=language)
        times = []
        for page in [1] * 180 + [2, 3, 5, 10] * 5:
            started = time.perf_counter()
            results = search(query, language=language, page=page)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p50, p99 = statistics.median(times), times[int(len(times) * .99)]
        more = "+" if results.capped else ""
        print(f"  search({query!r}, {language}): {results.total}{more} hits, "
              f"p50 {p50:.2f} ms, p99 {p99:.2f} ms", flush=True)
