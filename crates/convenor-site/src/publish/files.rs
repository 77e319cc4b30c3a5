//! Which files a publish writes, and what each holds.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Duration;
use convenor_core::{Error, Schedule, Schedules, Window};
use convenor_json::FeedWarning;

use super::folder::{Changes, Content, Outcome, PublishFolder};
use super::made::Fingerprint;
use crate::page::{self, PageOptions};
use crate::Result;

/// How many days of sessions `occurrences.json` lists.
const OCCURRENCE_DAYS: i64 = 90;

/// Every file of a website's schedule, by its path in the published
/// folder: `schedule.ics`, `schedule.json`, `meetings/ID.ics`,
/// `occurrences.json` (the sessions of the next 90 days),
/// `meeting-guide.json`, `changes.atom` (the changes as an Atom feed:
/// [`crate::atom`]), the page `index.html` and the one-session files
/// it links to. The page's options say the rest too: its `now` starts
/// the sessions of `occurrences.json` and stamps the feeds, its
/// `IcalOptions` make every `.ics`, and the `.ics` and Atom feeds' words
/// are its first language's ([`PageOptions::feed_words`]). Large files are made as they are
/// written ([`Content::Made`]), so a fellowship of 10,000 meetings is
/// never held whole in memory.
///
/// ```
/// use convenor_site::{page::PageOptions, publish::Publication};
///
/// let schedule = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let set = Publication::new(&schedule, &PageOptions::new(now).with_weeks(2))?;
/// let index = set.bytes("index.html")?.expect("a page");
/// assert!(String::from_utf8_lossy(&index).contains("Co-Occurring"));
/// assert!(set.paths().any(|p| p == std::path::Path::new("meetings/co-occurring-saturday.ics")));
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub struct Publication<'s> {
    files: Vec<(PathBuf, Content<'s>)>,
    /// Beside `files`: the fingerprint of what each is made from, where
    /// known (each meeting's `.ics`), so a publish links the files whose
    /// inputs did not change without making them.
    keys: Vec<Option<u128>>,
    warnings: Vec<FeedWarning>,
    /// How many of the first files are made on the publishing thread
    /// only, one after another: those that hold the most memory while
    /// made ([`PublishFolder`]'s second thread takes none of them).
    pinned: usize,
    /// The right side of every UID of its feeds (of a site, its first
    /// group's).
    uid_domain: String,
    /// Of a site: each group's slug, UID domain and source.
    groups: Option<Vec<(String, String, String)>>,
}

/// The record of a published set that names its UIDs' domain
/// ([`PublishFolder::live_record`]).
pub const UID_DOMAIN_RECORD: &str = "uid-domain";

/// The record of a published site that names each group's UID domain:
/// a line `GROUP DOMAIN` a group ([`Publication::of_site`]).
pub const UID_DOMAINS_RECORD: &str = "uid-domains";

impl<'s> Publication<'s> {
    /// The files of `schedule`, the page made as `options` say.
    ///
    /// # Errors
    ///
    /// As the Meeting Guide feed and the page: a window out of range.
    pub fn new(
        schedule: &'s Schedule,
        options: &PageOptions,
    ) -> Result<Publication<'s>> {
        let uid_domain = options.ical().uid_domain(schedule);
        // The meetings' fingerprints on the other core while the page
        // and the feeds are made (0.7 s at 100,000 meetings).
        let head = ics_head(schedule, options.ical());
        let (made, meeting_keys) = std::thread::scope(|scope| {
            let keys = scope.spawn(|| {
                let meetings = schedule.meetings().iter();
                meetings.map(|m| meeting_key(&head, schedule, m)).collect()
            });
            let made = Self::make(schedule, options);
            (made, keys.join())
        });
        let meeting_keys: Vec<u128> =
            meeting_keys.unwrap_or_else(|p| std::panic::resume_unwind(p));
        let (files, meeting_at, warnings, pinned) = made?;
        let mut keys = vec![None; files.len()];
        for (at, key) in meeting_at.into_iter().zip(meeting_keys) {
            keys[at] = Some(key);
        }
        Ok(Publication {
            files,
            keys,
            warnings,
            pinned,
            uid_domain,
            groups: None,
        })
    }

    /// The files of [`Publication::new`], the place of each meeting's
    /// own `.ics` among them, the Meeting Guide feed's warnings, and how
    /// many of the first files hold the most memory while made.
    #[allow(clippy::type_complexity)]
    fn make(
        schedule: &'s Schedule,
        options: &PageOptions,
    ) -> Result<(
        Vec<(PathBuf, Content<'s>)>,
        Vec<usize>,
        Vec<FeedWarning>,
        usize,
    )> {
        let now = options.now();
        // Every feed in the page's first language.
        let ical = Arc::new(options.feed_ical());
        let meetings = schedule.meetings();
        // The page's one-session files and the page.
        let (sessions, page) = page::parts(schedule, options)?;
        let mut files: Vec<(PathBuf, Content<'s>)> =
            Vec::with_capacity(meetings.len() + sessions.len() + 7);
        // A publish makes the files from the front on its own thread and
        // from the back on another once each meeting's feed is done
        // (folder.rs): the two that hold the most memory while made
        // (`occurrences.json`, the page) come first and are pinned to the
        // first thread, so they are made one after the other; the
        // streamed ones come after them.
        let window = Window::new(now, now + Duration::days(OCCURRENCE_DAYS))?;
        files.push(occurrences_file(move |w| {
            let mut sessions = schedule.occurrences(window).with_cancelled();
            let compact = convenor_json::OccurrenceOptions::new();
            convenor_json::occurrences_to_writer(
                w,
                sessions.by_ref(),
                &compact,
            )
            .map_err(io)?;
            sessions.check_complete()
        }));
        files.push(("index.html".into(), Content::Made(page)));
        let pinned = files.len();
        let all = Arc::clone(&ical);
        files.push((
            "schedule.ics".into(),
            // In chunks of 64 KB: no buffer needed.
            made(move |w| {
                convenor_ical::to_writer(w, schedule, &all).map_err(io)
            }),
        ));
        let guide = guide_options(options);
        let mut warnings =
            convenor_json::meeting_guide_warnings(schedule, &guide)?;
        // Two a meeting of 100,000 is 200,000, kept for the publish.
        warnings.shrink_to_fit();
        files.push(meeting_guide_file(move |w| {
            convenor_json::meeting_guide_to_writer(w, schedule, &guide)
        }));
        files.push((
            "schedule.json".into(),
            made(move |w| {
                buffered(w, |w| convenor_json::to_writer_pretty(w, schedule))
            }),
        ));

        let atom = atom_options(options);
        files.push((
            "changes.atom".into(),
            made(move |w| {
                let text = crate::atom::schedule_to_string(schedule, &atom);
                w.write_all(text.as_bytes()).map_err(io)
            }),
        ));
        for (path, text) in sessions {
            files.push((path, Content::Text(text)));
        }
        // Each meeting file's place in `files`, for its fingerprint.
        let mut meeting_at = Vec::with_capacity(meetings.len());
        for m in meetings {
            let id = m.id().as_str();
            meeting_at.push(files.len());
            // Shared, not copied: 100,000 copies of the options took
            // 16 MB (issue 30).
            let opts = Arc::clone(&ical);
            let ics = made(move |w| {
                let text =
                    convenor_ical::meeting_to_string(schedule, id, &opts)?;
                w.write_all(text.as_bytes()).map_err(io)
            });
            files.push((Path::new("meetings").join(format!("{id}.ics")), ics));
        }
        Ok((files, meeting_at, warnings, pinned))
    }

    /// The files of a site of several schedules (issue 28), each
    /// schedule a group ([`Schedules::groups`]):
    ///
    /// - for each group, in its folder `GROUP/`, the files
    ///   [`Publication::new`] makes of its schedule alone, its page
    ///   served at the site's address and `GROUP/` and linking the
    ///   site's page;
    /// - at the root, the site's own: `schedule.ics` (every group's
    ///   events, each keeping its schedule's UIDs:
    ///   [`convenor_ical::schedules_to_string`]), `meeting-guide.json`
    ///   (an `entity` per group), `occurrences.json` (the sessions of the
    ///   next 90 days, each with its `group`), `changes.atom` (every
    ///   group's changes, newest first), `groups.json` (each group's
    ///   slug, name, url, folder and number of meetings) and the page
    ///   `index.html` of every group's sessions, each labelled with its
    ///   group, linking each group's page, with the one-session files it
    ///   links to ([`crate::page::site_files`]).
    ///
    /// The root has no `schedule.json` and no `meetings/`: a schedule
    /// file is one schedule, and a site's meetings are never rebuilt
    /// into one (every UID would change); each group's are in its folder.
    /// The page's name is [`Schedules::name`], its address and languages
    /// the options'.
    ///
    /// ```
    /// use convenor_core::{Schedule, Schedules};
    /// use convenor_site::{page::PageOptions, publish::Publication};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let evening = Schedule::from_toml_str(
    ///     "name = 'Evening Circle'\nurl = 'https://evening.example.org/'\n\
    ///      [[meetings]]\nid = 'evening'\nname = 'Evening'\ntimezone = 'Europe/London'\n\
    ///      weekly = { day = 'monday', time = '19:00' }\nduration = '60m'\nstarts = '2022-11-01'\n",
    /// )?;
    /// let site = Schedules::new([("lifering.toml".into(), seed), ("evening.toml".into(), evening)])?
    ///     .with_name("Meetings together");
    /// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
    /// let set = Publication::of_site(&site, &PageOptions::new(now).with_weeks(2))?;
    /// let ics = String::from_utf8(set.bytes("schedule.ics")?.unwrap()).unwrap();
    /// assert!(ics.contains("UID:co-occurring-saturday@lifering.org\r\n"));
    /// assert!(ics.contains("UID:evening@evening.example.org\r\n"));
    /// let page = String::from_utf8(set.bytes("index.html")?.unwrap()).unwrap();
    /// assert!(page.contains("<h1>Meetings together</h1>"));
    /// assert!(page.contains(r#"<a href="evening/">Evening Circle</a>"#));
    /// // Each group's own set, in its folder.
    /// assert!(set.paths().any(|p| p == std::path::Path::new("lifering/meetings/co-occurring-saturday.ics")));
    /// assert!(set.bytes("evening/index.html")?.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Publication::new`] of each group.
    pub fn of_site(
        schedules: &'s Schedules,
        options: &PageOptions,
    ) -> Result<Publication<'s>> {
        let now = options.now();
        // Every feed in the page's first language.
        let ical = options.feed_ical();
        let site = schedules.name();
        let mut files: Vec<(PathBuf, Content<'s>)> = Vec::new();
        let mut keys: Vec<Option<u128>> = Vec::new();
        let mut groups = Vec::with_capacity(schedules.len());
        let named = schedules
            .schedules()
            .iter()
            .zip(schedules.groups())
            .zip(schedules.sources());
        let mut index = Vec::with_capacity(schedules.len());
        for ((schedule, group), source) in named {
            let own = options.for_group(group, site.clone());
            let set = Publication::new(schedule, &own)?;
            for (path, content) in set.files {
                files.push((Path::new(group).join(path), content));
            }
            keys.extend(set.keys);
            groups.push((group.clone(), set.uid_domain, source.clone()));
            index.push(GroupEntry {
                group,
                name: schedule.name(),
                url: schedule.url().map(|u| u.as_str()),
                folder: format!("{group}/"),
                meetings: schedule.meetings().len(),
            });
        }
        let all = ical.clone();
        files.push((
            "schedule.ics".into(),
            made(move |w| {
                let text = convenor_ical::schedules_to_string(schedules, &all);
                w.write_all(text.as_bytes()).map_err(io)
            }),
        ));
        let window = Window::new(now, now + Duration::days(OCCURRENCE_DAYS))?;
        files.push(occurrences_file(move |w| {
            let mut sessions = schedules.occurrences(window).with_cancelled();
            let compact = convenor_json::OccurrenceOptions::new();
            convenor_json::schedules_occurrences_to_writer(
                w,
                schedules,
                sessions.by_ref(),
                &compact,
            )
            .map_err(io)?;
            sessions.check_complete()
        }));
        let guide = guide_options(options);
        let mut warnings = convenor_json::schedules_meeting_guide_warnings(
            schedules, &guide,
        )?;
        warnings.shrink_to_fit();
        files.push(meeting_guide_file(move |w| {
            convenor_json::schedules_meeting_guide_to_writer(
                w, schedules, &guide,
            )
        }));
        files.push((
            "changes.atom".into(),
            Content::Text(crate::atom::schedules_to_string(
                schedules,
                &atom_options(options),
            )),
        ));
        let mut json = serde_json::to_string_pretty(&index).map_err(|e| {
            Error::io("cannot write groups.json", std::io::Error::from(e))
        })?;
        json.push('\n');
        files.push(("groups.json".into(), Content::Text(json)));
        let (sessions, page) = page::site_parts(schedules, options)?;
        for (path, text) in sessions {
            files.push((path, Content::Text(text)));
        }
        files.push(("index.html".into(), Content::Made(page)));
        let uid_domain =
            groups.first().map(|(_, d, _)| d.clone()).unwrap_or_default();
        keys.resize(files.len(), None);
        Ok(Publication {
            files,
            keys,
            warnings,
            // Each group is a small part of the site: both threads take
            // any file.
            pinned: 0,
            uid_domain,
            groups: Some(groups),
        })
    }

    /// The paths of the files, relative to the published folder: the
    /// largest first.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(p, _)| p.as_path())
    }

    /// The files, each with its content.
    pub fn files(&self) -> &[(PathBuf, Content<'s>)] {
        &self.files
    }

    /// The bytes of the file at `path`, made now; `None` when the set has
    /// no such file.
    ///
    /// # Errors
    ///
    /// As making the file: a session list cut short.
    pub fn bytes(&self, path: impl AsRef<Path>) -> Result<Option<Vec<u8>>> {
        let Some((_, content)) =
            self.files.iter().find(|(p, _)| p == path.as_ref())
        else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        content.write_to(&mut bytes)?;
        Ok(Some(bytes))
    }

    /// What meeting finders would drop or misread in
    /// `meeting-guide.json` (a meeting without an area, ...).
    pub fn warnings(&self) -> &[FeedWarning] {
        &self.warnings
    }

    /// The [`Publication::warnings`], taken out of the set (which then
    /// has none): a caller that says them before writing frees them,
    /// two a meeting at 100,000 meetings being 24 MB (issue 30).
    ///
    /// ```
    /// use convenor_site::{page::PageOptions, publish::Publication};
    ///
    /// let schedule = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
    /// let mut set = Publication::new(&schedule, &PageOptions::new(now))?;
    /// let said = set.warnings().to_vec();
    /// assert_eq!(set.take_warnings(), said);
    /// assert!(set.warnings().is_empty());
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn take_warnings(&mut self) -> Vec<FeedWarning> {
        std::mem::take(&mut self.warnings)
    }

    /// The right side of every UID of its feeds (`id@domain`); of a
    /// site, its first group's ([`Publication::uid_domains`]).
    pub fn uid_domain(&self) -> &str {
        &self.uid_domain
    }

    /// Each group's slug and the right side of its UIDs: of a site
    /// ([`Publication::of_site`]), every group's; of one schedule, one
    /// with an empty slug.
    pub fn uid_domains(&self) -> Vec<(&str, &str)> {
        match &self.groups {
            Some(groups) => groups
                .iter()
                .map(|(g, d, _)| (g.as_str(), d.as_str()))
                .collect(),
            None => vec![("", self.uid_domain.as_str())],
        }
    }

    /// Publishes the set into `folder`, replacing the previous set
    /// as its layout says ([`PublishFolder::replace_recording`], with the
    /// UIDs' domain recorded); `commit` runs when the new set is complete,
    /// before it goes live, with what the publish will change.
    ///
    /// A set whose UIDs end in another domain than the live set's is
    /// refused unless `force`: every UID would change, and calendar
    /// subscribers would see every event deleted and added again. The
    /// schedule's `uid_domain` keeps the old one when its `url` moves.
    ///
    /// ```
    /// use convenor_site::{page::PageOptions, publish::{Publication, PublishFolder}};
    ///
    /// let dir = tempfile::tempdir()?;
    /// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
    /// let text = "name = 'x'\nurl = 'https://old.example/'\ntimezone = 'UTC'\nmeetings = []\n";
    /// let old = convenor_core::Schedule::from_toml_str(text)?;
    /// let folder = PublishFolder::lock(dir.path(), || {})?;
    /// Publication::new(&old, &PageOptions::new(now))?.write_into(&folder, false, |_| Ok(()))?;
    ///
    /// let moved = convenor_core::Schedule::from_toml_str(&text.replace("old", "new"))?;
    /// let err = Publication::new(&moved, &PageOptions::new(now))?
    ///     .write_into(&folder, false, |_| Ok(()))
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("uid_domain = \"old.example\""), "{err}");
    /// let kept = convenor_core::Schedule::from_toml_str(
    ///     &format!("uid_domain = 'old.example'\n{}", text.replace("old", "new")),
    /// )?;
    /// Publication::new(&kept, &PageOptions::new(now))?.write_into(&folder, false, |_| Ok(()))?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Unusable`] when the UIDs' domain would change (without
    /// `force`), naming both domains and the fix; as
    /// [`PublishFolder::replace`]. Nothing is published then.
    pub fn write_into(
        &self,
        folder: &PublishFolder,
        force: bool,
        commit: impl FnOnce(&Changes) -> Result<()>,
    ) -> Result<Outcome> {
        if let Some(message) = self.uid_change(folder)? {
            if !force {
                return Err(Error::Unusable {
                    message,
                    kind: std::io::ErrorKind::InvalidData,
                });
            }
        }
        let site_record: Option<String> = self.groups.as_ref().map(|groups| {
            groups.iter().map(|(g, d, _)| format!("{g} {d}\n")).collect()
        });
        let records: Vec<(&str, &str)> = match &site_record {
            Some(text) => vec![(UID_DOMAINS_RECORD, text.as_str())],
            None => vec![(UID_DOMAIN_RECORD, self.uid_domain.as_str())],
        };
        let single = self.single_folders();
        folder.replace_made(
            &self.files,
            (&self.keys, self.pinned),
            &records,
            &single,
            force,
            commit,
        )
    }

    /// The folders whose files are published each on its own, outside
    /// the set switched whole: each meeting's feed and each one-session
    /// file (`meetings/`, `sessions/`, and each group's), which never
    /// need to change together; those the set has.
    fn single_folders(&self) -> Vec<&Path> {
        let mut folders: Vec<PathBuf> = match &self.groups {
            None => vec!["meetings".into(), "sessions".into()],
            Some(groups) => std::iter::once("sessions".into())
                .chain(groups.iter().flat_map(|(g, _, _)| {
                    [
                        Path::new(g).join("meetings"),
                        Path::new(g).join("sessions"),
                    ]
                }))
                .collect(),
        };
        folders.sort();
        let mut found: Vec<&Path> =
            self.files.iter().filter_map(|(p, _)| p.parent()).collect();
        found.sort();
        found.dedup();
        found.retain(|f| {
            folders.binary_search_by(|d| d.as_path().cmp(f)).is_ok()
        });
        found
    }

    /// Why publishing this set over the live one would change calendar
    /// UIDs, if it would: a schedule's (or a group's) domain is not the
    /// one the live feeds have.
    fn uid_change(&self, folder: &PublishFolder) -> Result<Option<String>> {
        let live_one = folder.live_record(UID_DOMAIN_RECORD)?;
        let live_site = folder.live_record(UID_DOMAINS_RECORD)?;
        let live_groups: Vec<(&str, &str)> = live_site
            .as_deref()
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once(' '))
            .collect();
        Ok(match (&self.groups, live_one) {
            (None, Some(live)) => (live != self.uid_domain)
                .then(|| uid_domain_changed(&live, &self.uid_domain)),
            (None, None) => {
                let kept =
                    live_groups.iter().any(|(_, d)| *d == self.uid_domain);
                (!kept && !live_groups.is_empty()).then(|| {
                    uid_domain_changed(live_groups[0].1, &self.uid_domain)
                })
            }
            (Some(groups), Some(live)) => {
                let kept = groups.iter().any(|(_, d, _)| *d == live);
                (!kept).then(|| {
                    uid_domain_changed(
                        &live,
                        groups.first().map_or("", |(_, d, _)| d.as_str()),
                    )
                })
            }
            (Some(groups), None) => {
                groups.iter().find_map(|(g, d, source)| {
                    let (_, old) =
                        live_groups.iter().find(|(lg, _)| lg == g)?;
                    (old != d).then(|| group_domain_changed(g, old, d, source))
                })
            }
        })
    }
}

/// Why a publish that would change every UID is refused, and the fixes.
fn uid_domain_changed(live: &str, new: &str) -> String {
    format!(
        "nothing was published: the calendar UIDs would change from \
         `@{live}` (the published feeds) to `@{new}`, and calendar \
         subscribers would see every event deleted and added again; keep \
         them with uid_domain = \"{live}\" in the schedule file (or \
         --domain {live}), or publish with --force to change them"
    )
}

/// Why a site publish that would change one group's UIDs is refused,
/// and the fixes.
fn group_domain_changed(
    group: &str,
    live: &str,
    new: &str,
    source: &str,
) -> String {
    let source = convenor_core::quote::escape_controls(source);
    format!(
        "nothing was published: the calendar UIDs of group {group} would \
         change from `@{live}` (the published feeds) to `@{new}`, and \
         calendar subscribers would see every event of it deleted and added \
         again; keep them with uid_domain = \"{live}\" in {source}, or \
         publish with --force to change them"
    )
}

/// One group in `groups.json`.
#[derive(serde::Serialize)]
struct GroupEntry<'a> {
    group: &'a str,
    name: &'a str,
    url: Option<&'a str>,
    folder: String,
    meetings: usize,
}

/// The options of `changes.atom` beside the page `options` make: its
/// links to the page, its ids in the calendars' UID domain.
fn atom_options(options: &PageOptions) -> crate::atom::AtomOptions {
    let mut atom = crate::atom::AtomOptions::new(options.now())
        .with_lang(options.languages().first().copied().unwrap_or_default());
    if let Some(page) = options.base_url() {
        atom = atom.with_page(page.clone());
    }
    if let Some(domain) = options.ical().domain() {
        atom = atom.with_domain(domain);
    }
    atom
}

/// The start of the fingerprint of every meeting's own `.ics`: all it
/// takes from the schedule and the options (what
/// `convenor_ical::meeting_to_string` reads besides the meeting).
fn ics_head(
    schedule: &Schedule,
    ical: &convenor_ical::IcalOptions,
) -> Fingerprint {
    let mut head = Fingerprint::new();
    let _ = write!(
        head,
        "meeting.ics\n{:?}\n{:?}\n{:?}\n{}\n{:?}\n{ical:?}\n",
        schedule.name(),
        schedule.url(),
        schedule.timezone(),
        schedule.tzdata(),
        schedule.calendar_domain(),
    );
    head
}

/// The fingerprint of meeting `m`'s own `.ics`: the schedule's part
/// (`head`), the whole meeting, its reminders and its zone's data.
fn meeting_key(
    head: &Fingerprint,
    schedule: &Schedule,
    m: &convenor_core::Meeting,
) -> u128 {
    let mut key = head.clone();
    let _ = write!(
        key,
        "{m:?}\n{:?}\n{}",
        schedule.reminders_of(m),
        m.zone().tzdata()
    );
    key.finish()
}

/// `occurrences.json`: the sessions of the next 90 days, as `write`
/// writes them (through a buffer), compact: the file is for programs
/// (`convenor json --view occurrences --pretty` is for people), and
/// pretty it was 323 MB at 100,000 meetings (issue 30).
fn occurrences_file<'a>(
    write: impl Fn(&mut dyn Write) -> Result<()> + Send + Sync + 'a,
) -> (PathBuf, Content<'a>) {
    let content = made(move |w| {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        write(&mut w)?;
        w.flush().map_err(io)
    });
    ("occurrences.json".into(), content)
}

/// `meeting-guide.json`, as `write` writes it (through a buffer); its
/// warnings were said when the set was made.
fn meeting_guide_file<'a>(
    write: impl Fn(
            &mut dyn Write,
        )
            -> std::result::Result<Vec<FeedWarning>, convenor_json::Error>
        + Send
        + Sync
        + 'a,
) -> (PathBuf, Content<'a>) {
    let content = made(move |w| {
        // Flushed by the writer of the feed.
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        write(&mut w).map(drop).map_err(Error::from)
    });
    ("meeting-guide.json".into(), content)
}

/// The Meeting Guide feed's options beside the page's: today in each
/// meeting's own zone, pretty, the week as the page's options say, in
/// the page's first language.
fn guide_options(options: &PageOptions) -> convenor_json::FeedOptions {
    convenor_json::FeedOptions::at(options.now())
        .with_pretty(true)
        .with_exact_week(options.exact_week())
        .with_words(options.feed_words())
}

/// Has `write` write through a buffer into `w`, flushed.
fn buffered(
    w: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    write(&mut w).and_then(|()| w.flush()).map_err(io)
}

/// Content made as it is written.
fn made<'a>(
    write: impl Fn(&mut dyn Write) -> Result<()> + Send + Sync + 'a,
) -> Content<'a> {
    Content::Made(Box::new(write))
}

/// An I/O failure inside a file's content; the folder says which file.
pub(crate) fn io(e: std::io::Error) -> Error {
    Error::io(String::new(), e)
}
