//! The RFC 5545 content-line layer: escaping, quoting, folding and CRLF.
//!
//! Everything the exporter writes goes through [`ContentWriter`], so the
//! rules of RFC 5545 §3.1 live in one place:
//!
//! - lines end in CRLF, and a physical line is at most 75 octets; longer
//!   lines are folded with CRLF and one space, never inside a UTF-8
//!   character (§3.1);
//! - parameter values are quoted when they contain `:`, `;` or `,`, and
//!   cannot contain a DQUOTE or a line break (§3.1, §3.2);
//! - TEXT values are escaped with [`escape_text`] (§3.3.11), after which
//!   they cannot contain a raw line break, so user text can never inject a
//!   property or a component.
//!
//! [`unfold`] and [`unescape_text`] are the inverses, for tests and import.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

/// The maximum length of a physical line in octets, without its CRLF
/// (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// Appends RFC 5545 content lines to a `String`.
///
/// Names (of components, properties and parameters) are the caller's
/// constants, such as `"DTSTART"` or `"TZID"`; values may come from users
/// and are sanitised here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentWriter {
    out: String,
}

impl ContentWriter {
    /// Creates a writer with an empty buffer.
    pub fn new() -> ContentWriter {
        ContentWriter { out: String::new() }
    }

    /// Creates a writer whose buffer has room for `bytes` octets.
    pub(crate) fn with_capacity(bytes: usize) -> ContentWriter {
        ContentWriter { out: String::with_capacity(bytes) }
    }

    /// Writes `BEGIN:<component>`.
    ///
    /// # Panics
    ///
    /// In debug builds, if `component` is not a valid name (letters,
    /// digits and `-`); names are meant to be constants.
    pub fn begin(&mut self, component: &str) {
        self.property("BEGIN", &[], component);
    }

    /// Writes `END:<component>`.
    ///
    /// # Panics
    ///
    /// In debug builds, if `component` is not a valid name.
    pub fn end(&mut self, component: &str) {
        self.property("END", &[], component);
    }

    /// Writes one content line with a value that is already in its wire
    /// form (a DATE-TIME, an RRULE, a UTC offset, an escaped TEXT ...).
    ///
    /// Parameter values are quoted when they contain `:`, `;` or `,`;
    /// DQUOTEs are removed from them, since RFC 5545 §3.1 has no way to
    /// escape one. Line breaks in parameter values and in `value` become
    /// spaces and other control characters (except tab) are dropped, so
    /// no input can end the line early. The line is folded at
    /// [`MAX_LINE_OCTETS`].
    ///
    /// # Panics
    ///
    /// In debug builds, if `name` or a parameter name is not a valid name
    /// (letters, digits and `-`); names are meant to be constants.
    pub fn property(
        &mut self,
        name: &str,
        params: &[(&str, &str)],
        value: &str,
    ) {
        self.property_with(name, params, |out| out.push_str(value));
    }

    /// Writes one content line as [`property`](Self::property) does,
    /// with the value appended by `value` straight into the buffer, so a
    /// DATE-TIME or a number needs no string of its own.
    pub(crate) fn property_with(
        &mut self,
        name: &str,
        params: &[(&str, &str)],
        value: impl FnOnce(&mut String),
    ) {
        debug_assert!(is_name(name), "invalid property name {name:?}");
        // The line is built in place, then cleaned and folded only if it
        // needs it.
        let start = self.out.len();
        let line = &mut self.out;
        line.push_str(name);
        for &(pname, pvalue) in params {
            debug_assert!(is_name(pname), "invalid parameter name {pname:?}");
            line.push(';');
            line.push_str(pname);
            line.push('=');
            push_param_value(line, pvalue);
        }
        line.push(':');
        let value_start = line.len();
        value(line);
        if !line.as_bytes()[value_start..]
            .iter()
            .all(|&b| b >= 0x20 && b != 0x7f)
        {
            let raw = line.split_off(value_start);
            for c in raw.chars() {
                push_value_char(line, c);
            }
        }
        if self.out.len() - start > MAX_LINE_OCTETS {
            let long = self.out.split_off(start);
            push_folded(&mut self.out, &long);
        }
        self.out.push_str("\r\n");
    }

    /// Writes one content line whose value is TEXT: `text` is escaped with
    /// [`escape_text`] first, then written as by
    /// [`property`](Self::property).
    ///
    /// # Panics
    ///
    /// In debug builds, if a name is not a valid name.
    pub fn text(&mut self, name: &str, params: &[(&str, &str)], text: &str) {
        self.property_with(name, params, |out| push_escaped(out, text));
    }

    /// The lines written so far.
    pub(crate) fn as_str(&self) -> &str {
        &self.out
    }

    /// Returns the buffer, which holds whole CRLF-terminated lines.
    pub fn into_string(self) -> String {
        self.out
    }

    /// Empties the buffer, keeping its room.
    pub(crate) fn clear(&mut self) {
        self.out.clear();
    }
}

/// Escapes TEXT for a property value (RFC 5545 §3.3.11).
///
/// `\`, `;` and `,` get a backslash; a line break (LF, CRLF or a lone CR)
/// becomes `\n`. Other control characters except tab are not allowed in
/// TEXT and are dropped. The result has no raw line break, so it cannot
/// end the content line it is written into.
#[cfg(test)]
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` escaped; see [`escape_text`].
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    let plain =
        |b: &u8| !matches!(b, b'\\' | b';' | b',') && *b >= 0x20 && *b != 0x7f;
    if text.as_bytes().iter().all(plain) {
        out.push_str(text);
        return;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF is one line break; a lone CR (old Mac text) too.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            c if is_forbidden_control(c) => {}
            c => out.push(c),
        }
    }
}

/// Reverses [`escape_text`] (RFC 5545 §3.3.11).
///
/// `\n` and `\N` become LF; `\\`, `\;` and `\,` lose their backslash.
/// Being lenient with real feeds, an unknown escape such as `\:` keeps
/// both characters, and so does a trailing lone backslash.
pub fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(e @ ('\\' | ';' | ',')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Folds one logical content line (without its CRLF) into physical lines
/// of at most [`MAX_LINE_OCTETS`] octets, joined by CRLF and one space
/// (RFC 5545 §3.1). A fold never splits a UTF-8 character. The result
/// has no trailing CRLF.
#[cfg(test)]
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 30);
    push_folded(&mut out, line);
    out
}

/// Undoes folding: removes every CRLF (or bare LF, as some producers
/// write) that is followed by a space or a tab, together with that one
/// whitespace character (RFC 5545 §3.1).
#[cfg(test)]
pub fn unfold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\n') {
        let (head, tail) = (&rest[..i], &rest[i + 1..]);
        if tail.starts_with([' ', '\t']) {
            out.push_str(head.strip_suffix('\r').unwrap_or(head));
            rest = &tail[1..];
        } else {
            out.push_str(head);
            out.push('\n');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// Appends `line` folded; see [`fold`].
fn push_folded(out: &mut String, line: &str) {
    let mut len = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if len + n > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += n;
    }
}

/// Appends a parameter value, quoted if needed (RFC 5545 §3.1:
/// `param-value = paramtext / quoted-string`).
fn push_param_value(out: &mut String, value: &str) {
    let quote = value.bytes().any(|b| matches!(b, b':' | b';' | b','));
    if quote {
        out.push('"');
    }
    let plain = |b: &u8| *b != b'"' && *b >= 0x20 && *b != 0x7f;
    if value.as_bytes().iter().all(plain) {
        out.push_str(value);
    } else {
        for c in value.chars() {
            if c != '"' {
                push_value_char(out, c);
            }
        }
    }
    if quote {
        out.push('"');
    }
}

/// RFC 5545's two-letter weekday codes (`BYDAY`, `WKST`), Monday first.
const WEEKDAY_CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// The RFC 5545 code of a weekday, as `BYDAY` writes it: `SA`.
pub(crate) fn weekday_code(day: chrono::Weekday) -> &'static str {
    WEEKDAY_CODES[day.num_days_from_monday() as usize]
}

/// The weekday of an RFC 5545 code, in any case (`SA`, `sa`).
pub(crate) fn weekday_of_code(code: &str) -> Option<chrono::Weekday> {
    let i = WEEKDAY_CODES.iter().position(|c| c.eq_ignore_ascii_case(code))?;
    chrono::Weekday::try_from(u8::try_from(i).ok()?).ok()
}

/// Appends `n` in decimal.
pub(crate) fn push_number(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut rest = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// Appends `n` as exactly two digits; `n` is below 100.
pub(crate) fn push_two(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Appends a DATE, `YYYYMMDD` (RFC 5545 §3.3.4), digit by digit for
/// four-digit years; chrono writes other years.
pub(crate) fn push_date(out: &mut String, d: NaiveDate) {
    match u32::try_from(d.year()) {
        Ok(year) if year <= 9999 => {
            push_two(out, year / 100);
            push_two(out, year % 100);
            push_two(out, d.month());
            push_two(out, d.day());
        }
        _ => out.push_str(&d.format("%Y%m%d").to_string()),
    }
}

/// Appends a local DATE-TIME, `YYYYMMDDTHHMMSS` (RFC 5545 §3.3.5).
pub(crate) fn push_local(out: &mut String, t: NaiveDateTime) {
    push_date(out, t.date());
    out.push('T');
    push_two(out, t.hour());
    push_two(out, t.minute());
    push_two(out, t.second());
}

/// Appends a UTC DATE-TIME, `YYYYMMDDTHHMMSSZ` (RFC 5545 §3.3.5).
pub(crate) fn push_utc(out: &mut String, t: DateTime<Utc>) {
    push_local(out, t.naive_utc());
    out.push('Z');
}

/// Appends one value character; line breaks become spaces and other
/// control characters vanish, so the content line cannot end early.
fn push_value_char(out: &mut String, c: char) {
    match c {
        '\r' | '\n' => out.push(' '),
        c if is_forbidden_control(c) => {}
        c => out.push(c),
    }
}

/// CTL characters other than HTAB, which no value may hold (RFC 5545
/// §3.1, `NON-US-ASCII` / `VALUE-CHAR`).
fn is_forbidden_control(c: char) -> bool {
    (c.is_ascii_control() && c != '\t') || c == '\u{7f}'
}

/// `iana-token` / `x-name` (RFC 5545 §3.1).
fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The checks every writer output must pass: CRLF only, short lines.
    fn assert_wire_form(s: &str) {
        assert!(s.is_empty() || s.ends_with("\r\n"), "no final CRLF: {s:?}");
        let body = s.strip_suffix("\r\n").unwrap_or(s);
        for line in body.split("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS, "long line {line:?}");
            assert!(!line.contains(['\r', '\n']), "bare CR/LF in {line:?}");
        }
    }

    /// What `escape_text` keeps of a text: one LF per line break, no
    /// other control characters.
    fn normalized(text: &str) -> String {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| c == '\n' || !is_forbidden_control(c))
            .collect()
    }

    #[test]
    fn short_line_is_not_folded() {
        let line = format!("X:{}", "a".repeat(73));
        assert_eq!(line.len(), 75);
        assert_eq!(fold(&line), line);
    }

    #[test]
    fn long_ascii_line_folds_at_75_octets() {
        let line = format!("X:{}", "a".repeat(74));
        let folded = fold(&line);
        assert_eq!(folded, format!("X:{}\r\n a", "a".repeat(73)));
    }

    #[test]
    fn fold_does_not_split_multibyte_characters() {
        // 2 + 24 * 3 = 74 octets, so the next 3-octet char must move.
        let line = format!("X:{}€", "€".repeat(24));
        let folded = fold(&line);
        assert_eq!(folded, format!("X:{}\r\n €", "€".repeat(24)));
        // A continuation line holds 74 octets after its space.
        let long = "😀".repeat(40);
        for l in fold(&long).split("\r\n") {
            assert!(l.len() <= MAX_LINE_OCTETS);
        }
        assert_eq!(unfold(&fold(&long)), long);
    }

    #[test]
    fn unfold_accepts_tab_and_bare_lf() {
        assert_eq!(unfold("A:b\r\n\tc\n d\r\nE:f"), "A:bcd\r\nE:f");
        assert_eq!(unfold("A:b\r\n"), "A:b\r\n");
    }

    #[test]
    fn escape_rfc_examples() {
        // RFC 5545 §3.3.11: "Project XYZ Final Review\nConference Room -
        // 3B\nCome Prepared."
        assert_eq!(
            escape_text(
                "Project XYZ Final Review\nConference Room - 3B\n\
                 Come Prepared."
            ),
            "Project XYZ Final Review\\nConference Room - 3B\\nCome Prepared."
        );
        assert_eq!(escape_text("a\r\nb\rc\u{0}d\te"), "a\\nb\\ncd\te");
    }

    #[test]
    fn unescape_is_lenient() {
        assert_eq!(unescape_text("a\\:b\\"), "a\\:b\\");
        assert_eq!(unescape_text("\\N"), "\n");
    }

    #[test]
    fn param_values_are_quoted_and_sanitised() {
        let mut w = ContentWriter::new();
        w.property(
            "ATTENDEE",
            &[("CN", "A;B"), ("ROLE", "CHAIR"), ("X-NOTE", "a\"b\r\nc")],
            "mailto:a@example.org",
        );
        assert_eq!(
            w.as_str(),
            "ATTENDEE;CN=\"A;B\";ROLE=CHAIR;X-NOTE=ab  c:\
             mailto:a@example.org\r\n"
        );
    }

    #[test]
    fn raw_values_cannot_break_the_line() {
        let mut w = ContentWriter::new();
        w.property("X-RAW", &[], "a\r\nBEGIN:VEVENT\u{7}");
        assert_eq!(w.as_str(), "X-RAW:a  BEGIN:VEVENT\r\n");
    }

    #[test]
    fn long_text_property_is_folded() {
        let mut w = ContentWriter::new();
        w.text("DESCRIPTION", &[], &"Große Versammlung, ".repeat(10));
        let s = w.into_string();
        assert_wire_form(&s);
        let logical = unfold(&s);
        let value = logical
            .strip_prefix("DESCRIPTION:")
            .and_then(|v| v.strip_suffix("\r\n"))
            .unwrap();
        assert_eq!(unescape_text(value), "Große Versammlung, ".repeat(10));
    }

    /// Arbitrary unicode, weighted towards the characters that matter.
    fn nasty_text() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            4 => any::<char>(),
            1 => prop::sample::select(vec![
                '\r', '\n', ',', ';', '\\', ':', '"', ' ', '\t', 'é', '€',
                '😀', '\u{0}',
            ]),
        ];
        prop::collection::vec(c, 0..300).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn prop_unescape_inverts_escape(s in nasty_text()) {
            prop_assert_eq!(unescape_text(&escape_text(&s)), normalized(&s));
        }

        #[test]
        fn prop_unescape_inverts_escape_exactly_without_cr(
            s in nasty_text().prop_map(|s| normalized(&s))
        ) {
            prop_assert_eq!(unescape_text(&escape_text(&s)), s);
        }

        #[test]
        fn prop_escaped_text_has_no_line_break(s in nasty_text()) {
            let e = escape_text(&s);
            prop_assert!(!e.contains(['\r', '\n']));
            prop_assert!(!e.chars().any(is_forbidden_control));
        }

        #[test]
        fn prop_unfold_inverts_fold(
            s in nasty_text().prop_map(|s| s.replace(['\r', '\n'], ""))
        ) {
            let folded = fold(&s);
            for line in folded.split("\r\n") {
                prop_assert!(line.len() <= MAX_LINE_OCTETS);
                prop_assert!(!line.contains(['\r', '\n']));
            }
            prop_assert_eq!(unfold(&folded), s);
        }

        #[test]
        fn prop_writer_output_is_one_logical_line(
            name in "[A-Z][A-Z-]{0,20}",
            pvalue in nasty_text(),
            text in nasty_text(),
        ) {
            let mut w = ContentWriter::new();
            w.text(&name, &[("X-P", &pvalue)], &text);
            let s = w.into_string();
            assert_wire_form(&s);
            // Exactly one content line once unfolded: nothing injected.
            let logical = unfold(&s);
            prop_assert_eq!(logical.matches("\r\n").count(), 1);
            prop_assert!(logical.ends_with("\r\n"));
            // The TEXT value survives the round trip.
            let line = logical.strip_suffix("\r\n").unwrap();
            let value = split_value(line);
            prop_assert_eq!(unescape_text(value), normalized(&text));
        }
    }

    /// The value of an unfolded content line: after the first `:` that is
    /// not inside a quoted parameter value.
    fn split_value(line: &str) -> &str {
        let mut quoted = false;
        for (i, c) in line.char_indices() {
            match c {
                '"' => quoted = !quoted,
                ':' if !quoted => return &line[i + 1..],
                _ => {}
            }
        }
        panic!("no value in {line:?}")
    }
}

/// The examples of the items above, as unit tests: the module is
/// private to the crate, so they cannot be doc tests.
#[cfg(test)]
mod examples {
    use super::*;

    #[test]
    fn content_writer_example() {
        let mut w = ContentWriter::new();
        w.begin("VEVENT");
        w.property(
            "DTSTART",
            &[("TZID", "America/Los_Angeles")],
            "20250104T093000",
        );
        w.text("SUMMARY", &[], "Saturday Serenity; open, all welcome");
        w.end("VEVENT");
        assert_eq!(
            w.as_str(),
            "BEGIN:VEVENT\r\n\
             DTSTART;TZID=America/Los_Angeles:20250104T093000\r\n\
             SUMMARY:Saturday Serenity\\; open\\, all welcome\r\n\
             END:VEVENT\r\n",
        );
    }

    #[test]
    fn new_example() {
        assert_eq!(ContentWriter::new().as_str(), "");
    }

    #[test]
    fn begin_example() {
        let mut w = ContentWriter::new();
        w.begin("VCALENDAR");
        assert_eq!(w.as_str(), "BEGIN:VCALENDAR\r\n");
    }

    #[test]
    fn end_example() {
        let mut w = ContentWriter::new();
        w.end("VCALENDAR");
        assert_eq!(w.as_str(), "END:VCALENDAR\r\n");
    }

    #[test]
    fn property_example() {
        let mut w = ContentWriter::new();
        w.property(
            "ORGANIZER",
            &[("CN", "Sam \"Sunny\" Lee, secretary")],
            "mailto:sam@example.org",
        );
        assert_eq!(
            w.as_str(),
            "ORGANIZER;CN=\"Sam Sunny Lee, secretary\":\
             mailto:sam@example.org\r\n",
        );
    }

    #[test]
    fn text_example() {
        let mut w = ContentWriter::new();
        w.text("DESCRIPTION", &[], "Step 3\r\nBring a friend\nEND:VEVENT");
        assert_eq!(
            w.as_str(),
            "DESCRIPTION:Step 3\\nBring a friend\\nEND:VEVENT\r\n",
        );
    }

    #[test]
    fn as_str_example() {
        let mut w = ContentWriter::new();
        w.property("VERSION", &[], "2.0");
        assert_eq!(w.as_str(), "VERSION:2.0\r\n");
    }

    #[test]
    fn into_string_example() {
        let mut w = ContentWriter::new();
        w.property("VERSION", &[], "2.0");
        let s: String = w.into_string();
        assert!(s.ends_with("\r\n"));
    }

    #[test]
    fn escape_text_example() {
        assert_eq!(
            escape_text("Room 2; bring a chair, C:\\\r\nNo dogs"),
            "Room 2\\; bring a chair\\, C:\\\\\\nNo dogs",
        );
    }

    #[test]
    fn unescape_text_example() {
        assert_eq!(unescape_text("a\\, b\\;c\\nd\\\\"), "a, b;c\nd\\");
        let s = "12 & 12; \"HWYW\", C:\\\nline two";
        assert_eq!(unescape_text(&escape_text(s)), s);
    }

    #[test]
    fn fold_example() {
        let line = format!("DESCRIPTION:{}", "é".repeat(40));
        let folded = fold(&line);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn unfold_example() {
        assert_eq!(
            unfold("SUMMARY:Sunday Ev\r\n ening\r\nEND:VEVENT\r\n"),
            "SUMMARY:Sunday Evening\r\nEND:VEVENT\r\n",
        );
    }
}
