#!/usr/bin/env python3
"""Formats MailDispatchResult JSON lines (one per line on stdin, as Kafka's console consumer prints them) as
readable lines for ./mailoo watch. Filters: --profile GLOB, --status S[,S...], --purpose P[,P...]."""
import argparse
import fnmatch
import json
import re
import sys

COLORS = {"SENT": "\033[32m", "DEFERRED": "\033[33m", "FAILED": "\033[31m", "NOT_CONFIGURED": "\033[35m",
          "REJECTED": "\033[31m"}


def short_time(t):
    """2026-11-24T15:19:53.951980192Z -> 2026-11-24T15:19:53.951Z"""
    m = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,3})?\d*(Z|[+-]\d\d:?\d\d)?$", t or "")
    if not m:
        return t or "-"
    return m.group(1) + ((m.group(2) or ".000") + "000")[:4] + (m.group(3) or "")


def csv_set(v):
    return {x.strip().upper() for x in v.split(",") if x.strip()} if v else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--profile")
    ap.add_argument("--status")
    ap.add_argument("--purpose")
    ap.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    a = ap.parse_args()
    statuses, purposes = csv_set(a.status), csv_set(a.purpose)
    color = a.color == "always" or (a.color == "auto" and sys.stdout.isatty())
    out = sys.stdout
    fmt = "%-24s %-48s %-27s %-14s %-22s %s"
    out.write(fmt % ("TIME", "PROFILE", "PURPOSE", "STATUS", "ERROR CODE", "SMTP REPLY / DETAIL") + "\n")
    out.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            r = json.loads(line)
        except ValueError:
            out.write("(not JSON) %s\n" % line[:200])
            out.flush()
            continue
        if not isinstance(r, dict):
            continue
        profile = r.get("profileRef") or "-"
        status = (r.get("status") or "-").upper()
        purpose = (r.get("purpose") or "-").upper()
        if a.profile and not (profile == a.profile or fnmatch.fnmatchcase(profile, a.profile)):
            continue
        if statuses and status not in statuses:
            continue
        if purposes and purpose not in purposes:
            continue
        smtp = r.get("smtp") or {}
        reply = " ".join(str(x) for x in (smtp.get("code"), smtp.get("enhancedCode"), smtp.get("message")) if x)
        extra = ["msg=%s" % r.get("messageId")]
        if r.get("attempt") is not None:
            extra.append("attempt=%s" % r.get("attempt"))
        if r.get("nextAttemptAt"):
            extra.append("next=%s" % r.get("nextAttemptAt"))
        src = r.get("source") or {}
        if src:
            extra.append("source=%s/%s/%s" % (src.get("service"), src.get("entityType"), src.get("entityId")))
        st = status
        if color and status in COLORS:
            st = COLORS[status] + status.ljust(14) + "\033[0m"
        out.write(fmt % (short_time(r.get("occurredAt")), profile, purpose, st, r.get("errorCode") or "-",
                         (reply or "-") + "   " + " ".join(extra)) + "\n")
        out.flush()


if __name__ == "__main__":
    try:
        main()
    except (KeyboardInterrupt, BrokenPipeError):
        pass
