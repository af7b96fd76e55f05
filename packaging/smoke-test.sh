#!/usr/bin/env bash
# Installs the .deb built by `mvn -Ppackage package`, runs the installed `orrery` the way an operator
# would, and removes the package again. Run as root (CI does). Exits non-zero on the first failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
deb=$(ls "$top"/target/dist/orrery_*.deb)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== installing $deb"
apt-get install -y "$deb"

echo "== orrery on the PATH: $(command -v orrery)"
test "$(command -v orrery)" = /usr/bin/orrery
test -f /usr/share/applications/orrery-orrery.desktop || test -f /opt/orrery/lib/orrery-orrery.desktop

echo "== orrery --version"
orrery --version | tee "$work/version"
grep -q "$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$top/pom.xml" | head -1)" "$work/version"

echo "== orrery --help"
orrery --help | grep -q changes

echo "== orrery validate samples/webstack"
orrery validate "$top/samples/webstack"

echo "== orrery validate samples/broken (must exit 2)"
set +e; orrery validate "$top/samples/broken" > "$work/broken.txt" 2>&1; rc=$?; set -e
test "$rc" = 2 || { echo "expected exit 2, got $rc"; cat "$work/broken.txt"; exit 1; }
grep -Eq ':[0-9]+:[0-9]+: ' "$work/broken.txt"

echo "== orrery changes stage on a copy of samples/webstack"
cp -r "$top/samples/webstack" "$work/webstack"
rm -rf "$work/webstack/.orrery"
(cd "$work/webstack" && orrery changes stage -d)
(cd "$work/webstack" && orrery changes staged | grep -q run)

echo "== removing the package"
apt-get purge -y orrery
test ! -e /usr/bin/orrery
echo "package smoke test passed"
