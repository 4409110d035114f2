# SPDX-License-Identifier: ISC
# shellcheck shell=bash
#
# Sourced by scripts/demo and scripts/test: the Debian 12 packages Sanal builds,
# runs and is tested with, and install_deps, which installs the missing ones
# (as root). nodejs and npm run the SMPP SMSC simulators of tests/integ and
# tests/bench (npm package smpp, pinned in tests/package-lock.json) and drive
# chromium through npm playwright-core for tests/integ/web_browser.sh. The
# kannel package would start its own bearerbox from /etc/kannel/kannel.conf;
# the demo and the tests start their own, so a temporary policy-rc.d keeps the
# package's service from starting.

SANAL_PKGS="build-essential autoconf automake pkg-config libevent-dev libsqlite3-dev
libcurl4-openssl-dev libjansson-dev libicu-dev icu-devtools libsodium-dev
libcmocka-dev libhunspell-dev hunspell-mn zlib1g-dev libxlsxwriter-dev unzip kannel kannel-extras sqlite3 curl
ca-certificates nodejs npm chromium python3-yaml"

# A package counts as present when installed or provided by an installed one:
# NodeSource's nodejs provides (and conflicts with) Debian's npm.
install_deps() {
	local p missing='' policy='' sudo='' provided
	provided=" $(dpkg-query -W -f='${db:Status-Abbrev} ${Provides},\n' 2>/dev/null |
	    sed -n 's/^ii *//p' | sed 's/ *([^)]*)//g' | tr -s ',\n' '  ') "
	for p in $SANAL_PKGS; do
		case $provided in *" $p "*) continue ;; esac
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		    missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null ||
		    { echo "run as root, or: apt-get install$missing" >&2; return 1; }
		sudo=sudo
	fi
	echo "installing:$missing"
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
		$sudo chmod 755 /usr/sbin/policy-rc.d
		policy=1
	fi
	p=0
	# shellcheck disable=SC2086
	if ! $sudo apt-get update -q || ! DEBIAN_FRONTEND=noninteractive \
	    $sudo apt-get install -y -q --no-install-recommends $missing; then
		p=1
	fi
	[ -z "$policy" ] || $sudo rm -f /usr/sbin/policy-rc.d
	return $p
}
