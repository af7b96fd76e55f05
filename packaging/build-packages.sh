#!/usr/bin/env bash
# Turns target/orrery.jar (the shaded jar of `mvn package`) into an app image and a Debian package with
# the JDK's jpackage. Called by `mvn -Ppackage package`, which passes the pom's metadata:
#   build-packages.sh VERSION VENDOR DESCRIPTION
# Output: target/dist/orrery/ (app image) and target/dist/orrery_VERSION_ARCH.deb
set -euo pipefail

version=$1 vendor=$2 description=$3
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
target="$top/target"
dist="$target/dist"
input="$target/jpackage-input"

# jpackage needs fakeroot and dpkg-deb for .deb; install them when we can, say what to do when we can't.
missing=()
command -v fakeroot >/dev/null || missing+=(fakeroot)
command -v dpkg-deb >/dev/null || missing+=(dpkg-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y "${missing[@]}" || { apt-get update && apt-get install -y "${missing[@]}"; }
  else
    echo "jpackage needs: ${missing[*]} — run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

rm -rf "$dist" "$input"
mkdir -p "$dist" "$input"
cp "$target/orrery.jar" "$input/"

# jpackage versions must be numeric (1.2.3): drop a -SNAPSHOT or other suffix.
app_version=${version%%-*}

common=(
  --name orrery
  --input "$input"
  --main-jar orrery.jar
  --main-class dev.orrery.cli.Main
  --app-version "$app_version"
  --vendor "$vendor"
  --description "$description"
  --copyright "Copyright the Orrery developers"
  --icon "${ORRERY_ICON:-$top/assets/orrery-256.png}"
  --java-options "-Dorrery.launcher=/opt/orrery/bin/orrery"
  # The bundled runtime: what the jar needs, found by jdeps, plus crypto providers SSH uses at run time.
  --add-modules "$(cat "$here/runtime-modules")"
  --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands"
)

echo "jpackage: app image"
jpackage --type app-image --dest "$dist" "${common[@]}"

echo "jpackage: Debian package"
jpackage --type deb --dest "$dist" "${common[@]}" \
  --resource-dir "$here/linux" \
  --install-dir /opt \
  --linux-package-name orrery \
  --linux-deb-maintainer "dev@orrery.dev" \
  --linux-menu-group "Development" \
  --linux-app-category "devel" \
  --linux-shortcut

ls -l "$dist"
