#!/usr/bin/env python3
"""./mailoo watch's formatter: readable line per result, filters by profile (exact/glob), status and purpose."""
import os
import subprocess
import sys

FMT = os.path.join(os.path.dirname(__file__), "..", "local", "watch_format.py")
LINES = "\n".join([
    '{"messageId":"m1","profileRef":"integration:a","purpose":"WELCOME","status":"SENT","attempt":1,'
    '"smtp":{"code":250,"enhancedCode":"2.0.0","message":"OK"},"occurredAt":"2026-11-24T15:19:53.951980192Z"}',
    '{"messageId":"m2","profileRef":"offer-generator:g","purpose":"OFFER_DELIVERY","status":"DEFERRED","attempt":2,'
    '"errorCode":"SMTP_TEMPORARY_FAILURE","smtp":{"code":451,"message":"greylisted"},"nextAttemptAt":"2026-11-24T15:30:00Z",'
    '"occurredAt":"2026-11-24T15:20:00Z"}',
    '{"messageId":"m3","profileRef":"integration:b","purpose":"INBOUND_REPLY","status":"NOT_CONFIGURED",'
    '"errorCode":"PROFILE_NOT_CONFIGURED","occurredAt":"2026-11-24T15:21:00Z"}',
    'garbage',
]) + "\n"


def run(*args):
    r = subprocess.run([sys.executable, FMT, "--color", "never", *args], input=LINES, capture_output=True, text=True,
                       check=True)
    return [l for l in r.stdout.splitlines()[1:] if not l.startswith("(not JSON)")]  # no header, no garbage


fails = []
out = run()
if len(out) != 3:
    fails.append(f"expected 3 lines, got {out}")
if not any("integration:a" in l and "WELCOME" in l and "SENT" in l and "250 2.0.0 OK" in l
           and "2026-11-24T15:19:53.951Z" in l for l in out):
    fails.append(f"SENT line not readable: {out}")
if not any("DEFERRED" in l and "SMTP_TEMPORARY_FAILURE" in l and "next=2026-11-24T15:30:00Z" in l for l in out):
    fails.append("DEFERRED line lacks errorCode / next attempt")
if [l for l in run("--status", "deferred,not_configured") if "SENT" in l]:
    fails.append("--status filter let SENT through")
if len(run("--profile", "integration:*")) != 2:
    fails.append("--profile glob")
if len(run("--profile", "integration:b")) != 1:
    fails.append("--profile exact")
if len(run("--purpose", "OFFER_DELIVERY")) != 1:
    fails.append("--purpose")
for f in fails:
    print("FAIL", f)
print("watch format test:", "OK" if not fails else f"{len(fails)} failure(s)")
sys.exit(1 if fails else 0)
