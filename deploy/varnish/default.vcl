# Varnish in front of Masthead's web nodes. Anonymous pages are served from here; the app
# sends `Cache-Control: public, s-maxage=N` for what may be shared and PURGEs on publish
# (wagtail.contrib.frontend_cache, FRONTEND_CACHE_URLS=http://<this varnish>).
vcl 4.1;

import purge;
import std;

# One backend per web node; add more and a director (round robin) to scale out.
backend web1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    # Sick means down, not busy: during a spike /healthz waits in the same queue as the
    # readers, and a backend marked sick turns every miss into a 503. So a probe may take
    # 5 s, and it takes 4 failures in the last 5 to mark the app sick.
    .probe = {
        .url = "/healthz";
        .interval = 2s;
        .timeout = 5s;
        .window = 5;
        .threshold = 2;
    }
}

# Who may PURGE: the app servers (loopback here; add your web nodes' addresses).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE not allowed"));
        }
        # The path's query-string variants (?page=2, an embed's options) go outright: a
        # lurker-friendly ban on objects fetched with a query string.
        set req.url = regsub(req.url, "\?.*$", "");
        ban("obj.http.x-path == " + req.url + " && obj.http.x-query == 1");
        # The path itself is soft-purged in vcl_hit/vcl_miss: TTL 0, grace kept, so during a
        # spike readers get the old copy while one background fetch renders the new one,
        # instead of all queueing on a busy object. Never wait on a fetch in flight to do so.
        set req.hash_ignore_busy = true;
        return (hash);
    }

    # Tracking parameters do not change a page: one cached copy for all of them.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)/" || req.url ~ "^/(healthz|readyz|metrics)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Signed-in readers and staff: their pages are theirs alone.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Any other cookie (analytics, csrftoken) does not change an anonymous page.
    unset req.http.Cookie;

    # Serve stale for a short while when the backend is healthy (refreshed in the
    # background); when it is sick, the long grace set below keeps the site up.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

# One public address (SITE_URL): a page is the same whatever Host it was asked with, and the
# app PURGEs with SITE_URL's Host, so the URL alone keys the cache and a purge finds the
# readers' copy (a proxy or a www. alias sending another Host included).
sub vcl_hash {
    hash_data(req.url);
    return (lookup);
}

sub purge_path {
    set req.http.x-purged = purge.soft();
    return (synth(200, "Purged " + req.http.x-purged));
}

sub vcl_hit {
    if (req.method == "PURGE") {
        call purge_path;
    }
}

sub vcl_miss {
    if (req.method == "PURGE") {
        call purge_path;
    }
}

sub vcl_backend_response {
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (bereq.url ~ "\?") {
        set beresp.http.x-query = "1";
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.status >= 500) {
        # Never replace a good copy with an error; a background fetch failing keeps the old.
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        return (deliver);
    }
    # A day of grace: a slow or failing backend means slightly old pages, not an outage.
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-path;
    unset resp.http.x-query;
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
}
