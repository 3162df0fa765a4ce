#!/usr/bin/env bash
# Validates the deployment descriptors without a Docker engine or a cluster:
#  - docker-compose.yml with `docker-compose config -q` (Debian's docker-compose package),
#  - every Kustomize overlay rendered with `kubectl kustomize`, then checked for the fields a
#    Deployment here must have (probes, resources, secrets by reference only).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
fail=0

if command -v docker-compose >/dev/null 2>&1; then
  created_env=0
  if [[ ! -f .env ]]; then cp .env.example .env; created_env=1; fi
  if docker-compose config -q; then echo "[validate] docker-compose.yml: valid"; else echo "[validate] docker-compose.yml: INVALID"; fail=1; fi
  if ((created_env)); then rm -f .env; fi
else
  echo "[validate] docker-compose not installed (apt-get install docker-compose); compose NOT validated"
  [[ "${CI:-}" == "true" ]] && fail=1
fi

PY=python3
python3 -c 'import yaml' 2>/dev/null || PY=/usr/bin/python3
if command -v kubectl >/dev/null 2>&1; then
  for overlay in deploy/k8s/overlays/*/; do
    name=$(basename "$overlay")
    out=$(mktemp)
    if ! kubectl kustomize "$overlay" >"$out"; then echo "[validate] k8s overlay $name: does not render"; fail=1; continue; fi
    if "$PY" "$ROOT/deploy/k8s/check_manifests.py" "$name" <"$out"; then echo "[validate] k8s overlay $name: valid"; else fail=1; fi
    rm -f "$out"
  done
else
  echo "[validate] kubectl not installed; Kubernetes overlays NOT validated"
  [[ "${CI:-}" == "true" ]] && fail=1
fi
exit $fail
