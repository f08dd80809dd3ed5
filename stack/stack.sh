#!/usr/bin/env bash
# npm run stack -- [options]: runs the local contact-centre stack in the
# foreground (see stack/cli.ts). Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node --import tsx stack/cli.ts start "$@"
