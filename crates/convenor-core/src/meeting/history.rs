//! A meeting's history folded, once, into what expansion and export
//! need: its series segments, its cancelled and moved sessions by due
//! date, and its moved and extra sessions by start.

use super::*;

/// Whether a moved or extra session's local time is `HH:MM`, as every
/// session time is (the file format has no seconds; `Occurrence` keeps
/// whole seconds).
fn on_whole_minute(at: NaiveDateTime) -> bool {
    at.second() == 0 && at.nanosecond() == 0
}

/// A session that is not where its rule puts it: a moved or extra one.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Special {
    pub(crate) start: DateTime<Zone>,
    pub(crate) fit: Fit,
    pub(crate) duration: MeetingDuration,
    pub(crate) due: NaiveDate,
    pub(crate) change: usize,
    pub(crate) moved: bool,
}

/// The history folded into what expansion needs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Timeline {
    pub(crate) segments: Segments,
    /// Due date of a cancelled session -> index of the change.
    pub(crate) cancelled: BTreeMap<NaiveDate, usize>,
    /// Due date of a moved session -> index of the change.
    pub(crate) moved: BTreeMap<NaiveDate, usize>,
    /// Moved and extra sessions, by start.
    pub(crate) specials: Vec<Special>,
}

/// A meeting's segments as a slice, a single one held in place: most
/// meetings have one, and every iterator over a meeting's sessions reads
/// it first. In place it lies in the meeting itself, which a schedule
/// keeps in one array read in order, so reaching it costs no cache miss
/// of its own (a separate list cost a fifth of expanding monthly rules,
/// `perf`, BENCHMARKS.md).
#[derive(Clone, Debug, Default)]
pub(crate) enum Segments {
    #[default]
    None,
    One(Segment),
    Many(Vec<Segment>),
}

impl From<Vec<Segment>> for Segments {
    fn from(mut segments: Vec<Segment>) -> Segments {
        match segments.len() {
            0 => Segments::None,
            1 => segments.pop().map_or(Segments::None, Segments::One),
            _ => Segments::Many(segments),
        }
    }
}

impl std::ops::Deref for Segments {
    type Target = [Segment];

    #[inline]
    fn deref(&self) -> &[Segment] {
        match self {
            Segments::None => &[],
            Segments::One(s) => std::slice::from_ref(s),
            Segments::Many(v) => v,
        }
    }
}

impl Meeting {
    /// Folds `changes` into segments and session maps, checking that each
    /// change applies. Problems carry paths below `base`.
    pub(super) fn fold_history(
        &self,
        base: &FieldPath,
    ) -> Result<Timeline, Vec<Invalid>> {
        let mut problems = Vec::new();
        let at = |i: usize, field: &'static str| {
            base.key("changes").index(i).key(field)
        };
        let mut bad = |problem: Problem, path: FieldPath| {
            let mut p = Invalid::new(problem, path);
            p.meeting = Some(self.id.to_string());
            problems.push(p);
        };

        if let Some(ends) = self.ends {
            if ends < self.starts {
                bad(
                    Problem::EndsBeforeStarts { starts: self.starts, ends },
                    base.key("ends"),
                );
            }
        }
        if self.rule.first_on_or_after(self.starts).is_none() {
            bad(
                Problem::RuleNeverMatches(self.rule.to_string()),
                base.key("rrule"),
            );
        }

        // The last date any session may fall on.
        let mut last = self.ends.unwrap_or(NaiveDate::MAX);
        for (i, c) in self.changes.iter().enumerate() {
            if let ChangeKind::End { effective } = c.kind {
                if effective <= self.starts {
                    bad(
                        Problem::BeforeStarts {
                            date: effective,
                            starts: self.starts,
                        },
                        at(i, "effective"),
                    );
                } else {
                    last = last.min(effective.pred_opt().unwrap_or(effective));
                }
            }
        }

        // Reschedules in order of `effective`, then `announced` (the later
        // one wins, so it applies last; undated ones first).
        let mut reschedules: Vec<(usize, &Reschedule)> = self
            .changes
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match &c.kind {
                ChangeKind::Reschedule(r) => Some((i, r)),
                _ => None,
            })
            .collect();
        let key = |i: usize, r: &Reschedule| {
            (r.effective, self.changes[i].announced)
        };
        reschedules.sort_by_key(|&(i, r)| (key(i, r), i));
        for pair in reschedules.windows(2) {
            let ((i, a), (j, b)) = (pair[0], pair[1]);
            if key(i, a) == key(j, b) {
                bad(
                    Problem::ConflictingReschedules(b.effective),
                    at(j, "effective"),
                );
            }
        }

        let mut segments = Vec::new();
        let mut current = Segment {
            from: self.starts,
            last,
            rule: self.rule.clone(),
            duration: self.duration,
            first: None,
            causes: Vec::new(),
        };
        for (i, r) in reschedules {
            if r.effective < self.starts {
                bad(
                    Problem::BeforeStarts {
                        date: r.effective,
                        starts: self.starts,
                    },
                    at(i, "effective"),
                );
                continue;
            }
            if r.effective > last {
                bad(
                    Problem::AfterEnds { date: r.effective, last },
                    at(i, "effective"),
                );
                continue;
            }
            if r.is_empty() {
                bad(Problem::EmptyReschedule, base.key("changes").index(i));
                continue;
            }
            if r.effective > current.from {
                let mut next = current.clone();
                current.last = r.effective.pred_opt().unwrap_or(r.effective);
                segments.push(current);
                next.from = r.effective;
                next.causes.clear();
                current = next;
            }
            match apply(&current.rule, r) {
                Ok(rule) => current.rule = rule,
                Err((problem, field)) => bad(problem, at(i, field)),
            }
            current.duration = r.duration.unwrap_or(current.duration);
            current.causes.push(i);
        }
        segments.push(current);
        for s in &mut segments {
            s.first =
                s.rule.first_on_or_after(s.from).filter(|d| *d <= s.last);
        }

        let mut timeline =
            Timeline { segments: segments.into(), ..Timeline::default() };
        let mut specials = Vec::new();
        // The extras' local starts so far: a set, not a pass over the
        // changes before each extra (quadratic: an import of 64,000
        // one-off events of one name spent 76 % of its time here).
        let mut extras: std::collections::HashSet<NaiveDateTime> =
            std::collections::HashSet::new();
        for (i, c) in self.changes.iter().enumerate() {
            let due = match &c.kind {
                ChangeKind::Cancel { date }
                | ChangeKind::Move { date, .. } => *date,
                ChangeKind::Extra { at: local, duration } => {
                    if !on_whole_minute(*local) {
                        bad(
                            Problem::BadTime(local.time().to_string()),
                            at(i, "at"),
                        );
                        continue;
                    }
                    let duration = duration
                        .or_else(|| {
                            timeline.segment(local.date()).map(|s| s.duration)
                        })
                        .unwrap_or(self.duration);
                    // RFC 5545 §3.8.4.7: each extra session is its own
                    // VEVENT, and its UID comes from its local start.
                    if !extras.insert(*local) {
                        bad(Problem::ExtraTwice(*local), at(i, "at"));
                        continue;
                    }
                    let (start, fit) = resolve_local(self.zone, *local);
                    specials.push(Special {
                        start,
                        fit,
                        duration,
                        due: local.date(),
                        change: i,
                        moved: false,
                    });
                    continue;
                }
                _ => continue,
            };
            let Some(segment) =
                timeline.segment(due).filter(|s| s.has_session(due))
            else {
                let why = timeline.no_session(&self.changes, due);
                bad(Problem::NoSession(why), at(i, "date"));
                continue;
            };
            if timeline.cancelled.contains_key(&due)
                || timeline.moved.contains_key(&due)
            {
                bad(Problem::SessionChangedTwice(due), at(i, "date"));
                continue;
            }
            if let ChangeKind::Move { to, duration, .. } = &c.kind {
                if !on_whole_minute(*to) {
                    bad(Problem::BadTime(to.time().to_string()), at(i, "to"));
                    continue;
                }
                let (start, fit) = resolve_local(self.zone, *to);
                specials.push(Special {
                    start,
                    fit,
                    duration: duration.unwrap_or(segment.duration),
                    due,
                    change: i,
                    moved: true,
                });
                timeline.moved.insert(due, i);
            } else {
                timeline.cancelled.insert(due, i);
            }
        }
        specials.sort_by_key(|s| (s.start, s.due, s.change));
        timeline.specials = specials;

        if problems.is_empty() {
            Ok(timeline)
        } else {
            // By path, steps compared as numbers: `changes[2]` before
            // `changes[10]`, as in the file.
            problems.sort_by(|a, b| a.path.cmp(&b.path));
            Err(problems)
        }
    }
}

impl Timeline {
    /// The segment holding `date`: segments follow one another (each
    /// `from` after the last one's `last`), so a binary search, not a
    /// scan per change.
    pub(super) fn segment(&self, date: NaiveDate) -> Option<&Segment> {
        let after = self.segments.partition_point(|s| s.from <= date);
        let s = self.segments.get(after.checked_sub(1)?)?;
        s.contains(date).then_some(s)
    }

    /// What is near `date`, which has no session due: the due dates
    /// around it and a session of `changes` moved onto it.
    pub(super) fn no_session(
        &self,
        changes: &[Change],
        date: NaiveDate,
    ) -> NoSession {
        let after = date.succ_opt().and_then(|next| {
            self.segments
                .iter()
                .filter(|s| s.last >= next)
                .find_map(|s| s.dates(next.max(s.from)).next())
        });
        // Bounded: the dates of at most LOOKBACK_DAYS are listed.
        let lower = date
            .checked_sub_signed(chrono::Duration::days(
                NoSession::LOOKBACK_DAYS,
            ))
            .unwrap_or(NaiveDate::MIN);
        let before = self
            .segments
            .iter()
            .rev()
            .filter(|s| s.from < date && s.last >= lower)
            .find_map(|s| {
                s.dates(lower.max(s.from)).take_while(|d| *d < date).last()
            });
        let moved_here = changes.iter().find_map(|c| match c.kind {
            ChangeKind::Move { date: due, to, .. } if to.date() == date => {
                Some((due, to))
            }
            _ => None,
        });
        NoSession { date, before, after, moved_here }
    }
}

/// The rule after a reschedule, or the problem and its field.
pub(crate) fn apply(
    rule: &Rule,
    r: &Reschedule,
) -> Result<Rule, (Problem, &'static str)> {
    let mut next = match &r.pattern {
        Some(p) => Rule::new(p.clone(), rule.time()),
        None => rule.clone(),
    };
    if r.day.is_some() || r.every.is_some() {
        let field = if r.day.is_some() { "day" } else { "every" };
        let Pattern::Weekly { day, every } = next.pattern() else {
            return Err((Problem::WeeklyFieldOnRRule(field), field));
        };
        let pattern = Pattern::Weekly {
            day: r.day.unwrap_or(*day),
            every: r.every.unwrap_or(*every),
        };
        next = Rule::new(pattern, next.time());
    }
    if let Some(time) = r.time {
        next = next.with_time(time);
    }
    Ok(next)
}
