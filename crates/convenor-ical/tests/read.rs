//! The reader on the `icalendar` crate's parser: each case its line
//! layer works around (see the header of `src/read.rs`), and positioned
//! errors for bad calendars.

use std::time::{Duration, Instant};

use convenor_ical::__private::{parse, MAX_DEPTH};

/// The error as compilers write it: `line:column: message`.
fn err(text: &str) -> String {
    let e = parse(text).expect_err("an error");
    let at = e.position().expect("a position");
    format!("{}:{}: {e}", at.line, at.column)
}

#[test]
fn positions_are_lines_of_the_original_text_folds_included() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\r\nBEGIN:VEVENT\r\nSUMMARY:a lo\r\n ng one\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let cal = parse(text).unwrap();
    assert_eq!(cal.line, 1);
    assert_eq!(cal.property("VERSION").unwrap().line, 2);
    let event = cal.all("VEVENT").next().unwrap();
    assert_eq!(event.line, 4);
    assert_eq!(event.property("SUMMARY").unwrap().text(), "a long one");
    assert_eq!(event.property("UID").unwrap().line, 7);
}

/// Case: the parser looks for CRLF first at every value's end, so a file
/// with bare LF line ends took time quadratic in its size.
#[test]
fn bare_lf_files_read_in_linear_time() {
    let mut text = String::from("BEGIN:VCALENDAR\n");
    for i in 0..60_000 {
        text.push_str(&format!("X-N:{i}\n"));
    }
    text.push_str("END:VCALENDAR\n");
    let t = Instant::now();
    let cal = parse(&text).unwrap();
    assert_eq!(cal.properties.len(), 60_000);
    assert_eq!(cal.properties[59_999].line, 60_001);
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
}

/// Case: the parser recurses once per nested BEGIN (stack overflow on a
/// million of them).
#[test]
fn deep_nesting_is_refused_before_the_parser_recurses() {
    let text = "BEGIN:A\n".repeat(1_000_000);
    assert_eq!(
        err(&text),
        format!(
            "{}:1: components nested more than {MAX_DEPTH} deep",
            MAX_DEPTH + 1
        )
    );
    let ok = format!(
        "{}{}",
        (0..MAX_DEPTH).map(|i| format!("BEGIN:C{i}\r\n")).collect::<String>(),
        (0..MAX_DEPTH)
            .rev()
            .map(|i| format!("END:C{i}\r\n"))
            .collect::<String>()
    );
    assert!(parse(&ok).is_ok());
}

/// Case: the parser unescapes TEXT values of the properties it knows
/// (X- ones included), but not the lists CATEGORIES and RESOURCES, nor
/// names in lower case: `text()` unescapes exactly once in every case.
#[test]
fn text_is_unescaped_exactly_once() {
    let text = "BEGIN:VCALENDAR\r\nSUMMARY:a\\\\, b\\;\r\nX-WR-CALNAME:c\\,d\r\nCATEGORIES:e\\,f,g\r\nsummary:h\\,i\r\nEND:VCALENDAR\r\n";
    let cal = parse(text).unwrap();
    assert_eq!(cal.property("SUMMARY").unwrap().text(), "a\\, b;");
    assert_eq!(cal.property("X-WR-CALNAME").unwrap().text(), "c,d");
    assert_eq!(cal.property("CATEGORIES").unwrap().value, "e\\,f,g");
    assert_eq!(cal.property("CATEGORIES").unwrap().text(), "e,f,g");
    // Lower-case names: the parser does not unescape them; text() does.
    assert_eq!(cal.properties[3].name, "SUMMARY");
    assert_eq!(cal.properties[3].text(), "h,i");
}

#[test]
fn quoted_parameters_keep_colons_and_semicolons() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nLOCATION;ALTREP=\"https://x.example/a;b:c\":Room 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let cal = parse(text).unwrap();
    let p = cal.components[0].property("LOCATION").unwrap();
    assert_eq!(p.param("ALTREP"), Some("https://x.example/a;b:c"));
    assert_eq!(p.text(), "Room 1");
}

#[test]
fn truncated_calendars_say_what_is_missing_and_where() {
    assert_eq!(
        err("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"),
        "4:1: the calendar ends inside BEGIN:VEVENT of line 2 (END:VEVENT expected)"
    );
    assert_eq!(err(""), "1:1: no calendar object (BEGIN:VCALENDAR expected)");
    assert_eq!(
        err("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n"),
        "3:1: END:VCALENDAR closes BEGIN:VEVENT of line 2"
    );
    assert_eq!(
        err("UID:x\r\n"),
        "1:1: a property outside any component (BEGIN:VCALENDAR expected)"
    );
    assert_eq!(
        err("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\n"),
        "3:1: text after the end of the calendar object"
    );
    assert_eq!(err("END:VEVENT\n"), "1:1: END:VEVENT without BEGIN");
}

#[test]
fn a_line_the_parser_cannot_read_is_reported_where_it_is() {
    let e = err("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis is not a line\r\nEND:VCALENDAR\r\n");
    assert!(e.starts_with("3:5: expected a content line"), "{e}");
}

/// 10 MB of one line: an error with its column, quickly, no panic.
#[test]
fn ten_megabytes_of_one_line() {
    let mut text = String::from("BEGIN:VCALENDAR\r\nX-A:");
    text.push_str(&"a".repeat(10 << 20));
    let t = Instant::now();
    assert_eq!(
        err(&text),
        "2:10485765: the calendar ends inside BEGIN:VCALENDAR of line 1 (END:VCALENDAR expected)"
    );
    text.push_str("\r\nEND:VCALENDAR\r\n");
    let cal = parse(&text).unwrap();
    assert_eq!(cal.property("X-A").unwrap().value.len(), 10 << 20);
    let junk = format!(
        "BEGIN:VCALENDAR\r\n{}\r\nEND:VCALENDAR\r\n",
        " x".repeat(5 << 20)
    );
    // Folded onto BEGIN:VCALENDAR, the junk is a 10 MB component name,
    // quoted short.
    let e = err(&junk);
    assert!(
        e.starts_with("3:1: END:VCALENDAR closes BEGIN:VCALENDARx x"),
        "{}",
        &e[..80]
    );
    assert!(e.chars().count() < 120, "{}", e.len());
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

#[test]
fn text_over_the_size_limit_is_refused_unread() {
    let text = " ".repeat(convenor_core::MAX_INPUT_BYTES + 1);
    assert!(err(&text).contains("more than the limit"));
}
