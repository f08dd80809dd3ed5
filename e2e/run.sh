#!/usr/bin/env bash
# Runs the e2e suite inside a private network + PID namespace:
#   bash e2e/run.sh                  all e2e/**/*.e2e.ts (node:test, one file at a time per shard)
#   bash e2e/run.sh e2e/stack.e2e.ts only the given files / globs (node --test options may come first)
#   bash e2e/run.sh bench            e2e/bench/*.bench.ts, one after the other
#   bash e2e/run.sh bench FILE...    only the given benchmarks
#
# In the namespace the only interface is lo: no packet leaves the machine,
# Chromium's ICE only sees 127.0.0.1, and the stack's fixed ports cannot clash
# with the host. When the namespace's first process exits, the kernel kills
# whatever is left in it (no stray kamailio/rtpengine/baresip/chromium).
# Shards: HEARTHLINE_E2E_SHARDS (default 1; 2 is opt-in, see docs/reliability.md) groups of files run side by side, each group in its OWN
# network + PID namespace (so the stack's fixed ports cannot clash), balanced by the durations last
# measured (e2e/durations.json, then .run/e2e-durations.json; scripts/e2eShards.ts). A line per file is
# printed as it ends; each shard's full output follows when all are done; the status fails if any did.
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
    bench_started=$SECONDS
    node --import tsx "$bench" || status=$?
    echo "=== $bench took $((SECONDS - bench_started)) s"
  done
else
  node_args=()
  files=()
  for arg in "$@"; do
    if [[ "$arg" == -* ]]; then node_args+=("$arg"); else files+=("$arg"); fi
  done
  shopt -s globstar nullglob
  if (( ${#files[@]} == 0 )); then files=(e2e/**/*.e2e.ts); fi
  shards="${HEARTHLINE_E2E_SHARDS:-1}"
  if (( shards > 1 && ${#files[@]} > 1 )); then
    mkdir -p .run
    mapfile -t plan < <(node --import tsx scripts/e2eShards.ts plan "$shards" e2e/durations.json .run/e2e-durations.json -- "${files[@]}")
    pids=()
    for i in "${!plan[@]}"; do
      log=".run/e2e-shard-$((i + 1)).log"
      echo "e2e/run.sh: shard $((i + 1)) of ${#plan[@]}: ${plan[$i]}"
      rm -f ".run/e2e-shard-$((i + 1)).times"
      # shellcheck disable=SC2086 # the plan line is a space-separated file list
      unshare --net --pid --fork --mount-proc env HEARTHLINE_E2E_NETNS=1 HEARTHLINE_E2E_SHARDS=1 \
        HEARTHLINE_E2E_SHARD="$((i + 1))" HEARTHLINE_E2E_PROGRESS_FD=3 HEARTHLINE_E2E_TIMES=".run/e2e-shard-$((i + 1)).times" \
        bash "$repo_root/e2e/run.sh" "${node_args[@]}" ${plan[$i]} 3>&1 >"$log" 2>&1 &
      pids+=("$!")
    done
    for i in "${!pids[@]}"; do
      wait "${pids[$i]}" || status=$?
    done
    for i in "${!plan[@]}"; do
      echo "=== shard $((i + 1)): ${plan[$i]}"
      cat ".run/e2e-shard-$((i + 1)).log"
      node --import tsx scripts/e2eShards.ts record .run/e2e-durations.json ".run/e2e-shard-$((i + 1)).times"
    done
  else
    # One file at a time: the stack's ports are fixed within a namespace.
    for file in "${files[@]}"; do
      file_started=$SECONDS
      file_status=0
      node --import tsx --test --test-timeout=600000 --test-reporter=spec "${node_args[@]}" "$file" || file_status=$?
      if (( file_status != 0 )); then status=$file_status; fi
      seconds=$((SECONDS - file_started))
      if [[ -n "${HEARTHLINE_E2E_TIMES:-}" ]]; then printf '%s\t%s\n' "$file" "$seconds" >>"$HEARTHLINE_E2E_TIMES"; fi
      if [[ -n "${HEARTHLINE_E2E_PROGRESS_FD:-}" ]]; then
        echo "e2e/run.sh: [shard ${HEARTHLINE_E2E_SHARD:-1}] $file $([[ $file_status == 0 ]] && echo passed || echo FAILED) in $seconds s" >&"$HEARTHLINE_E2E_PROGRESS_FD"
      fi
    done
  fi
fi
echo "e2e/run.sh: $mode finished with status $status in $((SECONDS - started)) s"
exit "$status"
