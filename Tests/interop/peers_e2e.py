#!/usr/bin/env python3
"""End to end: every connector against peers.py serving gen-feeds.py output,
the files read by fastavro and checked against the feeds.

  peers_e2e.py BINARY WORKDIR TOOLSDIR
Prints 'N passed, M failed'; exits non-zero on any failure. When TOOLSDIR
has no gen-feeds.py/peers.py it says so and exits 0.
"""
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import base64
import io

import fastavro

from e2e import AVRO_SECTIONS, check, finish, gocdb_vapor_feeds, read_avro

BINARY, WORK, TOOLS = sys.argv[1:4]
DATE = "2026-11-28"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    if not (os.path.exists(os.path.join(TOOLS, "gen-feeds.py")) and os.path.exists(os.path.join(TOOLS, "peers.py"))):
        print("peers end-to-end skipped: no gen-feeds.py/peers.py in %s" % TOOLS)
        return 0
    shutil.rmtree(WORK, ignore_errors=True)
    feeds = os.path.join(WORK, "feeds")
    subprocess.run([sys.executable, os.path.join(TOOLS, "gen-feeds.py"), feeds, "--date", DATE], check=True)
    port = free_port()
    peers = subprocess.Popen([sys.executable, os.path.join(TOOLS, "peers.py"), feeds, "--port", str(port),
                              "--page-size", "500", "--poem-token", "PT", "--basic-auth", "u:p",
                              "--ams-token", "AT", "--ams-log", os.path.join(WORK, "ams.jsonl"),
                              "--webapi-token", "WT", "--webapi-log", os.path.join(WORK, "webapi.jsonl")], stdout=subprocess.PIPE)
    try:
        peers.stdout.readline()
        return run(port, feeds)
    finally:
        peers.terminate()
        peers.wait()


def run(port, feeds):
    base = "http://127.0.0.1:%d" % port
    schemas = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "config-examples", "schemas")
    out = os.path.join(WORK, "out")
    with open(os.path.join(WORK, "global.conf"), "w") as f:
        f.write("""[DEFAULT]
SchemaDir = %s
[General]
PublishAms = True
WriteAvro = True
PublishWebAPI = True
WriteJson = True
[WebAPI]
Host = http://127.0.0.1:%d
Token = WT
[AMS]
Host = http://127.0.0.1:%d
Token = AT
Project = EGI
Topic = TOPIC
Bulk = 100
PackSingleMsg = True
[Authentication]
PoemToken = PT
[Connection]
Timeout = 60
Retry = 1
SleepRetry = 1
""" % (schemas, port, port) + AVRO_SECTIONS)
    common = gocdb_vapor_feeds(base) + "PoemServerHost = {b}\nPoemNamespace = ch.cern.SAM\nPoemServerVO = ops\n".format(b=base)
    with open(os.path.join(WORK, "customer.conf"), "w") as f:
        f.write("""[CUSTOMER_EGI]
Name = EGI
OutputDir = %s
Jobs = JOB_Critical, JOB_Cloud
AmsPackSingleMsg = False
AuthenticationUsePlainHttpAuth = True
AuthenticationHttpUser = u
AuthenticationHttpPass = p

[JOB_Critical]
Dirname = Critical
Profiles = ARGO_MON_CRITICAL
TopoFetchType = Sites
TopoFeedPaging = True
TopoSelectGroupOfGroups = Scope:EGI
TopoSelectGroupOfEndpoints = Production:Y, Monitored:Y
%s
[JOB_Cloud]
Dirname = Cloud
Profiles = FEDCLOUD
TopoFetchType = ServiceGroups
TopoSelectGroupOfGroups = Monitored:Y
%s""" % (out, common, common))
    conf = ["-c", os.path.join(WORK, "customer.conf"), "-g", os.path.join(WORK, "global.conf"), "-d", DATE]
    for connector in ("topology", "downtimes", "weights", "poem"):
        result = subprocess.run([BINARY, connector] + conf, capture_output=True, text=True)
        check("%s against peers.py exits 0" % connector, result.returncode == 0, result.stderr[-2000:])
    stamp = DATE.replace("-", "_")

    # Expected values computed here from the feeds themselves.
    sites = ET.parse(os.path.join(feeds, "sites.xml")).getroot()
    egi_sites = {s.get("NAME"): s.findtext("ROC") for s in sites if "EGI" in [x.text for x in s.findall("SCOPES/SCOPE")]}
    groups = read_avro(os.path.join(out, "Critical", "group_groups_%s.avro" % stamp))
    check("group_groups lists every EGI-scoped site", sorted(g["subgroup"] for g in groups) == sorted(egi_sites), len(groups))
    check("group_groups carry NGI and scope", all(g["group"] == egi_sites[g["subgroup"]] and g["tags"]["scope"] == "EGI" for g in groups))
    endpoints = ET.parse(os.path.join(feeds, "service_endpoints.xml")).getroot()
    wanted = sorted((e.findtext("SITENAME"), e.findtext("HOSTNAME"), e.findtext("SERVICE_TYPE")) for e in endpoints
                    if "EGI" in [x.text for x in e.findall("SCOPES/SCOPE")] and e.findtext("SITENAME") in egi_sites
                    and e.findtext("IN_PRODUCTION") == "Y" and e.findtext("NODE_MONITORED") == "Y")
    got = [(r["group"], r["hostname"], r["service"]) for r in read_avro(os.path.join(out, "Critical", "group_endpoints_%s.avro" % stamp))]
    check("group_endpoints: selected endpoints, sorted by (group, hostname, service)", got == wanted, (len(got), len(wanted)))
    sg = read_avro(os.path.join(out, "Cloud", "group_groups_%s.avro" % stamp))
    check("service groups are PROJECT groups of the customer", len(sg) > 0 and all(g["type"] == "PROJECT" and g["group"] == "EGI" for g in sg))
    downtimes = read_avro(os.path.join(out, "Critical", "downtimes_%s.avro" % stamp))
    check("downtimes are clipped to the day", len(downtimes) > 0 and all(
        d["start_time"] >= DATE + "T00:00:00Z" and d["end_time"] <= DATE + "T23:59:00Z" for d in downtimes))
    vapor = json.load(open(os.path.join(feeds, "vapor.json")))
    expected_weights = {s["id"]: s.get("ComputationPower", "0") for n in vapor for s in n["site"]}
    weights = read_avro(os.path.join(out, "Critical", "weights_%s.avro" % stamp))
    check("weights match VAPOR", {w["site"]: w["weight"] for w in weights} == expected_weights and
          [w["site"] for w in weights] == sorted(expected_weights))
    profile = json.load(open(os.path.join(feeds, "poem", "ARGO_MON_CRITICAL.json")))
    poem = read_avro(os.path.join(out, "Critical", "poem_sync_%s.avro" % stamp))
    check("poem holds the profile's metrics", sorted((p["service"], p["metric"]) for p in poem) ==
          sorted(set((m["service_flavour"], m["metric"]) for m in profile["metric_instances"])))
    files = sorted(glob.glob(os.path.join(out, "*", "*.avro")))
    check("10 files written (5 per job)", len(files) == 10, files)
    check_ams(files)
    check_json_files(files)
    check_webapi(out, stamp)
    rerun = subprocess.run([BINARY, "topology"] + conf, capture_output=True, text=True)
    check("topology again for the same day exits 0", rerun.returncode == 0, rerun.stderr[-2000:])
    writes = [json.loads(line) for line in open(os.path.join(WORK, "webapi.jsonl"))]
    groups = [(w["method"], w["resource"]) for w in writes if w["resource"] == "topology/groups"]
    check("the same day again writes nothing: the WEB-API holds it already (one POST in all)",
          groups == [("POST", "topology/groups")], groups)
    return 0


def canonical(records):
    return sorted(json.dumps(r, sort_keys=True) for r in records)


def check_json_files(files):
    """Every Avro file has a JSON twin holding the same records in the same order."""
    for path in files:
        records = read_avro(path)
        twin = json.load(open(path[:-len(".avro")] + ".json"))
        check("%s has its JSON twin" % os.path.relpath(path, WORK), twin == records, (len(twin), len(records)))


def check_webapi(out, stamp):
    """peers.py's WEB-API got the customer's topology and downtimes once, as the union of its
    jobs' records without duplicates, and each report's weights, as numbers."""
    writes = [json.loads(line) for line in open(os.path.join(WORK, "webapi.jsonl"))]
    def posted(resource):
        bodies = [w["body"] for w in writes if w["resource"] == resource and w["method"] == "POST"]
        check("WEB-API %s posted once" % resource, len(bodies) == 1, len(bodies))
        return bodies[0] if bodies else None
    def union(name):
        seen, records = set(), []
        for report in ("Critical", "Cloud"):
            for r in read_avro(os.path.join(out, report, "%s_%s.avro" % (name, stamp))):
                if json.dumps(r, sort_keys=True) not in seen:
                    seen.add(json.dumps(r, sort_keys=True))
                    records.append(r)
        return records
    for resource, name in (("topology/groups", "group_groups"), ("topology/endpoints", "group_endpoints")):
        body = posted(resource)
        check("WEB-API %s is the union of the jobs' records" % resource, body is not None and canonical(body) == canonical(union(name)))
    downtimes = posted("downtimes")
    check("WEB-API downtimes are the union", downtimes is not None and canonical(downtimes["endpoints"]) == canonical(union("downtimes")))
    for report in ("Critical", "Cloud"):
        bodies = [w["body"] for w in writes if w["resource"] == "weights" and w["body"]["name"] == report]
        expected = [{"name": w["site"], "value": float(w["weight"])} for w in read_avro(os.path.join(out, report, "weights_%s.avro" % stamp))]
        check("WEB-API weights of %s" % report, len(bodies) == 1 and bodies[0]["weight_type"] == "computationpower"
              and bodies[0]["group_type"] == "SITES" and bodies[0]["groups"] == expected, len(bodies))


def check_ams(files):
    """Every file's records reached AMS exactly once, as messages of its type and report."""
    received = {}
    for line in open(os.path.join(WORK, "ams.jsonl")):
        message = json.loads(line)
        attributes = message["attributes"]
        received.setdefault((attributes["report"], attributes["type"]), []).append(base64.b64decode(message["data"]))
    types = {"group_groups": "group_groups", "group_endpoints": "group_endpoints", "downtimes": "downtimes",
             "weights": "weights", "poem_sync": "metric_profile"}
    for path in files:
        report = os.path.basename(os.path.dirname(path))
        kind = types[os.path.basename(path).rsplit("_", 3)[0]]
        with open(path, "rb") as f:
            reader = fastavro.reader(f)
            schema, records = reader.writer_schema, list(reader)
        decoded = []
        for data in received.get((report, kind), []):
            buffer = io.BytesIO(data)
            while buffer.tell() < len(data):
                decoded.append(fastavro.schemaless_reader(buffer, schema))
        check("AMS got %s %s exactly once (%d records)" % (report, kind, len(records)), decoded == records, (len(decoded), len(records)))


finish(main())
