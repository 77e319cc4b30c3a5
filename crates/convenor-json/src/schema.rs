//! The JSON Schema of the schedule file, generated from the core's
//! `*Spec` structs (their doc comments become the descriptions).

use convenor_core::ScheduleSpec;
use serde_json::{Map, Value};

/// Where the checked-in schema is published, its `$id`.
///
/// ```
/// let schema = convenor_json::schedule_schema();
/// assert_eq!(schema["$id"], convenor_json::SCHEMA_ID);
/// ```
pub const SCHEMA_ID: &str = "https://github.com/convenor/convenor/raw/main/schema/schedule.schema.json";

/// The JSON Schema (draft 2020-12) of the schedule file, with keys in
/// sorted order.
///
/// # Example
///
/// ```
/// let schema = convenor_json::schedule_schema();
/// assert_eq!(schema["title"], "ScheduleSpec");
/// assert_eq!(schema["required"], serde_json::json!(["name"]));
/// assert_eq!(schema["additionalProperties"], false);
/// ```
pub fn schedule_schema() -> Value {
    let mut schema = schemars::schema_for!(ScheduleSpec).to_value();
    if let Value::Object(map) = &mut schema {
        map.insert("$id".to_string(), Value::String(SCHEMA_ID.to_string()));
    }
    sorted(schema)
}

/// [`schedule_schema`] as pretty JSON with a final newline: the text of
/// `schema/schedule.schema.json`.
///
/// # Example
///
/// ```
/// let text = convenor_json::schedule_schema_string();
/// assert!(text.starts_with("{\n  \"$defs\": {"));
/// assert!(text.ends_with("}\n"));
/// ```
pub fn schedule_schema_string() -> String {
    crate::write(&schedule_schema(), true)
}

/// The same value with every object's keys in sorted order, whatever
/// `serde_json::Map` is built with.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let map: Map<String, Value> =
                entries.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(map)
        }
        Value::Array(items) => {
            Value::Array(items.into_iter().map(sorted).collect())
        }
        other => other,
    }
}
