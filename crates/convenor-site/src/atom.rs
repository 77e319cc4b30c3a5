//! `changes.atom`: the changes of one schedule or several as an Atom
//! feed (RFC 4287), for feed readers, e-mail digests and chat bots.
//!
//! One entry per change, newest first: its title and content are the
//! core's plain words for it ([`ChangeRef::describe`] and its
//! `Display`), or another language's ([`AtomOptions::with_lang`]:
//! [`Words::what`] and [`Words::change`]), `updated` is the day it was announced (or, without
//! `announced`, the day it is about: [`convenor_core::Change::announced_on`]),
//! and its `id` is a `tag:` URI (RFC 4151) from the schedule's UID domain,
//! the meeting, the change's kind and date, which stays the same however
//! the file around it changes. Written with the `atom_syndication`
//! crate, which escapes every text.
//!
//! ```
//! use convenor_site::atom::{self, AtomOptions};
//!
//! let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
//! let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
//! let xml = atom::schedule_to_string(&seed, &AtomOptions::new(now));
//! assert!(xml.contains("<id>tag:lifering.org,2022-11-10:co-occurring-saturday/reschedule/2022-11-12</id>"));
//! assert!(xml.contains("<updated>2022-11-10T00:00:00+00:00</updated>"));
//! assert!(xml.contains(
//!     "<title>Co-Occurring Disorders (Saturday): from Saturday 12 November 2022, \
//!      Saturdays at 7:00am Pacific instead of Saturdays at 9:30am Pacific</title>"
//! ));
//! # Ok::<(), convenor_core::Error>(())
//! ```

use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use convenor_core::words::DateStyle;
use convenor_core::{ChangeRef, Schedule, Schedules, WebUrl};

use crate::l10n::{Lang, Words};

/// What a feed of changes needs besides the schedules: the instant it is
/// made (the `updated` of a feed with no entry) and where the page is.
///
/// ```
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let options = convenor_site::atom::AtomOptions::new(now);
/// assert_eq!(options.now(), now);
/// ```
#[derive(Clone, Debug)]
pub struct AtomOptions {
    now: DateTime<Utc>,
    page: Option<WebUrl>,
    domain: Option<String>,
    lang: Lang,
}

impl AtomOptions {
    /// Options for a feed made at `now`, its links relative (`./`, the
    /// page beside it).
    pub fn new(now: DateTime<Utc>) -> AtomOptions {
        AtomOptions { now, page: None, domain: None, lang: Lang::En }
    }

    /// The language of the feed's title and of each entry's words
    /// (default: English, the core's own).
    ///
    /// ```
    /// use convenor_site::atom::{self, AtomOptions};
    /// use convenor_site::l10n::Lang;
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
    /// let xml = atom::schedule_to_string(&seed, &AtomOptions::new(now).with_lang(Lang::Fr));
    /// assert!(xml.contains(
    ///     "<title>Co-Occurring Disorders (Saturday): à partir du 12 novembre 2022, chaque samedi à"
    /// ), "{xml}");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    #[must_use]
    pub fn with_lang(mut self, lang: Lang) -> AtomOptions {
        self.lang = lang;
        self
    }

    /// The language of the feed's words.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The page's address: the feed's links and its own address
    /// (`changes.atom` beside the page) are absolute.
    #[must_use]
    pub fn with_page(mut self, page: WebUrl) -> AtomOptions {
        self.page = Some(page);
        self
    }

    /// The domain of the entries' ids, as the calendars' UID domain
    /// (default: each schedule's [`Schedule::calendar_domain`]).
    #[must_use]
    pub fn with_domain(mut self, domain: impl Into<String>) -> AtomOptions {
        self.domain = Some(domain.into());
        self
    }

    /// The instant the feed is made.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }
}

/// One schedule's changes as an Atom feed.
pub fn schedule_to_string(
    schedule: &Schedule,
    options: &AtomOptions,
) -> String {
    feed(schedule.name(), &[schedule], options)
}

/// The changes of several schedules (a site's) as one Atom feed, each
/// entry with its own schedule's domain in its id and its own schedule as
/// its author (its group).
///
/// ```
/// use convenor_core::{Schedule, Schedules};
/// use convenor_site::atom::{self, AtomOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let site = Schedules::new([("seed.toml".into(), seed)])?.with_name("Our site");
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let xml = atom::schedules_to_string(&site, &AtomOptions::new(now));
/// assert!(xml.contains("<title>Our site: changes</title>"));
/// assert!(xml.contains("<author><name>LifeRing Co-Occurring Disorders Meetings</name></author>"));
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn schedules_to_string(
    schedules: &Schedules,
    options: &AtomOptions,
) -> String {
    let all: Vec<&Schedule> = schedules.schedules().iter().collect();
    feed(&schedules.name(), &all, options)
}

/// The feed of `schedules`' changes, titled after `name`.
fn feed(name: &str, schedules: &[&Schedule], options: &AtomOptions) -> String {
    let page = options.page.as_ref().map_or("./", |p| p.as_str());
    let words = Words::new(options.lang);
    let mut entries: Vec<(NaiveDate, usize, Entry)> = Vec::new();
    for schedule in schedules {
        let domain = domain(schedule, options);
        let author =
            Person { name: schedule.name().to_string(), ..Default::default() };
        for change in schedule.changes_since(NaiveDate::MIN) {
            let day = change.change.announced_on();
            let order = entries.len();
            let entry = entry(&words, &change, &domain, &author, page);
            entries.push((day, order, entry));
        }
    }
    // Newest first; of one day, the later in listing order first.
    entries.sort_by_key(|&(day, order, _)| std::cmp::Reverse((day, order)));
    let updated = entries.first().map_or_else(
        || options.now.fixed_offset(),
        |(day, ..)| midnight(*day),
    );
    let site = schedules.first().map_or_else(
        || options.domain.clone().unwrap_or_else(|| "convenor.invalid".into()),
        |s| domain(s, options),
    );
    let id = match &options.page {
        Some(page) => format!("{}changes.atom", with_slash(page.as_str())),
        // Without an address, a tag: RFC 4151 wants a date in it, and a
        // fixed one keeps the id the same from publish to publish.
        None => format!("tag:{site},2000-01-01:{}/changes", slug(name)),
    };
    let mut links = vec![Link {
        href: page.to_string(),
        rel: "alternate".to_string(),
        mime_type: Some("text/html".to_string()),
        ..Default::default()
    }];
    if options.page.is_some() {
        links.push(Link {
            href: id.clone(),
            rel: "self".to_string(),
            mime_type: Some("application/atom+xml".to_string()),
            ..Default::default()
        });
    }
    let feed = Feed {
        title: Text::plain(match options.lang {
            Lang::En => format!("{name}: changes"),
            _ => words.message("atom-changes", &[("name", name.to_string())]),
        }),
        id,
        updated,
        authors: vec![Person { name: name.to_string(), ..Default::default() }],
        links,
        entries: entries.into_iter().map(|(.., e)| e).collect(),
        ..Default::default()
    };
    feed.to_string()
}

/// One change's entry.
fn entry(
    words: &Words,
    change: &ChangeRef<'_>,
    domain: &str,
    author: &Person,
    page: &str,
) -> Entry {
    let c = change.change;
    let day = c.announced_on();
    let what = match words.lang() {
        Lang::En => change.describe(DateStyle::Long),
        _ => words.what(change),
    };
    let title = format!("{}: {what}", change.meeting.name());
    Entry {
        title: Text::plain(title),
        id: format!(
            "tag:{domain},{day}:{}/{}/{}",
            change.meeting.id(),
            c.kind.name(),
            c.date()
        ),
        updated: midnight(day),
        authors: vec![author.clone()],
        links: vec![Link {
            href: page.to_string(),
            rel: "alternate".to_string(),
            mime_type: Some("text/html".to_string()),
            ..Default::default()
        }],
        content: Some(Content {
            value: Some(words.change(change)),
            content_type: Some("text".to_string()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The options' domain, else the schedule's calendar domain
/// ([`Schedule::calendar_domain`]), as the calendars' UIDs have it.
fn domain(schedule: &Schedule, options: &AtomOptions) -> String {
    match &options.domain {
        Some(d) => d.clone(),
        None => schedule.calendar_domain().to_string(),
    }
}

fn midnight(day: NaiveDate) -> DateTime<FixedOffset> {
    day.and_time(chrono::NaiveTime::MIN).and_utc().fixed_offset()
}

fn with_slash(url: &str) -> String {
    match url.ends_with('/') {
        true => url.to_string(),
        false => match url.rfind('/') {
            Some(i) => url[..=i].to_string(),
            None => format!("{url}/"),
        },
    }
}

fn slug(name: &str) -> String {
    match convenor_core::MeetingId::slug_from(name) {
        s if s.is_empty() => "schedule".to_string(),
        s => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_one_entry_a_change_and_the_same_for_a_given_now() {
        let text = "name = 'x'\nurl = 'https://x.example/'\ntimezone = 'UTC'\n\
                    [[meetings]]\nid = 'mon'\nname = 'Mon <&>'\n\
                    weekly = { day = 'monday', time = '19:00' }\nduration = '60m'\n\
                    starts = '2022-11-07'\n\
                    [[meetings.changes]]\nkind = 'cancel'\ndate = '2022-11-14'\nannounced = '2022-11-01'\n\
                    [[meetings.changes]]\nkind = 'cancel'\ndate = '2022-11-21'\n\
                    [[meetings.changes]]\nkind = 'extra'\nat = '2022-11-16T19:00'\nannounced = '2022-11-05'\nnote = 'Bring a friend'\n";
        let s = Schedule::from_toml_str(text).unwrap();
        let now = DateTime::from_timestamp(1_668_081_600, 0).unwrap();
        let xml = schedule_to_string(&s, &AtomOptions::new(now));
        assert_eq!(xml, schedule_to_string(&s, &AtomOptions::new(now)));
        let ids: Vec<&str> = xml
            .split("<entry>")
            .skip(1)
            .filter_map(|e| e.split("<id>").nth(1)?.split("</id>").next())
            .collect();
        assert_eq!(
            ids,
            [
                "tag:x.example,2022-11-21:mon/cancel/2022-11-21",
                "tag:x.example,2022-11-05:mon/extra/2022-11-16",
                "tag:x.example,2022-11-01:mon/cancel/2022-11-14",
            ]
        );
        assert!(xml.contains("Mon &lt;&amp;&gt;"), "{xml}");
        assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        // The feed is as new as its newest entry.
        assert!(
            xml.contains(
                "<updated>2022-11-21T00:00:00+00:00</updated><author>"
            ),
            "{xml}"
        );
    }
}
