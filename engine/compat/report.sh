#!/usr/bin/env bash
# Prints a summary.tsv of redis-suite.sh as a markdown table (README-ready): per file what
# redis-server passed, what the shard passed and failed, and the shard's share of redis-server's.
set -euo pipefail
awk -F'\t' '
  function ratio(o, r) { return r > 0 ? sprintf("%.0f %%", 100 * o / r) : "-" }
  NR == 1 { print "| file | redis-server passed | shard passed | shard failed | ratio | note |"
            print "| --- | ---: | ---: | ---: | ---: | --- |"; next }
  { note = ""
    if ($4 != "done" && $4 != "") note = "redis-server: " $4
    if ($8 != "done") note = note (note == "" ? "" : "; ") "shard: " $8
    print "| " $1 " | " $2 " | " $5 " | " $6 " | " ratio($5, $2) " | " note " |"
    rp += $2; op += $5; of += $6 }
  END { print "| **total** | **" rp "** | **" op "** | **" of "** | **" ratio(op, rp) "** | |" }
' "$1"
