//! Validating the schedule file: [`Schedule`] from a [`ScheduleSpec`],
//! every problem collected with its field path.

use super::{ChangeSpec, MeetingSpec, ScheduleSpec, WeeklySpec};
use crate::change::{Change, ChangeKind, Reschedule};
use crate::error::{Error, FieldPath, Invalid, Problem};
use crate::meeting::{Meeting, Online, Place};
use crate::rule::{Pattern, RRulePattern, Rule};
use crate::schedule::Schedule;
use crate::suggest::DateMeant;
use crate::values::{
    check_phone, parse_date, parse_local_datetime, parse_weekday, Interval,
    LocalTime, MeetingDuration, MeetingId, WEEKDAY_NAMES,
};
use crate::web_url::WebUrl;
use crate::zone::Zone;

/// A change's `kind`, parsed once, so that the fields each kind takes
/// and the change it makes are matched exhaustively.
#[derive(Clone, Copy)]
enum Kind {
    Reschedule,
    Cancel,
    Move,
    Extra,
    End,
}

impl Kind {
    const ALL: [Kind; 5] =
        [Kind::Reschedule, Kind::Cancel, Kind::Move, Kind::Extra, Kind::End];

    /// The name as the file writes it.
    fn name(self) -> &'static str {
        match self {
            Kind::Reschedule => "reschedule",
            Kind::Cancel => "cancel",
            Kind::Move => "move",
            Kind::Extra => "extra",
            Kind::End => "end",
        }
    }

    fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == text)
    }

    /// The fields a change of this kind takes, besides `kind`,
    /// `announced` and `note`.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Reschedule => &[
                "effective",
                "time",
                "day",
                "every",
                "weekly",
                "rrule",
                "duration",
            ],
            Kind::Cancel => &["date"],
            Kind::Move => &["date", "to", "duration"],
            Kind::Extra => &["at", "duration"],
            Kind::End => &["effective"],
        }
    }
}

/// Collects problems while converting, so a file reports all of them.
struct Check {
    problems: Vec<Invalid>,
    meeting: Option<String>,
}

impl Check {
    fn report(&mut self, mut p: Invalid) {
        p.meeting = p.meeting.or_else(|| self.meeting.clone());
        self.problems.push(p);
    }

    fn value<T>(
        &mut self,
        path: impl FnOnce() -> FieldPath,
        parsed: Result<T, Problem>,
        suggest: impl FnOnce() -> Option<String>,
    ) -> Option<T> {
        parsed
            .map_err(|p| {
                // A date (or date-time) written day or month first: the
                // ISO one meant, when there is one.
                let meant = || match &p {
                    Problem::BadDate(d) | Problem::BadDateTime(d) => {
                        match DateMeant::of(d) {
                            Some(DateMeant::One(iso)) => Some(iso),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                let suggestion = suggest().or_else(meant);
                self.report(Invalid::new(p, path()).suggest(suggestion))
            })
            .ok()
    }

    fn opt<T>(
        &mut self,
        path: impl FnOnce() -> FieldPath,
        text: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, Problem>,
    ) -> Option<Option<T>> {
        match text {
            None => Some(None),
            Some(t) => self.value(path, parse(t), || None).map(Some),
        }
    }

    fn zone(
        &mut self,
        path: impl FnOnce() -> FieldPath,
        name: &str,
    ) -> Option<Zone> {
        match crate::Tzdata::current().zone(name) {
            Ok(zone) => Some(zone),
            Err(e) if e.unreadable.is_some() => {
                let problem = Problem::UnreadableZone(e.to_string());
                self.report(Invalid::new(problem, path()));
                None
            }
            Err(e) => {
                let invalid =
                    Invalid::new(Problem::UnknownZone(e.name), path());
                self.report(invalid.suggest(e.suggestion));
                None
            }
        }
    }

    /// A link ([`WebUrl`]); one with spaces around it gets the URL
    /// without them suggested (they are refused, not trimmed).
    fn url(
        &mut self,
        path: impl FnOnce() -> FieldPath,
        text: Option<&str>,
    ) -> Option<Option<WebUrl>> {
        let text = match text {
            None => return Some(None),
            Some(t) => t,
        };
        self.value(path, WebUrl::new(text), || {
            let trimmed = text.trim();
            (trimmed != text && WebUrl::new(trimmed).is_ok())
                .then(|| trimmed.to_string())
        })
        .map(Some)
    }

    /// A 24-hour time; `7pm` and the like get their `HH:MM` suggested.
    fn time(
        &mut self,
        path: impl FnOnce() -> FieldPath,
        text: &str,
    ) -> Option<LocalTime> {
        self.value(path, text.parse(), || crate::suggest::time24(text))
    }

    fn weekday(
        &mut self,
        path: impl FnOnce() -> FieldPath,
        name: &str,
    ) -> Option<chrono::Weekday> {
        self.value(path, parse_weekday(name), || {
            crate::suggest::nearest(name, WEEKDAY_NAMES).map(str::to_string)
        })
    }

    fn interval(
        &mut self,
        path: impl FnOnce() -> FieldPath,
        every: Option<u32>,
    ) -> Option<Option<Interval>> {
        match every {
            None => Some(None),
            Some(n) => self.value(path, Interval::new(n), || None).map(Some),
        }
    }

    /// Reminder lengths (`15m`, `1h`), each checked: a length given
    /// twice counts once, and more than [`crate::MAX_REMINDERS`]
    /// different ones are an error.
    fn reminders(
        &mut self,
        path: &FieldPath,
        texts: &[String],
    ) -> Option<Vec<MeetingDuration>> {
        // Bounded work: past the limit, only the count matters.
        let mut distinct: Vec<MeetingDuration> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut ok = true;
        for (i, t) in texts.iter().enumerate() {
            match self.value(|| path.index(i), t.parse(), || None) {
                Some(r) if seen.insert(r) => distinct.push(r),
                Some(_) => {}
                None => ok = false,
            }
        }
        if distinct.len() > crate::MAX_REMINDERS {
            self.shape(
                path.clone(),
                Problem::TooManyReminders(distinct.len()),
            );
            return None;
        }
        ok.then_some(distinct)
    }

    /// Names are what people see in every view and feed: not empty.
    fn name(&mut self, path: impl FnOnce() -> FieldPath, name: &str) {
        if name.trim().is_empty() {
            self.shape(path(), Problem::EmptyName);
        }
    }

    fn shape(&mut self, path: FieldPath, problem: Problem) {
        self.report(Invalid::new(problem, path));
    }
}

impl TryFrom<ScheduleSpec> for Schedule {
    type Error = Error;

    /// Validates a schedule file: every problem is reported, in file
    /// order, with its meeting, field and a suggestion.
    fn try_from(spec: ScheduleSpec) -> Result<Schedule, Error> {
        let root = FieldPath::root();
        let mut check = Check { problems: Vec::new(), meeting: None };
        let default_zone = spec
            .timezone
            .as_deref()
            .and_then(|z| check.zone(|| root.key("timezone"), z));
        check.name(|| root.key("name"), &spec.name);
        let url = check.url(|| root.key("url"), spec.url.as_deref());
        let uid_domain = check.opt(
            || root.key("uid_domain"),
            spec.uid_domain.as_deref(),
            WebUrl::host_name,
        );
        let languages: Vec<crate::Lang> = spec
            .languages
            .iter()
            .enumerate()
            .filter_map(|(i, tag)| {
                let lang = crate::Lang::from_tag(tag)
                    .ok_or_else(|| Problem::BadLanguage(tag.clone()));
                check.value(|| root.key("languages").index(i), lang, || None)
            })
            .collect();
        let mut meetings = Vec::with_capacity(spec.meetings.len());
        let has_zone = spec.timezone.is_some();
        for (i, m) in spec.meetings.into_iter().enumerate() {
            let path = root.key("meetings").index(i);
            // A meeting is named by its id only when the id is valid;
            // otherwise problems give its place (`meetings[2]`).
            check.meeting = MeetingId::new(&m.id).ok().map(|_| m.id.clone());
            let zone = match (&m.timezone, has_zone) {
                (Some(z), _) => check.zone(|| path.key("timezone"), z),
                (None, true) => default_zone,
                (None, false) => {
                    check.shape(path.key("timezone"), Problem::NoZone);
                    None
                }
            };
            if let Some(meeting) = meeting(&mut check, &path, m, zone) {
                match meeting.rebuilt(&path) {
                    Ok(m) => meetings.push(m),
                    Err(problems) => check.problems.extend(problems),
                }
            }
        }
        // The schedule's own field: no meeting's.
        check.meeting = None;
        let reminders =
            check.reminders(&root.key("reminders"), &spec.reminders);
        if let Some(err) = Error::from_problems(check.problems) {
            return Err(err);
        }
        Ok(Schedule::new(spec.name, default_zone, meetings)?
            .with_reminders(reminders.unwrap_or_default())
            .with_url(url.flatten())
            .with_uid_domain(uid_domain.flatten())
            .with_languages(languages)
            .with_area(spec.area)
            .with_meeting_guide_types(spec.meeting_guide_types))
    }
}

/// A meeting's values, before its history is folded in. Its text moves
/// into the meeting (no copies of names, tags or notes).
fn meeting(
    check: &mut Check,
    path: &FieldPath,
    m: MeetingSpec,
    zone: Option<Zone>,
) -> Option<Meeting> {
    let id = check.value(
        || path.key("id"),
        MeetingId::new(&m.id),
        || {
            // No suggestion that silently drops letters (`café` is not `caf`).
            if m.id.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
                return None;
            }
            let slug = MeetingId::slug_from(&m.id);
            MeetingId::new(&slug).ok().map(|_| slug)
        },
    );
    check.name(|| path.key("name"), &m.name);
    let mut online_url = Some(None);
    if let Some(o) = &m.online {
        let online = path.key("online");
        online_url = check.url(|| online.key("url"), o.url.as_deref());
        if let Some(phone) = &o.phone {
            check.value(|| online.key("phone"), check_phone(phone), || None);
        }
    }
    let url = check.url(|| path.key("url"), m.url.as_deref());
    let rule = rule(check, path, &m);
    let duration =
        check.value(|| path.key("duration"), m.duration.parse(), || None);
    let starts =
        check.value(|| path.key("starts"), parse_date(&m.starts), || None);
    let ends = check.opt(|| path.key("ends"), m.ends.as_deref(), parse_date);
    let changes: Vec<Option<Change>> = m
        .changes
        .iter()
        .enumerate()
        .map(|(i, c)| change(check, &path.key("changes").index(i), c))
        .collect();
    let changes: Option<Vec<Change>> = changes.into_iter().collect();
    let reminders = match &m.reminders {
        Some(r) => check.reminders(&path.key("reminders"), r).map(Some),
        None => Some(None),
    };
    let MeetingSpec {
        name,
        notes,
        tags,
        convenors,
        online,
        venue,
        address,
        area,
        ..
    } = m;
    let place = Place {
        online: online.map(|o| Online {
            url: online_url.flatten(),
            phone: o.phone,
            notes: o.notes,
        }),
        venue,
        address,
        area,
    };
    let meeting =
        Meeting::unfolded(id?, name, zone?, rule?, duration?, starts?)
            .with_tags(tags)
            .with_convenors(convenors)
            .with_place(place)
            .with_url(url?)
            .with_reminders(reminders?)
            .set_history(ends?, changes?);
    let meeting = match notes {
        Some(n) => meeting.with_notes(n),
        None => meeting,
    };
    Some(meeting)
}

/// The pattern and time that `weekly` / `rrule` / `time` give, each
/// `None` when not given; `None` overall when a problem was reported.
fn rule_parts(
    check: &mut Check,
    path: &FieldPath,
    weekly: Option<&WeeklySpec>,
    rrule: Option<&str>,
    time: Option<&str>,
) -> Option<(Option<Pattern>, Option<LocalTime>)> {
    let inner_time = weekly.and_then(|w| w.time.as_deref());
    // Each part is checked even when another fails, so all are reported.
    let time: Option<Option<LocalTime>> = match (inner_time, time) {
        (Some(_), Some(_)) => {
            check.shape(
                path.key("time"),
                Problem::TimeShape(
                    "`time` is given twice, in `weekly` and beside it; keep one",
                ),
            );
            None
        }
        (Some(t), None) => {
            check.time(|| path.key("weekly").key("time"), t).map(Some)
        }
        (None, Some(t)) => check.time(|| path.key("time"), t).map(Some),
        (None, None) => Some(None),
    };
    let pattern: Option<Option<Pattern>> = match (weekly, rrule) {
        (Some(w), None) => {
            let day = check.weekday(|| path.key("weekly").key("day"), &w.day);
            let every =
                check.interval(|| path.key("weekly").key("every"), w.every);
            day.zip(every).map(|(day, every)| {
                Some(Pattern::Weekly {
                    day,
                    every: every.unwrap_or(Interval::WEEKLY),
                })
            })
        }
        (None, Some(r)) => check
            .value(|| path.key("rrule"), RRulePattern::new(r), || None)
            .map(|p| Some(Pattern::RRule(p))),
        (Some(_), Some(_)) => {
            check.shape(
                path.key("rrule"),
                Problem::RuleShape("give `weekly` or `rrule`, not both"),
            );
            None
        }
        (None, None) => Some(None),
    };
    let (pattern, time) = (pattern?, time?);
    Some((pattern, time))
}

/// A meeting's rule: both a pattern and a time are required.
fn rule(check: &mut Check, path: &FieldPath, m: &MeetingSpec) -> Option<Rule> {
    let (pattern, time) = rule_parts(
        check,
        path,
        m.weekly.as_ref(),
        m.rrule.as_deref(),
        m.time.as_deref(),
    )?;
    let Some(pattern) = pattern else {
        check.shape(
            path.key("weekly"),
            Problem::RuleShape(
                "no rule: give `weekly = { day = \"saturday\", time = \"07:00\" }` \
                 or `rrule = \"FREQ=MONTHLY;BYDAY=2TU\"` with `time`",
            ),
        );
        return None;
    };
    let Some(time) = time else {
        let field = if m.rrule.is_some() { "rrule" } else { "weekly" };
        check.shape(
            path.key(field),
            Problem::TimeShape(
                "the rule needs a `time`, such as `time = \"19:00\"`",
            ),
        );
        return None;
    };
    Some(Rule::new(pattern, time))
}

fn change(
    check: &mut Check,
    path: &FieldPath,
    c: &ChangeSpec,
) -> Option<Change> {
    let announced = check.opt(
        || path.key("announced"),
        c.announced.as_deref(),
        parse_date,
    );
    let duration = check.opt(
        || path.key("duration"),
        c.duration.as_deref(),
        str::parse::<MeetingDuration>,
    );
    let Some(kind) = Kind::parse(&c.kind) else {
        let names = Kind::ALL.map(Kind::name);
        let p = Invalid::new(
            Problem::BadChangeKind(c.kind.clone()),
            path.key("kind"),
        )
        .suggest(crate::suggest::nearest(&c.kind, names).map(str::to_string));
        check.report(p);
        return None;
    };
    let date_field = |check: &mut Check,
                      field: &'static str,
                      value: &Option<String>| {
        match value {
            Some(v) => check.value(|| path.key(field), parse_date(v), || None),
            None => {
                check.shape(
                    path.key(field),
                    Problem::MissingField { field, kind: kind.name() },
                );
                None
            }
        }
    };
    let local_field =
        |check: &mut Check, field: &'static str, value: &Option<String>| {
            match value {
                Some(v) => check.value(
                    || path.key(field),
                    parse_local_datetime(v),
                    || None,
                ),
                None => {
                    check.shape(
                        path.key(field),
                        Problem::MissingField { field, kind: kind.name() },
                    );
                    None
                }
            }
        };
    let allowed = kind.fields();
    let given = [
        ("effective", c.effective.is_some()),
        ("date", c.date.is_some()),
        ("to", c.to.is_some()),
        ("at", c.at.is_some()),
        ("time", c.time.is_some()),
        ("day", c.day.is_some()),
        ("every", c.every.is_some()),
        ("weekly", c.weekly.is_some()),
        ("rrule", c.rrule.is_some()),
        ("duration", c.duration.is_some()),
    ];
    let mut misplaced = false;
    for (field, is_given) in given {
        if is_given && !allowed.contains(&field) {
            check.shape(
                path.key(field),
                Problem::FieldNotForKind { field, kind: kind.name() },
            );
            misplaced = true;
        }
    }
    let kind = match kind {
        Kind::Reschedule => {
            let effective = date_field(check, "effective", &c.effective);
            let (pattern, time) = rule_parts(
                check,
                path,
                c.weekly.as_ref(),
                c.rrule.as_deref(),
                c.time.as_deref(),
            )?;
            let day = match &c.day {
                Some(d) => Some(check.weekday(|| path.key("day"), d)?),
                None => None,
            };
            let every = check.interval(|| path.key("every"), c.every)?;
            ChangeKind::Reschedule(Reschedule {
                time,
                day,
                every,
                pattern,
                duration: duration?,
                ..Reschedule::effective(effective?)
            })
        }
        Kind::Cancel => {
            ChangeKind::Cancel { date: date_field(check, "date", &c.date)? }
        }
        Kind::Move => {
            let date = date_field(check, "date", &c.date);
            let to = local_field(check, "to", &c.to);
            ChangeKind::Move { date: date?, to: to?, duration: duration? }
        }
        Kind::Extra => ChangeKind::Extra {
            at: local_field(check, "at", &c.at)?,
            duration: duration?,
        },
        Kind::End => ChangeKind::End {
            effective: date_field(check, "effective", &c.effective)?,
        },
    };
    if misplaced {
        return None;
    }
    Some(Change { kind, announced: announced?, note: c.note.clone() })
}
