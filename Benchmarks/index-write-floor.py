#!/usr/bin/env python3
"""The least a bulk load can cost in writes: copy a built index's rows into a new SQLite file with
the index's own settings (16 KB pages, WAL, synchronous FULL), in one transaction, then checkpoint.

    python3 Benchmarks/index-write-floor.py /tmp/neardup-index-bench/bulk.neardup

Every byte of the final index goes through the write-ahead log once and into the file once, with
no matching, no merges and no key sorting: what is left is SQLite's and the disk's share of a bulk
load. Prints the time of the inserts, the commit (fsync of the log) and the checkpoint.
"""
import os
import sqlite3
import sys
import time

source = sys.argv[1]
target = sys.argv[2] if len(sys.argv) > 2 else "/tmp/neardup-write-floor.sqlite"
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(target + suffix):
        os.remove(target + suffix)
db = sqlite3.connect(target, isolation_level=None)
for pragma in ("page_size = 16384", "journal_mode = WAL", "synchronous = FULL", "cache_size = -65536",
               "wal_autocheckpoint = 0"):
    db.execute("PRAGMA " + pragma)
db.execute("ATTACH DATABASE ? AS built", (f"file:{source}?mode=ro",))
tables = db.execute("SELECT name, sql FROM built.sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
                    "AND name NOT LIKE 'sqlite_%'").fetchall()
indexes = db.execute("SELECT sql FROM built.sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
for _, sql in tables:
    db.execute(sql)
for (sql,) in indexes:
    db.execute(sql)
# Read the source once first, so that the copy below does not wait for the disk.
with open(source, "rb") as file:
    while file.read(1 << 24):
        pass
start = time.monotonic()
db.execute("BEGIN")
for name, _ in tables:
    db.execute(f"INSERT INTO main.{name} SELECT * FROM built.{name}")
inserted = time.monotonic()
db.execute("COMMIT")
committed = time.monotonic()
db.execute("PRAGMA main.wal_checkpoint(TRUNCATE)")
done = time.monotonic()
size = os.path.getsize(target)
print(f"copied {size / 1e6:.0f} MB: inserts {inserted - start:.2f} s, commit {committed - inserted:.2f} s, "
      f"checkpoint {done - committed:.2f} s, total {done - start:.2f} s")
