#!/usr/bin/env python3
"""End to end against the WEB-API's contract (issue #27): every connector
that publishes, run by the binary against ../shared/tools/peers.py, which
answers as argo-web-api does (shared/spec/argo-web-api.md).

  webapi_e2e.py BINARY WORKDIR TOOLSDIR

For the 1.7 generation (topology, downtimes, weights of a two-job customer
on gen-feeds.py feeds) and the 2.3.1 one (the seven tenants of
config-examples/offline-2.3.1: topology of every source, downtimes of GOCDB
and CSV, weights, service types of GOCDB, CSV and JSON):
  1. a first publish;
  2. a re-run of the same day: no write at all, the WEB-API holds one copy;
  3. a re-run with changed feeds: the changed resources replaced, the WEB-API
     holds the new day exactly;
  4. after each, what the WEB-API holds (read back by GET, only records dated
     the day) equals what the run wrote to files, and `diff --webapi` says equal.
Prints 'N passed, M failed'; exits non-zero on any failure. Without
gen-feeds.py/peers.py in TOOLSDIR it says so and exits 0.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request

from e2e import AVRO_SECTIONS, check, finish, gocdb_vapor_feeds, read_avro

BINARY, WORK, TOOLS = sys.argv[1:4]
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


class Peers:
    """peers.py on a free loopback port, with its WEB-API log."""

    def __init__(self, feeds, tokens, name):
        self.log = os.path.join(WORK, name + ".webapi.jsonl")
        args = [sys.executable, os.path.join(TOOLS, "peers.py"), feeds, "--port", "0", "--webapi-log", self.log,
                "--page-size", "500"]
        for token in tokens:
            args += ["--webapi-token", token]
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline().rsplit(":", 1)[1])
        self.base = "http://127.0.0.1:%d" % self.port

    def writes(self):
        if not os.path.exists(self.log):
            return []
        return [json.loads(line) for line in open(self.log)]

    def get(self, path, token):
        request = urllib.request.Request(self.base + "/api/v2/" + path, headers={"x-api-key": token, "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request) as answer:
                return answer.status, json.load(answer)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)

    def stop(self):
        self.process.terminate()
        self.process.wait()


# -- records as the WEB-API keeps them (spec: date added, omitempty) --------

def normalized(record):
    out = {}
    for key, value in record.items():
        if key == "date" or (key == "tags" and not value) or (key == "title" and value == ""):
            continue
        if key == "notifications" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if v}
        out[key] = value
    return out


def canonical(records):
    return sorted(json.dumps(normalized(r), sort_keys=True) for r in records)


def held_day(peers, resource, token, date):
    """The records the WEB-API holds for exactly `date` (a topology GET answers with the closest earlier day)."""
    status, body = peers.get("%s?date=%s" % (resource, date), token)
    if status == 404:
        return []
    data = body.get("data", [])
    if resource == "downtimes":
        return [e for d in data if d.get("date") == date for e in d.get("endpoints", [])]
    return [r for r in data if r.get("date") == date]


def held_weights(peers, token, date, name):
    """The report's version of exactly `date`, as the files' records."""
    status, body = peers.get("weights?date=%s" % date, token)
    for entry in body.get("data", []):
        if entry["name"] == name and entry["date"] == date:
            return sorted((g["name"], float(g["value"])) for g in entry["groups"])
    return None


def file_weights(records):
    return sorted((r["site"], float(r["weight"])) for r in records)


def run(args, name):
    result = subprocess.run([BINARY] + args, capture_output=True, text=True)
    check("%s exits 0" % name, result.returncode == 0, result.stderr[-3000:])
    return result


def diff_equal(conf, kinds, date, label):
    for kind in kinds:
        result = subprocess.run([BINARY, "diff", "--kind", kind, "--date", date, "--webapi"] + conf, capture_output=True, text=True)
        check("%s: diff --webapi %s says equal" % (label, kind), result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:])


# -- the 1.7 generation ------------------------------------------------------

DATE17 = "2026-11-28"


def gen17_config(feed_base, webapi_base, out, state):
    schemas = os.path.join(ROOT, "config-examples", "schemas")
    global_conf = os.path.join(WORK, "gen17", "global.conf")
    customer_conf = os.path.join(WORK, "gen17", "customer.conf")
    os.makedirs(os.path.dirname(global_conf), exist_ok=True)
    with open(global_conf, "w") as f:
        f.write("""[DEFAULT]
SchemaDir = %s
[General]
WriteAvro = True
PublishAms = False
PublishWebAPI = True
[WebAPI]
Host = %s
Token = T17
[Connection]
Timeout = 60
Retry = 1
SleepRetry = 1
[InputState]
SaveDir = %s
Days = 3
""" % (schemas, webapi_base, state) + AVRO_SECTIONS)
    common = gocdb_vapor_feeds(feed_base)
    with open(customer_conf, "w") as f:
        f.write("""[CUSTOMER_EGI]
Name = EGI
OutputDir = %s
Jobs = JOB_Critical, JOB_Cloud

[JOB_Critical]
Dirname = Critical
TopoFetchType = Sites
TopoFeedPaging = True
TopoSelectGroupOfGroups = Scope:EGI
TopoSelectGroupOfEndpoints = Production:Y, Monitored:Y
%s
[JOB_Cloud]
Dirname = Cloud
TopoFetchType = ServiceGroups
TopoSelectGroupOfGroups = Monitored:Y
%s""" % (out, common, common))
    for path in (global_conf, customer_conf):
        os.chmod(path, 0o600)
    return ["-c", customer_conf, "-g", global_conf]


def check17(webapi, out, label):
    """The WEB-API's day equals the files: topology and downtimes the union of the jobs', weights per report."""
    stamp = DATE17.replace("-", "_")
    for resource, name in (("topology/groups", "group_groups"), ("topology/endpoints", "group_endpoints"), ("downtimes", "downtimes")):
        files = []
        for report in ("Critical", "Cloud"):
            files += read_avro(os.path.join(out, report, "%s_%s.avro" % (name, stamp)))
        union = sorted(set(json.dumps(normalized(r), sort_keys=True) for r in files))
        held = held_day(webapi, resource, "T17", DATE17)
        check("%s: the WEB-API holds %s as the union of the files (%d records, one copy)" % (label, resource, len(union)),
              canonical(held) == union and len(held) == len(union), (len(held), len(union)))
    for report in ("Critical", "Cloud"):
        expected = file_weights(read_avro(os.path.join(out, report, "weights_%s.avro" % stamp)))
        check("%s: the WEB-API holds %s's weights of the day" % (label, report), held_weights(webapi, "T17", DATE17, report) == expected)


def generation17():
    feeds_a, feeds_b = os.path.join(WORK, "gen17", "feeds-a"), os.path.join(WORK, "gen17", "feeds-b")
    for feeds, seed in ((feeds_a, "1"), (feeds_b, "2")):
        subprocess.run([sys.executable, os.path.join(TOOLS, "gen-feeds.py"), feeds, "--date", DATE17, "--sites", "40",
                        "--seed", seed], check=True, capture_output=True)
    webapi = Peers(feeds_a, ["T17"], "gen17")
    other = Peers(feeds_b, [], "gen17-other-feeds")
    try:
        out, state = os.path.join(WORK, "gen17", "out"), os.path.join(WORK, "gen17", "state")
        conf = gen17_config(webapi.base, webapi.base, out, state)
        connectors = ("topology", "downtimes", "weights")
        for connector in connectors:
            run([connector, "-d", DATE17] + conf, "1.7 %s, first publish" % connector)
        check17(webapi, out, "1.7 first publish")
        diff_equal(conf, connectors, DATE17, "1.7 first publish")
        first = len(webapi.writes())
        for connector in connectors:
            run([connector, "-d", DATE17] + conf, "1.7 %s, same day again" % connector)
        check("1.7 same day again: nothing written", len(webapi.writes()) == first, webapi.writes()[first:])
        check17(webapi, out, "1.7 same day again")
        # Other feeds (another seed), the same WEB-API: the new day replaces the old.
        conf = gen17_config(other.base, webapi.base, out, state)
        for connector in connectors:
            run([connector, "-d", DATE17, "--allow-shrink"] + conf, "1.7 %s, changed feeds" % connector)
        changed = [(w["method"], w["resource"]) for w in webapi.writes()[first:]]
        check("1.7 changed feeds: each resource replaced once (DELETE, POST; weights PUT)",
              sorted(changed) == sorted([("DELETE", "topology/groups"), ("POST", "topology/groups"),
                                         ("DELETE", "topology/endpoints"), ("POST", "topology/endpoints"),
                                         ("DELETE", "downtimes"), ("POST", "downtimes"),
                                         ("PUT", "weights"), ("PUT", "weights")]), changed)
        check17(webapi, out, "1.7 changed feeds")
        diff_equal(conf, connectors, DATE17, "1.7 changed feeds")
    finally:
        webapi.stop()
        other.stop()


# -- the 2.3.1 generation ----------------------------------------------------

DATE231 = "2022-10-27"
TENANTS = ["EGI", "TENANT", "FLATJSON", "EOSC", "BEYOND", "NI4OS", "LOT1"]


def gen231_config(webapi_base, feeds):
    folder = os.path.join(WORK, "gen231")
    template = os.path.join(ROOT, "config-examples", "offline-2.3.1")
    with open(os.path.join(template, "global.conf")) as f:
        text = f.read().replace("@ROOT@", ROOT)
    text = text.replace("PublishWebAPI = False", "PublishWebAPI = True")
    text = re.sub(r"(?m)^Host = .*$", "Host = " + webapi_base, text)
    text = text.replace(os.path.join(ROOT, "var", "tenants", "states"), os.path.join(folder, "states"))
    global_conf = os.path.join(folder, "global.conf")
    with open(global_conf, "w") as f:
        f.write(text)
    with open(os.path.join(template, "customer.conf")) as f:
        text = f.read().replace("@ROOT@", ROOT)
    text = text.replace(os.path.join(ROOT, "config-examples", "offline-2.3.1", "feeds"), feeds)
    text = text.replace(os.path.join(ROOT, "var", "tenants"), os.path.join(folder, "out"))
    # Each tenant its own WEB-API key (one key is one tenant).
    text = re.sub(r"(?m)^Name = (\w+)$", lambda m: "Name = %s\nWebAPIToken = tok-%s" % (m.group(1), m.group(1)), text)
    customer_conf = os.path.join(folder, "customer.conf")
    with open(customer_conf, "w") as f:
        f.write(text)
    for path in (global_conf, customer_conf):
        os.chmod(path, 0o600)
    return ["-c", customer_conf, "-g", global_conf]


def tenant_file(tenant, name):
    path = os.path.join(WORK, "gen231", "out", tenant, name)
    return json.load(open(path)) if os.path.exists(path) else None


def check231(webapi, label):
    stamp = DATE231.replace("-", "_")
    for tenant in TENANTS:
        token = "tok-" + tenant
        for resource, name in (("topology/groups", "group_groups"), ("topology/endpoints", "group_endpoints"),
                               ("downtimes", "downtimes")):
            records = tenant_file(tenant, "%s_%s.json" % (name, stamp))
            if records is None:
                continue
            held = held_day(webapi, resource, token, DATE231)
            distinct = sorted(set(json.dumps(normalized(r), sort_keys=True) for r in records))
            check("%s: %s's %s on the WEB-API equals its file (%d records)" % (label, tenant, resource, len(distinct)),
                  canonical(held) == distinct, (len(held), len(distinct)))
        for path in glob.glob(os.path.join(WORK, "gen231", "out", tenant, "*", "weights_%s.json" % stamp)):
            report = os.path.basename(os.path.dirname(path))
            check("%s: %s's weights of %s on the WEB-API equal its file" % (label, tenant, report),
                  held_weights(webapi, token, DATE231, report) == file_weights(json.load(open(path))))


def service_types(webapi):
    return {t: canonical(held_day(webapi, "topology/service-types", "tok-" + t, DATE231)) for t in ("EGI", "TENANT", "FLATJSON")}


def change_feeds(feeds):
    """A host of every tenant's topology and downtimes renamed, a weight and a service type's description changed."""
    stamp = DATE231.replace("-", "_")
    files = {"EGI": ["gocdb/get_site.xml", "gocdb/get_service_endpoint.xml", "gocdb/get_service_group.xml"],
             "TENANT": ["topology.csv"], "FLATJSON": ["servicetypes.json"], "EOSC": ["eosc/resources.json"],
             "BEYOND": ["eosc-beyond/resources.json", "eosc-beyond/configurationTemplateInstances.json"],
             "NI4OS": ["agora-resources.json"], "LOT1": ["lot1sc.json"]}
    for tenant, names in files.items():
        first = tenant_file(tenant, "group_endpoints_%s.json" % stamp)[0]
        # Agora's host name is the catalogue's own: a resource's name changes instead.
        text = first["tags"]["info_ext_name"] if tenant == "NI4OS" else first["hostname"].split("_")[0]
        edited = [edit(os.path.join(feeds, name), text, "changed-" + text) for name in names]
        check("the feeds of %s hold %r to change" % (tenant, text), any(edited))
    for tenant, name in (("EGI", "gocdb/get_downtime.xml"), ("TENANT", "downtimes.csv")):
        host = tenant_file(tenant, "downtimes_%s.json" % stamp)[0]["hostname"].split("_")[0]
        check("the feed %s holds %r to change" % (name, host), edit(os.path.join(feeds, name), host, "changed-" + host))
    for name, old, new in (("vapor.json", '"ComputationPower": 12000', '"ComputationPower": 12001'),
                           ("gocdb/get_service_types.xml", "<SERVICE_TYPE_DESC>The primary", "<SERVICE_TYPE_DESC>Changed: the primary"),
                           ):
        if old:
            check("the feed %s holds %r to change" % (name, old), edit(os.path.join(feeds, name), old, new))


def edit(path, old, new):
    """Replaces `old` by `new` in the file; whether it was there."""
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace(old, new))
    return old in text


def generation231():
    feeds = os.path.join(WORK, "gen231", "feeds")
    shutil.copytree(os.path.join(ROOT, "config-examples", "offline-2.3.1", "feeds"), feeds)
    empty = os.path.join(WORK, "gen231", "no-feeds")
    os.makedirs(empty)
    webapi = Peers(empty, ["tok-" + t for t in TENANTS], "gen231")
    try:
        conf = gen231_config(webapi.base, feeds)
        connectors = ("topology", "downtimes", "weights", "service-types")
        for connector in connectors:
            run([connector, "-d", DATE231] + conf, "2.3.1 %s, first publish" % connector)
        writes = webapi.writes()
        check("2.3.1 first publish: every tenant's topology posted once",
              sorted((w["tenant"], w["resource"]) for w in writes if w["resource"] in ("topology/groups", "topology/endpoints")) ==
              sorted(("tok-" + t, r) for t in TENANTS for r in ("topology/groups", "topology/endpoints")),
              sorted((w["tenant"], w["resource"]) for w in writes))
        check("2.3.1 first publish: downtimes of EGI and TENANT, service types of EGI, TENANT and FLATJSON, weights of EGI",
              sorted((w["tenant"], w["resource"]) for w in writes if w["resource"] not in ("topology/groups", "topology/endpoints")) ==
              sorted([("tok-EGI", "downtimes"), ("tok-TENANT", "downtimes"), ("tok-EGI", "weights"),
                      ("tok-EGI", "topology/service-types"), ("tok-TENANT", "topology/service-types"),
                      ("tok-FLATJSON", "topology/service-types")]), sorted((w["tenant"], w["resource"]) for w in writes))
        check231(webapi, "2.3.1 first publish")
        diff_equal(conf, ("topology", "downtimes", "weights"), DATE231, "2.3.1 first publish")
        types = service_types(webapi)
        check("2.3.1 service types are held", all(types.values()), types)
        first = len(writes)
        for connector in connectors:
            run([connector, "-d", DATE231] + conf, "2.3.1 %s, same day again" % connector)
        check("2.3.1 same day again: nothing written", len(webapi.writes()) == first, webapi.writes()[first:])
        check231(webapi, "2.3.1 same day again")
        check("2.3.1 same day again: the service types as they were", service_types(webapi) == types)
        change_feeds(feeds)
        for connector in connectors:
            run([connector, "-d", DATE231] + conf, "2.3.1 %s, changed feeds" % connector)
        changed = sorted(set((w["tenant"], w["resource"]) for w in webapi.writes()[first:]))
        expected = sorted(set([("tok-" + t, "topology/endpoints") for t in TENANTS]
                              + [("tok-EGI", "downtimes"), ("tok-TENANT", "downtimes"), ("tok-EGI", "weights"),
                                 ("tok-EGI", "topology/service-types")]))
        check("2.3.1 changed feeds: each changed resource replaced, nothing else", 
              [c for c in changed if c[1] != "topology/groups"] == expected, changed)
        check231(webapi, "2.3.1 changed feeds")
        diff_equal(conf, ("topology", "downtimes", "weights"), DATE231, "2.3.1 changed feeds")
        now = service_types(webapi)
        check("2.3.1 changed feeds: EGI's service types replaced, the others kept",
              now["EGI"] != types["EGI"] and now["TENANT"] == types["TENANT"] and now["FLATJSON"] == types["FLATJSON"])
        check("2.3.1 changed feeds: EGI's changed description is held",
              any("Changed: the primary" in r for r in now["EGI"]))
    finally:
        webapi.stop()


def main():
    if not (os.path.exists(os.path.join(TOOLS, "gen-feeds.py")) and os.path.exists(os.path.join(TOOLS, "peers.py"))):
        print("WEB-API end-to-end skipped: no gen-feeds.py/peers.py in %s" % TOOLS)
        return 0
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    generation17()
    generation231()
    return 0


finish(main())
