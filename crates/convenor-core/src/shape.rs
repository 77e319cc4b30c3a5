//! The tables of the schedule file and the keys each takes, read off the
//! serde derives of the `spec` structs (their one owner), so that a
//! loader can report every unknown key, where serde stops at the first.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

use crate::spec::{
    ChangeSpec, MeetingSpec, OnlineSpec, ScheduleSpec, WeeklySpec,
};

/// One kind of table in the schedule file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The file's top-level table.
    Schedule,
    /// An element of `meetings`.
    Meeting,
    /// A meeting's `weekly`.
    Weekly,
    /// A meeting's `online`.
    Online,
    /// An element of a meeting's `changes`.
    Change,
}

impl Shape {
    /// The keys the table takes, in the order the struct declares them.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Shape::Schedule => fields_of::<ScheduleSpec>(),
            Shape::Meeting => fields_of::<MeetingSpec>(),
            Shape::Weekly => fields_of::<WeeklySpec>(),
            Shape::Online => fields_of::<OnlineSpec>(),
            Shape::Change => fields_of::<ChangeSpec>(),
        }
    }

    /// The key as the struct names it, when the table takes it.
    pub fn field(self, key: &str) -> Option<&'static str> {
        self.fields().iter().copied().find(|f| *f == key)
    }

    /// The shape of the table (or of each table of the array) under
    /// `key`, when it is one of the file's tables.
    pub fn child(self, key: &str) -> Option<Shape> {
        match (self, key) {
            (Shape::Schedule, "meetings") => Some(Shape::Meeting),
            (Shape::Meeting, "weekly") => Some(Shape::Weekly),
            (Shape::Meeting, "online") => Some(Shape::Online),
            (Shape::Meeting, "changes") => Some(Shape::Change),
            _ => None,
        }
    }
}

/// The field names a derived `Deserialize` passes to
/// `deserialize_struct`, caught by a deserializer that stops there.
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

struct Probe<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stop")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Stop {
        Stop
    }
}

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str
        string bytes byte_buf option unit unit_struct newtype_struct seq
        tuple tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_its_fields() {
        assert!(Shape::Schedule.fields().contains(&"meetings"));
        assert!(Shape::Meeting.fields().contains(&"changes"));
        assert!(Shape::Online.fields().contains(&"phone"));
        assert!(Shape::Change.fields().contains(&"kind"));
        assert_eq!(Shape::Weekly.fields(), ["day", "time", "every"]);
        assert_eq!(Shape::Meeting.field("starts"), Some("starts"));
        assert_eq!(Shape::Meeting.field("start"), None);
    }
}
