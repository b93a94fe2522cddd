#!/usr/bin/env python3
"""make bench: end-to-end timings and peak memory of argo-connectors.

  bench.py BINARY BENCH_BINARY WORKDIR TOOLSDIR [--runs N] [--markdown FILE]

Generates the workloads once (gen-feeds.py: default 10k endpoints, and
--sites 4000 --service-groups 1500 --downtimes 6000 for 100k), runs each
case N times, and prints: case, records, median wall time, records/s,
MB/s, peak RSS, ratio to `xmllint --stream` where it applies, and the
target each case is held to.
"""
import argparse
import datetime
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import time

WORKLOADS = {"10k": [], "100k": ["--sites", "4000", "--service-groups", "1500", "--downtimes", "6000"]}
DATE = "2026-11-28"


def run_once(argv, ok=(0,)):
    """Wall seconds and peak RSS (MB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) not in ok:
        sys.exit("benchmark command failed: %s\n%s" % (" ".join(argv), err))
    return seconds, usage.ru_maxrss / 1024.0


def measure(*commands, runs, ok=(0,)):
    """Median wall seconds and max peak RSS (MB) of each command. Runs are
    interleaved (a b a b ...) so that compared commands meet the same load."""
    samples = [[] for _ in commands]
    for _ in range(runs):
        for index, argv in enumerate(commands):
            samples[index].append(run_once(argv, ok))
    results = [(statistics.median(t for t, _ in s), max(r for _, r in s)) for s in samples]
    return results if len(commands) > 1 else results[0]


def generate(tools, workdir):
    for name, extra in WORKLOADS.items():
        feeds = os.path.join(workdir, "feeds-" + name)
        if not os.path.exists(os.path.join(feeds, "vapor.json")):
            subprocess.run([sys.executable, os.path.join(tools, "gen-feeds.py"), feeds, "--date", DATE] + extra, check=True)
        offline = os.path.join(workdir, "offline-" + name)
        os.makedirs(offline, exist_ok=True)
        for method, fname in [("get_site", "sites"), ("get_service_endpoint", "service_endpoints"),
                              ("get_service_group", "service_groups"), ("get_downtime", "downtimes")]:
            link = os.path.join(offline, method + ".xml")
            if not os.path.exists(link):
                os.symlink(os.path.join(feeds, fname + ".xml"), link)


def configs(workdir, name, base, schemas):
    """global.conf + customer.conf for one workload; `base` is file:// or http:// feeds."""
    root = os.path.join(workdir, "run-" + name)
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "global.conf"), "w") as f:
        f.write("[DEFAULT]\nSchemaDir = %s\n[General]\nPublishAms = False\nWriteAvro = True\n"
                "[Connection]\nTimeout = 300\nRetry = 0\nSleepRetry = 0\n[AvroSchemas]\n" % schemas)
        for key, file in [("Downtimes", "downtimes"), ("Poem", "metric_profiles"), ("TopologyGroupOfEndpoints", "group_endpoints"),
                          ("TopologyGroupOfGroups", "group_groups"), ("Weights", "weight_sites")]:
            f.write("%s = %%(SchemaDir)s/%s.avsc\n" % (key, file))
        f.write("[Output]\n")
        for key, file in [("Downtimes", "downtimes"), ("Poem", "poem_sync"), ("TopologyGroupOfEndpoints", "group_endpoints"),
                          ("TopologyGroupOfGroups", "group_groups"), ("Weights", "weights")]:
            f.write("%s = %s_DATE.avro\n" % (key, file))
    weights = base["weights"]
    with open(os.path.join(root, "customer.conf"), "w") as f:
        f.write("[CUSTOMER_EGI]\nName = EGI\nOutputDir = %s/out\nJobs = JOB_A\n\n[JOB_A]\nDirname = A\n"
                "TopoFeed = %s\nDowntimesFeed = %s\nWeightsFeed = %s\n" % (root, base["gocdb"], base["gocdb"], weights))
    return ["-c", os.path.join(root, "customer.conf"), "-g", os.path.join(root, "global.conf"), "-d", DATE, "-q"]


def tenant_feeds(feeds):
    """The 100k feed as a 2.3.1 tenant sees GOCDB: every endpoint with
    NOTIFICATIONS, two contacts, a HOSTDN, two ENDPOINTS URLs (one
    monitored) and two EXTENSIONS. Written once, line by line."""
    out = os.path.join(os.path.dirname(feeds), "feeds-100k-tenant")
    target = os.path.join(out, "service_endpoints.xml")
    if os.path.exists(target):
        return out
    os.makedirs(out, exist_ok=True)
    host = ""
    with open(os.path.join(feeds, "service_endpoints.xml")) as source, open(target + ".tmp", "w") as sink:
        for line in source:
            if line.startswith("    <HOSTNAME>"):
                host = line.strip()[len("<HOSTNAME>"):-len("</HOSTNAME>")]
            if line.startswith("    <NODE_MONITORED>"):
                line += ("    <NOTIFICATIONS>Y</NOTIFICATIONS>\n    <CONTACT_EMAIL>ops@%s;admin@example.org</CONTACT_EMAIL>\n"
                         "    <HOSTDN>/DC=org/DC=example/O=Hosts/CN=%s</HOSTDN>\n") % (host, host)
            elif line == "    <ENDPOINTS/>\n":
                line = "    <ENDPOINTS>\n" + "".join(
                    "      <ENDPOINT>\n        <ID>%d</ID>\n        <NAME>%s</NAME>\n        <URL>https://%s:%d/%s</URL>\n"
                    "        <INTERFACENAME>x</INTERFACENAME>\n        <ENDPOINT_MONITORED>%s</ENDPOINT_MONITORED>\n      </ENDPOINT>\n"
                    % (n, name, host, port, name, flag) for n, (name, port, flag) in enumerate([("api", 443, "Y"), ("admin", 8443, "N")])) + "    </ENDPOINTS>\n"
            elif line == "    <EXTENSIONS/>\n":
                line = "    <EXTENSIONS>\n" + "".join(
                    "      <EXTENSION>\n        <LOCAL_ID>%d</LOCAL_ID>\n        <KEY>%s</KEY>\n        <VALUE>%s</VALUE>\n      </EXTENSION>\n"
                    % (n, key, value) for n, (key, value) in enumerate([("InformationSystem", "https://%s/info.json" % host), ("version", "1.0.4")])) + "    </EXTENSIONS>\n"
            sink.write(line)
    os.rename(target + ".tmp", target)
    os.symlink(os.path.join(feeds, "sites.xml"), os.path.join(out, "sites.xml"))
    return out


def tenant_configs(workdir, feeds):
    """An argo-connectors 2.3.1 global.conf and customer.conf: JSON files,
    Sites with contacts, notifications and extensions, from file://."""
    root = os.path.join(workdir, "run-tenant")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "global.conf"), "w") as f:
        f.write("[General]\nWriteJson = True\nPublishWebAPI = False\nPassExtensions = True\nCompressJson = False\n"
                "[Connection]\nTimeout = 300\nRetry = 1\nSleepRetry = 0\nRetryRandom = False\nSleepRandomRetryMax = 0\n"
                "[InputState]\nSaveDir = %s/state\nDays = 3\n[Output]\nTopologyGroupOfEndpoints = group_endpoints_DATE.json\n"
                "TopologyGroupOfGroups = group_groups_DATE.json\nDowntimes = downtimes_DATE.json\nWeights = weights_DATE.json\n"
                "MetricProfile = poem_sync_DATE.json\n" % root)
    with open(os.path.join(root, "customer.conf"), "w") as f:
        f.write("[CUSTOMER_EGI]\nName = EGI\nOutputDir = %s/out\nJobs = Critical\nTopoType = GOCDB\nTopoFetchType = Sites\n"
                "TopoFeedPaging = False\nTopoFeedSites = file://%s/sites.xml\nTopoFeedServiceEndpoints = file://%s/service_endpoints.xml\n"
                "HonorNotificationFlag = True\n\n[Critical]\nDirname = EGI_Critical\nProfiles = ARGO_MON_CRITICAL\n" % (root, feeds, feeds))
    return ["-c", os.path.join(root, "customer.conf"), "-g", os.path.join(root, "global.conf"), "-d", DATE, "-q"]


def tenant_case(args, feeds, add):
    """Issue #19: a 2.3.1 tenant's topology, 100k endpoints with contacts,
    notifications and extensions, against xmllint on the same files."""
    tenant = tenant_feeds(feeds)
    inputs = [os.path.join(tenant, "service_endpoints.xml"), os.path.join(tenant, "sites.xml")]
    megabytes = sum(os.path.getsize(p) for p in inputs) / 1e6
    (lint, lint_rss), (topo, topo_rss) = measure(["xmllint", "--stream", "--noout"] + inputs,
                                                 [args.binary, "topology"] + tenant_configs(args.workdir, tenant), runs=args.runs)
    add("xmllint --stream (100k, 2.3.1 tenant feed)", 100000, lint, lint_rss, megabytes)
    add("topology 2.3.1 tenant file:// (100k, JSON)", 100000, topo, topo_rss, megabytes, topo / lint, "≤ 1.3× xmllint, ≤ 64 MB")
    diff_case(args, add)


DAYS_SCRIPT = r"""
import json, sys
day1, day2 = sys.argv[1], sys.argv[2]
with open(day1) as f:
    records = json.load(f)
for index, record in enumerate(records):
    if index % 300 == 0:
        record["tags"]["monitored"] = "0"
del records[1::300]
records += [dict(records[i], hostname="new-%d.example.org" % i) for i in range(2, len(records), 300)]
with open(day2, "w") as f:
    json.dump(records, f, indent=4)
# The same days in the 1.7 record shape (the tags 1.7 writes, no contacts or info_* tags).
for path in (day1, day2):
    with open(path) as f:
        records = json.load(f)
    for record in records:
        record.pop("notifications", None)
        record["tags"] = {key: value for key, value in record["tags"].items() if key in ("scope", "monitored", "production")}
    with open(path.replace(".json", ".17.json"), "w") as f:
        json.dump(records, f)
"""


def diff_case(args, add):
    """Issue #22: two days of 100k endpoints (the tenant's, and a next day
    with 1% of them changed, removed or added), compared by `diff`, in the
    2.3.1 tenant's record shape and in 1.7's. The days are made in another
    process: a child forked from a large bench process would count its
    parent's memory in its peak RSS."""
    out = os.path.join(args.workdir, "run-tenant", "out")
    day1 = os.path.join(out, "group_endpoints_%s.json" % DATE.replace("-", "_"))
    day2 = os.path.join(out, "group_endpoints_next_day.json")
    subprocess.run([sys.executable, "-c", DAYS_SCRIPT, day1, day2], check=True)
    for label, pair, target in (("2.3.1", (day1, day2), ""),
                                ("1.7", (day1.replace(".json", ".17.json"), day2.replace(".json", ".17.json")), "about 1 s, < 100 MB")):
        megabytes = sum(os.path.getsize(p) for p in pair) / 1e6
        seconds, rss = measure([args.binary, "diff"] + list(pair), runs=args.runs, ok=(1,))
        add("diff two days (2 × 100k %s endpoints, JSON)" % label, 200000, seconds, rss, megabytes, target=target)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("bench_binary")
    ap.add_argument("workdir")
    ap.add_argument("tools")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--markdown")
    args = ap.parse_args()
    schemas = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "config-examples", "schemas")
    generate(args.tools, args.workdir)
    rows = []

    def add(case, records, seconds, rss, volume_mb=None, ratio=None, target=""):
        rows.append({"case": case, "records": records, "seconds": seconds, "rate": records / seconds if seconds else 0,
                     "mbps": volume_mb / seconds if volume_mb else None, "rss": rss, "ratio": ratio, "target": target})

    results = {}
    for name in WORKLOADS:
        feeds = os.path.join(args.workdir, "feeds-" + name)
        inputs = [os.path.join(feeds, "service_endpoints.xml"), os.path.join(feeds, "sites.xml")]
        megabytes = sum(os.path.getsize(p) for p in inputs) / 1e6
        endpoints = int(subprocess.run(["grep", "-c", "<SERVICE_ENDPOINT ", inputs[0]], capture_output=True, text=True).stdout)
        conf = configs(args.workdir, name, {"gocdb": "file://%s/offline-%s/" % (os.path.abspath(args.workdir), name),
                                            "weights": "file://%s" % os.path.join(os.path.abspath(feeds), "vapor.json")}, schemas)
        (lint, lint_rss), (topo, topo_rss) = measure(["xmllint", "--stream", "--noout"] + inputs, [args.binary, "topology"] + conf,
                                                     runs=args.runs)
        add("xmllint --stream (%s)" % name, endpoints, lint, lint_rss, megabytes)
        results[name] = (topo, topo_rss)
        add("topology file:// (%s)" % name, endpoints, topo, topo_rss, megabytes, topo / lint,
            "≤ 1.5× xmllint, ≤ 64 MB" if name == "100k" else "")
        if name == "100k":
            down, down_rss = measure([args.binary, "downtimes"] + conf, runs=args.runs)
            add("downtimes file:// (6000)", 6000, down, down_rss, target="< 0.2 s")
            weights, weights_rss = measure([args.binary, "weights"] + conf, runs=args.runs)
            add("weights file:// (4000 sites)", 4000, weights, weights_rss, target="< 0.2 s")
            http_case(args, feeds, schemas, endpoints, megabytes, conf, add)
            tenant_case(args, feeds, add)
            large_vapor_case(args, schemas, add)
    growth = results["100k"][1] - results["10k"][1]
    micro = [json.loads(line) for line in subprocess.run([args.bench_binary, "200000"], capture_output=True, text=True, check=True).stdout.splitlines()]
    for case in micro:
        target = {"encode": "≥ 1 000 000 rec/s", "container-deflate": "≥ 300 000 rec/s"}.get(case["name"], "")
        add("avro %s (in process)" % case["name"], case["records"], case["seconds"], 0.0, case.get("bytes", 0) / 1e6 or None, target=target)
    report(rows, growth, args.markdown)


def large_vapor_case(args, schemas, add):
    """Weights from a VAPOR document of 600 000 sites (about 55 MB): the JSON
    is read site by site, never held as a tree (issue #18, point 18)."""
    feeds = os.path.join(args.workdir, "feeds-vapor-600k")
    path = os.path.join(feeds, "vapor.json")
    if not os.path.exists(path):
        os.makedirs(feeds, exist_ok=True)
        # In a process of its own: a child forked from a parent holding the
        # document would report the parent's pages as its peak RSS.
        generator = """
import json, random, sys
rng = random.Random(1)
ngis = [{"ngi": "NGI_%02d" % g, "site": [{"id": "SITE-%06d-ngi%02d" % (g * 15000 + i, g), "ComputationPower": round(rng.random() * 100000, 6),
                                          "Name": "site number %d" % (g * 15000 + i)} for i in range(15000)]} for g in range(40)]
json.dump(ngis, open(sys.argv[1], "w"))
"""
        subprocess.run([sys.executable, "-c", generator, path], check=True)
    megabytes = os.path.getsize(path) / 1e6
    conf = configs(args.workdir, "vapor-600k", {"gocdb": "file:///nonexistent/", "weights": "file://" + path}, schemas)
    seconds, rss = measure([args.binary, "weights"] + conf, runs=max(1, args.runs // 2))
    add("weights file:// (600k sites, %.0f MB)" % megabytes, 600000, seconds, rss, megabytes, target="peak RSS ≤ 3× the document")


def http_case(args, feeds, schemas, endpoints, megabytes, file_conf, add):
    """Topology over HTTP from peers.py, against the file:// run and curl
    fetching the same two responses (the server's own time), interleaved."""
    port = free_port()
    peers = subprocess.Popen([sys.executable, os.path.join(args.tools, "peers.py"), feeds, "--port", str(port)], stdout=subprocess.PIPE)
    try:
        peers.stdout.readline()
        base = "http://127.0.0.1:%d" % port
        urls = ["%s/gocdbpi/private/?method=get_site&scope=" % base, "%s/gocdbpi/private/?method=get_service_endpoint&scope=" % base]
        conf = configs(args.workdir, "http", {"gocdb": base + "/gocdbpi/", "weights": base + "/vapor/x"}, schemas)
        (server, _), (http, http_rss), (file_seconds, _) = measure(
            ["curl", "-s", "-o", "/dev/null", "-o", "/dev/null"] + urls, [args.binary, "topology"] + conf,
            [args.binary, "topology"] + file_conf, runs=args.runs)
        add("curl, same two responses (server time)", endpoints, server, 0.0, megabytes)
        add("topology http:// peers.py (100k)", endpoints, http, http_rss, megabytes, http / (file_seconds + server),
            "≤ 1.3× file:// + server (%.2f s)" % (1.3 * file_seconds + server))
    finally:
        peers.terminate()
        peers.wait()


def report(rows, growth, markdown):
    header = ["case", "records", "median s", "records/s", "MB/s", "peak RSS MB", "ratio", "target"]
    table = [header] + [[r["case"], str(r["records"]), "%.3f" % r["seconds"], "{:,.0f}".format(r["rate"]),
                         "%.1f" % r["mbps"] if r["mbps"] else "", "%.1f" % r["rss"] if r["rss"] else "",
                         "%.2f" % r["ratio"] if r["ratio"] else "", r["target"]] for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    print("peak RSS growth from 10k to 100k endpoints: %.1f MB (target ≤ 16 MB)" % growth)
    if markdown:
        machine = "%s, %d cores, %s" % (platform.processor() or platform.machine(), os.cpu_count(), platform.platform())
        with open(markdown, "w") as f:
            f.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
            for row in table[1:]:
                f.write("| " + " | ".join(row) + " |\n")
            f.write("\nPeak RSS growth from 10k to 100k endpoints: %.1f MB (target ≤ 16 MB).\n" % growth)
            f.write("Measured %s on %s.\n" % (datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), machine))


main()
