//! The schedule page a publish writes (`index.html`): one self-contained
//! file, no external request, no cookies. Every session instant is
//! computed by convenor and embedded as UTC; the page's script only
//! formats those instants in the visitor's zone with the browser's
//! `Intl.DateTimeFormat` (no recurrence or offset arithmetic in
//! JavaScript). Without JavaScript the page lists every session in the
//! schedule's own zone and says so.
//!
//! With it, members can filter the list (issue 28): by day of the week
//! as it falls in the zone shown, online or in person, tags, and on a
//! site's page by group. Each session carries what the filters read
//! (`data-mode`, `data-tags`, `data-group`, written here); the script
//! hides what they leave out, counts the rest in a polite live region
//! in the language's plural form ([`crate::l10n::Words::plural_forms`])
//! and keeps each filter only in the page's address
//! (`?day=sat&mode=online&tag=open&group=evening`).
//!
//! The page is an askama template (`templates/page.html`) with HTML
//! auto-escaping: every name, note and zone from the schedule file is
//! text, never markup.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use askama::Template;
use chrono::{DateTime, Datelike, Duration, Timelike, Utc, Weekday};
use convenor_core::announce::Announcement;
use convenor_core::quote::escape_controls;
use convenor_core::{
    Meeting, Occurrence, Schedule, Schedules, Status, WebUrl, Window, Zone,
};
use convenor_ical::IcalOptions;
use serde::Serialize;

use crate::l10n::{capitalize, Lang, Words};
use crate::publish::Make;
use crate::Result;

/// What the page shows and where its links point.
///
/// ```
/// use convenor_site::page::PageOptions;
///
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let options = PageOptions::new(now).with_weeks(2);
/// assert_eq!(options.weeks(), 2);
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PageOptions {
    now: DateTime<Utc>,
    weeks: u32,
    base_url: Option<WebUrl>,
    ical: IcalOptions,
    exact_week: bool,
    languages: Vec<Lang>,
    /// On a group's page of a site: the site's name and the way to its
    /// page (`../`).
    pub(crate) site: Option<(String, String)>,
}

impl PageOptions {
    /// A page of the 4 weeks from `now`, with relative links and the
    /// one-session files made with `IcalOptions::new(now)`.
    pub fn new(now: DateTime<Utc>) -> PageOptions {
        PageOptions {
            now,
            weeks: 4,
            base_url: None,
            ical: IcalOptions::new(now),
            exact_week: false,
            languages: vec![Lang::En],
            site: None,
        }
    }

    /// How many weeks of sessions to list (at least 1).
    #[must_use]
    pub fn with_weeks(mut self, weeks: u32) -> PageOptions {
        self.weeks = weeks.max(1);
        self
    }

    /// Where the published folder is served
    /// (`https://example.org/meetings/`), for `webcal://` and
    /// calendar-service subscribe links; without it the links are
    /// relative.
    #[must_use]
    /// The type is a checked [`WebUrl`]: the subscribe links cannot be
    /// `javascript:` or another host's `//evil.example/`.
    pub fn with_base_url(mut self, url: WebUrl) -> PageOptions {
        self.base_url = Some(url);
        self
    }

    /// How each listed session's own `.ics` is made.
    #[must_use]
    pub fn with_ical(mut self, ical: IcalOptions) -> PageOptions {
        self.ical = ical;
        self
    }

    /// Whether a publish's `meeting-guide.json` lists the sessions of the
    /// seven days from today as they happen
    /// ([`convenor_json::FeedOptions::with_exact_week`]) rather than the
    /// weekly pattern (the default).
    ///
    /// ```
    /// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
    /// let options = convenor_site::page::PageOptions::new(now).with_exact_week(true);
    /// assert!(options.exact_week());
    /// ```
    #[must_use]
    pub fn with_exact_week(mut self, exact_week: bool) -> PageOptions {
        self.exact_week = exact_week;
        self
    }

    /// The languages the page offers (issue 29): the first without
    /// JavaScript; with it, the first of the visitor's browser languages
    /// among them, or `?lang=` in the page's address, and a menu to
    /// change it. Repeats are dropped; none at all is English.
    ///
    /// ```
    /// use convenor_site::l10n::Lang;
    /// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
    /// let options = convenor_site::page::PageOptions::new(now)
    ///     .with_languages([Lang::Es, Lang::En, Lang::Es]);
    /// assert_eq!(options.languages(), [Lang::Es, Lang::En]);
    /// ```
    #[must_use]
    pub fn with_languages(
        mut self,
        languages: impl IntoIterator<Item = Lang>,
    ) -> PageOptions {
        let mut list: Vec<Lang> = Vec::new();
        for l in languages {
            if !list.contains(&l) {
                list.push(l);
            }
        }
        if list.is_empty() {
            list.push(Lang::En);
        }
        self.languages = list;
        self
    }

    /// The languages the page offers, the first shown without
    /// JavaScript.
    pub fn languages(&self) -> &[Lang] {
        &self.languages
    }

    /// Whether `meeting-guide.json` is the exact week.
    pub fn exact_week(&self) -> bool {
        self.exact_week
    }

    /// How many weeks of sessions the page lists.
    pub fn weeks(&self) -> u32 {
        self.weeks
    }

    /// The instant taken as now.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// How the `.ics` files are made.
    pub fn ical(&self) -> &IcalOptions {
        &self.ical
    }

    /// The first language's words ([`Lang`]): the feeds a page and a
    /// publication write beside the page (the descriptions and
    /// reminders of every `.ics`, `changes.atom`, the Meeting Guide
    /// feed's notes) are in the language
    /// the page shows without JavaScript.
    ///
    /// ```
    /// use convenor_core::words::Phrasebook;
    /// use convenor_site::l10n::Lang;
    /// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
    /// let options = convenor_site::page::PageOptions::new(now)
    ///     .with_languages([Lang::Fr, Lang::En]);
    /// assert_eq!(options.feed_words().lang(), Lang::Fr);
    /// ```
    pub fn feed_words(&self) -> Words {
        Words::new(self.languages.first().copied().unwrap_or_default())
    }

    /// [`PageOptions::ical`] with the first language's words
    /// ([`PageOptions::feed_words`]): how every `.ics` of a page and a
    /// publication is made.
    pub fn feed_ical(&self) -> IcalOptions {
        self.ical.clone().with_words(self.feed_words())
    }

    /// Where the published folder is served, when given.
    pub fn base_url(&self) -> Option<&WebUrl> {
        self.base_url.as_ref()
    }

    /// The options of group `group`'s page in its folder of a site named
    /// `site`: served at the site's address and `GROUP/`, linking the
    /// site's page (`../`).
    pub(crate) fn for_group(&self, group: &str, site: String) -> PageOptions {
        let base_url = self.base_url.as_ref().and_then(|url| {
            let url = url.as_str().trim_end_matches('/');
            WebUrl::new(&format!("{url}/{group}/")).ok()
        });
        PageOptions {
            base_url,
            site: Some((site, "../".to_string())),
            ..self.clone()
        }
    }
}

/// The most sessions the page lists; the rest are counted, and the feeds
/// hold them all.
///
/// ```
/// assert_eq!(convenor_site::page::PAGE_SESSIONS, 400);
/// ```
pub const PAGE_SESSIONS: usize = 400;

/// The page and the one-session `.ics` files it links to, as
/// `(path in the published folder, content)`; the page is last.
///
/// ```
/// use convenor_site::page::{files, PageOptions};
///
/// let schedule = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let files = files(&schedule, &PageOptions::new(now))?;
/// let (path, html) = files.last().unwrap();
/// assert_eq!(path.to_str(), Some("index.html"));
/// assert!(html.contains("<h1>LifeRing Co-Occurring Disorders Meetings</h1>"));
/// # Ok::<(), convenor_core::Error>(())
/// ```
///
/// # Errors
///
/// A window out of range (a `now` near the year 9999).
pub fn files(
    schedule: &Schedule,
    options: &PageOptions,
) -> Result<Vec<(PathBuf, String)>> {
    with_page(parts(schedule, options)?)
}

/// The one-session `.ics` files of [`files`], and the page, made as it
/// is written: the weekly lines and subscribe links of 100,000 meetings
/// (tens of MB before the page's 25 MB of text) exist only while it is
/// (issue 30).
pub(crate) fn parts<'s>(
    schedule: &'s Schedule,
    options: &PageOptions,
) -> Result<(Vec<(PathBuf, String)>, Make<'s>)> {
    let listed = Listed::new(|w| schedule.occurrences(w), options)?;
    let files = listed.session_files(|_| schedule, options);
    let groups = vec![None; listed.sessions.len()];
    let options = options.clone();
    let page: Make<'s> = Box::new(move |w| {
        let subject = schedule_subject(schedule, &options)?;
        listed.write_page(subject, &groups, &options, w)
    });
    Ok((files, page))
}

/// What one schedule's page is of.
fn schedule_subject<'s>(
    schedule: &'s Schedule,
    options: &PageOptions,
) -> Result<Subject<'s>> {
    let home = schedule
        .timezone()
        .or_else(|| schedule.meetings().first().map(|m| m.zone()))
        .unwrap_or_else(Zone::utc);
    let as_of = options.now.with_timezone(&home).date_naive();
    let overview =
        schedule.announcement(as_of, Some(as_of - Duration::days(60)), &[])?;
    let feeds = std::iter::once((Feed::All, "schedule.ics".to_string()))
        .chain(schedule.meetings().iter().map(|m| {
            (Feed::Named(m.name()), format!("meetings/{}.ics", m.id()))
        }))
        .collect();
    Ok(Subject {
        name: schedule.name().to_string(),
        home,
        overview: Some(overview),
        feeds,
        groups: Vec::new(),
        up: options.site.as_ref().map(|(name, href)| GroupLink {
            slug: String::new(),
            name: escape_controls(name).into_owned(),
            href: href.clone(),
        }),
    })
}

/// The files of [`parts`] with the page made into the last one.
fn with_page(
    (mut files, page): (Vec<(PathBuf, String)>, Make<'_>),
) -> Result<Vec<(PathBuf, String)>> {
    let mut html = Vec::new();
    page(&mut html)?;
    let html = String::from_utf8(html).map_err(|e| {
        convenor_core::Error::io(
            "cannot render the schedule page",
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    files.push((PathBuf::from("index.html"), html));
    Ok(files)
}

/// A site's page of several schedules (issue 28) and the one-session
/// `.ics` files it links to, as [`files`] makes one schedule's: the
/// sessions of every group merged ([`Schedules::occurrences`]), each
/// labelled with its group's name and carrying its group's slug
/// (`data-group`), the combined feed and each group's feed to subscribe
/// to, and each group's page (`GROUP/`, [`Schedules::groups`]) linked.
/// The page's name is [`Schedules::name`]; it shows the zone most of the
/// schedules have.
///
/// ```
/// use convenor_core::{Schedule, Schedules};
/// use convenor_site::page::{site_files, PageOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let site = Schedules::new([("lifering.toml".into(), seed)])?.with_name("Our meetings");
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let files = site_files(&site, &PageOptions::new(now))?;
/// let (path, html) = files.last().unwrap();
/// assert_eq!(path.to_str(), Some("index.html"));
/// assert!(html.contains("<h1>Our meetings</h1>"));
/// assert!(html.contains(r#"data-group="lifering""#));
/// assert!(html.contains(r#"<a href="lifering/">LifeRing Co-Occurring Disorders Meetings</a>"#));
/// # Ok::<(), convenor_core::Error>(())
/// ```
///
/// # Errors
///
/// A window out of range (a `now` near the year 9999).
pub fn site_files(
    schedules: &Schedules,
    options: &PageOptions,
) -> Result<Vec<(PathBuf, String)>> {
    with_page(site_parts(schedules, options)?)
}

/// The one-session `.ics` files of [`site_files`], and the page, made
/// as it is written (as [`parts`] of one schedule).
pub(crate) fn site_parts<'s>(
    schedules: &'s Schedules,
    options: &PageOptions,
) -> Result<(Vec<(PathBuf, String)>, Make<'s>)> {
    let listed = Listed::new(|w| schedules.occurrences(w), options)?;
    let of = |m: &Meeting| {
        let i = schedules.index_of(m.id().as_str()).unwrap_or(0);
        &schedules.schedules()[i]
    };
    let files = listed.session_files(of, options);
    let groups: Vec<Option<GroupLabel>> = listed
        .sessions
        .iter()
        .map(|o| {
            let i = schedules.index_of(o.meeting().id().as_str())?;
            Some(GroupLabel {
                slug: schedules.groups()[i].clone(),
                name: escape_controls(schedules.schedules()[i].name())
                    .into_owned(),
            })
        })
        .collect();
    let options = options.clone();
    let page: Make<'s> = Box::new(move |w| {
        let subject = site_subject(schedules);
        listed.write_page(subject, &groups, &options, w)
    });
    Ok((files, page))
}

/// What a site's page is of.
fn site_subject(schedules: &Schedules) -> Subject<'_> {
    let mut zones: BTreeMap<&str, (usize, usize, Zone)> = BTreeMap::new();
    for (i, s) in schedules.schedules().iter().enumerate() {
        let zone =
            s.timezone().or_else(|| s.meetings().first().map(|m| m.zone()));
        if let Some(zone) = zone {
            zones.entry(zone.name()).or_insert((0, i, zone)).0 += 1;
        }
    }
    // The zone most schedules have; of a tie, the first given.
    let home = zones
        .values()
        .max_by_key(|(count, first, _)| (*count, std::cmp::Reverse(*first)))
        .map_or_else(Zone::utc, |(.., zone)| *zone);
    let named = schedules.schedules().iter().zip(schedules.groups());
    let feeds = std::iter::once((Feed::All, "schedule.ics".to_string()))
        .chain(named.clone().map(|(s, group)| {
            (Feed::Named(s.name()), format!("{group}/schedule.ics"))
        }))
        .collect();
    let groups = named
        .map(|(s, group)| GroupLink {
            slug: group.clone(),
            name: escape_controls(s.name()).into_owned(),
            href: format!("{group}/"),
        })
        .collect();
    Subject {
        name: schedules.name(),
        home,
        overview: None,
        feeds,
        groups,
        up: None,
    }
}

/// What a page is of: one schedule, or a site of several.
struct Subject<'a> {
    name: String,
    /// The zone the page shows without its script.
    home: Zone,
    /// One schedule's weekly lines and footnotes.
    overview: Option<Announcement>,
    /// The feeds to subscribe to, by path in the published folder.
    feeds: Vec<(Feed<'a>, String)>,
    /// A site's groups, each linking its page.
    groups: Vec<GroupLink>,
    /// On a group's page, its site.
    up: Option<GroupLink>,
}

/// A feed's label: all the page's meetings, or a meeting's or group's
/// name.
enum Feed<'a> {
    All,
    Named(&'a str),
}

/// A link to another page of the site: a group's (its slug is the
/// group filter's value), or the site's.
#[derive(Clone)]
struct GroupLink {
    slug: String,
    name: String,
    href: String,
}

/// A session's group on a site's page: its slug (`data-group`) and
/// its schedule's name.
#[derive(Clone)]
struct GroupLabel {
    slug: String,
    name: String,
}

/// The sessions a page lists (the first [`PAGE_SESSIONS`] of its
/// weeks), how many more there are, and each one's own `.ics` path.
struct Listed<'s> {
    sessions: Vec<Occurrence<'s>>,
    paths: Vec<Option<PathBuf>>,
    more: usize,
}

impl<'s> Listed<'s> {
    /// `sessions` gives the sessions of a window.
    fn new(
        sessions: impl Fn(Window) -> convenor_core::Occurrences<'s>,
        options: &PageOptions,
    ) -> Result<Listed<'s>> {
        let now = options.now;
        let window = Window::new(
            now,
            now + Duration::weeks(i64::from(options.weeks.max(1))),
        )?;
        let mut all = sessions(window).with_cancelled();
        let sessions: Vec<Occurrence<'s>> =
            all.by_ref().take(PAGE_SESSIONS).collect();
        let more = all.count();
        let paths = session_paths(&sessions);
        Ok(Listed { sessions, paths, more })
    }

    /// The one-session files the page links to; `schedule_of` gives a
    /// meeting's schedule.
    fn session_files(
        &self,
        schedule_of: impl Fn(&Meeting) -> &'s Schedule,
        options: &PageOptions,
    ) -> Vec<(PathBuf, String)> {
        let ical = options.feed_ical();
        self.sessions
            .iter()
            .zip(&self.paths)
            .filter_map(|(o, path)| {
                let path = path.as_ref()?;
                let ics = convenor_ical::occurrence_to_string(
                    schedule_of(o.meeting()),
                    o,
                    &ical,
                );
                Some((path.clone(), ics))
            })
            .collect()
    }

    /// Writes the page of `subject` listing these sessions, each of
    /// `groups` (on a site's page), to `w`.
    fn write_page(
        &self,
        subject: Subject<'_>,
        groups: &[Option<GroupLabel>],
        options: &PageOptions,
        w: &mut dyn std::io::Write,
    ) -> Result<()> {
        let Listed { sessions, paths, more } = self;
        let page =
            Page::new(subject, sessions, paths, groups, *more, options)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        page.write_into(&mut w)
            .and_then(|()| std::io::Write::flush(&mut w))
            .map_err(|e| {
                convenor_core::Error::io("cannot render the schedule page", e)
            })
    }
}

/// Each session's own `.ics` (none for a cancelled one):
/// `sessions/ID-YYYY-MM-DDTHHMM.ics` by its local start, with `-2`, `-3`
/// after a name already taken (two sessions of a meeting may start
/// together: an extra one over a regular one).
fn session_paths(sessions: &[Occurrence<'_>]) -> Vec<Option<PathBuf>> {
    let mut taken = HashSet::new();
    sessions
        .iter()
        .map(|o| {
            if o.is_cancelled() {
                return None;
            }
            let stem = format!(
                "{}-{}",
                o.meeting().id(),
                o.start().format("%Y-%m-%dT%H%M")
            );
            let name = (1..)
                .map(|n| match n {
                    1 => stem.clone(),
                    n => format!("{stem}-{n}"),
                })
                .find(|name| taken.insert(name.clone()))?;
            Some(PathBuf::from("sessions").join(format!("{name}.ics")))
        })
        .collect()
}

/// The template's values; askama escapes each as it is written.
#[derive(Template)]
#[template(path = "page.html", escape = "html")]
struct Page {
    /// The language shown without JavaScript, and its direction.
    lang: &'static str,
    dir: &'static str,
    /// Its sentences, by message id ([`Page::t`]).
    texts: BTreeMap<&'static str, String>,
    /// `(code, own name)` of each language offered, when more than one.
    choices: Vec<(&'static str, String)>,
    /// Every offered language's words, for the page's script
    /// ([`Wording`]), JSON like `data`.
    l10n: String,
    name: String,
    home: &'static str,
    home_label: String,
    days: Vec<Day>,
    more: usize,
    weekly: Vec<WeeklyLine>,
    footnotes: Vec<Footnote>,
    links: Vec<Link>,
    /// A site's groups, each linking its page (none on one schedule's
    /// page).
    groups: Vec<GroupLink>,
    /// On a group's page of a site: the site's page.
    up: Option<GroupLink>,
    zones: &'static [&'static str],
    /// The day filter's choices, Monday to Sunday: the key the address
    /// and the script use (`sat`), and the label.
    weekdays: Vec<(&'static str, String)>,
    /// The tag filter's choices: every tag of a listed session, sorted.
    tags: Vec<String>,
    /// `12 of 12 sessions shown`, until the script counts.
    count: String,
    /// JSON with `<` escaped, so it cannot close its script element.
    data: String,
    /// `[[word, zone], ...]` of [`convenor_core::suggest::zone_words`],
    /// JSON like `data`: the page's zone field and `?tz=` take `BST` and
    /// `Manchester`.
    zone_words: String,
    css: &'static str,
    js: &'static str,
}

/// One day's heading and sessions, in the schedule's own zone.
struct Day {
    heading: String,
    sessions: Vec<SessionRow>,
}

struct SessionRow {
    index: usize,
    cancelled: bool,
    start: String,
    end: String,
    start_time: String,
    end_time: String,
    name: String,
    /// The meeting's own time is hidden where it is the page's zone.
    own_hidden: bool,
    own_day: String,
    own_time: String,
    status: Option<String>,
    first: bool,
    note: Option<String>,
    add: Option<String>,
    /// How to join, as the `.ics` says it; none for a cancelled session.
    join: Option<Join>,
    /// Where to go in person ([`convenor_core::Place::in_person`]): the
    /// venue, then the address.
    place: Option<String>,
    /// What the page's filters read: `online`, `in-person`, both or
    /// neither ([`mode`]), and the meeting's tags ([`filter_tags`]).
    mode: &'static str,
    tags: Vec<String>,
    /// Its group, on a site's page.
    group: Option<GroupLabel>,
}

/// A meeting's joining details: its checked [`WebUrl`], its dial-in
/// number and notes (meeting ID, passcode), each escaped by the template.
struct Join {
    url: Option<String>,
    phone: Option<String>,
    notes: Option<String>,
}

impl Join {
    fn of(o: &Occurrence<'_>) -> Option<Join> {
        let online = o.meeting().place().online.as_ref()?;
        let text = |t: &Option<String>| {
            t.as_deref().map(|t| escape_controls(t).into_owned())
        };
        let join = Join {
            url: online.url.as_ref().map(|u| u.as_str().to_string()),
            phone: text(&online.phone),
            notes: text(&online.notes),
        };
        let any =
            join.url.is_some() || join.phone.is_some() || join.notes.is_some();
        (any && !o.is_cancelled()).then_some(join)
    }
}

/// The sentences of the page that take no value of the schedule.
const TEXTS: &[&str] = &[
    "page-language",
    "page-times-shown",
    "page-nojs",
    "page-zone-field",
    "page-show",
    "page-my-zone",
    "page-next",
    "page-in-progress",
    "page-first",
    "page-add",
    "page-no-sessions",
    "page-every-week",
    "page-subscribe-heading",
    "page-subscribe-text",
    "page-address",
    "join-online",
    "phone",
    "page-filters",
    "page-filter-day",
    "page-filter-mode",
    "page-filter-online",
    "page-filter-in-person",
    "page-filter-tags",
    "page-filter-group",
    "page-filter-all-groups",
    "page-filter-reset",
    "page-filter-none",
];

/// The sentences only a site's page has.
const SITE_TEXTS: &[&str] = &["page-groups"];

/// One language's words of the page, as its script switches to them:
/// the fixed sentences, and each listed thing in the order of the page.
#[derive(Serialize)]
struct Wording {
    code: &'static str,
    dir: &'static str,
    name: String,
    /// [`TEXTS`] and the sentences with values (`page-next-weeks`,
    /// `page-more`, `page-published`; `page-not-understood` and
    /// `page-showing` with `%s` where the script puts its value).
    texts: BTreeMap<&'static str, String>,
    #[serde(rename = "homeLabel")]
    home_label: String,
    /// The weekly lines and footnotes.
    weekly: Vec<String>,
    footnotes: Vec<String>,
    /// Each session's status badge and own time, in list order.
    status: Vec<Option<String>>,
    own: Vec<String>,
    /// Each subscribe link's text.
    subscribe: Vec<String>,
    /// The day filter's labels, Monday to Sunday.
    weekdays: Vec<String>,
    /// `page-filter-count` in each plural form of the number shown
    /// ([`Words::plural_forms`]): the script chooses with the browser's
    /// `Intl.PluralRules` and puts the number where `%s` is.
    counts: BTreeMap<&'static str, String>,
}

struct WeeklyLine {
    text: String,
    /// Its footnotes' numbers, shown in superscript.
    marks: Vec<usize>,
}

struct Footnote {
    number: usize,
    text: String,
}

/// A subscribe link: to `https` (and its `webcal` form) where the folder's
/// address is known, else to `path`.
struct Link {
    label: String,
    /// `Subscribe to LABEL`, in the page's language.
    subscribe: String,
    path: String,
    webcal: Option<String>,
    https: String,
}

/// One session as the page's script reads it.
#[derive(Serialize)]
struct SessionData<'s> {
    meeting: &'s str,
    /// The meeting's own zone: its own time is shown beside a session
    /// shown in another zone.
    zone: &'static str,
    start: String,
    end: String,
    status: &'static str,
    /// When a cancelled or moved session was due (UTC): its badge
    /// names that day as it falls in the zone the page shows.
    due: Option<String>,
    /// Its group's slug, on a site's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'s str>,
}

impl Page {
    /// Sentence `id` in the page's language.
    fn t<'a>(&'a self, id: &'a str) -> &'a str {
        self.texts.get(id).map_or(id, String::as_str)
    }

    /// The page of `subject`; its overview is dropped once its words
    /// are made, before the subscribe links: at 100,000 meetings each is
    /// tens of MB (issue 30).
    fn new(
        mut subject: Subject<'_>,
        sessions: &[Occurrence<'_>],
        paths: &[Option<PathBuf>],
        groups: &[Option<GroupLabel>],
        more: usize,
        options: &PageOptions,
    ) -> Result<Page> {
        let home = subject.home;
        let now = options.now;
        // Each language's weekly lines and footnotes, and each line's
        // footnote marks.
        let mut overview: Vec<(Vec<String>, Vec<String>)> = options
            .languages
            .iter()
            .map(|&lang| match &subject.overview {
                Some(o) => {
                    let words = Words::new(lang);
                    let lines = o.lines.iter().map(|l| words.line(o, l));
                    let notes = (0..o.footnotes.len())
                        .map(|i| words.change(&o.footnote(i)));
                    (lines.collect(), notes.collect())
                }
                None => (Vec::new(), Vec::new()),
            })
            .collect();
        let marks: Vec<Vec<usize>> = match &subject.overview {
            Some(o) => o
                .lines
                .iter()
                .map(|line| crate::announce::numbers(&line.footnotes))
                .collect(),
            None => Vec::new(),
        };
        subject.overview = None;
        let mut overview = overview.drain(..);
        let subject = &subject;
        let base = options.base_url.as_ref().map(WebUrl::as_str);
        let local_now = now.with_timezone(&home).naive_local();
        let wordings: Vec<(Words, Wording, Vec<Link>)> = options
            .languages
            .iter()
            .map(|&lang| {
                let words = Words::new(lang);
                let (weekly, footnotes) = overview.next().unwrap_or_default();
                let all = words.message("page-all-meetings", &[]);
                let links: Vec<Link> = subject
                    .feeds
                    .iter()
                    .map(|(feed, path)| {
                        let label = match feed {
                            Feed::All => all.as_str(),
                            Feed::Named(name) => name,
                        };
                        link(&words, label, path, base)
                    })
                    .collect();
                // A site's page has its groups' heading too.
                let site_texts =
                    SITE_TEXTS.iter().filter(|_| !subject.groups.is_empty());
                let mut texts: BTreeMap<&'static str, String> = TEXTS
                    .iter()
                    .chain(site_texts)
                    .map(|id| (*id, words.message(id, &[])))
                    .collect();
                let from = match lang {
                    Lang::En => day_words(&words, local_now.date()),
                    _ => words.date(local_now.date()),
                };
                let values: [(&'static str, Vec<(&str, String)>); 5] = [
                    (
                        "page-next-weeks",
                        vec![
                            ("weeks", options.weeks.to_string()),
                            ("date", from),
                        ],
                    ),
                    ("page-more", vec![("more", more.to_string())]),
                    (
                        "page-published",
                        vec![(
                            "stamp",
                            now.format("%Y-%m-%d %H:%M UTC").to_string(),
                        )],
                    ),
                    ("page-not-understood", vec![("text", "%s".into())]),
                    ("page-showing", vec![("zone", "%s".into())]),
                ];
                for (id, args) in values {
                    texts.insert(id, words.message(id, &args));
                }
                // A site's group filter links the chosen group's page;
                // over the cap, the groups' pages list the rest.
                if subject.groups.len() > 1 {
                    let group = [("group", "%s".to_string())];
                    let id = "page-group-page";
                    texts.insert(id, words.message(id, &group));
                    let more = [("more", more.to_string())];
                    texts.insert(
                        "page-more",
                        words.message("page-more-site", &more),
                    );
                }
                let total = [("total", sessions.len().to_string())];
                let wording = Wording {
                    code: lang.code(),
                    dir: words.dir(),
                    name: words.message("language-name", &[]),
                    texts,
                    home_label: zone_words(&words, home, local_now),
                    weekly,
                    footnotes,
                    status: sessions
                        .iter()
                        .map(|o| status_template(&words, o))
                        .collect(),
                    own: sessions
                        .iter()
                        .map(|o| {
                            let (day, time) = own_words(&words, o);
                            format!("({day}, {time})")
                        })
                        .collect(),
                    subscribe: links
                        .iter()
                        .map(|l| l.subscribe.clone())
                        .collect(),
                    weekdays: WEEK
                        .iter()
                        .map(|d| capitalize(&words.weekday(*d)).into_owned())
                        .collect(),
                    counts: words.plural_forms(
                        "page-filter-count",
                        "shown",
                        &total,
                        sessions.len() as u64,
                    ),
                };
                (words, wording, links)
            })
            .collect();
        let l10n = script_json(
            &wordings.iter().map(|(_, w, _)| w).collect::<Vec<_>>(),
        )?;
        let choices = match wordings.len() {
            1 => Vec::new(),
            _ => wordings
                .iter()
                .map(|(_, w, _)| (w.code, w.name.clone()))
                .collect(),
        };
        let Some((words, mut first, links)) = wordings.into_iter().next()
        else {
            unreachable!("PageOptions has at least one language")
        };
        // Moved, not copied: a line a meeting.
        let weekly = marks
            .into_iter()
            .zip(std::mem::take(&mut first.weekly))
            .map(|(marks, text)| WeeklyLine { text, marks })
            .collect();
        let footnotes = std::mem::take(&mut first.footnotes)
            .into_iter()
            .enumerate()
            .map(|(i, text)| Footnote {
                number: convenor_core::announce::footnote_number(i),
                text,
            })
            .collect();
        let data: Vec<SessionData<'_>> = sessions
            .iter()
            .zip(groups)
            .map(|(o, group)| SessionData {
                meeting: o.meeting().id().as_str(),
                zone: o.meeting().zone().name(),
                start: utc(o.start()),
                end: utc(o.end()),
                status: o.status().as_str(),
                due: badge_instant(o).map(utc),
                group: group.as_ref().map(|g| g.slug.as_str()),
            })
            .collect();
        let data = script_json(&data)?;
        let zone_words = script_json(
            &convenor_core::suggest::zone_words().collect::<Vec<_>>(),
        )?;
        let weekdays = WEEK
            .iter()
            .zip(&first.weekdays)
            .map(|(day, label)| (day_key(*day), label.clone()))
            .collect();
        let mut tags: Vec<String> = sessions
            .iter()
            .flat_map(|o| filter_tags(o.meeting().tags()))
            .collect();
        tags.sort();
        tags.dedup();
        let all = sessions.len().to_string();
        let count = words.message(
            "page-filter-count",
            &[("shown", all.clone()), ("total", all)],
        );
        Ok(Page {
            lang: first.code,
            dir: first.dir,
            choices,
            l10n,
            name: escape_controls(&subject.name).into_owned(),
            home: home.name(),
            home_label: first.home_label.clone(),
            days: days(&words, sessions, paths, groups, home),
            texts: first.texts,
            more,
            weekly,
            footnotes,
            links,
            groups: subject.groups.clone(),
            up: subject.up.clone(),
            zones: ZONES,
            weekdays,
            tags,
            count,
            data,
            zone_words,
            css: include_str!("../templates/page.css"),
            js: include_str!("../templates/page.js"),
        })
    }
}

/// The sessions grouped by their day in `home`.
fn days(
    words: &Words,
    sessions: &[Occurrence<'_>],
    paths: &[Option<PathBuf>],
    groups: &[Option<GroupLabel>],
    home: Zone,
) -> Vec<Day> {
    let mut days: Vec<Day> = Vec::new();
    let mut current = None;
    for (index, ((o, path), group)) in
        sessions.iter().zip(paths).zip(groups).enumerate()
    {
        let start = o.start().with_timezone(&home);
        let end = o.end().with_timezone(&home);
        if current != Some(start.date_naive()) {
            current = Some(start.date_naive());
            days.push(Day {
                heading: day_words(words, start.date_naive()),
                sessions: Vec::new(),
            });
        }
        let m = o.meeting();
        let row = SessionRow {
            index,
            cancelled: o.is_cancelled(),
            start: utc(o.start()),
            end: utc(o.end()),
            start_time: start.format("%H:%M").to_string(),
            end_time: end.format("%H:%M %Z").to_string(),
            name: escape_controls(&title(words, o)).into_owned(),
            own_hidden: m.zone() == home,
            own_day: own_words(words, o).0,
            own_time: own_words(words, o).1,
            status: status_words(words, o, home),
            first: is_first(o),
            note: o.note().map(str::to_string),
            add: path.as_ref().map(|p| p.to_string_lossy().into_owned()),
            join: Join::of(o),
            place: o
                .meeting()
                .place()
                .in_person()
                .map(|p| escape_controls(&p).into_owned()),
            mode: mode(m),
            tags: filter_tags(m.tags()),
            group: group.clone(),
        };
        if let Some(day) = days.last_mut() {
            day.sessions.push(row);
        }
    }
    days
}

/// `value` as JSON for a `<script type="application/json">`: `<`
/// escaped, so it cannot close its script element.
fn script_json(value: &impl Serialize) -> Result<String> {
    let json = serde_json::to_string(value).map_err(|e| {
        convenor_core::Error::io("cannot write the page's data", e.into())
    })?;
    // A copy only when there is a `<`: the words of 100,000 meetings'
    // lines and links are megabytes (issue 30).
    match json.contains('<') {
        true => Ok(json.replace('<', "\\u003c")),
        false => Ok(json),
    }
}

/// An instant as RFC 3339 in UTC (`2022-11-12T15:00:00+00:00`).
fn utc(t: DateTime<Zone>) -> String {
    t.with_timezone(&Utc).to_rfc3339()
}

/// Subscribe links for a feed at `path` in the published folder.
fn link(words: &Words, label: &str, path: &str, base: Option<&str>) -> Link {
    let https = base
        .map(|base| format!("{}/{path}", base.trim_end_matches('/')))
        .unwrap_or_default();
    // A `WebUrl` starts with `https://` or `http://` in any case.
    let webcal = base.map(|_| {
        https
            .split_once("://")
            .map(|(_, rest)| format!("webcal://{rest}"))
            .unwrap_or_else(|| https.clone())
    });
    // Control characters as the terminal shows them (`\u{202e}`), not
    // raw: a reversing override in a name reordered the link's text.
    let label = escape_controls(label).into_owned();
    let subscribe =
        words.message("page-subscribe", &[("name", label.clone())]);
    Link { label, subscribe, path: path.to_string(), webcal, https }
}

/// A session's title: its meeting's name, an extra session's as
/// `Extra session: NAME` (in English the core's
/// [`convenor_core::words::session_title`]).
fn title(words: &Words, o: &Occurrence<'_>) -> String {
    match (words.lang(), o.status()) {
        (Lang::En, _)
        | (_, Status::Scheduled | Status::Moved | Status::Cancelled) => {
            convenor_core::words::session_title(o)
        }
        _ => format!(
            "{}: {}",
            words.message("page-extra", &[]),
            o.meeting().name()
        ),
    }
}

/// The instant a badge names the day of: a cancelled session's start,
/// a moved one's usual start ([`Occurrence::usual_start`]).
fn badge_instant(o: &Occurrence<'_>) -> Option<DateTime<Zone>> {
    match o.status() {
        Status::Cancelled | Status::Moved => o.usual_start(),
        _ => None,
    }
}

/// A session's badge with `%s` where the day goes (`No meeting on %s`,
/// `Moved from %s`): the script puts in the day as it falls in the zone
/// the page shows.
fn status_template(words: &Words, o: &Occurrence<'_>) -> Option<String> {
    let date = [("date", "%s".to_string())];
    match o.status() {
        Status::Cancelled => Some(words.message("page-cancelled", &date)),
        Status::Moved => Some(words.message("page-moved", &date)),
        // Said in its title (`Extra session: NAME`, [`title`]).
        _ => None,
    }
}

/// A session's badge: `No meeting on Saturday 26 November`, `Moved
/// from ...`, naming the day it was due as it falls in `home` (the
/// zone the page shows without its script): in Sydney a Tuesday
/// evening session of London's is on Wednesday.
fn status_words(
    words: &Words,
    o: &Occurrence<'_>,
    home: Zone,
) -> Option<String> {
    let day = badge_instant(o)
        .map_or(o.due(), |at| at.with_timezone(&home).date_naive());
    let day = match words.lang() {
        Lang::En => day.format("%A %-d %B").to_string(),
        _ => words.date(day),
    };
    status_template(words, o).map(|t| t.replace("%s", &day))
}

/// A session's own time in its meeting's zone: `Saturday, 7:00am
/// Pacific`, `sábado, 07:00 hora del Pacífico`.
fn own_words(words: &Words, o: &Occurrence<'_>) -> (String, String) {
    let start = o.start();
    let zone = o.meeting().zone();
    match words.lang() {
        Lang::En => (
            start.format("%A").to_string(),
            format!(
                "{} {}",
                convenor_core::words::clock12(start.hour(), start.minute()),
                convenor_core::words::zone_label(zone)
            ),
        ),
        _ => (
            words.weekday(start.weekday()),
            words.message(
                "time-in-zone",
                &[
                    ("time", words.clock(start.hour(), start.minute())),
                    ("zone", words.zone(zone, start.naive_local())),
                ],
            ),
        ),
    }
}

/// A day as the page heads it: `Saturday 12 November 2022`, `Sábado,
/// 12 de noviembre de 2022`.
fn day_words(words: &Words, day: chrono::NaiveDate) -> String {
    match words.lang() {
        Lang::En => day.format("%A %-d %B %Y").to_string(),
        _ => capitalize(&words.date(day)).into_owned(),
    }
}

/// The page's zone as its label says it: `Pacific time
/// (America/Los_Angeles)`, `hora del Pacífico (America/Los_Angeles)`.
fn zone_words(words: &Words, home: Zone, at: chrono::NaiveDateTime) -> String {
    let name = match words.lang() {
        Lang::En => {
            format!("{} time", convenor_core::words::zone_label(home))
        }
        _ => words.zone(home, at),
    };
    format!("{name} ({})", home.name())
}

/// The days of the week as the day filter lists them.
const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A day as the day filter and the address name it: `sat`.
fn day_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// How a meeting is attended, as the page's mode filter reads it:
/// `online` with joining details or the `online` tag (as the Meeting
/// Guide feed reads it), `in-person` with a venue, an address or the
/// `in-person` tag, both for a hybrid meeting, neither when the file
/// says nothing.
fn mode(m: &convenor_core::Meeting) -> &'static str {
    let tagged =
        |tag: &str| m.tags().iter().any(|t| t.eq_ignore_ascii_case(tag));
    let online = m.place().online.is_some() || tagged("online");
    let in_person = m.place().in_person().is_some() || tagged("in-person");
    match (online, in_person) {
        (true, true) => "online in-person",
        (true, false) => "online",
        (false, true) => "in-person",
        (false, false) => "",
    }
}

/// A meeting's tags as the tag filter offers them: all but `online`
/// and `in-person`, which the mode filter says.
fn filter_tags(tags: &[String]) -> Vec<String> {
    tags.iter()
        .filter(|t| {
            !t.eq_ignore_ascii_case("online")
                && !t.eq_ignore_ascii_case("in-person")
        })
        .cloned()
        .collect()
}

/// Whether `o` is its meeting's first session ever.
fn is_first(o: &Occurrence<'_>) -> bool {
    let first = o
        .meeting()
        .segments()
        .iter()
        .find_map(|s| s.first_session())
        .map(|f| f.date());
    o.status() == Status::Scheduled && first == Some(o.due())
}

/// Zones offered in the zone field (any IANA name may be typed).
const ZONES: &[&str] = &[
    "America/Los_Angeles",
    "America/Vancouver",
    "America/Denver",
    "America/Edmonton",
    "America/Phoenix",
    "America/Chicago",
    "America/Winnipeg",
    "America/New_York",
    "America/Toronto",
    "America/Halifax",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Athens",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Honolulu",
    "UTC",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Three meetings to filter: online, in a hall, and both; a tag with
    /// a space. The schedule of the CLI's browser tests of the filters
    /// (`testdata/page/filters.toml`), with the hybrid meeting's `online`
    /// tag written `ONLINE`: the page must read that tag in any case.
    fn filtered() -> String {
        let file = include_str!("../../../testdata/page/filters.toml");
        let (written, upper) = (
            r#"tags = ["open", "Big Book", "online"]"#,
            r#"tags = ["open", "Big Book", "ONLINE"]"#,
        );
        assert_eq!(file.matches(written).count(), 1, "the hybrid's tags");
        file.replace(written, upper)
    }

    fn page(toml: &str) -> String {
        let schedule = Schedule::from_toml_str(toml).unwrap();
        let now = DateTime::from_timestamp(1_668_081_600, 0).unwrap();
        let files = files(&schedule, &PageOptions::new(now)).unwrap();
        files.last().unwrap().1.clone()
    }

    /// Issue 29 item 4: the page's style says start and end, never
    /// left and right, so that `dir="rtl"` (a right-to-left language's
    /// page) mirrors it; the browser test `page_mirrors_right_to_left`
    /// checks the layout itself.
    #[test]
    fn the_style_is_written_in_logical_directions() {
        let css = include_str!("../templates/page.css");
        for physical in ["left", "right"] {
            let used: Vec<&str> = css
                .split(['{', ';', '}'])
                .filter(|d| {
                    let d = d.trim();
                    let (property, value) =
                        d.split_once(':').unwrap_or((d, ""));
                    property.contains(physical) || value.contains(physical)
                })
                .collect();
            assert!(used.is_empty(), "{physical}: {used:?}");
        }
        assert!(css.contains("margin-inline-start"));
    }

    /// Each session carries what the filters read; the tag filter offers
    /// every tag but `online`, sorted, as written.
    #[test]
    fn sessions_carry_what_the_filters_read() {
        let html = page(&filtered());
        let item = |id: &str| {
            let at = html.find(&format!("id=\"{id}\"")).unwrap();
            html[at..html[at..].find('>').unwrap() + at].to_string()
        };
        // Thursday 10 November 19:30 is the first session listed.
        assert!(
            item("s0").ends_with(
                "data-mode=\"in-person\" data-tags=\"closed Big%20Book\""
            ),
            "{}",
            item("s0")
        );
        assert!(item("s1").ends_with(
            "data-mode=\"online in-person\" data-tags=\"open Big%20Book\""
        ));
        assert!(
            item("s2").ends_with("data-mode=\"online\" data-tags=\"open\"")
        );
        let tags: Vec<&str> = html
            .split("<input type=\"checkbox\" name=\"tag\" value=\"")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        assert_eq!(tags, ["Big Book", "closed", "open"]);
        assert!(html.contains(
            "<span id=\"filter-count\" role=\"status\">12 of 12 sessions shown</span>"
        ));
        // Without the script the filters are hidden: every session shows.
        assert!(html.contains("<div id=\"filters\" hidden>"));
    }

    /// A site's page over [`PAGE_SESSIONS`] lists the next sessions
    /// and sends members to the groups' pages for the rest.
    #[test]
    fn a_sites_page_over_its_cap_points_to_the_groups_pages() {
        let group = |g: usize| {
            let mut toml = format!(
                "name = \"Group {g}\"\ntimezone = \"Europe/London\"\n"
            );
            for i in 0..60 {
                toml += &format!(
                    "\n[[meetings]]\nid = \"g{g}-m{i:02}\"\nname = \"Meeting {i}\"\n\
                     weekly = {{ day = \"monday\", time = \"{:02}:{:02}\" }}\n\
                     duration = \"30m\"\nstarts = \"2022-10-03\"\n",
                    8 + i / 6,
                    (i % 6) * 10
                );
            }
            (format!("g{g}.toml"), Schedule::from_toml_str(&toml).unwrap())
        };
        let site =
            convenor_core::Schedules::new([group(1), group(2)]).unwrap();
        let now = DateTime::from_timestamp(1_668_081_600, 0).unwrap();
        let html = site_files(&site, &PageOptions::new(now))
            .unwrap()
            .pop()
            .unwrap()
            .1;
        // 2 groups x 60 meetings x 4 Mondays = 480 sessions.
        assert_eq!(html.matches("<li class=\"session").count(), PAGE_SESSIONS);
        assert!(html.contains(
            "<p data-l10n=\"page-more\">And 80 more sessions in these weeks: each \
             group&#39;s page lists all of its own, or subscribe below to see them all.</p>"
        ));
        assert!(html.contains(
            "<option value=\"g1\" data-href=\"g1/\">Group 1</option>"
        ));
    }

    /// The script's plural forms of the count, in each language, as the
    /// first language's markup and the script's words.
    #[test]
    fn the_count_has_each_plural_form_of_the_language() {
        let schedule = Schedule::from_toml_str(&filtered()).unwrap();
        let now = DateTime::from_timestamp(1_668_081_600, 0).unwrap();
        let options =
            PageOptions::new(now).with_languages([Lang::Sk, Lang::Ja]);
        let html = files(&schedule, &options).unwrap().pop().unwrap().1;
        assert!(html.contains(">Zobrazuje sa 12 z 12 stretnutí</span>"));
        let l10n = html
            .split("<script type=\"application/json\" id=\"page-l10n\">")
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .unwrap();
        let wordings: serde_json::Value = serde_json::from_str(l10n).unwrap();
        assert_eq!(
            wordings[0]["counts"],
            serde_json::json!({
                "few": "Zobrazujú sa %s z 12 stretnutí",
                "one": "Zobrazuje sa %s z 12 stretnutí",
                "other": "Zobrazuje sa %s z 12 stretnutí",
            })
        );
        assert_eq!(
            wordings[1]["counts"],
            serde_json::json!({ "other": "12件中%s件のミーティングを表示" })
        );
        assert_eq!(wordings[1]["weekdays"][5], "土曜日");
    }
}
