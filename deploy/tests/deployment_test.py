#!/usr/bin/env python3
"""Validates what cannot run here (docker compose, Kubernetes, Prometheus, Grafana):

  * every YAML / JSON file under deploy/compose, deploy/k8s, deploy/observability parses;
  * every environment variable a service reads (${VAR in its application.properties outside %dev/%test, and
    System.getenv / VARIABLE = "..." in its main Java sources) is set for that service in compose AND in k8s
    (env, envFrom ConfigMaps / Secrets and the overlay's generators) - a missing one FAILS the test;
  * MAIL_SMTP_ENCRYPTION_KEY comes from one shared source (one env file in compose, one Secret in k8s);
  * k8s Deployments have liveness /q/health/live, readiness /q/health/ready, resource requests; a Service each;
  * the Strimzi KafkaTopics equal deploy/kafka/topics.conf (names, partitions, cleanup.policy); the HPA targets
    mail-dispatch-service with maxReplicas <= partitions of mailoo.mail-requests.v1;
  * the gateway's upstreams in compose and k8s are the services' names and HTTP ports; the k8s copy of the template
    equals deploy/gateway/nginx.conf.template;
  * the metrics used by the alert rules and the dashboard exist in mail-dispatch-service's sources.
A self-check at the end proves the env-var check really fails when a variable is removed.
"""
import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVICES = {"integration-service": 8081, "market-service": 8082, "offer-generator-service": 8083,
            "mail-dispatch-service": 8084}
UPSTREAM_VAR = {"integration-service": "MAILOO_INTEGRATION_UPSTREAM", "market-service": "MAILOO_MARKET_UPSTREAM",
                "offer-generator-service": "MAILOO_OFFER_UPSTREAM", "mail-dispatch-service": "MAILOO_DISPATCH_UPSTREAM"}
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL", msg)
    return cond


def p(*parts):
    return os.path.join(ROOT, *parts)


# ---------------------------------------------------------------- what the services read
def service_vars(svc):
    names = set()
    props = p(svc, "src", "main", "resources", "application.properties")
    for line in open(props, encoding="utf-8"):
        s = line.strip()
        if not s or s.startswith("#") or s.startswith("!") or s.startswith("%dev.") or s.startswith("%test."):
            continue
        names.update(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", s))
    for f in glob.glob(p(svc, "src", "main", "java", "**", "*.java"), recursive=True):
        text = open(f, encoding="utf-8").read()
        names.update(re.findall(r'getenv\(\)\.getOrDefault\(\s*"([A-Z][A-Z0-9_]*)"', text))
        names.update(re.findall(r'getenv\(\s*"([A-Z][A-Z0-9_]*)"', text))
        if "getenv" in text:
            names.update(re.findall(r'\bVARIABLE\s*=\s*"([A-Z][A-Z0-9_]*)"', text))
    return {n for n in names if not n.startswith("MAILOO_TEST_")}


def env_file_keys(path):
    if not os.path.exists(path) and os.path.exists(path + ".example"):
        path = path + ".example"
    if not check(os.path.exists(path), f"env file {os.path.relpath(path, ROOT)} (or .example) missing"):
        return set()
    keys = set()
    for line in open(path):
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            keys.add(line.split("=", 1)[0].strip())
    return keys


# ---------------------------------------------------------------- parsing
def load_all_yaml():
    docs = {}
    for pattern in ("deploy/compose/**/*.y*ml", "deploy/k8s/**/*.y*ml", "deploy/observability/**/*.y*ml"):
        for f in glob.glob(p(pattern), recursive=True):
            try:
                docs[f] = [d for d in yaml.safe_load_all(open(f)) if d is not None]
            except yaml.YAMLError as e:
                check(False, f"{os.path.relpath(f, ROOT)} does not parse: {e}")
    for f in glob.glob(p("deploy", "**", "*.json"), recursive=True):
        try:
            json.load(open(f))
        except ValueError as e:
            check(False, f"{os.path.relpath(f, ROOT)} is not JSON: {e}")
    check(len(docs) >= 5, f"only {len(docs)} YAML files found")
    return docs


def compose_env(compose, compose_dir):
    """service -> (set of variables, env_file list)"""
    out = {}
    for name, svc in compose["services"].items():
        env = svc.get("environment") or {}
        if isinstance(env, list):
            env = dict(e.split("=", 1) if "=" in e else (e, None) for e in env)
        keys = set(env)
        files = svc.get("env_file") or []
        if isinstance(files, str):
            files = [files]
        files = [f if isinstance(f, str) else f["path"] for f in files]
        for f in files:
            keys |= env_file_keys(os.path.join(compose_dir, f))
        out[name] = (keys, env, files)
    return out


def k8s_objects(kdir, seen=None):
    """resources of a kustomization (recursively) + its generators: (objects, generated {kind/name: keys})"""
    seen = seen or set()
    kfile = os.path.join(kdir, "kustomization.yaml")
    if kfile in seen:
        return [], {}
    seen.add(kfile)
    kust = yaml.safe_load(open(kfile))
    objs, gen = [], {}
    for r in kust.get("resources", []):
        path = os.path.normpath(os.path.join(kdir, r))
        if os.path.isdir(path):
            o, g = k8s_objects(path, seen)
            objs += o
            gen.update(g)
        else:
            objs += [d for d in yaml.safe_load_all(open(path)) if d]
    for kind, key in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
        for g in kust.get(key, []) or []:
            keys = set()
            for lit in g.get("literals", []) or []:
                keys.add(lit.split("=", 1)[0])
            for f in g.get("files", []) or []:
                k = f.split("=", 1)[0] if "=" in f else os.path.basename(f)
                keys.add(k)
                src = os.path.join(kdir, f.split("=", 1)[-1])
                check(os.path.exists(src) or os.path.exists(src + ".example"),
                      f"{os.path.relpath(kfile, ROOT)}: generator file {f} (or .example) missing")
            for f in g.get("envs", []) or []:
                keys |= env_file_keys(os.path.join(kdir, f))
            gen.setdefault(f"{kind}/{g['name']}", set()).update(keys)
    return objs, gen


def deployment_env(dep, data):
    c = dep["spec"]["template"]["spec"]["containers"][0]
    keys = {e["name"] for e in c.get("env", []) or []}
    sources = []
    for ef in c.get("envFrom", []) or []:
        for kind, ref in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if ref in ef:
                name = ef[ref]["name"]
                sources.append(f"{kind}/{name}")
                check(f"{kind}/{name}" in data, f"{dep['metadata']['name']}: envFrom {kind} {name} is not defined")
                keys |= data.get(f"{kind}/{name}", set())
    return keys, sources, c


def missing_vars(required, provided):
    return sorted(required - provided)


def main():
    docs = load_all_yaml()
    required = {svc: service_vars(svc) for svc in SERVICES}
    for svc, names in required.items():
        check(len(names) >= 8, f"{svc}: only {len(names)} variables found in its sources - parser broken?")
        check("MAIL_SMTP_ENCRYPTION_KEY" in names or svc == "market-service",
              f"{svc}: does not read MAIL_SMTP_ENCRYPTION_KEY?")
    print("variables read: " + ", ".join(f"{s} {len(v)}" for s, v in required.items()))

    # ------------------------------------------------------------ compose
    cdir = p("deploy", "compose")
    compose = yaml.safe_load(open(os.path.join(cdir, "docker-compose.yml")))
    cenv = compose_env(compose, cdir)
    for svc in SERVICES:
        if not check(svc in cenv, f"compose: no service {svc}"):
            continue
        keys, env, files = cenv[svc]
        miss = missing_vars(required[svc], keys)
        check(not miss, f"compose: {svc} does not set {', '.join(miss)}")
        check(str(env.get("HTTP_PORT")) == str(SERVICES[svc]), f"compose: {svc} HTTP_PORT is {env.get('HTTP_PORT')}")
        hc = compose["services"][svc].get("healthcheck") or {}
        check("/q/health" in json.dumps(hc.get("test", "")), f"compose: {svc} has no /q/health health check")
    key_files = {tuple(cenv[s][2]) for s in SERVICES if "MAIL_SMTP_ENCRYPTION_KEY" in required[s] and s in cenv}
    check(len(key_files) == 1, f"compose: MAIL_SMTP_ENCRYPTION_KEY comes from different env files: {key_files}")
    for s in SERVICES:
        check("MAIL_SMTP_ENCRYPTION_KEY" not in (cenv.get(s, (set(), {}, []))[1]),
              f"compose: {s} sets MAIL_SMTP_ENCRYPTION_KEY inline instead of from the shared env file")
    gw = compose["services"].get("gateway", {}).get("environment", {})
    for svc, var in UPSTREAM_VAR.items():
        check(gw.get(var) == f"{svc}:{SERVICES[svc]}", f"compose: gateway {var}={gw.get(var)}, expected {svc}:{SERVICES[svc]}")
    for needed in ("kafka", "postgres", "smtp-catcher", "gateway"):
        check(needed in compose["services"], f"compose: no {needed}")
    print("compose checked")

    # ------------------------------------------------------------ k8s
    objs, gen = k8s_objects(p("deploy", "k8s", "overlays", "production"))
    data = dict(gen)
    for o in objs:
        if o.get("kind") in ("ConfigMap", "Secret"):
            d = set((o.get("data") or {}).keys()) | set((o.get("stringData") or {}).keys())
            data.setdefault(f"{o['kind']}/{o['metadata']['name']}", set()).update(d)
    deps = {o["metadata"]["name"]: o for o in objs if o.get("kind") == "Deployment"}
    k8s_services = {o["metadata"]["name"]: o for o in objs if o.get("kind") == "Service"}
    key_sources = set()
    for svc in SERVICES:
        if not check(svc in deps, f"k8s: no Deployment {svc}"):
            continue
        keys, sources, c = deployment_env(deps[svc], data)
        miss = missing_vars(required[svc], keys)
        check(not miss, f"k8s: {svc} does not set {', '.join(miss)}")
        if "MAIL_SMTP_ENCRYPTION_KEY" in required[svc]:
            src = [s for s in sources if "MAIL_SMTP_ENCRYPTION_KEY" in data.get(s, set())]
            check(len(src) == 1 and src[0].startswith("Secret/"),
                  f"k8s: {svc} MAIL_SMTP_ENCRYPTION_KEY not from exactly one Secret: {src}")
            key_sources.update(src)
        check((c.get("livenessProbe") or {}).get("httpGet", {}).get("path") == "/q/health/live",
              f"k8s: {svc} liveness probe is not /q/health/live")
        check((c.get("readinessProbe") or {}).get("httpGet", {}).get("path") == "/q/health/ready",
              f"k8s: {svc} readiness probe is not /q/health/ready")
        check(bool((c.get("resources") or {}).get("requests")), f"k8s: {svc} has no resource requests")
        ports = [pt.get("containerPort") for pt in c.get("ports", [])]
        check(SERVICES[svc] in ports, f"k8s: {svc} container port {ports} != {SERVICES[svc]}")
        envs = {e["name"]: e.get("value") for e in c.get("env", []) or []}
        check(envs.get("HTTP_PORT") == str(SERVICES[svc]), f"k8s: {svc} HTTP_PORT is {envs.get('HTTP_PORT')}")
        s = k8s_services.get(svc)
        check(s is not None and any(pt.get("port") == SERVICES[svc] for pt in s["spec"]["ports"]),
              f"k8s: no Service {svc} on port {SERVICES[svc]}")
    check(len(key_sources) == 1, f"k8s: MAIL_SMTP_ENCRYPTION_KEY from {len(key_sources)} Secrets: {key_sources}")
    # gateway
    gdep = deps.get("gateway")
    if check(gdep is not None, "k8s: no gateway Deployment"):
        genv = {e["name"]: e.get("value") for e in gdep["spec"]["template"]["spec"]["containers"][0].get("env", [])}
        for svc, var in UPSTREAM_VAR.items():
            check(genv.get(var) == f"{svc}:{SERVICES[svc]}", f"k8s: gateway {var}={genv.get(var)}")
    tpl = open(p("deploy", "gateway", "nginx.conf.template")).read()
    copy = p("deploy", "k8s", "base", "gateway-nginx.conf.template")
    check(os.path.exists(copy) and open(copy).read() == tpl,
          "k8s: base/gateway-nginx.conf.template differs from deploy/gateway/nginx.conf.template (cp it)")
    # every placeholder of the template is substituted by envsubst and set, in compose and in k8s
    placeholders = set(re.findall(r"\$\{(MAILOO_[A-Z_]+)\}", tpl))
    check("MAILOO_DASHBOARD_ROOT" in placeholders, "the gateway template does not serve the dashboard")
    cgw = compose["services"].get("gateway", {})
    ccmd = " ".join(cgw.get("command") or [])
    for ph in sorted(placeholders):
        check(ph in (cgw.get("environment") or {}), f"compose: gateway does not set {ph}")
        check("${" + ph + "}" in ccmd.replace("$$", "$"), f"compose: gateway's envsubst does not substitute {ph}")
    if gdep is not None:
        kc = gdep["spec"]["template"]["spec"]["containers"][0]
        for ph in sorted(placeholders):
            check(ph in genv, f"k8s: gateway does not set {ph}")
            check("${" + ph + "}" in " ".join(kc.get("command") or []), f"k8s: gateway's envsubst does not substitute {ph}")
        mounts = {m["mountPath"] for m in kc.get("volumeMounts", [])}
        check(genv.get("MAILOO_DASHBOARD_ROOT") in mounts, "k8s: the dashboard root is not a mounted volume")
        inits = gdep["spec"]["template"]["spec"].get("initContainers") or []
        check(any(c.get("image") == "mailoo/dashboard" for c in inits), "k8s: no init container with the dashboard's files")
    vols = " ".join(cgw.get("volumes") or [])
    check((cgw.get("environment") or {}).get("MAILOO_DASHBOARD_ROOT", "x") in vols, "compose: the dashboard root is not mounted")
    # topics
    conf = {}
    for line in open(p("deploy", "kafka", "topics.conf")):
        parts = line.split()
        if parts and not parts[0].startswith("#"):
            cfg = dict(c.split("=", 1) for c in parts[2].split(",")) if len(parts) > 2 and parts[2] != "-" else {}
            conf[parts[0]] = (int(parts[1]), cfg.get("cleanup.policy", "delete"))
    topics = {o["spec"].get("topicName", o["metadata"]["name"]):
              (o["spec"]["partitions"], (o["spec"].get("config") or {}).get("cleanup.policy", "delete"))
              for o in objs if o.get("kind") == "KafkaTopic"}
    check(topics == conf, f"k8s: KafkaTopics {topics} != topics.conf {conf}")
    hpa = [o for o in objs if o.get("kind") == "HorizontalPodAutoscaler"]
    if check(len(hpa) == 1, "k8s: expected one HorizontalPodAutoscaler"):
        h = hpa[0]["spec"]
        check(h["scaleTargetRef"]["name"] == "mail-dispatch-service", "k8s: HPA does not target mail-dispatch-service")
        check(h["maxReplicas"] <= conf.get("mailoo.mail-requests.v1", (0,))[0],
              "k8s: HPA maxReplicas exceeds the partitions of mailoo.mail-requests.v1")
    print("k8s checked")

    # ------------------------------------------------------------ observability
    src = "\n".join(open(f).read() for f in glob.glob(p("mail-dispatch-service", "src", "main", "java", "**", "*.java"),
                                                       recursive=True))
    used = set()
    for f in (p("deploy", "observability", "prometheus-rules.yaml"), p("deploy", "observability", "grafana-dashboard.json")):
        used |= set(re.findall(r"mailoo_dispatch_[a-z_]+", open(f).read()))
    check(len(used) >= 4, f"observability uses only {used}")
    for m in sorted(used):
        base = re.sub(r"_(total|bucket|sum|count|max)$", "", m)
        if base.endswith("_seconds"):
            base = base[: -len("_seconds")]
        check(f'"{base.replace("_", ".")}"' in src, f"metric {m} ({base.replace('_', '.')}) not found in mail-dispatch-service")
    rules = yaml.safe_load(open(p("deploy", "observability", "prometheus-rules.yaml")))
    for g in rules["groups"]:
        for r in g["rules"]:
            check("alert" in r and "expr" in r and r.get("annotations", {}).get("summary"), f"rule incomplete: {r}")
    print(f"observability checked ({len(used)} metrics)")

    # ------------------------------------------------------------ self-check: a missing variable is caught
    svc = "mail-dispatch-service"
    keys = set(cenv[svc][0])
    victim = sorted(required[svc])[0]
    check(missing_vars(required[svc], keys - {victim}) == [victim], "self-check: a removed variable was not detected")

    if failures:
        print(f"deployment test: {len(failures)} failure(s)")
        sys.exit(1)
    print("deployment test: OK")


if __name__ == "__main__":
    main()
