#!/usr/bin/env bash
# Runs the e2e suite inside a private network + PID namespace:
#   bash e2e/run.sh                  all e2e/**/*.e2e.ts (node:test, one file at a time)
#   bash e2e/run.sh e2e/stack.e2e.ts only the given files / globs
#   bash e2e/run.sh bench            e2e/bench/*.bench.ts, one after the other
#   bash e2e/run.sh bench FILE...    only the given benchmarks
#
# In the namespace the only interface is lo: no packet leaves the machine,
# Chromium's ICE only sees 127.0.0.1, and the stack's fixed ports cannot clash
# with the host. When the namespace's first process exits, the kernel kills
# whatever is left in it (no stray kamailio/rtpengine/baresip/chromium).
# Needs root/CAP_SYS_ADMIN (CI runs as root) or unprivileged user namespaces,
# plus iproute2 (ip) and util-linux (unshare).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [[ "${HEARTHLINE_E2E_NETNS:-}" != "1" ]]; then
  namespaces=(--net --pid --fork --mount-proc)
  if ! unshare "${namespaces[@]}" true 2>/dev/null; then
    # Not root: an unprivileged user namespace gives the same isolation where the kernel allows it.
    namespaces=(--user --map-root-user "${namespaces[@]}")
    if ! unshare "${namespaces[@]}" true 2>/dev/null; then
      echo "e2e/run.sh: cannot create a private network/PID namespace (unshare --net --pid --fork --mount-proc failed," >&2
      echo "e2e/run.sh: also with --user --map-root-user). Run as root or with CAP_SYS_ADMIN," >&2
      echo "e2e/run.sh: e.g. sudo -E env \"PATH=\$PATH\" bash e2e/run.sh, or enable unprivileged user namespaces." >&2
      exit 2
    fi
  fi
  # PATH (with Node 22 first) and the rest of the environment are inherited.
  exec unshare "${namespaces[@]}" env HEARTHLINE_E2E_NETNS=1 bash "$repo_root/e2e/run.sh" "$@"
fi

# --- inside the namespace -------------------------------------------------
ip link set lo up

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if (( node_major < 22 )); then
  echo "e2e/run.sh: Node $(node --version) found first on PATH; Node 22 is required." >&2
  exit 2
fi

mode="test"
if [[ "${1:-}" == "bench" ]]; then
  mode="bench"
  shift
fi

started=$SECONDS
status=0
if [[ "$mode" == "bench" ]]; then
  shopt -s nullglob
  benches=("$@")
  # Store/assist micro-benchmarks (bench/) and end-to-end ones against the stack (e2e/bench/).
  if (( ${#benches[@]} == 0 )); then benches=(bench/*.bench.ts e2e/bench/*.bench.ts); fi
  if (( ${#benches[@]} == 0 )); then
    echo "e2e/run.sh: no benchmarks (bench/*.bench.ts, e2e/bench/*.bench.ts)" >&2
    exit 1
  fi
  for bench in "${benches[@]}"; do
    echo "=== $bench"
    node --import tsx "$bench" || status=$?
  done
else
  files=("$@")
  if (( ${#files[@]} == 0 )); then files=('e2e/**/*.e2e.ts'); fi
  # node expands the glob itself; one file at a time since the stack's ports are fixed.
  node --import tsx --test --test-concurrency=1 --test-timeout=600000 --test-reporter=spec "${files[@]}" || status=$?
fi
echo "e2e/run.sh: $mode finished with status $status in $((SECONDS - started)) s"
exit "$status"
