#!/usr/bin/env python3
"""Interoperability of argo-connectors' Avro with Apache Avro and fastavro.

  interop.py BINARY WORKDIR

1. Files argo-connectors wrote (every type, codecs null and deflate; the
   offline example's connector outputs) are read by both Python libraries
   and compared with the expected records / with `argo-connectors cat`.
2. Files both Python libraries write (every type, both codecs) are read by
   `argo-connectors cat` and compared with what Python wrote.
Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import glob
import io
import json
import math
import os
import subprocess
import sys

import avro.datafile
import avro.io
import avro.schema
import fastavro

BINARY, WORKDIR = sys.argv[1], sys.argv[2]
passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


def normalise(value):
    """bytes → {"$bytes": hex}; floats rounded; tuples → lists."""
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": bytes(value).hex()}
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalise(v) for v in value]
    if isinstance(value, float):
        return round(value, 5) if math.isfinite(value) else str(value)
    return value


def read_apache(path):
    with open(path, "rb") as f:
        reader = avro.datafile.DataFileReader(f, avro.io.DatumReader())
        records = [normalise(r) for r in reader]
        reader.close()
    return records


def read_fastavro(path):
    with open(path, "rb") as f:
        return [normalise(r) for r in fastavro.reader(f)]


def cat(path):
    out = subprocess.run([BINARY, "cat", path], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.split("\n") if line]


def ours_read_by_python():
    expected = [normalise(json.loads(line)) for line in open(os.path.join(WORKDIR, "every_type.expected.jsonl"))]
    for codec in ("null", "deflate"):
        path = os.path.join(WORKDIR, "every_type.%s.avro" % codec)
        check("apache avro reads our every-type file (%s)" % codec, read_apache(path) == expected)
        check("fastavro reads our every-type file (%s)" % codec, read_fastavro(path) == expected)
    outputs = sorted(glob.glob(os.path.join(WORKDIR, "offline", "**", "*.avro"), recursive=True))
    check("the offline example wrote files", len(outputs) >= 4, str(outputs))
    for path in outputs:
        name = os.path.relpath(path, WORKDIR)
        ours = [normalise(r) for r in cat(path)]
        check("apache avro reads %s (%d records)" % (name, len(ours)), read_apache(path) == ours)
        check("fastavro reads %s" % name, read_fastavro(path) == ours)


SCHEMA = {
    "type": "record", "name": "PyEvery", "namespace": "py.test", "fields": [
        {"name": "n", "type": "null"}, {"name": "b", "type": "boolean"}, {"name": "i", "type": "int"},
        {"name": "l", "type": "long"}, {"name": "f", "type": "float"}, {"name": "d", "type": "double"},
        {"name": "by", "type": "bytes"}, {"name": "s", "type": "string"},
        {"name": "e", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN"]}},
        {"name": "a", "type": {"type": "array", "items": "long"}},
        {"name": "m", "type": {"type": "map", "values": ["int", "string"]}},
        {"name": "u", "type": ["null", "string"]},
        {"name": "fx", "type": {"type": "fixed", "name": "Four", "size": 4}},
    ]}


def python_records():
    return [{"n": None, "b": i % 2 == 0, "i": i - 50000, "l": -(i << 35), "f": i + 0.25, "d": i / 7.0,
             "by": bytes([i % 256, 0, 255]), "s": u"žluťoučký %d" % i, "e": "RED" if i % 3 else "GREEN",
             "a": list(range(i % 4)), "m": {"k": i, "t": "v%d" % i}, "u": None if i % 2 else "x%d" % i,
             "fx": bytes([1, 2, 3, i % 256])} for i in range(700)]


def from_cat(record):
    """Our cat prints bytes as one code point per byte (Avro's JSON convention)."""
    out = dict(record)
    for key in ("by", "fx"):
        out[key] = {"$bytes": bytes(ord(c) for c in record[key]).hex()}
    return normalise(out)


def python_read_by_ours():
    records = python_records()
    expected = [normalise(r) for r in records]
    for codec in ("null", "deflate"):
        path = os.path.join(WORKDIR, "fastavro.%s.avro" % codec)
        with open(path, "wb") as f:
            fastavro.writer(f, fastavro.parse_schema(SCHEMA), records, codec=codec, sync_interval=4000)
        check("argo-connectors cat reads fastavro's file (%s)" % codec, [from_cat(r) for r in cat(path)] == expected)
        path = os.path.join(WORKDIR, "apache.%s.avro" % codec)
        with open(path, "wb") as f:
            writer = avro.datafile.DataFileWriter(f, avro.io.DatumWriter(), avro.schema.parse(json.dumps(SCHEMA)), codec=codec)
            for r in records:
                writer.append(r)
            writer.close()
        check("argo-connectors cat reads apache avro's file (%s)" % codec, [from_cat(r) for r in cat(path)] == expected)


ours_read_by_python()
python_read_by_ours()
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
