#!/usr/bin/env python3
"""Prints the tables of docs/benchmarks.md from the JSON results run-all.sh wrote (docs/benchmarks/*.json).

Every figure in the tables comes from those files: ours beside the peer of the same run, the ratio, the
target and whether it is met. Usage: python3 shop-benchmarks/report.py [results-dir [section ...]]  (default docs/benchmarks, all sections)
"""
import json
import os
import sys

DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "docs", "benchmarks")
ONLY = sys.argv[2:]  # section names (machine, store, ratelimit, ...): print only those


def load(name):
    path = os.path.join(DIR, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def method(r):
    return r["benchmark"].rsplit(".", 1)[-1]


def params(r):
    p = r.get("params") or {}
    return ", ".join(f"{k}={v}" for k, v in sorted(p.items()))


def pct(r, p):
    return r["primaryMetric"]["scorePercentiles"][p]


def score(r):
    return r["primaryMetric"]["score"]


def fmt(x, digits=3):
    if x is None:
        return "–"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits}g}" if abs(x) < 1 else f"{x:.2f}"


def verdict(ok):
    return "**met**" if ok else "**missed**"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def by(results, mode=None):
    out = {}
    for r in results or []:
        if mode and r["mode"] != mode:
            continue
        out[(method(r), params(r))] = r
    return out


def section(title, body):
    print(f"\n### {title}\n")
    print(body)


def machine():
    m = load("machine.json")
    if not m:
        return
    rows = [[b["name"], b["startedAt"], b["seconds"], b["loadAverageBefore"], b["loadAverageAfter"], b["exit"]]
            for b in m.get("benchmarks", [])]
    section("Machine and load record", f"{m.get('cores')} cores, {m.get('cpu')}, {m.get('memoryKiB', 0) // 1024} MiB; "
            f"{m.get('jdk', '').strip()}; PostgreSQL {m.get('postgresql')}; Redis {m.get('redis')}; mode "
            f"{m.get('mode')}, noisy={m.get('noisy')}; load average at start {m.get('loadAverageAtStart')}.\n\n"
            + table(["benchmark", "started (UTC)", "seconds", "load before", "load after", "exit"], rows))


def store():
    store_jmh("store.json", "Store (µs per query)")
    store_interleaved("store-interleaved.json", "Store, interleaved ({users:,} users; µs per query)")
    store_jmh("store-10m.json", "Store at ten times the data, JMH (µs per query)")
    store_interleaved("store-10m-interleaved.json", "Store at ten times the data, interleaved ({users:,} users; µs per query)")


def store_jmh(name, title):
    res = by(load(name), "sample")
    if not res:
        return
    rows = []
    for (name, p), ours in sorted(res.items()):
        if not name.endswith("Store"):
            continue
        base = name[: -len("Store")]
        peer = res.get((base + "Jdbc", p))
        if not peer:
            continue
        ratio = pct(ours, "50.0") / pct(peer, "50.0")
        if base == "expiringPage":
            target = "p99 < 5 ms, p50 ≤ 1.1×"
            ok = pct(ours, "99.0") < 5000 and ratio <= 1.1
        else:
            target = "p99.9 < 1 ms, p50 ≤ 1.1×"
            ok = pct(ours, "99.9") < 1000 and ratio <= 1.1
        rows.append([base, fmt(pct(ours, "50.0")), fmt(pct(peer, "50.0")), f"{ratio:.2f}×", fmt(pct(ours, "99.0")),
                     fmt(pct(peer, "99.0")), fmt(pct(ours, "99.9")), fmt(pct(peer, "99.9")), target, verdict(ok)])
    section(title, table(["query", "ours p50", "JDBC p50", "p50 ratio", "ours p99", "JDBC p99",
                                           "ours p99.9", "JDBC p99.9", "target", ""], rows))


def store_interleaved(name, title):
    inter = load(name)
    if not inter:
        return
    rows = []
    for r in inter["results"]:
        o, w = r["ours"], r["raw"]
        ratio = o["p50Us"] / w["p50Us"]
        if r["query"] == "expiringPage":
            target, ok = "p99 < 5 ms, p50 ≤ 1.1×", o["p99Us"] < 5000 and ratio <= 1.1
        else:
            target, ok = "p99.9 < 1 ms, p50 ≤ 1.1×", o["p999Us"] < 1000 and ratio <= 1.1
        rows.append([r["query"], fmt(o["p50Us"]), fmt(w["p50Us"]), f"{ratio:.2f}×", fmt(o["meanUs"] / w["meanUs"]),
                     fmt(o["p99Us"]), fmt(w["p99Us"]), fmt(o["p999Us"]), fmt(w["p999Us"]), target, verdict(ok)])
    section(title.format(users=inter["users"]),
            table(["query", "ours p50", "JDBC p50", "p50 ratio", "mean ratio", "ours p99", "JDBC p99", "ours p99.9",
                   "JDBC p99.9", "target", ""], rows))


def ratelimit():
    results = load("ratelimit.json")
    if not results:
        return
    res = by(results)
    rows = []
    for (name, p), r in sorted(res.items()):
        if r["benchmark"].split(".")[-2] != "InMemoryLimiterBenchmark" or not name.startswith("ours"):
            continue
        algorithm, _, suffix = name[len("ours"):].partition("_")
        peer = next((v for (n, q), v in res.items() if q == p and n == "bucket4j_" + suffix
                     and v["benchmark"].split(".")[-2] == "InMemoryLimiterBenchmark"), None)
        if not peer:
            continue
        ratio = score(r) / score(peer)
        rows.append([suffix, p, "GCRA" if algorithm == "Gcra" else "exact log", fmt(score(r)), fmt(score(peer)),
                     f"{ratio:.2f}×", "≥ 1.0×", verdict(ratio >= 1.0)])
    if rows:
        rows.sort(key=lambda row: (row[2], row[0], row[1]))
        section("Rate limiter, in memory (decisions per µs, higher is better)",
                table(["threads", "params", "ours", "ours ops/µs", "Bucket4j ops/µs", "ours / Bucket4j", "target", ""],
                      rows))
    rows = []
    redis = {k: v for k, v in res.items() if v["benchmark"].split(".")[-2] == "RedisLimiterBenchmark"}
    for (name, p), r in sorted(redis.items()):
        if name.startswith("raw"):
            continue
        refused = "refused" in name.lower()
        raw = next((v for (n, q), v in redis.items() if q == p and n.startswith("rawEvalsha")
                    and ("refused" in n.lower()) == refused), None) or redis.get(("rawEvalshaReturn1", p))
        if not raw:
            continue
        unit = r["primaryMetric"]["scoreUnit"]
        # throughput: time per decision relative to one raw EVALSHA round trip = raw ops / our ops
        ratio = score(raw) / score(r) if "ops" in unit else score(r) / score(raw)
        is_ours = name.startswith("ours")
        rows.append([name, p, fmt(score(r)), fmt(score(raw)), method(raw), f"{ratio:.2f}×",
                     "≤ 1.25×" if is_ours else "(peer)", verdict(ratio <= 1.25) if is_ours else ""])
    if rows:
        section("Rate limiter, Redis (decisions per ms; ratio = time per decision / one raw EVALSHA)",
                table(["contestant", "params", "ops/ms", "raw ops/ms", "raw", "time ratio", "target", ""], rows))
    rows = []
    for r in results:
        if r["benchmark"].split(".")[-2] != "RedisInterleavedBenchmark":
            continue
        m = {k: v["score"] for k, v in r.get("secondaryMetrics", {}).items()}
        calls = m.get("calls")
        if not calls or not m.get("evalshaNanos"):
            continue
        raw = m["evalshaNanos"] / calls
        for who in ("ours", "oursRoundTrip", "bucket4j", "ping"):
            if m.get(who + "Nanos") is None:
                continue
            mean = m[who + "Nanos"] / calls
            goal = who.startswith("ours")
            rows.append([who, f"keys={r['params']['keys']}", f"{mean / 1000:.1f}", f"{raw / 1000:.1f}",
                         f"{mean / raw:.2f}×", "≤ 1.25×" if goal else "(peer)",
                         verdict(mean / raw <= 1.25) if goal else ""])
    if rows:
        section("Rate limiter, Redis, interleaved (one call of each contestant per operation; mean µs per call)",
                table(["contestant", "params", "mean µs", "raw EVALSHA µs", "ratio", "target", ""], rows))


def fsm():
    res = load("fsm.json")
    if res:
        avgt, sample = by(res, "avgt"), by(res, "sample")
        rows = []
        if ("fsmRead", "") in avgt and ("rawHgetall", "") in avgt:
            ratio = score(avgt[("fsmRead", "")]) / score(avgt[("rawHgetall", "")])
            rows.append(["mean (avgt)", fmt(score(avgt[("fsmRead", "")])), fmt(score(avgt[("rawHgetall", "")])),
                         f"{ratio:.2f}×", "≤ 1.25×", verdict(ratio <= 1.25)])
        if ("fsmRead", "") in sample and ("rawHgetall", "") in sample:
            for p in ("50.0", "99.0"):
                o, w = pct(sample[("fsmRead", "")], p), pct(sample[("rawHgetall", "")], p)
                rows.append([f"p{p[:-2]} (sample)", fmt(o), fmt(w), f"{o / w:.2f}×", "", ""])
        section("FSM read (µs)", table(["statistic", "FsmStorage read", "raw HGETALL", "ratio", "target", ""], rows))
    inter = load("fsm-interleaved.json")
    if inter:
        script = "rawScriptUs" in inter["percentiles"][0]
        rows = []
        for p in inter["percentiles"]:
            row = [f"p{p['p'] * 100:g}", p["fsmReadUs"], p["rawHgetallUs"]]
            if script:
                row += [p["rawScriptUs"], f"{p['ratioToScript']:.2f}×"]
            row += [f"{p['ratio']:.2f}×", "≤ 1.25×", verdict(p["ratio"] <= 1.25)]
            rows.append(row)
        header = ["percentile", "FsmStorage read", "raw HGETALL"]
        if script:
            header += ["same script raw", "ours / script"]
        header += ["ours / HGETALL", "target", ""]
        section(f"FSM read, interleaved ({inter['rounds']:,} rounds, the contestants in rotating order, µs)",
                table(header, rows))


def cache():
    res = by(load("cache.json"), "avgt")
    if res:
        peer = res.get(("caffeineGetIfPresent", ""))
        rows = []
        for (name, p), r in sorted(res.items()):
            if name == "caffeineGetIfPresent" or not peer:
                continue
            ratio = score(r) / score(peer)
            rows.append([name, fmt(score(r)), fmt(score(peer)), f"{ratio:.2f}×", "≤ 1.5×", verdict(ratio <= 1.5)])
        section("Cache level-1 hit (ns per call)", table(["call", "ours", "Caffeine getIfPresent", "ratio", "target", ""], rows))
    zipf = load("cache-zipf.json")
    if zipf:
        rows = [[z["region"], z["maximumSize"], f"{z['hitRate'] * 100:.1f} %", f"{z['idealHitRate'] * 100:.1f} %"]
                for z in zipf["regions"]]
        section(f"Cache hit rate on a Zipf stream ({zipf['keys']:,} keys, s = {zipf['s']}), standard regions",
                table(["region", "size", "hit rate", "ideal (hold the most popular)"], rows))
        rows = []
        for sweep in zipf.get("sweep", []):
            for pt in sweep["points"]:
                rows.append([sweep["s"], f"{pt['fractionOfKeys'] * 100:.0f} %", pt["maximumSize"],
                             f"{pt['hitRate'] * 100:.1f} %", f"{pt['idealHitRate'] * 100:.1f} %"])
        if rows:
            firsts = "; ".join(f"s = {s['s']}: {s['smallestSizeAt90Percent'] or 'none of the swept sizes'}"
                               for s in zipf["sweep"])
            section("Cache hit rate against size", table(["s", "size / keys", "size", "hit rate", "ideal"], rows)
                    + f"\n\nSmallest swept size reaching 90 %: {firsts}.")


def panel():
    res = by(load("panel.json"), "avgt")
    if res:
        peer = res.get(("rawOkHttpJackson", ""))
        rows = [[n, fmt(score(r)), f"{score(r) / score(peer):.2f}×" if peer else "–"] for (n, p), r in sorted(res.items())]
        section("Panel client (µs per getUser round trip; ratio to raw OkHttp + Jackson)", table(["contestant", "µs", "ratio"], rows))
    res = by(load("panel-mapping.json"), "avgt")
    if res:
        peer = res.get(("jacksonTreeOnly", ""))
        rows = [[n, fmt(score(r)), f"{score(r) / score(peer):.2f}×" if peer else "–"] for (n, p), r in sorted(res.items())]
        section("Panel answer mapping (µs per answer)", table(["contestant", "µs", "ratio"], rows))


def engine():
    res = by(load("engine.json"), "sample")
    if not res:
        return
    rows = []
    for threads, suffix in ((1, "1Thread"), (2, "2Threads")):
        o, w = res.get(("engineApplyPayment" + suffix, "")), res.get(("rawJdbcPeer" + suffix, ""))
        if not o or not w:
            continue
        po, pw = threads * 1e6 / score(o), threads * 1e6 / score(w)
        rows.append([threads, f"{po:,.0f}", f"{pw:,.0f}", f"{po / pw:.2f}", fmt(pct(o, "50.0")), fmt(pct(w, "50.0")),
                     fmt(pct(o, "99.0")), fmt(pct(w, "99.0")), "≥ 0.8", verdict(po / pw >= 0.8)])
    section("applyPayment (1,000,000 users)", table(["threads", "ours payments/s", "raw JDBC payments/s", "ratio",
                                                      "ours p50 µs", "raw p50 µs", "ours p99 µs", "raw p99 µs", "target", ""], rows))
    inter = load("engine-interleaved.json")
    if inter:
        by_key = {(r["threads"], r["who"]): r for r in inter["results"]}
        rows = []
        for threads in (1, 2):
            o, w, q = by_key.get((threads, "ours")), by_key.get((threads, "raw")), by_key.get((threads, "ratio"))
            if not o or not w or not q:
                continue
            rows.append([threads, f"{o['perSecond']:,.0f}", f"{w['perSecond']:,.0f}", f"{q['ratio']:.2f}",
                         o["p50Ms"], w["p50Ms"], o["p99Ms"], w["p99Ms"], "≥ 0.8", verdict(q["ratio"] >= 0.8)])
        section(f"applyPayment, interleaved ({inter['rounds']} rounds of ABBA phases of {inter['phase']} payments)",
                table(["threads", "ours payments/s", "raw JDBC payments/s", "ratio", "ours p50 ms", "raw p50 ms",
                       "ours p99 ms", "raw p99 ms", "target", ""], rows))


def broadcast():
    b = load("telegram-broadcast.json")
    if not b:
        return
    rows = []
    for name in ("ours", "naiveSleep", "batches25"):
        r = b.get(name)
        if not r:
            continue
        goal = name == "ours"
        ok = r["fractionOfLimit"] >= 0.97 and r["http429"] == 0
        rows.append([name, r["sent"], r["wallSeconds"], r["steadyMessagesPerSecond"], r["fractionOfLimit"], r["http429"],
                     r["maxAcceptedInAnySecond"], "≥ 0.97, no 429" if goal else "(peer)", verdict(ok) if goal else ""])
    section(f"Telegram broadcast ({b['messages']:,} chats, {b['limitPerSecond']}/s)",
            table(["contestant", "sent", "wall s", "steady msg/s", "fraction of limit", "429s", "max in any 1 s", "target", ""], rows))


def dispatcher():
    res = load("telegram-dispatcher.json")
    if not res:
        return
    thr, sample = by(res, "thrpt"), by(res, "sample")
    rows = []
    for full, bare in (("full", "bare"), ("full4", "bare4")):
        if (full, "") not in thr or (bare, "") not in thr:
            continue
        f, b = thr[(full, "")], thr[(bare, "")]
        fs, bs = sample.get((full, "")), sample.get((bare, ""))
        added = (pct(fs, "99.0") - pct(bs, "99.0")) if fs and bs else None
        rows.append([f["threads"], f"{score(f) * 1000:,.0f}", f"{score(b) * 1000:,.0f}",
                     fmt(pct(fs, "50.0")) if fs else "–", fmt(pct(fs, "99.0")) if fs else "–", fmt(added)])
    section("Telegram dispatcher (updates/s; ms per update)",
            table(["callers", "full chain upd/s", "bare upd/s", "full p50 ms", "full p99 ms", "p99 added ms"], rows))


def shopload():
    s = load("telegram-shop-load.json")
    if not s:
        return
    for transport in ("webhook", "polling"):
        t = s.get(transport)
        if not t:
            continue
        rows = []
        for action, l in t["latencyMillis"].items():
            rows.append([action, l["count"], l["p50"], l["p90"], l["p99"], l["max"],
                         "p99 < 50 ms" if action == "all" else "", verdict(l["p99"] < 50) if action == "all" else ""])
        extra = {k: v for k, v in t.items() if not isinstance(v, (dict, list))}
        check = t.get("check", {})
        notice = t.get("paymentToNoticeMillis", {})
        lines = ", ".join(f"{k} {v}" for k, v in extra.items())
        if check:
            lines += (f"; nothing lost: {check.get('nothingLost')} ({check.get('usersWithActiveSubscription')} users "
                      f"active, {check.get('usersWithExactlyOnePaidPayment')} with exactly one paid payment, "
                      f"{check.get('pendingUpdatesAtEnd')} updates left)")
        if notice:
            lines += f"; payment → notice p50 {notice.get('p50')} / p99 {notice.get('p99')} ms (includes the outbox's polling)"
        section(f"Shop under {s['users']} users, {transport} (ms from the user's update to the bot's answer)",
                table(["action", "count", "p50", "p90", "p99", "max", "target", ""], rows) + "\n\n" + lines)


def backup():
    path = os.path.join(DIR, "backup.txt")
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
        # the harness prints its summary table after each level; the last one holds every level
        tables = [t for t in text.split("\n\n") if t.lstrip().startswith("tool ")]
        timeline = [l for l in text.splitlines() if l.startswith("[") and ("BackupService level" in l or "pg_dump" in l
                                                                             or "pg_restore" in l or "seed" in l)]
        body = "```\n" + (tables[-1].strip() if tables else text.strip()) + "\n```"
        if timeline:
            body += "\n\nTimeline (load average per step):\n\n```\n" + "\n".join(timeline) + "\n```"
        section("Backups (BackupBenchmarkMain, seconds and MB)", body)


if __name__ == "__main__":
    for part in (machine, store, ratelimit, fsm, cache, panel, engine, backup, broadcast, dispatcher, shopload):
        if not ONLY or part.__name__ in ONLY:
            part()
