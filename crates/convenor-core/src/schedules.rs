//! Several schedules as one: a site of many groups, each schedule keeping
//! its identity (its name as the group's, its url and so its UID domain,
//! its group slug: its folder on a published site).

use chrono::{DateTime, NaiveDate, Utc, Weekday};

use crate::error::{Error, FieldPath, Position, Result};
use crate::meeting::Meeting;
use crate::occurrence::{merge_key, Occurrence, Occurrences, Window};
use crate::schedule::{ChangeRef, Schedule};
use crate::values::MeetingId;
use crate::week::Week;
use crate::zone::Zone;

/// Several schedules, each from its own source (a file name, a URL: the
/// caller names it), queried as one: sessions merged in time order, ties
/// broken by schedule (in the order given) and then meeting id. Each
/// schedule stays whole, so its meetings keep their calendar UIDs (the
/// host of its own url) and its name is its group's; the meetings are
/// never rebuilt into one [`Schedule`], which would change every UID.
///
/// A meeting id may be used once across all of them (it is the UID's
/// first half): the same id in two schedules is
/// [`Error::SharedId`], naming both sources.
///
/// Each schedule is a group with a slug of its own
/// ([`Schedules::groups`]): by default its source's file name
/// ([`group_of_source`]), or as the caller says
/// ([`Schedules::with_groups`], a site file's `group = ...`). A published
/// site puts each group's own files in the folder of that name.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Schedules, Window};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let other = Schedule::from_toml_str(
///     "name = 'Evening group'\nurl = 'https://evening.example/'\n\
///      [[meetings]]\nid = 'evening'\nname = 'Evening'\ntimezone = 'Europe/London'\n\
///      weekly = { day = 'monday', time = '19:00' }\nduration = '60m'\nstarts = '2022-11-01'\n",
/// )?;
/// let site = Schedules::new([("seed.toml".into(), seed), ("evening.toml".into(), other)])?;
/// let week = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 14, 8, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 21, 8, 0, 0).unwrap(),
/// )?;
/// let sessions: Vec<_> = site.occurrences(week).collect();
/// assert_eq!(sessions.len(), 7);
/// assert!(sessions.windows(2).all(|p| p[0].start() <= p[1].start()));
/// // Each session's group is its schedule's name.
/// let evening = sessions.iter().find(|o| o.meeting().id().as_str() == "evening").unwrap();
/// assert_eq!(site.schedule_of(evening.meeting()).map(|s| s.name()), Some("Evening group"));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Schedules {
    name: Option<String>,
    sources: Vec<String>,
    /// Each schedule's group slug, in the order of `schedules`.
    groups: Vec<String>,
    schedules: Vec<Schedule>,
    /// Every meeting as (schedule, place in its meetings), in id order:
    /// a meeting's schedule is found by a binary search.
    by_id: Vec<(u32, u32)>,
    /// The first rank of each schedule's meetings in the merge: the
    /// meetings of earlier schedules before those of later ones.
    offsets: Vec<usize>,
}

/// Where a meeting is in one of several sources: the caller's name for
/// the source, the field, and its line and column when the caller found
/// them ([`Error::locate_sources`]).
///
/// ```
/// use convenor_core::{FieldPath, Position, SourceSpot};
/// let path = FieldPath::root().key("meetings").index(0).key("id");
/// let spot = SourceSpot { source: "a.toml".into(), path: path.clone(), position: None };
/// assert_eq!(spot.to_string(), "a.toml (meetings[0].id)");
/// let spot = SourceSpot { position: Some(Position { line: 4, column: 6 }), ..spot };
/// assert_eq!(spot.to_string(), "a.toml:4:6");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceSpot {
    /// The source's name, as the caller gave it.
    pub source: String,
    /// The field in the source.
    pub path: FieldPath,
    /// Its line and column, when known.
    pub position: Option<Position>,
}

impl std::fmt::Display for SourceSpot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = crate::quote::escape_controls(&self.source);
        match self.position {
            Some(p) => write!(f, "{source}:{}:{}", p.line, p.column),
            None => write!(f, "{source} ({})", self.path),
        }
    }
}

impl Schedules {
    /// The schedules of `parts`, each named by its source, in the order
    /// given (the order ties are broken in).
    ///
    /// # Errors
    ///
    /// [`Error::SharedId`] when two schedules use the same meeting id
    /// (the first such id, in id order, with how many others there are).
    ///
    /// ```
    /// use convenor_core::{Error, Schedule, Schedules};
    /// let seed = || Schedule::from_toml_str(convenor_core::SEED_TOML).unwrap();
    /// let err = Schedules::new([("a.toml".into(), seed()), ("b.toml".into(), seed())]).unwrap_err();
    /// assert!(matches!(err, Error::SharedId { .. }));
    /// assert!(err.to_string().starts_with(
    ///     "meeting id \"co-occurring-monday\" is in two schedules: \
    ///      a.toml (meetings[4].id) and b.toml (meetings[4].id)"
    /// ));
    /// ```
    pub fn new(
        parts: impl IntoIterator<Item = (String, Schedule)>,
    ) -> Result<Schedules> {
        let (sources, schedules): (Vec<String>, Vec<Schedule>) =
            parts.into_iter().unzip();
        let mut offsets = Vec::with_capacity(schedules.len());
        let mut total = 0usize;
        for s in &schedules {
            offsets.push(total);
            total += s.meetings().len();
        }
        let mut by_id: Vec<(u32, u32)> = Vec::with_capacity(total);
        for (s, schedule) in schedules.iter().enumerate() {
            for i in 0..schedule.meetings().len() {
                by_id.push((s as u32, i as u32));
            }
        }
        let id = |&(s, i): &(u32, u32)| -> &str {
            schedules[s as usize].meetings()[i as usize].id().as_str()
        };
        // Stable: the same id's meetings stay in schedule order.
        by_id.sort_by(|a, b| id(a).cmp(id(b)));
        let shared: Vec<[(u32, u32); 2]> = by_id
            .windows(2)
            .filter(|w| id(&w[0]) == id(&w[1]))
            .map(|w| [w[0], w[1]])
            .collect();
        if let Some([a, b]) = shared.first() {
            let spot = |&(s, i): &(u32, u32)| {
                Box::new(SourceSpot {
                    source: sources[s as usize].clone(),
                    path: FieldPath::root()
                        .key("meetings")
                        .index(i as usize)
                        .key("id"),
                    position: None,
                })
            };
            let taken = |candidate: &str| {
                by_id.binary_search_by(|m| id(m).cmp(candidate)).is_ok()
            };
            return Err(Error::SharedId {
                id: id(a).to_string(),
                first: spot(a),
                second: spot(b),
                suggestion: renamed(id(b), &sources[b.0 as usize], taken),
                others: shared.len() - 1,
            });
        }
        let groups = groups_of_sources(&sources);
        Ok(Schedules {
            name: None,
            sources,
            groups,
            schedules,
            by_id,
            offsets,
        })
    }

    /// The same schedules with the group slugs `groups`, one for each
    /// schedule in the order given (a site file's `group = ...`).
    ///
    /// # Errors
    ///
    /// [`Error::Unusable`] (invalid input) when there are not as many
    /// groups as schedules, a group is not a slug (lower-case letters,
    /// digits and `-`, as a meeting id), or two schedules have the same
    /// group: each group is a folder of its own.
    ///
    /// ```
    /// use convenor_core::{Schedule, Schedules};
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let site = Schedules::new([("data/lifering-co-occurring.toml".into(), seed)])?;
    /// assert_eq!(site.groups(), ["lifering-co-occurring"]);
    /// let site = site.with_groups(["lifering".to_string()])?;
    /// let saturday = site.meeting("co-occurring-saturday").unwrap();
    /// assert_eq!(site.group_of(saturday), Some("lifering"));
    /// assert!(site.clone().with_groups(["Life Ring".to_string()]).is_err());
    /// assert!(site.with_groups(Vec::<String>::new()).is_err());
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn with_groups(
        mut self,
        groups: impl IntoIterator<Item = String>,
    ) -> Result<Schedules> {
        let groups: Vec<String> = groups.into_iter().collect();
        let refuse = |message: String| Error::Unusable {
            message,
            kind: std::io::ErrorKind::InvalidInput,
        };
        if groups.len() != self.schedules.len() {
            return Err(refuse(format!(
                "{} groups given for {} schedules: each schedule needs one",
                groups.len(),
                self.schedules.len()
            )));
        }
        let mut seen = std::collections::BTreeMap::new();
        for (group, source) in groups.iter().zip(&self.sources) {
            if MeetingId::new(group).is_err() {
                return Err(refuse(format!(
                    "group \"{}\" of {} is not a slug (lower-case letters, \
                     digits and -, such as \"{}\")",
                    crate::quote::escape_controls(group),
                    crate::quote::escape_controls(source),
                    match MeetingId::slug_from(group) {
                        slug if MeetingId::new(&slug).is_ok() => slug,
                        _ => "group".to_string(),
                    },
                )));
            }
            if let Some(first) = seen.insert(group.as_str(), source.as_str()) {
                return Err(refuse(format!(
                    "group \"{group}\" is given to both {} and {}; each \
                     schedule needs a group of its own (its folder on the site)",
                    crate::quote::escape_controls(first),
                    crate::quote::escape_controls(source),
                )));
            }
        }
        self.groups = groups;
        Ok(self)
    }

    /// The same schedules under a name of their own (a site's).
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Schedules {
        self.name = Some(name.into());
        self
    }

    /// The name given with [`Schedules::with_name`]; else, of one
    /// schedule, its name; else the schedules' names, the first three
    /// and how many more.
    ///
    /// ```
    /// use convenor_core::{Schedule, Schedules};
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let one = Schedules::new([("seed.toml".into(), seed)])?;
    /// assert_eq!(one.name(), "LifeRing Co-Occurring Disorders Meetings");
    /// assert_eq!(one.with_name("LifeRing").name(), "LifeRing");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn name(&self) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        let names: Vec<&str> =
            self.schedules.iter().take(3).map(Schedule::name).collect();
        match self.schedules.len() {
            0..=3 => names.join(", "),
            n => format!("{} and {} more", names.join(", "), n - 3),
        }
    }

    /// The schedules, in the order given.
    pub fn schedules(&self) -> &[Schedule] {
        &self.schedules
    }

    /// The sources' names, in the order of [`Schedules::schedules`].
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The schedules' group slugs, in the order of
    /// [`Schedules::schedules`] ([`Schedules::with_groups`]).
    pub fn groups(&self) -> &[String] {
        &self.groups
    }

    /// The group slug of the schedule `meeting` belongs to (found by its
    /// id).
    pub fn group_of(&self, meeting: &Meeting) -> Option<&str> {
        self.index_of(meeting.id().as_str()).map(|s| self.groups[s].as_str())
    }

    /// How many schedules.
    pub fn len(&self) -> usize {
        self.schedules.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.schedules.is_empty()
    }

    /// The place in [`Schedules::schedules`] of the schedule with the
    /// meeting `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        let found = self
            .by_id
            .binary_search_by(|&(s, i)| {
                self.schedules[s as usize].meetings()[i as usize]
                    .id()
                    .as_str()
                    .cmp(id)
            })
            .ok()?;
        Some(self.by_id[found].0 as usize)
    }

    /// The schedule `meeting` belongs to (found by its id): its group.
    pub fn schedule_of(&self, meeting: &Meeting) -> Option<&Schedule> {
        self.index_of(meeting.id().as_str()).map(|s| &self.schedules[s])
    }

    /// The meeting with `id`, in whichever schedule has it.
    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.schedules[self.index_of(id)?].meeting(id)
    }

    /// The meeting with `id`, or [`Error::UnknownMeeting`] with the
    /// nearest id of any schedule.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownMeeting`] when no schedule has it.
    pub fn try_meeting(&self, id: &str) -> Result<&Meeting> {
        self.meeting(id).ok_or_else(|| {
            let ids = self
                .schedules
                .iter()
                .flat_map(|s| s.meetings().iter().map(|m| m.id().as_str()));
            Error::UnknownMeeting {
                id: id.to_string(),
                suggestion: crate::suggest::nearest(id, ids)
                    .map(str::to_string),
            }
        })
    }

    /// Every meeting with its rank in the merge.
    fn ranked(&self) -> Vec<(&Meeting, usize)> {
        self.schedules
            .iter()
            .zip(&self.offsets)
            .flat_map(|(s, &offset)| {
                s.ranked().map(move |(m, rank)| (m, offset + rank))
            })
            .collect()
    }

    /// Every session that starts in `window`, of every schedule, merged in
    /// order of (start, schedule, meeting id): the same lazy merge as
    /// [`Schedule::occurrences`], with its bulk form
    /// [`Occurrences::starts_into`].
    pub fn occurrences(&self, window: Window) -> Occurrences<'_> {
        Occurrences::new(self.ranked().into_iter(), window)
    }

    /// The next `n` sessions of all schedules that start at or after
    /// `after`: each schedule's next `n` ([`Schedule::next`]), the
    /// earliest `n` of those.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use convenor_core::{Schedule, Schedules};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let site = Schedules::new([("seed.toml".into(), seed.clone())])?;
    /// let now = Utc.with_ymd_and_hms(2022, 11, 11, 12, 0, 0).unwrap();
    /// let ids = |v: Vec<convenor_core::Occurrence<'_>>| {
    ///     v.iter().map(|o| o.meeting().id().to_string()).collect::<Vec<_>>()
    /// };
    /// assert_eq!(ids(site.next(now, 4)), ids(seed.next(now, 4)));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn next(&self, after: DateTime<Utc>, n: usize) -> Vec<Occurrence<'_>> {
        let mut all = self.gathered(|s| s.next(after, n));
        all.truncate(n);
        all
    }

    /// What `query` gives of each schedule (sessions in order), in the
    /// merge's order.
    fn gathered<'s>(
        &'s self,
        query: impl Fn(&'s Schedule) -> Vec<Occurrence<'s>>,
    ) -> Vec<Occurrence<'s>> {
        let mut all: Vec<(u128, Occurrence<'_>)> = Vec::new();
        for (s, schedule) in self.schedules.iter().enumerate() {
            for o in query(schedule) {
                all.push((self.merge_key(s, &o), o));
            }
        }
        all.sort_unstable_by_key(|(key, _)| *key);
        all.into_iter().map(|(_, o)| o).collect()
    }

    /// The key the merge orders `o` of schedule `s` by.
    fn merge_key(&self, s: usize, o: &Occurrence<'_>) -> u128 {
        let schedule = &self.schedules[s];
        let rank = schedule.rank_of(o.meeting().id().as_str()).unwrap_or(0);
        merge_key(o.start_timestamp(), self.offsets[s] + rank)
    }

    /// The sessions of all schedules running at `at`, in start order.
    pub fn in_progress(&self, at: DateTime<Utc>) -> Vec<Occurrence<'_>> {
        self.gathered(|s| s.in_progress(at))
    }

    /// The week containing `date` as `viewer` sees it, starting on
    /// `first_day`, with the sessions of all schedules
    /// ([`Schedule::week`]).
    pub fn week(
        &self,
        viewer: Zone,
        date: NaiveDate,
        first_day: Weekday,
    ) -> Week<'_> {
        crate::week::week_of(
            |window| self.occurrences(window),
            viewer,
            date,
            first_day,
        )
    }

    /// The changes of all schedules announced on or after `date`
    /// ([`Schedule::changes_since`]), in the order of the dates they are
    /// about, then by announcement date, then schedule, then file order.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use convenor_core::{Schedule, Schedules};
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let site = Schedules::new([("seed.toml".into(), seed)])?;
    /// let since = site.changes_since(NaiveDate::from_ymd_opt(2022, 11, 6).unwrap());
    /// assert_eq!(since.len(), 1);
    /// assert_eq!(since[0].meeting.id().as_str(), "co-occurring-saturday");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn changes_since(&self, date: NaiveDate) -> Vec<ChangeRef<'_>> {
        let mut all: Vec<ChangeRef<'_>> = self
            .schedules
            .iter()
            .flat_map(|s| s.changes_since(date))
            .collect();
        all.sort_by_key(ChangeRef::listing_order);
        all
    }

    /// Every schedule as it was published on `date`
    /// ([`Schedule::as_of`]).
    ///
    /// # Errors
    ///
    /// As [`Schedule::as_of`], for the first schedule that fails.
    pub fn as_of(&self, date: NaiveDate) -> Result<Schedules> {
        let schedules = self
            .schedules
            .iter()
            .map(|s| s.as_of(date))
            .collect::<Result<Vec<_>>>()?;
        // The same meetings in the same places: the index still holds.
        Ok(Schedules { schedules, ..self.clone() })
    }
}

/// The group slug of a source with no group named: its file name
/// without the extension, as a slug (`groups/North Side.toml`:
/// `north-side`); `schedule` when nothing of it is a slug.
///
/// ```
/// use convenor_core::group_of_source;
/// assert_eq!(group_of_source("groups/North Side.toml"), "north-side");
/// assert_eq!(group_of_source("lifering.json"), "lifering");
/// assert_eq!(group_of_source("..."), "schedule");
/// ```
pub fn group_of_source(source: &str) -> String {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    match MeetingId::slug_from(stem) {
        slug if MeetingId::new(&slug).is_ok() => slug,
        _ => "schedule".to_string(),
    }
}

/// The groups of `sources` given none ([`Schedules::new`]'s): each
/// one's [`group_of_source`], with `-2`, `-3`... after a name an earlier
/// source's group has (`a/x.toml` and `b/x.toml` are `x` and `x-2`).
///
/// ```
/// let sources = ["a/x.toml", "groups/b.json", "b/x.toml"].map(String::from);
/// assert_eq!(convenor_core::groups_of_sources(&sources), ["x", "b", "x-2"]);
/// ```
pub fn groups_of_sources(sources: &[String]) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    sources
        .iter()
        .map(|source| {
            let base = group_of_source(source);
            let group = std::iter::once(base.clone())
                .chain((2..).map(|n| format!("{base}-{n}")))
                .find(|g| !taken.contains(g))
                .unwrap_or(base);
            taken.insert(group.clone());
            group
        })
        .collect()
}

/// A new id for meeting `id` of `source`: the id and the source's file
/// stem (`saturday` of `groups/north.toml`: `saturday-north`), or with a
/// number, such that no meeting has it yet.
fn renamed(id: &str, source: &str, taken: impl Fn(&str) -> bool) -> String {
    let file = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let stem = file.split_once('.').map_or(file, |(stem, _)| stem);
    let base = MeetingId::slug_from(&format!("{id} {stem}"));
    let base = if MeetingId::new(&base).is_ok() && base != id {
        base
    } else {
        id.to_string()
    };
    std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

impl Error {
    /// Gives an [`Error::SharedId`] the line and column of each of its
    /// two places: `positions` is asked for a source's field (by the
    /// source's name, as given to [`Schedules::new`]). Other errors are
    /// returned as they are.
    ///
    /// ```
    /// use convenor_core::{Position, Schedule, Schedules};
    /// let seed = || Schedule::from_toml_str(convenor_core::SEED_TOML).unwrap();
    /// let err = Schedules::new([("a.toml".into(), seed()), ("b.toml".into(), seed())])
    ///     .unwrap_err()
    ///     .locate_sources(|source, path| {
    ///         let at = convenor_core::toml_positions(convenor_core::SEED_TOML, &[path]);
    ///         at[0].filter(|_| source.ends_with(".toml"))
    ///     });
    /// assert!(err.to_string().starts_with(
    ///     "meeting id \"co-occurring-monday\" is in two schedules: a.toml:56:6 and b.toml:56:6"
    /// ), "{err}");
    /// ```
    #[must_use]
    pub fn locate_sources(
        mut self,
        mut positions: impl FnMut(&str, &FieldPath) -> Option<Position>,
    ) -> Error {
        if let Error::SharedId { first, second, .. } = &mut self {
            for spot in [first, second] {
                if spot.position.is_none() {
                    spot.position = positions(&spot.source, &spot.path);
                }
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn schedule(name: &str, ids: &[(&str, &str, &str)]) -> Schedule {
        let mut toml = format!("name = \"{name}\"\n");
        for (id, day, time) in ids {
            toml += &format!(
                "[[meetings]]\nid = \"{id}\"\nname = \"M\"\n\
                 timezone = \"Europe/London\"\nduration = \"60m\"\n\
                 starts = \"2022-01-01\"\n\
                 weekly = {{ day = \"{day}\", time = \"{time}\" }}\n"
            );
        }
        Schedule::from_toml_str(&toml).unwrap()
    }

    #[test]
    fn ties_go_by_schedule_then_id() {
        let a = schedule("A", &[("z", "monday", "19:00")]);
        let b = schedule(
            "B",
            &[("b", "monday", "19:00"), ("a", "monday", "19:00")],
        );
        let site = Schedules::new([("a".into(), a), ("b".into(), b)]).unwrap();
        let from = Utc.with_ymd_and_hms(2022, 11, 14, 0, 0, 0).unwrap();
        let window = Window::new(from, from + Duration::days(1)).unwrap();
        let ids: Vec<&str> = site
            .occurrences(window)
            .map(|o| o.meeting().id().as_str())
            .collect();
        assert_eq!(ids, ["z", "a", "b"]);
        let next: Vec<&str> = site
            .next(from, 3)
            .iter()
            .map(|o| o.meeting().id().as_str())
            .collect();
        assert_eq!(next, ids);
        let mut bulk = Vec::new();
        site.occurrences(window).starts_into(&mut bulk);
        let bulk: Vec<&str> =
            bulk.iter().map(|(_, m)| m.id().as_str()).collect();
        assert_eq!(bulk, ids);
    }

    #[test]
    fn a_shared_id_names_both_sources_and_a_free_id() {
        let a = schedule("A", &[("x", "monday", "19:00")]);
        let b = schedule(
            "B",
            &[("y", "monday", "19:00"), ("x", "friday", "19:00")],
        );
        let c = schedule("C", &[("x-north", "monday", "19:00")]);
        let err = Schedules::new([
            ("a.toml".into(), a),
            ("groups/north.toml".into(), b),
            ("c.toml".into(), c),
        ])
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "meeting id \"x\" is in two schedules: a.toml (meetings[0].id) and \
             groups/north.toml (meetings[1].id); ids become calendar UIDs, so \
             each is used once: rename the one in groups/north.toml, for \
             example to \"x-north-2\""
        );
    }

    proptest! {
        /// The merge of several schedules is the merge of one schedule of
        /// all their meetings, in the same order, when the ids sort in
        /// schedule order (as ranks do).
        #[test]
        fn prop_merge_is_one_schedules_merge(
            meetings in prop::collection::vec((0usize..7, 0u32..24, 0usize..3), 1..12),
            from_day in 0i64..400,
            days in 1i64..60,
        ) {
            let days_of = crate::WEEKDAY_NAMES;
            let mut parts: Vec<Vec<(String, &str, String)>> = vec![Vec::new(); 3];
            for (i, &(day, hour, s)) in meetings.iter().enumerate() {
                parts[s].push((format!("s{s}-m{i:02}"), days_of[day], format!("{hour:02}:00")));
            }
            let as_refs = |v: &[(String, &str, String)]| -> Vec<(String, String, String)> {
                v.iter().map(|(a, b, c)| (a.clone(), b.to_string(), c.clone())).collect()
            };
            let build = |name: &str, v: &[(String, String, String)]| {
                let refs: Vec<(&str, &str, &str)> =
                    v.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
                schedule(name, &refs)
            };
            let all: Vec<(String, String, String)> = parts.iter().flat_map(|p| as_refs(p)).collect();
            let one = build("all", &all);
            let site = Schedules::new(
                parts.iter().enumerate().map(|(s, p)| (format!("{s}"), build("part", &as_refs(p)))),
            ).unwrap();
            let from = Utc.with_ymd_and_hms(2022, 1, 1, 0, 0, 0).unwrap() + Duration::days(from_day);
            let window = Window::new(from, from + Duration::days(days)).unwrap();
            let key = |o: Occurrence<'_>| (o.start_timestamp(), o.meeting().id().to_string());
            let merged: Vec<_> = site.occurrences(window).map(key).collect();
            let single: Vec<_> = one.occurrences(window).map(key).collect();
            prop_assert_eq!(&merged, &single);
            let next: Vec<_> = site.next(from, 5).into_iter().map(key).collect();
            let single_next: Vec<_> = one.next(from, 5).into_iter().map(key).collect();
            prop_assert_eq!(next, single_next);
        }
    }
}
