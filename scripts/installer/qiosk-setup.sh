#!/bin/sh
# Qiosk's machine setup on Linux, as root: the machine policy's folder and the start at login. The deb and rpm run it
# after installing (scripts/installer/linux-after-install.sh); for an AppImage IT runs it once by hand:
#   sudo sh qiosk-setup.sh /opt/apps/Qiosk.AppImage
# - /etc/qiosk, owned by root and writable by root only: Qiosk refuses a policy anyone else could change
#   (src/main/config/policy-file.ts). A folder already there is taken over (owner and mode reset), never trusted as
#   found; a policy file in it keeps its owner, and Qiosk refuses one that is not root's.
# - /etc/xdg/autostart/qiosk.desktop: every desktop session (the kiosk account's, signed in automatically) starts
#   Qiosk. Single instance: a second start only brings the running one forward.
# QIOSK_ROOT prefixes every path (the tests install into a folder).
set -eu
root="${QIOSK_ROOT:-}"
exe="${1:-/opt/Qiosk/qiosk}"

install -d -m 0755 "$root/etc/qiosk"
chown root:root "$root/etc/qiosk"
chmod 0755 "$root/etc/qiosk"

install -d -m 0755 "$root/etc/xdg/autostart"
desktop="$root/etc/xdg/autostart/qiosk.desktop"
cat > "$desktop.tmp" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Qiosk
Comment=Qlik Cloud analytics on this screen
Exec="$exe"
Terminal=false
X-GNOME-Autostart-enabled=true
DESKTOP
chmod 0644 "$desktop.tmp"
mv -f "$desktop.tmp" "$desktop"
