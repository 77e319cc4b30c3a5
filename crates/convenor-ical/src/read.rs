//! Reading iCalendar text back into components and properties: enough to
//! check what we export (round trips, structure), not a general importer.

use crate::wire::{unescape_text, unfold};

/// A component: `BEGIN:NAME` … `END:NAME`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Component {
    /// `VCALENDAR`, `VEVENT`, `VTIMEZONE`…
    pub name: String,
    /// Its properties, in order.
    pub properties: Vec<Property>,
    /// Its sub-components, in order.
    pub components: Vec<Component>,
}

/// A content line: `NAME;PARAM=value:VALUE`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Property {
    /// The name, upper case.
    pub name: String,
    /// Parameters, with quotes removed.
    pub params: Vec<(String, String)>,
    /// The raw value (TEXT still escaped; see [`Property::text`]).
    pub value: String,
}

impl Property {
    /// The value read as TEXT (RFC 5545 §3.3.11).
    pub fn text(&self) -> String {
        unescape_text(&self.value)
    }

    /// The value of parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

impl Component {
    /// The first property called `name`.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// Every sub-component called `name`.
    pub fn all<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Component> + 'a {
        self.components.iter().filter(move |c| c.name == name)
    }
}

/// Parses one iCalendar object (unfolding lines first).
///
/// # Errors
///
/// A message with the line number, for a line without `:`, an `END`
/// that does not match its `BEGIN`, or text outside any component.
///
/// ```
/// use convenor_ical::read::parse;
/// let cal = parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\\, b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")?;
/// let event = cal.all("VEVENT").next().unwrap();
/// assert_eq!(event.property("SUMMARY").unwrap().text(), "a, b");
/// # Ok::<(), String>(())
/// ```
pub fn parse(text: &str) -> Result<Component, String> {
    let unfolded = unfold(text);
    let mut stack: Vec<Component> = Vec::new();
    let mut done: Option<Component> = None;
    for (n, line) in unfolded.split("\r\n").enumerate() {
        if line.is_empty() {
            continue;
        }
        let at = n + 1;
        if done.is_some() {
            return Err(format!(
                "line {at}: text after the end of the object"
            ));
        }
        let property = content_line(line)
            .ok_or_else(|| format!("line {at}: not a content line"))?;
        match property.name.as_str() {
            "BEGIN" => stack.push(Component {
                name: property.value,
                ..Component::default()
            }),
            "END" => {
                let c = stack
                    .pop()
                    .ok_or_else(|| format!("line {at}: END without BEGIN"))?;
                if c.name != property.value {
                    return Err(format!(
                        "line {at}: END:{} closes BEGIN:{}",
                        property.value, c.name
                    ));
                }
                match stack.last_mut() {
                    Some(parent) => parent.components.push(c),
                    None => done = Some(c),
                }
            }
            _ => stack
                .last_mut()
                .ok_or_else(|| {
                    format!("line {at}: property outside a component")
                })?
                .properties
                .push(property),
        }
    }
    match (done, stack.is_empty()) {
        (Some(c), true) => Ok(c),
        _ => Err("unterminated component".to_string()),
    }
}

/// Splits a content line at the first `:` outside a quoted parameter.
fn content_line(line: &str) -> Option<Property> {
    let mut quoted = false;
    let mut colon = None;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next()?.to_ascii_uppercase();
    if name.is_empty()
        || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return None;
    }
    let params = parts
        .map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((k.to_ascii_uppercase(), v.trim_matches('"').to_string()))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Property { name, params, value: value.to_string() })
}

fn split_unquoted(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut quoted, mut start) = (false, 0);
    for (i, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            parts.push(&text[start..i]);
            start = i + 1;
        }
    }
    parts.push(&text[start..]);
    parts
}
