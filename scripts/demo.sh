#!/usr/bin/env bash
# `./dev start`: builds Hearthline and runs it. With an Electron binary installed it starts the
# desktop app; otherwise it starts the local contact-centre stack (Kamailio, rtpengine, baresip
# customers) with demo users, the headless host signed in as agent 1001, and opens the UI.
# Environment: HEARTHLINE_CONFIG (use your own SIP server instead of the local stack),
# HEARTHLINE_PORT (UI port, default 5180), HEARTHLINE_FAKE_MIC=1 (tone instead of a microphone).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
demo_dir="$repo/.run/demo"
mkdir -p "$demo_dir"
npm run --silent build

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# Waits until a background service prints its ready line; shows its log if it dies first.
wait_until_ready() {
  local what="$1" out="$2" pattern="$3" log="$4" pid="$5"
  for _ in $(seq 1 120); do
    grep -q "$pattern" "$out" && return
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.5
  done
  echo "$what did not start; see $log" >&2
  exit 1
}

start_local_stack() {
  echo "Starting the local contact-centre stack (logs: $demo_dir/stack.log)…"
  node --import tsx stack/cli.ts start >"$demo_dir/stack.log" 2>&1 &
  pids+=("$!")
  wait_until_ready "the local stack" "$demo_dir/stack.log" 'Press Ctrl-C to stop' "$demo_dir/stack.log" "${pids[-1]}"
}

start_reference_gateway() {
  # The stand-in CRM: demo customers (1002 is a known caller with history), knowledge, notes.
  echo "Starting the reference gateway with demo data (logs: $demo_dir/gateway.log)…"
  export HEARTHLINE_GATEWAY_TOKEN="${HEARTHLINE_GATEWAY_TOKEN:-demo-token-$RANDOM$RANDOM}"
  # The demo agent's own credential for the supervisor paths (board, raised hands, chat).
  export HEARTHLINE_GATEWAY_ACCOUNT_CREDENTIAL="${HEARTHLINE_GATEWAY_ACCOUNT_CREDENTIAL:-demo-agent-1001-$RANDOM$RANDOM$RANDOM$RANDOM}"
  node --import tsx gateway/cli.ts --port "${HEARTHLINE_GATEWAY_PORT:-8300}" --db "$demo_dir/gateway.db" \
    --token "$HEARTHLINE_GATEWAY_TOKEN" --account-credential "1001=$HEARTHLINE_GATEWAY_ACCOUNT_CREDENTIAL" >"$demo_dir/gateway.out" 2>"$demo_dir/gateway.log" &
  pids+=("$!")
  wait_until_ready "the reference gateway" "$demo_dir/gateway.out" '"event":"ready"' "$demo_dir/gateway.log" "${pids[-1]}"
}

config="${HEARTHLINE_CONFIG:-}"
if [[ -z "$config" ]]; then
  start_local_stack
  start_reference_gateway
  config="$demo_dir/config.json"
  cat >"$config" <<JSON
{ "sip": { "wsUri": "ws://127.0.0.1:8088", "sipUri": "sip:1001@127.0.0.1", "password": "secret1001", "displayName": "Demo agent 1001" },
  "gatewayUrl": "http://127.0.0.1:${HEARTHLINE_GATEWAY_PORT:-8300}/",
  "wrapUpSeconds": 60 }
JSON
fi

electron_bin="$(node -e "try{const p=require('electron');require('fs').existsSync(p)&&console.log(p)}catch{}" 2>/dev/null || true)"
if [[ -n "$electron_bin" && -z "${HEARTHLINE_HEADLESS:-}" ]]; then
  HEARTHLINE_CONFIG="$config" "$electron_bin" "$repo/dist/main/electron.js" &
  pids+=("$!")
  wait "${pids[-1]}"
  exit
fi

# The encrypted local store (wrap-up, outbox, customer cache); its key sits in a 0600 file beside it.
export HEARTHLINE_DATA_DIR="${HEARTHLINE_DATA_DIR:-$demo_dir}"
host_args=(--config "$config" --port "${HEARTHLINE_PORT:-5180}" --log-dir "$demo_dir" --db "$demo_dir/hearthline.db")
# No sound card (servers, CI boxes): the engine's microphone plays a generated tone instead.
if [[ -n "${HEARTHLINE_FAKE_MIC:-}" || ! -d /dev/snd ]]; then
  host_args+=(--fake-mic "$(node --import tsx -e "import('./stack/audio.ts').then(async (m) => console.log((await m.ensureTestAudio()).agentTone))")")
fi
node dist/main/headless.js "${host_args[@]}" >"$demo_dir/host.out" 2>"$demo_dir/host.log" &
host_pid=$!
pids+=("$host_pid")
url=""
for _ in $(seq 1 60); do
  url="$(grep -o '"uiUrl":"[^"]*"' "$demo_dir/host.out" | head -1 | cut -d'"' -f4 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$host_pid" 2>/dev/null || { cat "$demo_dir/host.log"; exit 1; }
  sleep 0.5
done
[[ -n "$url" ]] || { echo "the headless host did not start; see $demo_dir/host.log" >&2; exit 1; }

cat <<TEXT

Hearthline is running (headless host, no Electron binary found).
  Open the agent UI:   $url
  Signed in as:        1001 on ws://127.0.0.1:8088 (local stack) — or your HEARTHLINE_CONFIG
  Try:                 dial 1002 or 1004 (demo customers, they answer and talk), 9196 (echo test);
                       after a call, fill in the wrap-up form — notes sync to the reference gateway
  Logs:                $demo_dir
Press Ctrl-C to stop everything.
TEXT

if [[ -n "${DISPLAY:-}" && -x /usr/lib/chromium/chromium ]]; then
  /usr/lib/chromium/chromium --app="$url" --user-data-dir="$demo_dir/ui-profile" --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync >/dev/null 2>&1 &
  pids+=("$!")
fi
wait "$host_pid"
