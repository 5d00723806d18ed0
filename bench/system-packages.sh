#!/usr/bin/env bash
# The Debian packages the benchmarks drive (wrk, nginx, varnish, redis, PostgreSQL binaries),
# installed when missing so `make bench` needs nothing done by hand. Needs root or sudo.
set -euo pipefail
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || test -x /usr/sbin/nginx || need+=(nginx-light)
command -v varnishd >/dev/null || test -x /usr/sbin/varnishd || need+=(varnish)
command -v redis-server >/dev/null || need+=(redis-server)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing ${need[*]} for the benchmarks"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
