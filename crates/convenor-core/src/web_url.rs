//! [`WebUrl`]: the one web address type. Every URL convenor writes as a
//! link (the schedule's `url`, a meeting's `url` and `online.url`, a
//! published site's base URL) and the UID domain taken from the schedule
//! URL go through it, so that they are all checked the same way.

use std::fmt;
use std::str::FromStr;

use crate::error::Problem;

/// An absolute `https:` or `http:` URL with a host: a link that cannot
/// run script (`javascript:`, `data:`, `vbscript:`) or go somewhere the
/// reader did not mean (`//evil.example/`, `https:///x`).
///
/// The text is parsed with the `url` crate (the WHATWG URL standard
/// that browsers follow) and kept as written, so a schedule file's URL
/// is written back unchanged (`FromStr` and `Display` round-trip).
/// It must start with `https://` or `http://` (any case) followed by a
/// host; it must have no whitespace or control character anywhere
/// (leading and trailing spaces are refused, not trimmed: a link that
/// reads differently from what is clicked is refused), no `\`, `"`,
/// `<`, `>` or `` ` ``, and no character outside ASCII that is not a
/// letter or digit. Those rules make every URL parser read it the same
/// way.
///
/// [`WebUrl::host`] is the host as a UID domain wants it: lower case,
/// an international name in its ASCII (punycode) form.
///
/// ```
/// use convenor_core::WebUrl;
/// let url: WebUrl = "https://bücher.example/treffen".parse()?;
/// assert_eq!(url.host(), "xn--bcher-kva.example");
/// assert_eq!(url.to_string(), "https://bücher.example/treffen");
/// assert_eq!(url.to_string().parse::<WebUrl>()?, url);
/// assert_eq!(WebUrl::new("HTTPS://Zoom.US/j/1")?.host(), "zoom.us");
/// for bad in [
///     "javascript:alert(1)",
///     "JaVaScRiPt:alert(1)",
///     " https://example.org/",
///     "data:text/html,<script>alert(1)</script>",
///     "vbscript:msgbox(1)",
///     "//evil.example/",
///     "ftp://example.org/",
///     "https:///evil.example",
/// ] {
///     assert!(WebUrl::new(bad).is_err(), "{bad}");
/// }
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WebUrl {
    text: String,
    host: String,
}

impl WebUrl {
    /// Checks `text` (see the type's rules).
    ///
    /// # Errors
    ///
    /// [`Problem::BadUrl`] with the text when it is not an `https:` or
    /// `http:` URL with a host.
    pub fn new(text: &str) -> Result<WebUrl, Problem> {
        let bad = || Problem::BadUrl(text.to_string());
        if !text.chars().all(allowed) {
            return Err(bad());
        }
        let rest = ["https://", "http://"]
            .iter()
            .find_map(|scheme| {
                let head = text.get(..scheme.len())?;
                head.eq_ignore_ascii_case(scheme)
                    .then(|| &text[scheme.len()..])
            })
            .ok_or_else(bad)?;
        // The WHATWG parser skips any number of slashes after `https:`
        // (`https:///evil.example` is evil.example); other parsers read
        // an empty host. Neither is what the writer meant.
        if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
            return Err(bad());
        }
        let url = url::Url::parse(text).map_err(|_| bad())?;
        let host = match url.host() {
            Some(url::Host::Domain(d)) if domain_ok(d) => d.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => format!("[{ip}]"),
            _ => return Err(bad()),
        };
        if !matches!(url.scheme(), "https" | "http") {
            return Err(bad());
        }
        Ok(WebUrl { text: text.to_string(), host })
    }

    /// The URL as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The host, without port or user: lower case, an international
    /// domain name in its ASCII (punycode) form, an IPv6 address in
    /// brackets. The right side of iCalendar UIDs.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// A host name given alone (a UID domain such as `lifering.org` or
    /// `bücher.example`) in the form [`WebUrl::host`] gives: lower case,
    /// ASCII (punycode).
    ///
    /// ```
    /// use convenor_core::WebUrl;
    /// assert_eq!(WebUrl::host_name("Bücher.example")?, "xn--bcher-kva.example");
    /// assert!(WebUrl::host_name("lifering.org/x").is_err());
    /// assert!(WebUrl::host_name("").is_err());
    /// # Ok::<(), convenor_core::Problem>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Problem::BadHost`] when `text` is not a host name or address.
    pub fn host_name(text: &str) -> Result<String, Problem> {
        let bad = || Problem::BadHost(text.to_string());
        if text.is_empty() || !text.chars().all(allowed) {
            return Err(bad());
        }
        match url::Host::parse(text).map_err(|_| bad())? {
            url::Host::Domain(d) if domain_ok(&d) => Ok(d),
            url::Host::Ipv4(ip) => Ok(ip.to_string()),
            url::Host::Ipv6(ip) => Ok(format!("[{ip}]")),
            url::Host::Domain(_) => Err(bad()),
        }
    }
}

/// A character a link may have as written: printable ASCII but for the
/// ones that are never part of a URL and that parsers or HTML read
/// differently, or a letter or digit of any script (an international
/// domain name or path).
fn allowed(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_graphic() && !matches!(c, '\\' | '"' | '<' | '>' | '`')
    } else {
        c.is_alphanumeric()
    }
}

/// A domain in ASCII form that DNS can have: labels of letters, digits,
/// `-` and `_` (the url crate accepts `!`, `$`, `,` and more), none
/// empty, none starting or ending with `-`.
fn domain_ok(domain: &str) -> bool {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    !domain.is_empty()
        && domain.len() <= 253
        && domain.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| {
                    b.is_ascii_lowercase()
                        || b.is_ascii_digit()
                        || b == b'-'
                        || b == b'_'
                })
        })
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for WebUrl {
    type Err = Problem;
    fn from_str(s: &str) -> Result<Self, Problem> {
        WebUrl::new(s)
    }
}

impl TryFrom<String> for WebUrl {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Problem> {
        WebUrl::new(&s)
    }
}

impl From<WebUrl> for String {
    fn from(url: WebUrl) -> String {
        url.text
    }
}

impl AsRef<str> for WebUrl {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// issue 12: `javascript:` and `not a url` were exported as links;
    /// issue 25: `--url` and a meeting's own `url` were not checked.
    #[test]
    fn web_urls() {
        for good in [
            "https://example.org",
            "HTTPS://zoom.us/j/123?pwd=x#y",
            "http://localhost:8080/join",
            "https://user@example.org/",
            "https://[2001:db8::1]:443/x",
            "https://bücher.example/",
            "https://example.org/a|b{c}^d",
            "https://192.0.2.1/",
        ] {
            assert_eq!(
                WebUrl::new(good).map(|u| u.to_string()),
                Ok(good.to_string()),
                "{good}"
            );
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)//",
            "javascript:alert(1)//https://x.org",
            " https://example.org/",
            "https://example.org/ ",
            "\thttps://example.org/",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/",
            "not a url",
            "ftp://example.org",
            "https://",
            "https:///x",
            "https:example.org",
            "https:/example.org",
            "https:\\\\evil.example",
            "https://\\evil.example",
            "https://exa mple.org",
            "https://example.org/\u{1b}]8;;",
            "https://example.org/\u{202e}fdp.exe",
            "https://[::1/x",
            "https://a!b.example/",
            "https://-a.example/",
            "https://example.org/\"onmouseover=\"x",
            "https://?x",
            "https://#x",
        ] {
            assert!(WebUrl::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hosts() {
        let host = |s: &str| WebUrl::new(s).unwrap().host().to_string();
        assert_eq!(host("https://bücher.example/"), "xn--bcher-kva.example");
        assert_eq!(host("https://LifeRing.org:8443/x"), "lifering.org");
        assert_eq!(host("https://user:pw@example.org/"), "example.org");
        assert_eq!(host("https://[2001:DB8::1]/"), "[2001:db8::1]");
        assert_eq!(WebUrl::host_name("lifering.org").unwrap(), "lifering.org");
        assert_eq!(WebUrl::host_name("192.0.2.1").unwrap(), "192.0.2.1");
        for bad in ["", " x.org", "x.org/", "-x.org", "a b", "x@y.org", "a,b"]
        {
            assert!(WebUrl::host_name(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn prop_never_panics_and_round_trips(s in "\\PC{0,40}") {
            if let Ok(u) = WebUrl::new(&s) {
                proptest::prop_assert_eq!(u.to_string(), s.clone());
                proptest::prop_assert_eq!(u.to_string().parse::<WebUrl>(), Ok(u));
            }
            let _ = WebUrl::host_name(&s);
        }

        #[test]
        fn prop_host_is_ascii(host in "[a-zäöüß0-9]{1,12}(\\.[a-z]{2,6}){1,2}") {
            let url = format!("https://{host}/x");
            if let Ok(u) = WebUrl::new(&url) {
                proptest::prop_assert!(u.host().is_ascii());
                proptest::prop_assert_eq!(WebUrl::host_name(&host), Ok(u.host().to_string()));
            }
        }
    }
}
