#!/bin/sh
# Container entry point, run as root before anything else: keeps the agent's commands away from
# the Sandbox SDK's control server, then starts the SDK's own entry point ("$@").
#
# The SDK's control server (port 3000 on every address) runs as root and executes whatever it is
# asked, with no credential of its own inside the container. Commands the agent runs are the
# unprivileged user SANDBOX_AGENT_UID; an owner-match rule refuses that user's connections to the
# control port on any local address. Other ports (the runtime's, which needs its token, and
# servers the agent starts itself) stay reachable. Needs CAP_NET_ADMIN; the outcome is written to
# the status file and to stderr, and the runtime reports it.
set -u

CONTROL_PORT="${SANDBOX_CONTROL_PORT:-3000}"
AGENT_UID="${SANDBOX_AGENT_UID:-10001}"
STATUS_FILE="${SANDBOX_GUARD_STATUS_FILE:-/run/molt/control-port-guard}"

refuse_agent() {
  tool="$1"
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed"; return 1; }
  "$tool" -w -I OUTPUT -p tcp --dport "$CONTROL_PORT" \
    -m addrtype --dst-type LOCAL \
    -m owner --uid-owner "$AGENT_UID" \
    -j REJECT --reject-with tcp-reset 2>&1
}

status="on"
if ! said=$(refuse_agent iptables); then
  status="off: iptables: $said"
elif [ -e /proc/net/if_inet6 ] && ! said=$(refuse_agent ip6tables); then
  status="off: ip6tables: $said"
fi

mkdir -p "$(dirname "$STATUS_FILE")"
printf '%s\n' "$status" > "$STATUS_FILE"
if [ "$status" != "on" ]; then
  echo "WARNING: the agent's commands can reach the sandbox control port $CONTROL_PORT ($status)" >&2
fi

[ "$#" -gt 0 ] && exec "$@"
exit 0
