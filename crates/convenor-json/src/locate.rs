//! Where values sit in JSON text: a small span-tracking scanner that
//! maps [`FieldPath`]s (`meetings[2].changes[0].date`) to byte offsets,
//! all of them in one pass over the text.
//!
//! It keeps its own stack instead of recursing, so any nesting depth is
//! safe, and it gives up (keeping the best offsets found so far) instead
//! of panicking on text that is not JSON.

use std::collections::HashMap;

use convenor_core::{__private::PathPart, FieldPath};

/// One step below a value on the way to a target.
#[derive(PartialEq, Eq, Hash)]
enum Step {
    Key(String),
    Index(usize),
}

/// The targets' paths as a tree: node 0 is the root value, every other
/// node a step below its parent. A node's offset is where the scanner
/// first met its value.
struct Targets {
    children: HashMap<(usize, Step), usize>,
    offsets: Vec<Option<usize>>,
}

impl Targets {
    fn new(paths: &[&FieldPath]) -> Targets {
        let mut targets =
            Targets { children: HashMap::new(), offsets: vec![None] };
        for path in paths {
            let mut node = 0;
            for part in path.parts() {
                let next = targets.offsets.len();
                node = *targets
                    .children
                    .entry((node, step(part)))
                    .or_insert(next);
                if node == next {
                    targets.offsets.push(None);
                }
            }
        }
        targets
    }

    fn child(&self, node: Option<usize>, step: Step) -> Option<usize> {
        self.children.get(&(node?, step)).copied()
    }

    /// The offset of the deepest value on `path` the scanner met.
    fn best(&self, path: &FieldPath) -> Option<usize> {
        let mut node = 0;
        let mut best = self.offsets[0];
        for part in path.parts() {
            let Some(next) = self.children.get(&(node, step(part))) else {
                break;
            };
            let Some(offset) = self.offsets[*next] else { break };
            (node, best) = (*next, Some(offset));
        }
        best
    }
}

fn step(part: &PathPart) -> Step {
    match part {
        PathPart::Key(k) => Step::Key((*k).to_string()),
        PathPart::Index(i) => Step::Index(*i),
    }
}

/// One open container: its node among the targets (if on a target's
/// path) and the node of its current child.
enum Frame {
    Object { node: Option<usize>, child: Option<usize> },
    Array { node: Option<usize>, index: usize, child: Option<usize> },
}

impl Frame {
    fn child(&self) -> Option<usize> {
        match self {
            Frame::Object { child, .. } | Frame::Array { child, .. } => *child,
        }
    }
}

/// The byte offset in JSON `text` of the value at each path, or of the
/// nearest enclosing value that exists (a missing field points at its
/// object): O(text + paths).
pub(crate) fn offsets(text: &str, paths: &[&FieldPath]) -> Vec<Option<usize>> {
    let mut targets = Targets::new(paths);
    scan(text, &mut targets);
    paths.iter().map(|path| targets.best(path)).collect()
}

/// Walks the text once, noting where each target node's value starts.
fn scan(text: &str, targets: &mut Targets) -> Option<()> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = skip_ws(bytes, 0);
    // Whether the scanner is where a value starts.
    let mut want_value = true;
    loop {
        if want_value {
            let node = match stack.last() {
                Some(frame) => frame.child(),
                None => Some(0),
            };
            if let Some(n) = node.filter(|_| i < bytes.len()) {
                targets.offsets[n].get_or_insert(i);
            }
            match bytes.get(i)? {
                b'{' => {
                    stack.push(Frame::Object { node, child: None });
                    i = skip_ws(bytes, i + 1);
                    if bytes.get(i) == Some(&b'}') {
                        i += 1;
                        stack.pop();
                        want_value = false;
                    } else {
                        i = read_key(text, i, &mut stack, targets)?;
                    }
                }
                b'[' => {
                    let child = targets.child(node, Step::Index(0));
                    stack.push(Frame::Array { node, index: 0, child });
                    i = skip_ws(bytes, i + 1);
                    if bytes.get(i) == Some(&b']') {
                        i += 1;
                        stack.pop();
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
                        return None;
                    }
                    want_value = false;
                }
            }
            continue;
        }
        // After a value: `,`, a closing bracket, or the end.
        i = skip_ws(bytes, i);
        let top = stack.last_mut()?;
        match (bytes.get(i), top) {
            (Some(b','), Frame::Array { node, index, child }) => {
                *index += 1;
                *child = targets.child(*node, Step::Index(*index));
                i = skip_ws(bytes, i + 1);
                want_value = true;
            }
            (Some(b','), Frame::Object { .. }) => {
                i = skip_ws(bytes, i + 1);
                i = read_key(text, i, &mut stack, targets)?;
                want_value = true;
            }
            (Some(b']'), Frame::Array { .. })
            | (Some(b'}'), Frame::Object { .. }) => {
                i += 1;
                stack.pop();
            }
            _ => return None,
        }
    }
}

/// Reads `"key" :` at `i` into the top frame; returns the offset of the
/// value after the colon. Keys are decoded only inside target paths.
fn read_key(
    text: &str,
    i: usize,
    stack: &mut [Frame],
    targets: &Targets,
) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    let end = string_end(bytes, i)?;
    if let Some(Frame::Object { node: Some(node), child }) = stack.last_mut() {
        let key: String = serde_json::from_str(text.get(i..end)?).ok()?;
        *child = targets.child(Some(*node), Step::Key(key));
    }
    let colon = skip_ws(bytes, end);
    if bytes.get(colon) != Some(&b':') {
        return None;
    }
    Some(skip_ws(bytes, colon + 1))
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

/// Where each field is in JSON schedule `text`: the position of its
/// value, or of the nearest enclosing value that exists (a missing field
/// points at its object), in one pass over the text.
///
/// ```
/// use convenor_core::FieldPath;
/// let text = "{\"name\": \"x\",\n \"meetings\": [{\"id\": \"a\"}]}";
/// let id = FieldPath::root().key("meetings").index(0).key("id");
/// let at = convenor_json::positions(text, &[&id]);
/// assert_eq!(at[0].map(|p| (p.line, p.column)), Some((2, 22)));
/// ```
pub fn positions(
    text: &str,
    paths: &[&FieldPath],
) -> Vec<Option<convenor_core::Position>> {
    let offsets = offsets(text, paths);
    let found: Vec<usize> = offsets.iter().flatten().copied().collect();
    let mut at = convenor_core::Position::at_offsets(text, &found).into_iter();
    offsets.iter().map(|o| o.and_then(|_| at.next())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use convenor_core::Position;

    fn locate_offset(text: &str, path: &FieldPath) -> Option<usize> {
        offsets(text, &[path])[0]
    }

    fn locate(text: &str, path: &FieldPath) -> Option<Position> {
        locate_offset(text, path).map(|o| Position::at_offset(text, o))
    }

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

    /// Many paths, sharing prefixes, found in the one pass.
    #[test]
    fn finds_many_paths_at_once() {
        let text = r#"{"m": [{"d": 1, "e": [2]}, {"d": 3}], "z": 4}"#;
        let m = FieldPath::root().key("m");
        let paths = [
            m.index(1).key("d"),
            m.index(0).key("e").index(0),
            m.index(0).key("d"),
            m.index(5).key("d"),
            FieldPath::root().key("z"),
            m.index(1).key("gone"),
        ];
        let refs: Vec<&FieldPath> = paths.iter().collect();
        let found = offsets(text, &refs);
        let at = |needle: &str| text.find(needle).map(|i| i + needle.len());
        assert_eq!(
            found,
            [
                at("}, {\"d\": "),
                at("\"e\": ["),
                at("[{\"d\": "),
                at("\"m\": "),
                at("\"z\": "),
                at("}, "),
            ]
        );
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
