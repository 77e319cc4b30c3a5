//! Where a value sits in JSON text: a small span-tracking scanner that
//! maps a [`FieldPath`] (`meetings[2].changes[0].date`) to a position.
//!
//! It keeps its own stack instead of recursing, so any nesting depth is
//! safe, and it gives up (returning the best position found so far)
//! instead of panicking on text that is not JSON.

use convenor_core::{FieldPath, PathPart, Position};

/// One open container and the step its current child is at.
enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

impl Frame {
    fn matches(&self, part: Option<&PathPart>) -> bool {
        match (self, part) {
            (Frame::Object { key: Some(k) }, Some(PathPart::Key(p))) => k == p,
            (Frame::Array { index }, Some(PathPart::Index(p))) => index == p,
            _ => false,
        }
    }
}

/// The position of the value at `path` in JSON `text`, or of the nearest
/// enclosing value that exists (a missing field points at its object).
pub(crate) fn locate(text: &str, path: &FieldPath) -> Option<Position> {
    locate_offset(text, path).map(|o| Position::at_offset(text, o))
}

/// The byte offset behind [`locate`].
pub(crate) fn locate_offset(text: &str, path: &FieldPath) -> Option<usize> {
    let target = path.parts();
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // How many leading frames are on the target path.
    let mut on_path = 0usize;
    let mut best: Option<(usize, usize)> = None; // (depth, offset)
    let mut i = skip_ws(bytes, 0);
    // Whether the scanner is where a value starts.
    let mut want_value = true;
    loop {
        if want_value {
            let depth = stack.len();
            if on_path == depth && i < bytes.len() {
                if best.is_none_or(|(d, _)| depth > d) {
                    best = Some((depth, i));
                }
                if depth == target.len() {
                    return Some(i);
                }
            }
            match bytes.get(i)? {
                b'{' => {
                    stack.push(Frame::Object { key: None });
                    i = skip_ws(bytes, i + 1);
                    if bytes.get(i) == Some(&b'}') {
                        i += 1;
                        close(&mut stack, &mut on_path);
                        want_value = false;
                    } else {
                        i = read_key(
                            text,
                            i,
                            &mut stack,
                            &mut on_path,
                            target,
                        )?;
                    }
                }
                b'[' => {
                    stack.push(Frame::Array { index: 0 });
                    if on_path + 1 == stack.len() {
                        on_path = step(&stack, target);
                    }
                    i = skip_ws(bytes, i + 1);
                    if bytes.get(i) == Some(&b']') {
                        i += 1;
                        close(&mut stack, &mut on_path);
                        want_value = false;
                    }
                }
                b'"' => {
                    i = string_end(bytes, i)?;
                    want_value = false;
                }
                _ => {
                    let start = i;
                    while i < bytes.len()
                        && !matches!(
                            bytes[i],
                            b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'
                        )
                    {
                        i += 1;
                    }
                    if i == start {
                        return best.map(|(_, o)| o);
                    }
                    want_value = false;
                }
            }
            continue;
        }
        // After a value: `,`, a closing bracket, or the end.
        i = skip_ws(bytes, i);
        let Some(top) = stack.last_mut() else {
            return best.map(|(_, o)| o);
        };
        match (bytes.get(i), top) {
            (Some(b','), Frame::Array { index }) => {
                *index += 1;
                on_path = on_path.min(stack.len() - 1);
                if on_path + 1 == stack.len() {
                    on_path = step(&stack, target);
                }
                i = skip_ws(bytes, i + 1);
                want_value = true;
            }
            (Some(b','), Frame::Object { .. }) => {
                i = skip_ws(bytes, i + 1);
                i = read_key(text, i, &mut stack, &mut on_path, target)?;
                want_value = true;
            }
            (Some(b']'), Frame::Array { .. })
            | (Some(b'}'), Frame::Object { .. }) => {
                i += 1;
                close(&mut stack, &mut on_path);
            }
            _ => return best.map(|(_, o)| o),
        }
    }
}

/// Reads `"key" :` at `i` into the top frame; returns the offset of the
/// value after the colon.
fn read_key(
    text: &str,
    i: usize,
    stack: &mut [Frame],
    on_path: &mut usize,
    target: &[PathPart],
) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    let end = string_end(bytes, i)?;
    let raw = text.get(i..end)?;
    let key: String = serde_json::from_str(raw).ok()?;
    let depth = stack.len();
    if let Some(Frame::Object { key: k }) = stack.last_mut() {
        *k = Some(key);
    }
    *on_path = (*on_path).min(depth - 1);
    if *on_path + 1 == depth {
        *on_path = step(stack, target);
    }
    let colon = skip_ws(bytes, end);
    if bytes.get(colon) != Some(&b':') {
        return None;
    }
    Some(skip_ws(bytes, colon + 1))
}

/// `on_path` after the top frame's step changed, when every frame below
/// it is on the path.
fn step(stack: &[Frame], target: &[PathPart]) -> usize {
    let depth = stack.len();
    match stack.last() {
        Some(top) if top.matches(target.get(depth - 1)) => depth,
        _ => depth - 1,
    }
}

fn close(stack: &mut Vec<Frame>, on_path: &mut usize) {
    stack.pop();
    // The parent's step is unchanged: it is on the path if it was.
    *on_path = (*on_path).min(stack.len());
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The offset just after the string that opens at `i`.
fn string_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match bytes.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, path: &FieldPath) -> Option<(usize, usize)> {
        locate(text, path).map(|p| (p.line, p.column))
    }

    #[test]
    fn finds_nested_values() {
        let text = "{\n \"a\": [1, {\"b\": \"x\", \"c\": [true, null]}],\n \"d\": {}\n}";
        let root = FieldPath::root();
        assert_eq!(at(text, &root), Some((1, 1)));
        assert_eq!(at(text, &root.key("a").index(1).key("b")), Some((2, 17)));
        assert_eq!(
            at(text, &root.key("a").index(1).key("c").index(1)),
            Some((2, 34))
        );
        assert_eq!(at(text, &root.key("d")), Some((3, 7)));
        // Missing: the nearest enclosing value.
        assert_eq!(at(text, &root.key("a").index(1).key("zz")), Some((2, 11)));
        assert_eq!(at(text, &root.key("a").index(7)), Some((2, 7)));
    }

    #[test]
    fn keys_with_escapes_and_siblings_off_path() {
        let text = r#"{"x": {"id": 1}, "i\u0064": [0, {"id": 2}]}"#;
        let path = FieldPath::root().key("id");
        assert_eq!(locate_offset(text, &path), Some(28));
    }

    #[test]
    fn never_panics_on_junk_or_depth() {
        let deep = "[".repeat(200_000);
        let path = FieldPath::root().key("meetings").index(0);
        for text in [
            deep.as_str(),
            "",
            "{",
            "{\"a",
            "{\"a\":",
            "[1,",
            "\"\\",
            "}}}",
            "{\"a\" 1}",
            "é{\"é\":[é",
        ] {
            let _ = locate(text, &path);
        }
        let deep_ok =
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(locate_offset(&deep_ok, &FieldPath::root()), Some(0));
    }
}
