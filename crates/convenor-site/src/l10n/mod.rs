//! convenor's words in each [`Lang`] (issue 29): sentences from Project
//! Fluent message files (`ftl/<code>.ftl`, compiled in, with each
//! language's plural rules), dates, times, weekday, month and zone names
//! from CLDR through ICU4X (the locale's own patterns and 12- or 24-hour
//! clock, "hora del Pacífico" where CLDR names the zone). English is the
//! core's own words ([`convenor_core::words`]); the other languages word
//! the same facts ([`convenor_core::ChangeRef::rules`],
//! [`convenor_core::announce::Line`]) here.
//!
//! A message a language lacks falls back to English (a test fails on
//! any such gap), never to an empty string.
//!
//! ```
//! use convenor_site::l10n::{Lang, Words};
//! let es = Words::new(Lang::Es);
//! let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 14).unwrap();
//! assert_eq!(es.month_day(day), "14 de noviembre");
//! assert_eq!(es.weekday(chrono::Weekday::Sat), "sábado");
//! assert_eq!(es.message("starts", &[("date", es.month_day(day))]), "Comienza el 14 de noviembre");
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Offset, Timelike, Weekday};
use convenor_core::announce::{Announcement, Line};
use convenor_core::words::Recurrence;
use convenor_core::words::{Phrase, Phrasebook};
use convenor_core::{
    ChangeKind, ChangeRef, LocalTime, MeetingDuration, Pattern, Rule, Zone,
};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_calendar::Date;
use icu_datetime::fieldsets::enums::DateFieldSet;
use icu_datetime::fieldsets::{self, zone::GenericLong};
use icu_datetime::{DateTimeFormatter, NoCalendarFormatter};
use icu_locale_core::Locale;
use icu_time::zone::{TimeZone as IcuZone, UtcOffset, ZoneNameTimestamp};
use icu_time::Time;

pub use convenor_core::Lang;

/// The message file of a language, as compiled in.
///
/// ```
/// use convenor_site::l10n::{messages, Lang};
/// assert!(messages(Lang::Fr).contains("starts = "));
/// ```
pub fn messages(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => include_str!("ftl/es.ftl"),
        Lang::Fr => include_str!("ftl/fr.ftl"),
        Lang::De => include_str!("ftl/de.ftl"),
        Lang::Ja => include_str!("ftl/ja.ftl"),
        Lang::Pt => include_str!("ftl/pt.ftl"),
        Lang::Nl => include_str!("ftl/nl.ftl"),
        Lang::Sv => include_str!("ftl/sv.ftl"),
        Lang::Sk => include_str!("ftl/sk.ftl"),
        Lang::Th => include_str!("ftl/th.ftl"),
        _ => include_str!("ftl/en.ftl"),
    }
}

/// The direction of the script a language is written in, for HTML's
/// `dir`: `rtl` or `ltr`, from CLDR through ICU4X (the script CLDR's
/// likely subtags give the language, and that script's direction), not
/// from a list kept here: a message file for Arabic, Hebrew or Persian
/// added later turns the page and the announcements right to left by
/// itself. A tag that is not a language is `ltr`.
///
/// ```
/// use convenor_site::l10n::dir;
/// assert_eq!(dir("ar"), "rtl");
/// assert_eq!(dir("he"), "rtl");
/// assert_eq!(dir("ja"), "ltr");
/// assert_eq!(dir("sr-Latn"), "ltr");
/// ```
pub fn dir(tag: &str) -> &'static str {
    let Ok(locale) = Locale::try_from_str(tag) else {
        return "ltr";
    };
    let directions = icu_locale::LocaleDirectionality::new_common();
    match directions.is_right_to_left(&locale.id) {
        true => "rtl",
        false => "ltr",
    }
}

/// The words of one language: its messages, with English's behind them,
/// and its CLDR formatters.
pub struct Words {
    lang: Lang,
    bundle: Arc<FluentBundle<FluentResource>>,
    english: Arc<FluentBundle<FluentResource>>,
    locale: Locale,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words").field("lang", &self.lang).finish()
    }
}

/// `lang`'s bundle, made once a process and shared by every [`Words`]
/// of it: a site of 1,000 groups made four a group, and its publish held
/// 125 MB of them until their files were written.
fn bundle(lang: Lang) -> Arc<FluentBundle<FluentResource>> {
    static BUNDLES: Mutex<Vec<(Lang, Arc<FluentBundle<FluentResource>>)>> =
        Mutex::new(Vec::new());
    let mut bundles = BUNDLES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, made)) = bundles.iter().find(|(l, _)| *l == lang) {
        return Arc::clone(made);
    }
    let made = Arc::new(new_bundle(lang));
    bundles.push((lang, Arc::clone(&made)));
    made
}

/// A bundle of `lang`'s messages. The files are compiled in and a test
/// parses each, so a syntax error cannot reach a user; an entry the
/// parser rejects is left out (and then falls back to English).
fn new_bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier =
        lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Plain text for posts: no Unicode isolation marks around values.
    bundle.set_use_isolating(false);
    // A number marked as a slot ([`Words::plural_forms`]) is written
    // as `%s`; every other value as Fluent writes it.
    bundle.set_formatter(Some(slot));
    // NUMBER($n, type: "ordinal"): CLDR's ordinal plural rules (`15th`,
    // `1er`, `22:a`). Adding the built-ins to a new bundle cannot fail.
    let _ = bundle.add_builtins();
    let resource = match FluentResource::try_new(messages(lang).to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    // A message given twice keeps its first.
    let _ = bundle.add_resource(resource);
    bundle
}

impl Words {
    /// The words of `lang`.
    pub fn new(lang: Lang) -> Words {
        Words {
            lang,
            bundle: bundle(lang),
            english: bundle(Lang::En),
            locale: Locale::try_from_str(lang.code())
                .unwrap_or(Locale::UNKNOWN),
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The direction of the language's script, for HTML's `dir`:
    /// [`dir`] of its code.
    ///
    /// ```
    /// use convenor_site::l10n::{Lang, Words};
    /// assert_eq!(Words::new(Lang::Th).dir(), "ltr");
    /// ```
    pub fn dir(&self) -> &'static str {
        dir(self.lang.code())
    }

    /// Whether `lang`'s own file has message `id` (not English's in its
    /// place).
    ///
    /// ```
    /// use convenor_site::l10n::{Lang, Words};
    /// assert!(Words::new(Lang::Ja).has("starts"));
    /// assert!(!Words::new(Lang::Ja).has("no-such-message"));
    /// ```
    pub fn has(&self, id: &str) -> bool {
        self.bundle.get_message(id).and_then(|m| m.value()).is_some()
    }

    /// Message `id` with its arguments (strings, or numbers for plural
    /// choices as text such as `"90"`), from this language's file, else
    /// English's; the id itself when neither has it, never an empty
    /// string.
    pub fn message(&self, id: &str, args: &[(&str, String)]) -> String {
        self.format(id, fluent_args(args))
    }

    /// Message `id` in each plural form its number `arg` takes in this
    /// language for the values `0..=upto`, with `%s` where the number
    /// goes: `{"one": "%s of 40 sessions shown", "other": ...}` in
    /// English, three forms in Slovak, one in Japanese. The forms are
    /// keyed by CLDR plural category (`zero`, `one`, `two`, `few`,
    /// `many`, `other`), as the browser's `Intl.PluralRules` names them,
    /// so a page's script can say a count it works out itself. Each form
    /// is the message Fluent chooses for a number of that category (the
    /// smallest such number in `0..=upto`), so it is what
    /// [`Words::message`] says for any number of the category.
    ///
    /// ```
    /// use convenor_site::l10n::{Lang, Words};
    /// let total = [("total", "40".to_string())];
    /// let sk = Words::new(Lang::Sk).plural_forms("page-filter-count", "shown", &total, 40);
    /// let categories: Vec<&str> = sk.keys().copied().collect();
    /// assert_eq!(categories, ["few", "one", "other"]);
    /// let en = Words::new(Lang::En).plural_forms("page-filter-count", "shown", &total, 40);
    /// assert_eq!(en["other"], "%s of 40 sessions shown");
    /// ```
    pub fn plural_forms(
        &self,
        id: &str,
        arg: &str,
        args: &[(&str, String)],
        upto: u64,
    ) -> BTreeMap<&'static str, String> {
        let mut forms = BTreeMap::new();
        let probe = plural_probe(self.lang);
        for n in 0..=upto {
            let category = probe(n);
            if forms.contains_key(category) {
                continue;
            }
            let mut fluent = fluent_args(args);
            let options = FluentNumberOptions {
                minimum_integer_digits: Some(SLOT),
                ..FluentNumberOptions::default()
            };
            fluent.set(arg, FluentNumber::new(n as f64, options));
            forms.insert(category, self.format(id, fluent));
            if forms.len() == CATEGORIES.len() {
                break;
            }
        }
        forms
    }

    fn format(&self, id: &str, fluent: FluentArgs<'_>) -> String {
        for bundle in [&self.bundle, &self.english] {
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value())
            else {
                continue;
            };
            let mut errors = Vec::new();
            let text =
                bundle.format_pattern(pattern, Some(&fluent), &mut errors);
            if !text.is_empty() {
                return text.into_owned();
            }
        }
        id.to_string()
    }

    /// The weekday's name, as CLDR writes it on its own in a date
    /// (`sábado`, `Samstag`, `土曜日`).
    pub fn weekday(&self, day: Weekday) -> String {
        // 2022-11-06 was a Sunday.
        let sunday = NaiveDate::from_ymd_opt(2022, 11, 6).unwrap_or_default();
        let date =
            sunday + chrono::Days::new(day.num_days_from_sunday().into());
        self.date_with(date, DateFieldSet::E(fieldsets::E::long()))
    }

    /// A month and day: `14 de noviembre`, `14. November`, `11月14日`.
    pub fn month_day(&self, date: NaiveDate) -> String {
        self.date_with(date, DateFieldSet::MD(fieldsets::MD::long()))
    }

    /// A whole date with its weekday: `sábado, 26 de noviembre de 2022`.
    pub fn date(&self, date: NaiveDate) -> String {
        self.date_with(date, DateFieldSet::YMDE(fieldsets::YMDE::long()))
    }

    /// A date of a line of notes (a Meeting Guide record's `notes`):
    /// with its weekday, and its year only when it is half a year or
    /// more from `today` ([`convenor_core::words::note_has_year`]):
    /// `sábado, 26 de noviembre`, `sábado, 2 de enero de 2027`.
    ///
    /// ```
    /// use convenor_site::l10n::{Lang, Words};
    /// let es = Words::new(Lang::Es);
    /// let day = |m, d| chrono::NaiveDate::from_ymd_opt(2022, m, d).unwrap();
    /// assert_eq!(es.note_date(day(11, 26), day(11, 15)), "sábado, 26 de noviembre");
    /// assert_eq!(es.note_date(day(11, 26), day(1, 1)), "sábado, 26 de noviembre de 2022");
    /// ```
    pub fn note_date(&self, date: NaiveDate, today: NaiveDate) -> String {
        match convenor_core::words::note_has_year(date, today) {
            true => self.date(date),
            false => {
                self.date_with(date, DateFieldSet::MDE(fieldsets::MDE::long()))
            }
        }
    }

    /// [`Words::note_date`] without the weekday: `26 de noviembre`.
    fn note_date_plain(&self, date: NaiveDate, today: NaiveDate) -> String {
        match convenor_core::words::note_has_year(date, today) {
            true => self.date_plain(date),
            false => self.month_day(date),
        }
    }

    /// A date without its weekday: `10 de noviembre de 2022`.
    pub fn date_plain(&self, date: NaiveDate) -> String {
        self.date_with(date, DateFieldSet::YMD(fieldsets::YMD::long()))
    }

    fn date_with(&self, date: NaiveDate, fields: DateFieldSet) -> String {
        let iso = Date::try_new_iso(
            date.year(),
            date.month() as u8,
            date.day() as u8,
        );
        let formatter =
            DateTimeFormatter::try_new(self.locale.clone().into(), fields);
        match (iso, formatter) {
            (Ok(d), Ok(f)) => f.format(&d).to_string(),
            _ => date.to_string(),
        }
    }

    /// A time of day on the language's own clock: `17:00`, `5:00 PM`.
    pub fn time(&self, time: LocalTime) -> String {
        self.clock(time.hour(), time.minute())
    }

    /// [`Words::time`] of an hour and minute.
    pub fn clock(&self, hour: u32, minute: u32) -> String {
        let t = Time::try_new(hour as u8, minute as u8, 0, 0);
        let f = NoCalendarFormatter::try_new(
            self.locale.clone().into(),
            fieldsets::T::hm(),
        );
        match (t, f) {
            (Ok(t), Ok(f)) => f.format(&t).to_string(),
            _ => format!("{hour:02}:{minute:02}"),
        }
    }

    /// The zone's name as CLDR gives it for `at` (a local date-time in
    /// the zone): `hora del Pacífico`, `heure du Pacifique
    /// nord-américain`; for a zone without such a name, the location
    /// form (`hora de Reino Unido`).
    pub fn zone(&self, zone: Zone, at: NaiveDateTime) -> String {
        let resolved = convenor_core::resolve_local(zone, at).0;
        let seconds = resolved.offset().fix().local_minus_utc();
        let name = zone.primary_name().unwrap_or(zone.name());
        let info = IcuZone::from_iana_id(name)
            .with_offset(UtcOffset::try_from_seconds(seconds).ok())
            .with_zone_name_timestamp(ZoneNameTimestamp::from_epoch_seconds(
                resolved.timestamp(),
            ));
        match NoCalendarFormatter::try_new(
            self.locale.clone().into(),
            GenericLong,
        ) {
            Ok(f) => f.format(&info).to_string(),
            Err(_) => convenor_core::words::zone_label(zone),
        }
    }

    /// A time and the zone's name: `17:00 hora del Pacífico` (as the
    /// language puts them together, message `time-in-zone`).
    pub fn time_in_zone(
        &self,
        time: LocalTime,
        zone: Zone,
        on: NaiveDate,
    ) -> String {
        let at = on.and_time(
            chrono::NaiveTime::from_hms_opt(time.hour(), time.minute(), 0)
                .unwrap_or_default(),
        );
        self.message(
            "time-in-zone",
            &[("time", self.time(time)), ("zone", self.zone(zone, at))],
        )
    }

    /// A local date-time with its weekday and the zone's name:
    /// `viernes, 23 de diciembre de 2022, 7:00 hora del Pacífico`.
    pub fn date_time_in_zone(&self, zone: Zone, at: NaiveDateTime) -> String {
        let resolved = convenor_core::resolve_local(zone, at).0;
        let local = resolved.naive_local();
        self.message(
            "date-at-time",
            &[
                ("date", self.date(local.date())),
                ("time", self.clock(local.hour(), local.minute())),
                ("zone", self.zone(zone, local)),
            ],
        )
    }
}

impl Words {
    /// A rule in words: `cada sábado a las 07:00 hora del Pacífico`
    /// (English: [`convenor_core::words::rule_words`]). `on` is a date
    /// for the zone's name (a zone's name can change with its rules).
    ///
    /// Every pattern [`Recurrence`] has words for is said in words in
    /// every language (`chaque lundi et jeudi`, `el día 15 de cada
    /// mes`, `毎年12月31日`); any other by how often it repeats, the
    /// calendar listing its dates; never the rule's text.
    pub fn rule(&self, rule: &Rule, zone: Zone, on: NaiveDate) -> String {
        self.rule_from(rule, None, zone, on)
    }

    /// [`Words::rule`] of a rule whose first session is on `first`
    /// (which gives the day of a rule that takes it from its start,
    /// `FREQ=MONTHLY` alone).
    pub fn rule_from(
        &self,
        rule: &Rule,
        first: Option<NaiveDate>,
        zone: Zone,
        on: NaiveDate,
    ) -> String {
        if self.lang == Lang::En {
            return format!(
                "{} at {} {}",
                Recurrence::of(rule, first),
                convenor_core::words::time12(rule.time()),
                convenor_core::words::zone_label(zone)
            );
        }
        let when = self.time_in_zone(rule.time(), zone, on);
        self.recurrence(&Recurrence::of(rule, first), when)
    }

    /// A [`Recurrence`] and `when` (its time and zone) in words.
    fn recurrence(&self, recurrence: &Recurrence, when: String) -> String {
        let number = |n: u32| n.to_string();
        match recurrence {
            Recurrence::Weekly { days, every: 1 } if days.len() == 1 => self
                .message(
                    "rule-weekly",
                    &[
                        ("day", self.weekday(days[0])),
                        ("weekday", weekday_code(days[0])),
                        ("when", when),
                    ],
                ),
            Recurrence::Weekly { days, every } if days.len() == 1 => self
                .message(
                    "rule-every",
                    &[
                        ("weeks", number(*every)),
                        ("day", self.weekday(days[0])),
                        ("weekday", weekday_code(days[0])),
                        ("when", when),
                    ],
                ),
            Recurrence::Weekly { days, every } => {
                let names: Vec<String> =
                    days.iter().map(|d| self.weekday(*d)).collect();
                let first = days.first().copied().unwrap_or(Weekday::Mon);
                self.message(
                    "rule-weekly-days",
                    &[
                        ("weeks", number(*every)),
                        ("days", self.and_list(&names)),
                        ("weekday", weekday_code(first)),
                        ("when", when),
                    ],
                )
            }
            Recurrence::Daily { every } => self.message(
                "rule-daily",
                &[("days", number(*every)), ("when", when)],
            ),
            Recurrence::MonthlyWeekday { nth, day, every: 1 }
                if nth.len() == 1 && matches!(nth[0], 1..=5 | -1) =>
            {
                self.message(
                    "rule-monthly-weekday",
                    &[
                        ("nth", nth_key(nth[0]).to_string()),
                        ("day", self.weekday(*day)),
                        ("weekday", weekday_code(*day)),
                        ("when", when),
                    ],
                )
            }
            Recurrence::MonthlyWeekday { nth, day, every } => {
                // Each of the month's weekdays, alone (`$full` "no":
                // "second") and with the day (`$full` "yes": "the fourth
                // Saturday counting from the end").
                let which = |full: &str| -> Vec<String> {
                    nth.iter()
                        .map(|n| {
                            self.message(
                                "nth-weekday",
                                &[
                                    ("nth", nth_key(*n).to_string()),
                                    ("weekday", weekday_code(*day)),
                                    ("day", self.weekday(*day)),
                                    ("full", full.to_string()),
                                ],
                            )
                        })
                        .collect()
                };
                let first = nth.first().copied().unwrap_or(1);
                // A weekday counted far from the month's end (the
                // fourth or fifth to last): some languages say the count
                // after the day ("the fourth Saturday counting from the
                // end of the month"), so each item of the list with its
                // day, `$which-full`, when `$from-end` is "yes".
                let from_end = nth.iter().any(|n| *n <= -4);
                self.message(
                    "rule-monthly-nth",
                    &[
                        ("nth", nth_key(first).to_string()),
                        (
                            "from-end",
                            if from_end { "yes" } else { "no" }.into(),
                        ),
                        ("which", self.and_list(&which("no"))),
                        ("which-full", self.and_list(&which("yes"))),
                        ("day", self.weekday(*day)),
                        ("weekday", weekday_code(*day)),
                        ("months", number(*every)),
                        ("when", when),
                    ],
                )
            }
            Recurrence::MonthlyDay { day, every } => {
                let nth = match *day {
                    d if d > 0 => {
                        self.message("day-of-month", &[("day", d.to_string())])
                    }
                    d => self.message(
                        "last-day-of-month",
                        &[
                            ("nth", nth_key(d).to_string()),
                            ("n", (-i32::from(d)).to_string()),
                        ],
                    ),
                };
                let key = match *day {
                    d if d > 0 => "day",
                    d => nth_key(d),
                };
                self.message(
                    "rule-monthly-day",
                    &[
                        ("nth", nth),
                        ("key", key.to_string()),
                        ("months", number(*every)),
                        ("when", when),
                    ],
                )
            }
            Recurrence::Yearly { month, day } => {
                // A leap year, so that 29 February has its words.
                let date = NaiveDate::from_ymd_opt(2000, *month, *day)
                    .map(|d| self.month_day(d))
                    .unwrap_or_default();
                self.message("rule-yearly", &[("date", date), ("when", when)])
            }
            Recurrence::Other { frequency } => self.message(
                "rule-pattern",
                &[("frequency", frequency.to_string()), ("when", when)],
            ),
            // A kind the core adds later: said as a pattern until it
            // has its own message.
            _ => self.message(
                "rule-pattern",
                &[("frequency", "monthly".to_string()), ("when", when)],
            ),
        }
    }

    /// Items as the language lists them (`lunes, miércoles y viernes`,
    /// `月曜日、木曜日`): messages `list-comma` and `list-and`, CLDR's
    /// list patterns for the language.
    pub fn and_list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., before, last] => {
                let mut text = self.message(
                    "list-and",
                    &[("first", before.clone()), ("last", last.clone())],
                );
                for item in init.iter().rev() {
                    text = self.message(
                        "list-comma",
                        &[("first", item.clone()), ("rest", text)],
                    );
                }
                text
            }
        }
    }

    /// What a change does, without the meeting's name (English:
    /// [`ChangeRef::what`]).
    ///
    /// ```
    /// use convenor_site::l10n::{Lang, Words};
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let change = &seed.changes_since(chrono::NaiveDate::MIN)[0];
    /// assert_eq!(Words::new(Lang::En).what(change), change.what());
    /// assert_eq!(
    ///     Words::new(Lang::Es).what(change),
    ///     "desde el 12 de noviembre de 2022, cada sábado a las 07:00 hora del Pacífico \
    ///      en lugar de cada sábado a las 09:30 hora del Pacífico"
    /// );
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn what(&self, change: &ChangeRef<'_>) -> String {
        if self.lang == Lang::En {
            return change.what();
        }
        let zone = change.meeting.zone();
        let minutes = |d: Option<MeetingDuration>| {
            d.map_or(String::new(), |d| {
                self.message(
                    "minutes-long",
                    &[("minutes", d.minutes().to_string())],
                )
            })
        };
        match &change.change.kind {
            ChangeKind::Reschedule(r) => {
                let (before, after) = change.rules();
                let (first_before, first_after) = change.first_sessions();
                let on = r.effective;
                self.message(
                    "change-reschedule",
                    &[
                        ("date", self.date_plain(on)),
                        (
                            "after",
                            self.rule_from(&after, first_after, zone, on),
                        ),
                        (
                            "before",
                            self.rule_from(&before, first_before, zone, on),
                        ),
                    ],
                ) + &minutes(r.duration)
            }
            ChangeKind::Cancel { date } => {
                self.message("change-cancel", &[("date", self.date(*date))])
            }
            ChangeKind::Move { date, to, duration } => {
                self.message(
                    "change-move",
                    &[
                        ("date", self.date(*date)),
                        ("to", self.date_time_in_zone(zone, *to)),
                    ],
                ) + &minutes(*duration)
            }
            ChangeKind::Extra { at, duration } => {
                self.message(
                    "change-extra",
                    &[("at", self.date_time_in_zone(zone, *at))],
                ) + &minutes(*duration)
            }
            ChangeKind::End { effective } => {
                self.message("change-end", &[("date", self.date(*effective))])
            }
        }
    }

    /// A change as a footnote says it: `NAME: WHAT (announced DATE) —
    /// NOTE` (English: [`ChangeRef`]'s `Display`).
    pub fn change(&self, change: &ChangeRef<'_>) -> String {
        if self.lang == Lang::En {
            return change.to_string();
        }
        let mut text =
            format!("{}: {}", change.meeting.name(), self.what(change));
        if let Some(a) = change.change.announced {
            text += &format!(
                " ({})",
                self.message("announced", &[("date", self.date_plain(a))])
            );
        }
        if let Some(note) = &change.change.note {
            text += &format!(" — {note}");
        }
        text
    }

    /// A line of an announcement, without footnote marks (English:
    /// [`Line::text`]): `Sábado: 7:00 hora del Pacífico (Comienza el 12
    /// de noviembre)`.
    pub fn line(&self, list: &Announcement, line: &Line) -> String {
        if self.lang == Lang::En {
            return line.text();
        }
        let zone = list.meeting(line).zone();
        let on = line.starts.unwrap_or(list.as_of);
        let when = match line.rule.pattern() {
            Pattern::Weekly { day, every } if every.weeks() == 1 => self
                .message(
                    "line-weekly",
                    &[
                        ("day", self.weekday(*day)),
                        (
                            "when",
                            self.time_in_zone(line.rule.time(), zone, on),
                        ),
                    ],
                ),
            _ => self.recurrence(
                &line.recurrence,
                self.time_in_zone(line.rule.time(), zone, on),
            ),
        };
        let mut parts = vec![capitalize(&when).into_owned()];
        for e in &line.times {
            let time = self.time(e.time);
            let name = self.zone(e.zone, on.and_time(chrono::NaiveTime::MIN));
            let shifts: Vec<String> = line
                .shifts
                .iter()
                .filter(|s| s.at.zone == e.zone)
                .map(|s| {
                    let time = self.time(s.at.time);
                    let date = self.month_day(s.from);
                    match s.at.day {
                        Some(day) => self.message(
                            "shift-day",
                            &[
                                ("time", time),
                                ("day", self.weekday(day)),
                                ("date", date),
                            ],
                        ),
                        None => self.message(
                            "shift",
                            &[("time", time), ("date", date)],
                        ),
                    }
                })
                .collect();
            let shifts = if shifts.is_empty() {
                String::new()
            } else {
                format!(" ({})", shifts.join(", "))
            };
            parts.push(
                match e.day {
                    Some(day) => self.message(
                        "elsewhere-day",
                        &[
                            ("time", time),
                            ("day", self.weekday(day)),
                            ("zone", name),
                        ],
                    ),
                    None => self.message(
                        "time-in-zone",
                        &[("time", time), ("zone", name)],
                    ),
                } + &shifts,
            );
        }
        let mut text = parts.join(" · ");
        if let Some(d) = line.starts {
            text += &format!(
                " ({})",
                self.message("starts", &[("date", self.month_day(d))])
            );
        }
        if let Some(d) = line.ends {
            text += &format!(
                " ({})",
                self.message("ends", &[("date", self.month_day(d))])
            );
        }
        text
    }
}

/// Arguments as [`Words::message`] takes them: text that reads as a
/// whole number is a number (for plural choices), the rest text.
fn fluent_args<'a>(args: &[(&'a str, String)]) -> FluentArgs<'a> {
    let mut fluent = FluentArgs::new();
    for (k, v) in args {
        let value = match v.parse::<i64>() {
            Ok(n) => FluentValue::from(n),
            Err(_) => FluentValue::from(v.clone()),
        };
        fluent.set(*k, value);
    }
    fluent
}

/// The mark of a number [`Words::plural_forms`] writes as `%s`: an
/// option Fluent reads neither to choose a plural form nor to write a
/// number, so the marked number chooses as its value does.
const SLOT: usize = 1_000;

/// The CLDR plural categories, as Fluent's variant keys and
/// `Intl.PluralRules` name them.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Writes a number marked with [`SLOT`] as `%s`; any other value is left
/// to Fluent.
fn slot<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n)
            if n.options.minimum_integer_digits == Some(SLOT) =>
        {
            Some("%s".to_string())
        }
        _ => None,
    }
}

/// The plural category of a whole number in `lang`, as Fluent chooses a
/// variant for it (the same rules as the language's messages).
fn plural_probe(lang: Lang) -> impl Fn(u64) -> &'static str {
    let id: unic_langid::LanguageIdentifier =
        lang.code().parse().unwrap_or_default();
    let mut bundle: FluentBundle<FluentResource> =
        FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    let variants: String = CATEGORIES
        .iter()
        .map(|c| {
            let default = if *c == "other" { "*" } else { " " };
            format!("  {default}[{c}] {c}\n")
        })
        .collect();
    let text = format!("category = {{ $n ->\n{variants}}}\n");
    // The text above is fixed and parses; were it not to, every number
    // would be `other`, which the page's script also falls back to.
    if let Ok(resource) = FluentResource::try_new(text) {
        let _ = bundle.add_resource(resource);
    }
    move |n| {
        let mut args = FluentArgs::new();
        args.set("n", FluentValue::from(n));
        let said = bundle
            .get_message("category")
            .and_then(|m| m.value())
            .map(|p| {
                bundle
                    .format_pattern(p, Some(&args), &mut Vec::new())
                    .into_owned()
            })
            .unwrap_or_default();
        CATEGORIES.iter().copied().find(|c| *c == said).unwrap_or("other")
    }
}

/// The feeds' sentences ([`Phrase`]) in the language: what
/// `convenor-ical`'s descriptions and reminders are given
/// (`IcalOptions::with_words`), so their words are these files' too.
/// English is the core's own ([`convenor_core::words::English`]).
///
/// ```
/// use convenor_core::words::{Phrase, Phrasebook};
/// use convenor_site::l10n::{Lang, Words};
/// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 12).unwrap();
/// assert_eq!(Words::new(Lang::Es).phrase(&Phrase::Starts(day)), "Comienza el sábado, 12 de noviembre de 2022");
/// assert_eq!(Words::new(Lang::En).phrase(&Phrase::Starts(day)), "Starts Saturday 12 November 2022");
/// let reminder = Phrase::Reminder { meeting: "Sábado", before: "90m".parse()?, url: None };
/// assert_eq!(Words::new(Lang::Es).phrase(&reminder), "Sábado empieza en 1 hora y 30 minutos");
/// # Ok::<(), convenor_core::Problem>(())
/// ```
impl Phrasebook for Words {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn phrase(&self, phrase: &Phrase<'_>) -> String {
        if self.lang == Lang::En {
            return phrase.to_string();
        }
        let dated = |id: &str, d: NaiveDate| {
            self.message(
                id,
                &[
                    ("date", self.date(d)),
                    ("plain", self.date_plain(d)),
                    ("weekday", weekday_code(d.weekday())),
                ],
            )
        };
        let list = |items: &[String]| items.join(", ");
        match phrase {
            Phrase::Starts(d) => dated("notes-starts", *d),
            Phrase::NoMeetingsAfter(d) => dated("notes-no-meetings-after", *d),
            Phrase::EveryWeeks { weeks, next } => {
                let dates: Vec<String> =
                    next.iter().map(|d| self.date_plain(*d)).collect();
                self.message(
                    "notes-every-weeks",
                    &[
                        ("weeks", weeks.to_string()),
                        ("dates", self.and_list(&dates)),
                    ],
                )
            }
            Phrase::EndsNextDay { time, zone, on } => {
                let at = on.and_time(time.to_naive());
                self.message(
                    "notes-ends-next-day",
                    &[
                        ("time", self.time(*time)),
                        ("zone", self.zone(*zone, at)),
                    ],
                )
            }
            Phrase::Change { change, .. } => self.what(change),
            Phrase::Convenors(names) => {
                self.message("ical-convenors", &[("names", list(names))])
            }
            Phrase::Join(url) => {
                self.message("ical-join", &[("url", url.to_string())])
            }
            Phrase::Phone(phone) => {
                self.message("ical-phone", &[("phone", phone.to_string())])
            }
            Phrase::Tags(tags) => {
                self.message("ical-tags", &[("tags", list(tags))])
            }
            Phrase::Reminder { meeting, before, url } => {
                let minutes = before.minutes();
                let hours = |h: u32| {
                    self.message("reminder-hours", &[("hours", h.to_string())])
                };
                let mins = |m: u32| {
                    self.message(
                        "reminder-minutes",
                        &[("minutes", m.to_string())],
                    )
                };
                let before = match (minutes / 60, minutes % 60) {
                    (0, m) => mins(m),
                    (h, 0) => hours(h),
                    (h, m) => self.message(
                        "reminder-hours-minutes",
                        &[("hours", hours(h)), ("minutes", mins(m))],
                    ),
                };
                let mut args =
                    vec![("name", meeting.to_string()), ("before", before)];
                match url {
                    Some(url) => {
                        args.push(("url", url.to_string()));
                        self.message("reminder-link", &args)
                    }
                    None => self.message("reminder", &args),
                }
            }
            Phrase::JoinOnline => self.message("join-online", &[]),
            Phrase::NoteCancel { .. }
            | Phrase::NoteMove { .. }
            | Phrase::NoteExtra { .. }
            | Phrase::NoteReschedule { .. }
            | Phrase::NoteEnd { .. } => {
                capitalize(&self.note_line(phrase)).into_owned()
            }
            // A phrase the core adds later: its English until this
            // language has words for it.
            _ => phrase.to_string(),
        }
    }
}

impl Words {
    /// A change as a line of notes ([`Phrase::NoteCancel`] ...
    /// [`Phrase::NoteEnd`]): messages `notes-cancel`, `notes-move`, ...
    /// with the line's date first (`$date` with its weekday, `$plain`
    /// without, `$weekday` its code), the change's note by
    /// `notes-with-note`.
    fn note_line(&self, phrase: &Phrase<'_>) -> String {
        let minutes = |d: Option<MeetingDuration>| {
            d.map_or(String::new(), |d| {
                self.message(
                    "minutes-long",
                    &[("minutes", d.minutes().to_string())],
                )
            })
        };
        let dated = |id: &str,
                     d: NaiveDate,
                     today: NaiveDate,
                     more: &[(&'static str, String)]| {
            let mut args = vec![
                ("date", self.note_date(d, today)),
                ("plain", self.note_date_plain(d, today)),
                ("weekday", weekday_code(d.weekday())),
            ];
            args.extend(more.iter().cloned());
            self.message(id, &args)
        };
        let with_note = |text: String, note: Option<&str>| match note {
            Some(note) => self.message(
                "notes-with-note",
                &[("text", text), ("note", note.to_string())],
            ),
            None => text,
        };
        let local = |zone: Zone, at: NaiveDateTime| {
            convenor_core::resolve_local(zone, at).0.naive_local()
        };
        match phrase {
            Phrase::NoteCancel { date, back_on, note, today } => {
                let text = dated("notes-cancel", *date, *today, &[]);
                let text = with_note(text, *note);
                match back_on {
                    Some(back) => dated(
                        "notes-back-on",
                        *back,
                        *today,
                        &[("text", text)],
                    ),
                    None => text,
                }
            }
            Phrase::NoteMove { date, to, zone, duration, note, today } => {
                let at = local(*zone, *to);
                let to = self.message(
                    "date-at-time",
                    &[
                        ("date", self.note_date(at.date(), *today)),
                        ("time", self.clock(at.hour(), at.minute())),
                        ("zone", self.zone(*zone, at)),
                    ],
                );
                let text = dated("notes-move", *date, *today, &[("to", to)]);
                with_note(text + &minutes(*duration), *note)
            }
            Phrase::NoteExtra { at, zone, duration, note, today } => {
                let at = local(*zone, *at);
                let when = self.message(
                    "time-in-zone",
                    &[
                        ("time", self.clock(at.hour(), at.minute())),
                        ("zone", self.zone(*zone, at)),
                    ],
                );
                let text =
                    dated("notes-extra", at.date(), *today, &[("when", when)]);
                with_note(text + &minutes(*duration), *note)
            }
            Phrase::NoteReschedule {
                from,
                after,
                first_after,
                before,
                first_before,
                zone,
                duration,
                note,
                today,
            } => {
                let text = dated(
                    "notes-reschedule",
                    *from,
                    *today,
                    &[
                        (
                            "after",
                            self.rule_from(after, *first_after, *zone, *from),
                        ),
                        (
                            "before",
                            self.rule_from(
                                before,
                                *first_before,
                                *zone,
                                *from,
                            ),
                        ),
                    ],
                );
                with_note(text + &minutes(*duration), *note)
            }
            Phrase::NoteEnd { from, note, today } => {
                with_note(dated("notes-end", *from, *today, &[]), *note)
            }
            other => other.to_string(),
        }
    }
}

/// `first` ... `fifth`, `last`, `second-last` ... `fifth-last`, then
/// `nth-last` (with the count as `$n`): which of a month's weekdays (or
/// days from its end), as messages select on it.
fn nth_key(n: i8) -> &'static str {
    match n {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        -2 => "second-last",
        -3 => "third-last",
        -4 => "fourth-last",
        -5 => "fifth-last",
        n if n < -5 => "nth-last",
        _ => "last",
    }
}

/// `sun` ... `sat`: a weekday as messages select on it.
fn weekday_code(day: Weekday) -> String {
    day.to_string().to_ascii_lowercase()
}

/// `text` with its first letter upper-case, as a line of a list starts
/// (`sábado` → `Sábado`); scripts without case are unchanged.
pub fn capitalize(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => {
            Cow::Owned(c.to_uppercase().chain(chars).collect())
        }
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids of the messages of a file, each parsed without error.
    fn ids(lang: Lang) -> Vec<String> {
        let text = messages(lang);
        if let Err((_, e)) = FluentResource::try_new(text.to_string()) {
            panic!("{lang}.ftl: {e:?}");
        }
        // A message starts a line with its id and ` =`.
        text.lines()
            .filter_map(|l| l.split_once(" ="))
            .map(|(id, _)| id)
            .filter(|id| {
                id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            })
            .map(str::to_string)
            .collect()
    }

    /// Every language has every English message and no other: a gap
    /// would fall back to English in the middle of its text.
    #[test]
    fn every_language_has_every_message() {
        let english = ids(Lang::En);
        assert!(english.len() > 15, "{english:?}");
        for lang in Lang::ALL {
            let theirs = ids(lang);
            let missing: Vec<_> =
                english.iter().filter(|id| !theirs.contains(id)).collect();
            let extra: Vec<_> =
                theirs.iter().filter(|id| !english.contains(id)).collect();
            assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
            assert!(extra.is_empty(), "{lang}.ftl has unknown {extra:?}");
            let words = Words::new(lang);
            for id in &english {
                assert!(words.has(id), "{lang}: {id}");
            }
        }
    }

    /// A message the language lacks is English's; one nobody has is its
    /// id, never an empty string.
    #[test]
    fn a_missing_message_falls_back_to_english() {
        // A Spanish bundle without "starts", as a file missing it.
        let id: unic_langid::LanguageIdentifier = "es".parse().unwrap();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle.set_use_isolating(false);
        let file = FluentResource::try_new("join = Unirse\n".into()).unwrap();
        bundle.add_resource(file).unwrap();
        let words = Words {
            lang: Lang::Es,
            bundle: Arc::new(bundle),
            english: super::bundle(Lang::En),
            locale: Locale::try_from_str("es").unwrap(),
        };
        assert!(!words.has("starts"));
        assert_eq!(
            words.message("starts", &[("date", "x".into())]),
            "Starts x"
        );
        assert_eq!(words.message("join", &[]), "Unirse");
        assert_eq!(words.message("no-such", &[]), "no-such");
    }

    /// Plural rules: Slovak has three forms, Japanese one.
    #[test]
    fn plurals_follow_the_language() {
        let sk = Words::new(Lang::Sk);
        let m = |w: &Words, n: &str| {
            w.message("minutes-long", &[("minutes", n.into())])
        };
        assert_eq!(m(&sk, "1"), ", 1 minúta");
        assert_eq!(m(&sk, "3"), ", 3 minúty");
        assert_eq!(m(&sk, "90"), ", 90 minút");
        assert_eq!(m(&Words::new(Lang::Ja), "90"), "（90分間）");
        assert_eq!(m(&Words::new(Lang::En), "1"), ", 1 minute long");
    }

    /// The forms of a count a page's script chooses from say what the
    /// message says for every number, in every language: `%s` stands
    /// where the number goes, and no form is missing.
    #[test]
    fn plural_forms_say_what_the_message_says() {
        for lang in Lang::ALL {
            let words = Words::new(lang);
            let probe = plural_probe(lang);
            for total in [1_u64, 8, 40, 400] {
                let args = [("total", total.to_string())];
                let forms = words.plural_forms(
                    "page-filter-count",
                    "shown",
                    &args,
                    total,
                );
                for n in 0..=total {
                    let form = &forms[probe(n)];
                    assert_eq!(
                        form.matches("%s").count(),
                        1,
                        "{lang}: {form}"
                    );
                    assert_eq!(
                        form.replace("%s", &n.to_string()),
                        words.message(
                            "page-filter-count",
                            &[
                                ("shown", n.to_string()),
                                ("total", total.to_string())
                            ]
                        ),
                        "{lang}: {n} of {total}"
                    );
                }
            }
        }
        // English says the total's plural; French the number shown's.
        let en = Words::new(Lang::En);
        let one = [("shown", "1".to_string()), ("total", "1".to_string())];
        assert_eq!(
            en.message("page-filter-count", &one),
            "1 of 1 session shown"
        );
        let fr = Words::new(Lang::Fr);
        let two = [("shown", "2".to_string()), ("total", "8".to_string())];
        assert_eq!(
            fr.message("page-filter-count", &two),
            "2 réunions affichées sur 8"
        );
    }

    /// Issue 32 item 7 in every language: an RRULE meeting in words
    /// from the core's `Recurrence`, never the rule's text.
    #[test]
    fn rrule_meetings_are_said_in_words_in_every_language() {
        let london: Zone = "Europe/London".parse().unwrap();
        let on = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let four = LocalTime::new(16, 0).unwrap();
        let first_sunday =
            Rule::rrule("FREQ=MONTHLY;BYDAY=1SU", four).unwrap();
        let last_friday =
            Rule::rrule("FREQ=MONTHLY;BYDAY=-1FR", four).unwrap();
        let yearly = Rule::rrule("FREQ=YEARLY;BYYEARDAY=100", four).unwrap();
        for lang in Lang::ALL {
            let words = Words::new(lang);
            for rule in [&first_sunday, &last_friday, &yearly] {
                let text = words.rule(rule, london, on);
                assert!(
                    !text.contains("FREQ") && !text.contains("BY"),
                    "{lang}: {text}"
                );
            }
            if lang != Lang::En {
                let sunday = words.weekday(Weekday::Sun);
                assert!(
                    words.rule(&first_sunday, london, on).contains(&sunday),
                    "{lang}"
                );
                let text = words.rule(&yearly, london, on);
                assert!(
                    !text.contains("pattern")
                        && !text.contains("the calendar"),
                    "{lang}: {text}"
                );
            }
        }
        let fr = Words::new(Lang::Fr);
        assert!(
            fr.rule(&first_sunday, london, on)
                .starts_with("le premier dimanche de chaque mois à 16:00"),
            "{}",
            fr.rule(&first_sunday, london, on)
        );
        let es = Words::new(Lang::Es).rule(&last_friday, london, on);
        assert!(
            es.starts_with("el último viernes de cada mes a las 16:00"),
            "{es}"
        );
        let ja = Words::new(Lang::Ja).rule(&first_sunday, london, on);
        assert!(
            ja.starts_with("毎月第1日曜日 ") && ja.contains("16:00"),
            "{ja}"
        );
    }

    /// Every RRULE pattern `Recurrence` has words for, as each test
    /// below says it: (rule, first session where the rule takes its day
    /// from it).
    const PATTERNS: &[&str] = &[
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY;BYDAY=SA",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA",
        "FREQ=MONTHLY;BYDAY=1SU",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYDAY=1MO,3MO",
        "FREQ=MONTHLY;BYDAY=-2WE",
        "FREQ=MONTHLY;BYDAY=SA;BYSETPOS=-3",
        "FREQ=MONTHLY;BYDAY=-4SA",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=-4MO",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=1SU",
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=2SA,4SA",
        "FREQ=MONTHLY;BYMONTHDAY=1",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYMONTHDAY=22",
        "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYMONTHDAY=-2",
        "FREQ=MONTHLY;BYMONTHDAY=-10",
        "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
    ];

    /// English words that must not appear in another language's text,
    /// less the few a language shares (Dutch "week", French "minutes").
    fn english_words(lang: Lang, text: &str) -> Vec<String> {
        const ENGLISH: &[&str] = &[
            "every",
            "each",
            "day",
            "days",
            "week",
            "weeks",
            "month",
            "months",
            "year",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "last",
            "and",
            "of",
            "the",
            "on",
            "at",
            "to",
            "from",
            "pattern",
            "calendar",
            "lists",
            "dates",
            "starts",
            "ends",
            "meetings",
            "after",
            "next",
            "hour",
            "hours",
            "minute",
            "minutes",
            "join",
            "phone",
            "tags",
            "convenors",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "january",
            "february",
            "st",
            "nd",
            "rd",
            "th",
        ];
        let shared: &[&str] = match lang {
            Lang::Nl => &["week", "meetings"],
            Lang::Fr => &["minute", "minutes", "dates"],
            Lang::De => &["minute"],
            _ => &[],
        };
        text.split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .filter(|w| ENGLISH.contains(&w.as_str()))
            .filter(|w| !shared.contains(&w.as_str()))
            .collect()
    }

    /// Issue 29: every pattern the core words in English is said in
    /// words in every language, each differently, with no English word
    /// and no rule text.
    #[test]
    fn every_recurrence_is_said_in_every_language() {
        let london: Zone = "Europe/London".parse().unwrap();
        let on = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let four = LocalTime::new(16, 0).unwrap();
        let rules: Vec<Rule> =
            PATTERNS.iter().map(|p| Rule::rrule(p, four).unwrap()).collect();
        for lang in Lang::ALL {
            let words = Words::new(lang);
            let texts: Vec<String> =
                rules.iter().map(|r| words.rule(r, london, on)).collect();
            for (pattern, text) in PATTERNS.iter().zip(&texts) {
                assert!(
                    !text.contains("FREQ") && !text.contains("BY"),
                    "{lang} {pattern}: {text}"
                );
                if lang != Lang::En {
                    let english = english_words(lang, text);
                    assert!(
                        english.is_empty(),
                        "{lang} {pattern}: {text}: {english:?}"
                    );
                    assert!(!text.contains('{'), "{lang}: {text}");
                }
            }
            // Each differently; only the last by how often it repeats.
            let when = words.time_in_zone(four, london, on);
            let generic: Vec<String> =
                ["daily", "weekly", "monthly", "yearly"]
                    .iter()
                    .map(|f| {
                        let args = [
                            ("frequency", f.to_string()),
                            ("when", when.clone()),
                        ];
                        words.message("rule-pattern", &args)
                    })
                    .collect();
            for (i, (pattern, text)) in PATTERNS.iter().zip(&texts).enumerate()
            {
                let same = texts.iter().filter(|t| *t == text).count();
                assert_eq!(same, 1, "{lang} {pattern}: {text}");
                let is_generic = i + 1 == PATTERNS.len();
                assert_eq!(
                    generic.contains(text),
                    is_generic && lang != Lang::En,
                    "{lang} {pattern}: {text}"
                );
            }
        }
    }

    /// The grammar of a few: ordinals from CLDR's rules (`1er`,
    /// `22:a`), lists with the language's `and`, genders.
    #[test]
    fn recurrences_in_the_language_s_grammar() {
        let london: Zone = "Europe/London".parse().unwrap();
        let on = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let four = LocalTime::new(16, 0).unwrap();
        let say = |lang: Lang, rrule: &str| {
            let rule = Rule::rrule(rrule, four).unwrap();
            let text = Words::new(lang).rule(&rule, london, on);
            let when = Words::new(lang).time_in_zone(four, london, on);
            text.replace(&when, "WHEN")
        };
        let cases = [
            (
                Lang::Fr,
                "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                "chaque lundi, mercredi et vendredi à WHEN",
            ),
            (
                Lang::Fr,
                "FREQ=MONTHLY;BYMONTHDAY=1",
                "le 1er de chaque mois à WHEN",
            ),
            (
                Lang::Fr,
                "FREQ=MONTHLY;BYMONTHDAY=15",
                "le 15 de chaque mois à WHEN",
            ),
            (Lang::Fr, "FREQ=DAILY", "tous les jours à WHEN"),
            (
                Lang::Es,
                "FREQ=MONTHLY;BYDAY=1MO,3MO",
                "el primer y tercer lunes de cada mes a las WHEN",
            ),
            (
                Lang::Es,
                "FREQ=MONTHLY;BYMONTHDAY=-1",
                "el último día de cada mes a las WHEN",
            ),
            (
                Lang::Es,
                "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
                "cada año el 31 de diciembre a las WHEN",
            ),
            (
                Lang::De,
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=1SU",
                "alle 2 Monate am ersten Sonntag um WHEN",
            ),
            (
                Lang::De,
                "FREQ=MONTHLY;BYMONTHDAY=15",
                "am 15. jedes Monats um WHEN",
            ),
            (
                Lang::Sv,
                "FREQ=MONTHLY;BYMONTHDAY=22",
                "den 22:a varje månad kl. WHEN",
            ),
            (
                Lang::Sv,
                "FREQ=MONTHLY;BYMONTHDAY=15",
                "den 15:e varje månad kl. WHEN",
            ),
            (
                Lang::Pt,
                "FREQ=WEEKLY;BYDAY=MO,TH",
                "toda segunda-feira e quinta-feira às WHEN",
            ),
            (
                Lang::Pt,
                "FREQ=MONTHLY;INTERVAL=3;BYDAY=2SA,4SA",
                "a cada 3 meses, no segundo e quarto sábado, às WHEN",
            ),
            // Issue 29: the fourth and fifth to last, counted from the
            // month's end after the weekday.
            (
                Lang::Es,
                "FREQ=MONTHLY;BYDAY=-4SA",
                "el cuarto sábado contando desde el final de cada mes a las WHEN",
            ),
            (
                Lang::Es,
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=-4MO",
                "cada 2 meses, el cuarto lunes contando desde el final del \
                 mes, a las WHEN",
            ),
            (
                Lang::Fr,
                "FREQ=MONTHLY;BYDAY=-4SA",
                "le quatrième samedi en partant de la fin de chaque mois à WHEN",
            ),
            (
                Lang::Fr,
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=-4MO",
                "tous les 2 mois, le quatrième lundi en partant de la fin du \
                 mois, à WHEN",
            ),
            (
                Lang::Pt,
                "FREQ=MONTHLY;BYDAY=-4SA",
                "no quarto sábado a contar do fim de cada mês às WHEN",
            ),
            (
                Lang::Pt,
                "FREQ=MONTHLY;BYDAY=-4MO",
                "na quarta segunda-feira a contar do fim de cada mês às WHEN",
            ),
            (
                Lang::Pt,
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=-4MO",
                "a cada 2 meses, na quarta segunda-feira a contar do fim do \
                 mês, às WHEN",
            ),
            (
                Lang::Es,
                "FREQ=MONTHLY;BYDAY=1MO,-4MO",
                "el primer lunes y el cuarto lunes contando desde el final \
                 de cada mes a las WHEN",
            ),
            (
                Lang::Fr,
                "FREQ=MONTHLY;BYDAY=-4SA,-1SA",
                "le quatrième samedi en partant de la fin et le dernier \
                 samedi de chaque mois à WHEN",
            ),
            (
                Lang::Pt,
                "FREQ=MONTHLY;BYDAY=1MO,-4MO",
                "na primeira segunda-feira e na quarta segunda-feira a \
                 contar do fim de cada mês às WHEN",
            ),
            (Lang::Sk, "FREQ=DAILY;INTERVAL=3", "každé 3 dni o WHEN"),
            (
                Lang::Sk,
                "FREQ=MONTHLY;BYDAY=-2WE",
                "každý mesiac, predposledná streda o WHEN",
            ),
            (
                Lang::Ja,
                "FREQ=MONTHLY;BYDAY=1MO,3MO",
                "毎月第1、第3月曜日 WHEN",
            ),
            (
                Lang::Ja,
                "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
                "毎年12月31日 WHEN",
            ),
            (
                Lang::Nl,
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA",
                "om de 2 weken op dinsdag en zaterdag om WHEN",
            ),
        ];
        for (lang, rrule, expected) in cases {
            assert_eq!(say(lang, rrule), expected, "{lang} {rrule}");
        }
    }

    /// Issue 29: the sentences of the feeds in every language, with no
    /// English word; English is the core's own.
    #[test]
    fn feed_phrases_in_every_language() {
        let la: Zone = "America/Los_Angeles".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2022, 11, 12).unwrap();
        let next = [day, NaiveDate::from_ymd_opt(2022, 11, 26).unwrap()];
        let names = vec!["Kara K".to_string(), "Ann B".to_string()];
        let tags = vec!["abierta".to_string()];
        let phrases = [
            Phrase::Starts(day),
            Phrase::EveryWeeks { weeks: 2, next: &next },
            Phrase::NoMeetingsAfter(day),
            Phrase::EndsNextDay {
                time: LocalTime::new(1, 0).unwrap(),
                zone: la,
                on: day,
            },
            Phrase::Convenors(&names),
            Phrase::Join("https://zoom.example/j/1"),
            Phrase::Phone("+1 555 0100"),
            Phrase::Tags(&tags),
            Phrase::Reminder {
                meeting: "Grupo",
                before: "15m".parse().unwrap(),
                url: None,
            },
            Phrase::Reminder {
                meeting: "Grupo",
                before: "90m".parse().unwrap(),
                url: Some("https://zoom.example/j/1"),
            },
            Phrase::Reminder {
                meeting: "Grupo",
                before: "1h".parse().unwrap(),
                url: None,
            },
            Phrase::JoinOnline,
        ];
        for lang in Lang::ALL {
            let words = Words::new(lang);
            for phrase in &phrases {
                let text = words.phrase(phrase);
                if lang == Lang::En {
                    assert_eq!(text, phrase.to_string());
                    continue;
                }
                let english = english_words(lang, &text);
                assert!(english.is_empty(), "{lang}: {text}: {english:?}");
                assert!(!text.is_empty() && !text.contains('{'), "{text}");
            }
        }
        let sk = Words::new(Lang::Sk);
        let reminder = |minutes: &str| Phrase::Reminder {
            meeting: "Skupina",
            before: minutes.parse().unwrap(),
            url: None,
        };
        assert_eq!(sk.phrase(&reminder("1m")), "Skupina začína o 1 minútu");
        assert_eq!(sk.phrase(&reminder("3m")), "Skupina začína o 3 minúty");
        assert_eq!(
            sk.phrase(&reminder("2h5m")),
            "Skupina začína o 2 hodiny a 5 minút"
        );
        let ja = Words::new(Lang::Ja);
        assert_eq!(
            ja.phrase(&reminder("90m")),
            "Skupinaは1時間30分後に始まります"
        );
        let de = Words::new(Lang::De);
        assert_eq!(
            de.phrase(&Phrase::EveryWeeks { weeks: 2, next: &next }),
            "Alle 2 Wochen, nicht jede Woche; nächste Termine: \
             12. November 2022 und 26. November 2022"
        );
    }

    /// Issue 29: a Meeting Guide record's note lines (every kind of
    /// change, with a note, a length, a cancellation with and without a
    /// next session, a date a year away) in every language: each
    /// language's own weekday and month names, no English word, no
    /// gap; English is the core's `note_line`.
    #[test]
    fn note_lines_in_every_language() {
        let text = "name = 'x'\ntimezone = 'America/Los_Angeles'\n\
            [[meetings]]\nid = 'sat'\nname = 'S'\n\
            weekly = { day = 'saturday', time = '10:00' }\nduration = '60m'\n\
            starts = '2022-11-05'\n\
            [[meetings.changes]]\nkind = 'cancel'\ndate = '2022-11-26'\nnote = 'NOTE'\n\
            [[meetings.changes]]\nkind = 'move'\ndate = '2022-11-19'\n\
            to = '2022-11-22T18:00'\nduration = '90m'\n\
            [[meetings.changes]]\nkind = 'extra'\nat = '2022-12-01T12:00'\n\
            [[meetings.changes]]\nkind = 'reschedule'\neffective = '2022-12-10'\n\
            day = 'sunday'\ntime = '17:30'\n\
            [[meetings.changes]]\nkind = 'cancel'\ndate = '2023-12-31'\n\
            [[meetings.changes]]\nkind = 'end'\neffective = '2024-01-01'\n";
        let schedule = convenor_core::Schedule::from_toml_str(text).unwrap();
        let today = NaiveDate::from_ymd_opt(2022, 11, 15).unwrap();
        let changes = schedule.changes_since(NaiveDate::MIN);
        assert_eq!(changes.len(), 6);
        for lang in Lang::ALL {
            let words = Words::new(lang);
            let lines: Vec<String> = changes
                .iter()
                .map(|c| c.note_line_in(today, &words))
                .collect();
            for (c, line) in changes.iter().zip(&lines) {
                if lang == Lang::En {
                    assert_eq!(line, &c.note_line(today));
                    continue;
                }
                let english = english_words(lang, &line.replace("NOTE", ""));
                assert!(english.is_empty(), "{lang}: {line}: {english:?}");
                assert!(!line.contains('{'), "{lang}: {line}");
            }
            let all = lines.join("\n");
            let saturday =
                capitalize(&words.weekday(Weekday::Sat)).into_owned();
            assert!(all.contains(&saturday), "{lang}: {all}");
            assert!(all.contains("NOTE"), "{lang}: {all}");
            // The cancellation a year away gives its year (Thai in the
            // Buddhist era).
            let year = if lang == Lang::Th { "2566" } else { "2023" };
            assert!(lines[4].contains(year), "{lang}: {}", lines[4]);
            assert!(!lines[0].contains("2022"), "{lang}: {}", lines[0]);
        }
        let fr: Vec<String> = changes
            .iter()
            .map(|c| c.note_line_in(today, &Words::new(Lang::Fr)))
            .collect();
        assert_eq!(
            fr[..2],
            [
                "Samedi 19 novembre : réunion déplacée au mardi 22 novembre \
                 à 18:00 heure du Pacifique nord-américain, d’une durée de \
                 90 minutes",
                // The extra session of 1 December is the next.
                "Samedi 26 novembre : pas de réunion (NOTE), reprise le \
                 jeudi 1 décembre",
            ]
        );
    }

    /// Issue 29 item 4: `dir` comes from CLDR's data through ICU4X, not
    /// from a list: languages convenor has no file for yet say `rtl` by
    /// their script (Punjabi in Gurmukhi `ltr`, in Arabic script `rtl`),
    /// and so would the page and announcements of such a file.
    #[test]
    fn direction_comes_from_the_locale() {
        for tag in ["ar", "he", "fa", "ur", "ar-EG", "pa-Arab"] {
            assert_eq!(dir(tag), "rtl", "{tag}");
        }
        for tag in ["pa", "az", "en-US", "sr-Cyrl", "not a tag"] {
            assert_eq!(dir(tag), "ltr", "{tag}");
        }
        for lang in Lang::ALL {
            assert_eq!(Words::new(lang).dir(), "ltr", "{lang}");
        }
    }

    /// Names and clocks are CLDR's, per language.
    #[test]
    fn cldr_names_and_clocks() {
        let la: Zone = "America/Los_Angeles".parse().unwrap();
        let d = NaiveDate::from_ymd_opt(2022, 11, 14).unwrap();
        let at = d.and_hms_opt(17, 0, 0).unwrap();
        let es = Words::new(Lang::Es);
        assert_eq!(es.zone(la, at), "hora del Pacífico");
        assert_eq!(es.date(d), "lunes, 14 de noviembre de 2022");
        assert_eq!(Words::new(Lang::En).clock(17, 0), "5:00\u{202f}PM");
        assert_eq!(Words::new(Lang::De).clock(17, 0), "17:00");
        assert_eq!(Words::new(Lang::De).month_day(d), "14. November");
        assert_eq!(Words::new(Lang::Ja).weekday(Weekday::Sat), "土曜日");
        // Thai dates are in the Buddhist era, as Thai readers expect.
        assert!(Words::new(Lang::Th).date(d).contains("2565"));
    }
}
