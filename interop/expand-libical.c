/*
 * expand-libical: expand the VEVENTs of .ics files with libical 3 (the C library
 * behind GNOME Evolution, GNOME Calendar and evolution-data-server), as installed
 * and compiled by interop/install.
 *
 * usage: expand-libical FILE FROM TO [FILE FROM TO ...]
 *   FROM, TO: RFC 3339 instants, e.g. 2022-11-01T00:00:00Z.
 * Prints one JSON line per occurrence whose START is in [FROM, TO), per file, sorted
 * by (start, uid, end):
 *   {"file":"...","uid":"...","start":"2022-11-12T15:00:00Z","end":"2022-11-12T16:00:00Z"}
 * Instants are UTC; a DATE value prints as YYYY-MM-DD and a floating time without "Z"
 * (neither can equal a contract instant, so they show up as differences).
 * Diagnostics are JSON lines too: {"file":...,"warning":...} and, when libical cannot
 * parse a file, {"file":...,"error":...} (no occurrences are printed for that file).
 * Many files per process, like the other expanders.
 * Exit: 0 ok; 2 at least one file had an error; 3 usage error.
 *
 * How libical is driven (as a libical-based calendar such as Evolution does it;
 * libical does the parsing, the time zones and the recurrence arithmetic, this
 * program applies the overrides, keeps the window and prints):
 *   - icalparser_parse_string() parses the file. libical turns each VTIMEZONE into
 *     an icaltimezone kept on the VCALENDAR, and DTSTART, DTEND, EXDATE (and here
 *     RECURRENCE-ID) resolve their TZID with
 *     icalproperty_get_datetime_with_component(): the file's VTIMEZONE first, then
 *     libical's builtin zones. So libical follows the VTIMEZONEs in the file.
 *   - icalcomponent_foreach_recurrence() expands each master VEVENT (one without
 *     RECURRENCE-ID): libical's own RRULE, RDATE, EXDATE and EXRULE expansion. Each
 *     instance is a UTC time_t span whose length is the master's DTEND - DTSTART
 *     (icalcomponent_get_dtend() adds a DURATION on the wall clock).
 *   - Debian's libical is built with ICU: the recurrence iterator does its wall-clock
 *     arithmetic in the ICU zone the TZID names.
 *   - Overrides (VEVENTs with the master's UID and a RECURRENCE-ID) are applied the
 *     way Evolution's process_detached_instances() does it: an override replaces the
 *     generated instance whose start instant equals its RECURRENCE-ID instant and is
 *     listed with its own DTSTART/DTEND. One that matches no generated instance is
 *     listed on its own, with a warning. libical 3.0's
 *     icalcomponent_get_recurrenceid() drops the TZID, so RECURRENCE-ID is resolved
 *     here like DTSTART.
 *   - Each master is expanded from two days before FROM (or before its earliest
 *     override's RECURRENCE-ID) to two days past TO (or past its last one), so an
 *     instance moved into the window from outside it is found.
 *
 * Build (interop/install does it):
 *   cc -O2 -o expand-libical expand-libical.c $(pkg-config --cflags --libs libical)
 */
#define _GNU_SOURCE
#include <libical/ical.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    time_t start, end;
    int floating; /* floating DATE-TIME: print wall time, no Z */
    int is_date;  /* DATE value: print YYYY-MM-DD */
    const char *uid;
} occ_t;

typedef struct {
    icalcomponent *comp;
    const char *uid;
    time_t rid; /* RECURRENCE-ID instant */
    int matched;
} override_t;

/* State of the file being expanded. */
static const char *cur_file;
static time_t win_from, win_to;
static occ_t *occs;
static size_t nocc, capocc;
static override_t *ovs;
static size_t novs;

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("expand-libical: out of memory\n", stderr);
        exit(3);
    }
    return p;
}

static void json_str(FILE *f, const char *s) {
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20) fprintf(f, "\\u%04x", *p);
            else fputc(*p, f);
        }
    }
    fputc('"', f);
}

/* {"file":..., KEY: printf(fmt, ...)} */
static void record(const char *key, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fputs("{\"file\":", stdout);
    json_str(stdout, cur_file);
    fprintf(stdout, ",\"%s\":", key);
    json_str(stdout, buf);
    fputs("}\n", stdout);
}

/* An RFC 3339 instant in UTC seconds (fractions dropped); -1 when it is not one. */
static int parse_instant(const char *s, time_t *out) {
    int y, mo, d, h, mi, se, n = 0;
    long off = 0;
    const char *p;
    if (sscanf(s, "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 || n == 0)
        return -1;
    p = s + n;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) p++;
    }
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om, m = 0;
        if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &m) != 2 || m != 5) return -1;
        off = (oh * 3600L + om * 60L) * (*p == '-' ? -1 : 1);
        p += 6;
    } else {
        return -1;
    }
    if (*p) return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    *out = timegm(&tm) - off;
    return 0;
}

static void fmt_utc(time_t t, char *buf, size_t n, int floating, int is_date) {
    struct tm tm;
    gmtime_r(&t, &tm);
    if (is_date) strftime(buf, n, "%Y-%m-%d", &tm);
    else if (floating) strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
    else strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Instant of a libical time: a zoned time through its zone (the file's VTIMEZONE or
   a builtin zone), UTC as UTC; floating and DATE values are read as UTC (for the
   window and sorting only). */
static time_t as_utc(struct icaltimetype t) {
    return icaltime_as_timet_with_zone(t, t.zone ? t.zone : icaltimezone_get_utc_timezone());
}

static void add_occ(const char *uid, time_t s, time_t e, int floating, int is_date) {
    if (s < win_from || s >= win_to) return; /* the contract: start in [FROM, TO) */
    if (nocc == capocc) {
        capocc = capocc ? capocc * 2 : 256;
        occs = xrealloc(occs, capocc * sizeof(occ_t));
    }
    occs[nocc++] = (occ_t){s, e, floating, is_date, uid};
}

static int cmp_occ(const void *a, const void *b) {
    const occ_t *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    int c = strcmp(x->uid ? x->uid : "", y->uid ? y->uid : "");
    if (c) return c;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return 0;
}

static int same(const char *a, const char *b) { return a && b && !strcmp(a, b); }

static int is_overridden(const char *uid, time_t start) {
    int hit = 0;
    for (size_t i = 0; i < novs; i++) {
        if (same(ovs[i].uid, uid) && ovs[i].rid == start) {
            ovs[i].matched = 1;
            hit = 1;
        }
    }
    return hit;
}

struct cbdata {
    const char *uid;
    int floating, is_date;
};

static void foreach_cb(icalcomponent *comp, struct icaltime_span *span, void *data) {
    struct cbdata *d = data;
    (void)comp;
    if (is_overridden(d->uid, span->start)) return;
    add_occ(d->uid, span->start, span->end, d->floating, d->is_date);
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *buf = xrealloc(NULL, cap + 1);
    while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
    }
    fclose(f);
    buf[n] = 0;
    return buf;
}

static int has_vtimezone(icalcomponent *root, icalproperty *prop) {
    icalparameter *par = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
    return !par || icalcomponent_get_timezone(root, icalparameter_get_tzid(par)) != NULL;
}

/* Expands one file; returns 0, or -1 after printing its error record. */
static int expand_file(void) {
    char *text = read_file(cur_file);
    if (!text) {
        record("error", "cannot read %s", cur_file);
        return -1;
    }
    icalcomponent *root = icalparser_parse_string(text);
    free(text);
    if (!root) {
        record("error", "parse error: icalparser_parse_string returned nothing");
        return -1;
    }
    if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        record("error", "parse error: the top-level component is not VCALENDAR");
        icalcomponent_free(root);
        return -1;
    }
    /* libical keeps going after a parse problem and records X-LIC-ERROR properties;
       a file it could not read whole is an error, as in the other expanders. */
    for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_ANY_COMPONENT); c;
         c = icalcomponent_get_next_component(root, ICAL_ANY_COMPONENT)) {
        icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
        if (p) {
            record("error", "parse error: %s", icalproperty_get_xlicerror(p));
            icalcomponent_free(root);
            return -1;
        }
    }
    nocc = 0;
    novs = 0;
    size_t nev = icalcomponent_count_components(root, ICAL_VEVENT_COMPONENT);
    ovs = xrealloc(ovs, (nev + 1) * sizeof(override_t));
    for (icalcomponent *ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
        icalproperty *ridp = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
        if (!ridp) continue;
        ovs[novs++] = (override_t){ev, icalcomponent_get_uid(ev),
                                   as_utc(icalproperty_get_datetime_with_component(ridp, ev)), 0};
    }

    for (icalcomponent *ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
        if (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY)) continue;
        const char *uid = icalcomponent_get_uid(ev);
        struct icaltimetype dtstart = icalcomponent_get_dtstart(ev);
        if (icaltime_is_null_time(dtstart)) {
            record("warning", "UID %s: no DTSTART; skipped", uid ? uid : "");
            continue;
        }
        int is_date = icaltime_is_date(dtstart);
        int floating = !is_date && !dtstart.zone && !icaltime_is_utc(dtstart);
        icalproperty_kind kinds[] = {ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY, ICAL_RDATE_PROPERTY,
                                     ICAL_EXDATE_PROPERTY};
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            for (icalproperty *p = icalcomponent_get_first_property(ev, kinds[k]); p;
                 p = icalcomponent_get_next_property(ev, kinds[k]))
                if (!has_vtimezone(root, p))
                    record("warning", "UID %s: a TZID has no VTIMEZONE in the file; libical uses a builtin zone or floating time",
                           uid ? uid : "");
        time_t lo = win_from, hi = win_to;
        for (size_t i = 0; i < novs; i++) {
            if (!same(ovs[i].uid, uid)) continue;
            if (ovs[i].rid < lo) lo = ovs[i].rid;
            if (ovs[i].rid + 1 > hi) hi = ovs[i].rid + 1;
        }
        /* Two days of slack: libical's span overlap test has edge cases at the
           limits; [FROM, TO) is applied in add_occ(). */
        lo -= 2 * 86400;
        hi += 2 * 86400;
        struct cbdata d = {uid, floating, is_date};
        icalcomponent_foreach_recurrence(ev, icaltime_from_timet_with_zone(lo, 0, icaltimezone_get_utc_timezone()),
                                         icaltime_from_timet_with_zone(hi, 0, icaltimezone_get_utc_timezone()),
                                         foreach_cb, &d);
    }

    for (size_t i = 0; i < novs; i++) {
        icalcomponent *ev = ovs[i].comp;
        struct icaltimetype s = icalcomponent_get_dtstart(ev);
        struct icaltimetype e = icalcomponent_get_dtend(ev);
        int is_date = icaltime_is_date(s);
        int floating = !is_date && !s.zone && !icaltime_is_utc(s);
        time_t ts = as_utc(s), te = icaltime_is_null_time(e) ? ts : as_utc(e);
        if (!ovs[i].matched) {
            char rid[40];
            fmt_utc(ovs[i].rid, rid, sizeof rid, 0, 0);
            record("warning", "UID %s: override RECURRENCE-ID %s matches no instance libical generated; listed on its own",
                   ovs[i].uid ? ovs[i].uid : "", rid);
        }
        add_occ(ovs[i].uid, ts, te, floating, is_date);
    }

    qsort(occs, nocc, sizeof(occ_t), cmp_occ);
    for (size_t i = 0; i < nocc; i++) {
        char s[40], e[40];
        fmt_utc(occs[i].start, s, sizeof s, occs[i].floating, occs[i].is_date);
        fmt_utc(occs[i].end, e, sizeof e, occs[i].floating, occs[i].is_date);
        fputs("{\"file\":", stdout);
        json_str(stdout, cur_file);
        fputs(",\"uid\":", stdout);
        json_str(stdout, occs[i].uid);
        fprintf(stdout, ",\"start\":\"%s\",\"end\":\"%s\"}\n", s, e);
    }
    /* The UIDs point into the tree: print before freeing it. */
    icalcomponent_free(root);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 4 || (argc - 1) % 3) {
        fputs("usage: expand-libical FILE FROM TO [FILE FROM TO ...]\n", stderr);
        return 3;
    }
    for (int i = 1; i < argc; i += 3)
        for (int k = 1; k <= 2; k++) {
            time_t t;
            if (parse_instant(argv[i + k], &t)) {
                fprintf(stderr, "expand-libical: '%s' is not an RFC 3339 instant (e.g. 2022-11-01T00:00:00Z)\n",
                        argv[i + k]);
                return 3;
            }
        }
    icalerror_set_errors_are_fatal(0);
    int failures = 0;
    for (int i = 1; i < argc; i += 3) {
        cur_file = argv[i];
        parse_instant(argv[i + 1], &win_from);
        parse_instant(argv[i + 2], &win_to);
        if (expand_file()) failures++;
        fflush(stdout);
    }
    return failures ? 2 : 0;
}
