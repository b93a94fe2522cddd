"""What the end-to-end scripts share (peers_e2e.py, webapi_e2e.py, ../portable/portable_check.py):
the tally they print ('N passed, M failed'), Avro files read back, and the parts of a 1.7
configuration that every run against gen-feeds.py's feeds (served by peers.py) repeats."""
import sys

passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else " " + str(detail)[-3000:]))


def finish(status):
    """Prints the tally and exits: non-zero on any failed check or a non-zero `status`."""
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or status else 0)


def read_avro(path):
    import fastavro  # only the interop venv has it; portable_check.py reads no Avro
    with open(path, "rb") as f:
        return list(fastavro.reader(f))


# A 1.7 global.conf's schema and file-name sections (config-examples/schemas, the default names).
AVRO_SECTIONS = """[AvroSchemas]
Downtimes = %(SchemaDir)s/downtimes.avsc
Poem = %(SchemaDir)s/metric_profiles.avsc
TopologyGroupOfEndpoints = %(SchemaDir)s/group_endpoints.avsc
TopologyGroupOfGroups = %(SchemaDir)s/group_groups.avsc
Weights = %(SchemaDir)s/weight_sites.avsc
[Output]
Downtimes = downtimes_DATE.avro
Poem = poem_sync_DATE.avro
TopologyGroupOfEndpoints = group_endpoints_DATE.avro
TopologyGroupOfGroups = group_groups_DATE.avro
Weights = weights_DATE.avro
"""


def gocdb_vapor_feeds(base):
    """A 1.7 job's GOCDB and VAPOR feed options at peers.py's routes under `base`."""
    return ("TopoFeed = {b}/gocdbpi/\nDowntimesFeed = {b}/gocdbpi/\n"
            "WeightsFeed = {b}/vapor/downloadLavoisier/option/json/view/VAPOR_Ngi_Sites_Info\n").format(b=base)
