#!/usr/bin/env bash
# A large real site on loopback: Debian's HTML documentation sets served by Debian's nginx.
#
#   src/bench/realsite.sh install          apt-get install nginx, wget2 and the doc sets (root; once)
#   src/bench/realsite.sh start [PORT]     serve them on 127.0.0.1:PORT (default 19280); prints the seed URL
#   src/bench/realsite.sh stop  [PORT]     stop that nginx (by the PID it wrote), nothing else
#   src/bench/realsite.sh seed  [PORT]     the seed URL: an index page linking to every doc set
#
# TRAWL_REALSITE_GZIP=on at start: nginx compresses HTML, CSS and JS on the fly (level 1) for clients that
# accept it, as most real sites serve them; its CPU is then part of the server's (pass its PID to export.sh -s).
#
# The site: Boost 1.81's documentation (libboost1.81-doc: BoostBook/Doxygen HTML, 3,904 files), the
# OpenJDK 17 API javadoc (openjdk-17-doc, 10,137 files) and Rust 1.63's documentation (rust-doc:
# rustdoc and mdBook, 32,101 files) -- some 46,000 real pages, 0.9 GB, the kind of site a crawler
# meets in the wild, not a generated one. nginx runs in the
# foreground of a background job with its own prefix, config and PID file under $STATE, so it
# never touches the system's nginx nor anyone else's.
set -euo pipefail

PORT="${2:-19280}"
STATE="${TRAWL_REALSITE_DIR:-/tmp/trawl-realsite}/$PORT"
DOCS=(/usr/share/doc/libboost1.81-doc/doc/html /usr/lib/jvm/java-17-openjdk-amd64/docs/api /usr/share/doc/rust-doc/html)
PACKAGES=(nginx-light wget2 libboost1.81-doc openjdk-17-doc rust-doc)

install() {
    apt-cache policy "${PACKAGES[@]}" | grep -E '^[a-z]|Candidate'
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=900 --no-install-recommends \
        "${PACKAGES[@]}"
}

# The root: one directory of symlinks, one per doc set, and an index page linking to each.
make_root() {
    local root="$STATE/root"
    mkdir -p "$root"
    {
        echo '<!doctype html><html><head><title>trawl real-site benchmark</title></head><body><ul>'
        local dir name
        for dir in "${DOCS[@]}"; do
            [[ -d "$dir" ]] || { echo "realsite: $dir is missing; run: $0 install" >&2; exit 2; }
            name="$(echo "$dir" | tr '/' '_' | sed 's/^_//')"
            ln -sfn "$dir" "$root/$name"
            echo "<li><a href=\"/$name/index.html\">$dir</a></li>"
        done
        echo '</ul></body></html>'
    } >"$root/index.html"
}

start() {
    command -v nginx >/dev/null || { echo "realsite: nginx is not installed; run: $0 install" >&2; exit 2; }
    if [[ -f "$STATE/nginx.pid" ]] && kill -0 "$(cat "$STATE/nginx.pid")" 2>/dev/null; then
        echo "realsite: already serving on port $PORT (pid $(cat "$STATE/nginx.pid"))" >&2
        echo "http://127.0.0.1:$PORT/"
        return 0
    fi
    mkdir -p "$STATE/logs" "$STATE/tmp"
    local GZIP=off
    [[ "${TRAWL_REALSITE_GZIP:-off}" == on ]] && GZIP=on
    make_root
    cat >"$STATE/nginx.conf" <<CONF
worker_processes 1;
pid $STATE/nginx.pid;
error_log $STATE/logs/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    keepalive_timeout 60s;
    gzip ${GZIP};
    gzip_comp_level 1;
    gzip_types text/css application/javascript;
    client_body_temp_path $STATE/tmp/body;
    proxy_temp_path $STATE/tmp/proxy;
    fastcgi_temp_path $STATE/tmp/fastcgi;
    uwsgi_temp_path $STATE/tmp/uwsgi;
    scgi_temp_path $STATE/tmp/scgi;
    server {
        listen 127.0.0.1:$PORT;
        root $STATE/root;
        disable_symlinks off;
        location = /robots.txt { return 200 "User-agent: *\nDisallow:\n"; }
    }
}
CONF
    nohup nginx -p "$STATE" -c "$STATE/nginx.conf" >"$STATE/logs/stdout.log" 2>&1 &
    for _ in $(seq 100); do
        curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break
        sleep 0.1
    done
    curl -sf "http://127.0.0.1:$PORT/" >/dev/null || { echo "realsite: nginx did not start; see $STATE/logs" >&2; exit 1; }
    echo "http://127.0.0.1:$PORT/"
}

stop() {
    if [[ -f "$STATE/nginx.pid" ]]; then
        local pid; pid="$(cat "$STATE/nginx.pid")"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        rm -f "$STATE/nginx.pid"
    fi
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    seed) echo "http://127.0.0.1:$PORT/" ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
