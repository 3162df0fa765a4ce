"""Structural checks of a rendered overlay (stdin): what kubectl kustomize does not check by itself."""
import sys

import yaml  # PyYAML, shipped with Debian's python3-yaml (a docker-compose dependency)

overlay = sys.argv[1]
docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
errors = []
for d in docs:
    where = f"{d.get('kind')}/{d.get('metadata', {}).get('name')}"
    for field in ("apiVersion", "kind", "metadata"):
        if field not in d:
            errors.append(f"{where}: missing {field}")
    if d.get("kind") == "Secret":
        errors.append(f"{where}: secrets are referenced, never defined in the repository")
    if d.get("kind") == "Deployment":
        spec = d["spec"]["template"]["spec"]
        for c in spec["containers"]:
            for probe in ("readinessProbe", "livenessProbe"):
                path = c.get(probe, {}).get("httpGet", {}).get("path", "")
                if not path.startswith("/q/health"):
                    errors.append(f"{where}: {probe} must check /q/health")
            res = c.get("resources", {})
            if not res.get("requests") or not res.get("limits"):
                errors.append(f"{where}: resources.requests and .limits required")
            for env in c.get("env", []):
                name = env.get("name", "")
                if any(s in name for s in ("SECRET", "API_KEY", "PASSWORD")) and "value" in env:
                    errors.append(f"{where}: {name} must come from a secretKeyRef, not a literal")
kinds = {d.get("kind") for d in docs}
for required in ("Deployment", "Service", "PodDisruptionBudget", "ConfigMap", "KafkaTopic"):
    if required not in kinds:
        errors.append(f"no {required} rendered")
for e in errors:
    print(f"[validate] k8s overlay {overlay}: {e}")
sys.exit(1 if errors else 0)
