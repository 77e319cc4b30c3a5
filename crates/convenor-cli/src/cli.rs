//! The command line: flags and their `--help` text (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// See your meetings in your time zone, check a schedule file, publish
/// calendars.
///
/// Every command that reads a schedule takes one or more schedule files
/// (TOML or JSON) or a site file (site.toml); without one it uses the
/// embedded seed schedule (LifeRing's co-occurring
/// disorders meetings, November 2022). A flag means the same in every
/// command that takes it; a command that cannot use a flag rejects it.
#[derive(Debug, Parser)]
#[command(name = "convenor", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// Where zone rules come from: `system` (the OS's zoneinfo, or
    /// TZDIR), `bundled` (the copy built into convenor), `auto` (the
    /// system's when it is at least as new as the bundled one), or a
    /// zoneinfo directory. Default: $CONVENOR_TZDATA, else auto.
    /// `convenor --version` says which is in use.
    #[arg(long, global = true, value_name = "DATA")]
    pub tzdata: Option<String>,
}

/// The schedules a command reads.
#[derive(Debug, Args)]
pub struct Source {
    /// The schedule files (TOML or JSON), merged as one site (each keeps
    /// its UIDs and is its own group), or one site file (site.toml: a
    /// [site] table naming the files). Without any, the built-in example
    /// (LifeRing's meetings of November 2022) is shown, with a note on
    /// standard error; a command that writes files needs --example for it.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Use the built-in example schedule, on purpose (no FILE).
    #[arg(long, conflicts_with = "files")]
    pub example: bool,
}

/// The language of what a command writes for people.
#[derive(Debug, Args)]
pub struct LangArg {
    /// The language to write in: en, es, fr, de, ja, pt, nl, sv, sk or th
    /// (a tag such as es-MX or pt_BR.UTF-8 is read as its language).
    /// Default: $LC_ALL, $LC_MESSAGES or $LANG when it names one of
    /// them, else English.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

/// Options every viewing command shares.
#[derive(Debug, Args)]
pub struct View {
    #[command(flatten)]
    pub source: Source,

    /// Your IANA time zone, e.g. Europe/London. Default: the system's, then
    /// UTC.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,

    /// Pretend it is this instant: an RFC 3339 time
    /// (2022-11-12T07:30:00-08:00) or a date (midnight in --tz).
    /// Default: the system clock.
    #[arg(long, value_name = "INSTANT")]
    pub now: Option<String>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// A week's sessions, day by day, in your zone, with each meeting's own
    /// time alongside.
    ///
    /// Example: convenor week --tz Europe/London --week 2022-11-14
    Week {
        #[command(flatten)]
        view: View,
        /// Any date in the week to show. Default: this week.
        #[arg(long, value_name = "DATE")]
        week: Option<String>,
        /// The first day of the week.
        #[arg(long, value_name = "DAY", default_value = "monday")]
        first_day: String,
    },
    /// Every session in a window, in order.
    ///
    /// A cancelled session is listed, CANCELLED first on its line (in
    /// JSON, its "status"), unless --hide-cancelled; a moved session says
    /// when it usually is ("moved from Tue 2 Dec 18:00").
    ///
    /// Example: convenor agenda --from 2022-11-01 --days 30 --tz Australia/Sydney
    Agenda {
        #[command(flatten)]
        view: View,
        #[command(flatten)]
        span: Span,
        /// Leave out cancelled sessions (listed by default, marked
        /// CANCELLED first on their line).
        #[arg(long)]
        hide_cancelled: bool,
        /// Kept for older scripts and changes nothing: cancelled sessions
        /// are listed by default (hide them with --hide-cancelled).
        #[arg(long, conflicts_with = "hide_cancelled")]
        cancelled: bool,
        /// `text` for people, `json` for programs (the occurrence JSON of
        /// `convenor json --view occurrences`), `jsonl` for programs that
        /// read one session at a time (one such object per line).
        /// Sessions are written as they are found, however many.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The sessions running now and the next ones, with how long until
    /// they start.
    ///
    /// A cancelled session is listed, CANCELLED first on its line, unless
    /// --hide-cancelled; a moved session says when it usually is.
    ///
    /// Example: convenor next -n 3 --tz America/New_York
    Next {
        #[command(flatten)]
        view: View,
        /// How many upcoming sessions.
        #[arg(
            short = 'n',
            long = "count",
            value_name = "N",
            default_value_t = 5
        )]
        count: usize,
        /// Leave out cancelled sessions (listed by default, marked
        /// CANCELLED first on their line).
        #[arg(long)]
        hide_cancelled: bool,
    },
    /// The history of changes in plain words.
    ///
    /// A change without an `announced` date counts as announced on the
    /// date it is about (its effective date, or the date of a one-off
    /// change). Every time is in its meeting's own zone, on the 12-hour
    /// clock as convenors post them (7:00pm Berlin), so --tz is not
    /// taken.
    ///
    /// Example: convenor changes --since 2022-11-01
    Changes {
        #[command(flatten)]
        source: Source,
        /// Only changes announced on or after this date.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[command(flatten)]
        lang: LangArg,
    },
    /// Validate a schedule file: every error and warning with
    /// file:line:column, the source line and a suggestion.
    ///
    /// Example: convenor check schedule.toml
    Check {
        /// The schedule files (or one site file); with several, a
        /// meeting id in two of them is an error too.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Exit with 1 when there are warnings.
        #[arg(long)]
        deny_warnings: bool,
        /// The instant warnings are looked for around (two years on).
        #[arg(long, value_name = "INSTANT")]
        now: Option<String>,
    },
    /// The schedule as an iCalendar (.ics) feed: the whole schedule, one
    /// meeting, or one session ("add this session to my calendar").
    ///
    /// Example: convenor ics --meeting co-occurring-saturday -o saturday.ics
    Ics {
        #[command(flatten)]
        view: View,
        /// Only this meeting's series (with its reminders always).
        #[arg(
            long,
            value_name = "ID",
            conflicts_with_all = ["occurrence", "reminders_in_feed"]
        )]
        meeting: Option<String>,
        /// Only one session, named by meeting id and the date it is due:
        /// co-occurring-saturday@2022-11-19. A moved session keeps the
        /// date it was due; an extra one is named by its own date. Its
        /// calendar has its reminders always and no history to keep.
        #[arg(
            long,
            value_name = "ID@DATE",
            conflicts_with_all = ["keep_since", "reminders_in_feed"]
        )]
        occurrence: Option<String>,
        /// The UID domain (default: the host of the schedule's url).
        #[arg(long, value_name = "DOMAIN")]
        domain: Option<String>,
        /// Leave out series and extra sessions that ended before this date
        /// or instant.
        #[arg(long, value_name = "WHEN")]
        keep_since: Option<String>,
        #[command(flatten)]
        reminders: ReminderFlags,
        /// The language of the text convenor adds (each event's
        /// description lines, its reminders): see --lang of `announce`.
        #[command(flatten)]
        lang: LangArg,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// JSON views: the schedule file, a window's sessions, or a Meeting
    /// Guide feed.
    ///
    /// Example: convenor json --view meeting-guide --as-of 2022-11-20
    Json {
        #[command(flatten)]
        view: View,
        /// Which view. `schedule` takes neither --tz nor --now; the
        /// window flags are for `occurrences` only, --as-of for
        /// `meeting-guide` only.
        #[arg(long = "view", value_enum, default_value_t = JsonView::Schedule)]
        which: JsonView,
        #[command(flatten)]
        span: Span,
        /// Meeting Guide: the date the feed is as of. Default: today
        /// (--now) in each meeting's own zone.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Meeting Guide: list the sessions of the seven days from
        /// --as-of as they happen (cancelled ones left out, moved ones at
        /// their new time, extra ones as records of their own, meetings
        /// every N weeks or monthly only in weeks they meet), not the
        /// weekly pattern. Such a feed must be made again every day.
        #[arg(long)]
        exact_week: bool,
        /// Meeting Guide: the language of the notes convenor writes (a
        /// meeting's start, its changes still to come): see --lang of
        /// `announce`.
        #[command(flatten)]
        lang: LangArg,
        /// One line instead of indented output.
        #[arg(long)]
        compact: bool,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Write every feed a website needs into a folder: the whole
    /// schedule's .ics, one .ics per meeting, the schedule JSON, the next
    /// 90 days of sessions, a Meeting Guide feed, changes.atom (the
    /// changes as an Atom feed) and an index.html.
    ///
    /// Of several schedule files, or a site file (site.toml), a site:
    /// each schedule's own set in the folder of its group (DIR/GROUP/),
    /// and at the top the combined schedule.ics (each schedule keeping
    /// its UIDs), meeting-guide.json (an entity per group),
    /// occurrences.json (each session with its group), changes.atom,
    /// groups.json and a page of every group's sessions. The site
    /// file's url and languages apply unless --url or --lang say
    /// otherwise.
    ///
    /// By default the new feeds are written and synced as a whole set
    /// under DIR/.convenor, then switched in with one atomic rename, so a
    /// failed or killed run leaves the previous feeds untouched; the
    /// public names (DIR/schedule.ics, DIR/meetings, ...) are symlinks
    /// into the live set, so the web server must follow symlinks. With
    /// --plain they are ordinary files, each replaced atomically, for
    /// GitHub Pages, Netlify, FTP, zip and git. One publish at a time (a
    /// second one waits). Prints one summary line; -v lists every file.
    /// See HARDENING.md and the README's "Putting it on a website".
    ///
    /// Example: convenor publish schedule.toml --out public/
    ///
    /// Example: convenor publish schedule.toml --out docs/ --plain
    ///
    /// Example: convenor publish site.toml --out public/
    Publish {
        #[command(flatten)]
        view: View,
        /// The folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The UID domain (default: the host of the schedule's url); of
        /// one schedule file only (a site's schedules each keep their
        /// own).
        #[arg(long, value_name = "DOMAIN")]
        domain: Option<String>,
        /// Where the folder is served (`https://example.org/meetings/`):
        /// the page then offers webcal:// and Google Calendar
        /// subscriptions, not only downloads. An https: or http: URL
        /// with a host; anything else (javascript:, data:, //host) is
        /// refused.
        #[arg(long, value_name = "URL")]
        url: Option<convenor::WebUrl>,
        #[command(flatten)]
        reminders: ReminderFlags,
        /// meeting-guide.json lists the sessions of the seven days from
        /// today (in the schedule's zone) as they happen, not the weekly
        /// pattern (see `json --exact-week`); publish again every day.
        #[arg(long)]
        exact_week: bool,
        /// How many weeks of sessions the page lists.
        #[arg(long, value_name = "N", default_value_t = 4,
              value_parser = clap::value_parser!(u32).range(1..=52))]
        weeks: u32,
        /// Replace files and folders in DIR that convenor did not write
        /// (they are moved into DIR/.convenor/backups/, and the run says
        /// where). Without it such a name stops the publish (exit 3).
        #[arg(long)]
        force: bool,
        /// The languages the page offers (comma-separated: en, es, fr,
        /// de, ja, pt, nl, sv, sk, th): the first without JavaScript;
        /// with it, the visitor's browser language among them, or
        /// ?lang= in the address, and a menu to change it. The .ics
        /// descriptions and reminders and changes.atom are in the first. Default: the
        /// schedule's `languages`, else the language of $LC_ALL,
        /// $LC_MESSAGES or $LANG, else English.
        #[arg(long, value_name = "LANGS", value_delimiter = ',')]
        lang: Vec<String>,
        /// Ordinary files instead of symlinks into DIR/.convenor, for
        /// hosts and tools that do not follow symlinks. Each file is
        /// replaced atomically, not the set as a whole: during a publish
        /// a reader may get some new files and some old ones, each whole.
        #[arg(long)]
        plain: bool,
        /// List every file written, unchanged and removed, before the
        /// summary line.
        #[arg(short = 'v', long)]
        verbose: bool,
    },
    /// The meeting list as a convenor posts it: each meeting's weekday
    /// and time in the schedule's zone, "(Starts November 14th)" for one
    /// not yet begun, the same time in other zones, and a footnote for
    /// each change announced since a date, in plain words.
    ///
    /// Example: convenor announce --as-of 2022-11-10 --zones America/New_York,Europe/London
    Announce {
        #[command(flatten)]
        view: View,
        /// The list as published on this date. Default: today (in --tz).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Footnotes for changes announced on or after this date.
        /// Default: the changes still to take effect.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Also show each time in these zones (comma-separated), and
        /// when their clocks change it within 26 weeks.
        #[arg(long, value_name = "ZONES", value_delimiter = ',')]
        zones: Vec<String>,
        /// `text` to paste anywhere, `markdown` for a post, `html` for a
        /// web page.
        #[arg(long, value_enum, default_value_t = AnnounceFormat::Text)]
        format: AnnounceFormat,
        /// Also give each meeting's join details: its online link,
        /// dial-in number and notes (meeting ID, passcode).
        #[arg(long)]
        links: bool,
        #[command(flatten)]
        lang: LangArg,
    },
    /// A schedule file from another format: a Meeting Guide feed (the
    /// JSON that meeting finders read) or an iCalendar (.ics) calendar
    /// (Google, Outlook, Apple, Nextcloud, or a convenor feed). What
    /// cannot be imported is left out with a warning naming it (the
    /// record, or the event's line and UID), the field and why; the rest
    /// is imported.
    ///
    /// Example: convenor import meeting-guide meetings.json --timezone America/Chicago -o schedule.toml
    ///
    /// Example: convenor import ics calendar.ics --from 2024-01-01 -o schedule.toml
    Import {
        /// What the file is.
        #[arg(value_enum)]
        kind: ImportKind,
        /// The file to import.
        file: PathBuf,
        /// The zone of records that give none (the spec allows a feed
        /// without zones). For ics: the schedule's zone, and the zone
        /// floating times are read in (without it they are left out).
        #[arg(long, value_name = "ZONE")]
        timezone: Option<String>,
        /// The schedule's name. Default: the file's name.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// The first date the meetings run (feeds have no dates).
        /// Default: today. Meeting Guide feeds only.
        #[arg(long, value_name = "DATE")]
        starts: Option<String>,
        /// Leave out meetings that ended before this date, and
        /// cancellations, moves and extra sessions before it. ics only.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// `toml` for people, `json` for programs.
        #[arg(long, value_enum, default_value_t = FileFormat::Toml)]
        format: FileFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Change a schedule file in place: cancel, move or add a session,
    /// reschedule or end a meeting, add a meeting. Comments, order and
    /// formatting are kept; the edited file is checked as a whole and
    /// written atomically, or nothing is written (exit 2 with the
    /// reason). Then prints what members will see.
    ///
    /// Example: convenor edit schedule.toml cancel co-occurring-saturday 2022-11-26 --note "Thanksgiving weekend"
    ///
    /// Example: convenor edit schedule.toml reschedule co-occurring-saturday --effective 2023-01-07 --time 08:00 --dry-run
    Edit {
        /// The schedule file (TOML or JSON).
        file: PathBuf,
        /// What to change.
        #[command(subcommand)]
        action: crate::edit::Action,
    },
    /// Print a shell completion script.
    ///
    /// Example: convenor completions bash > /etc/bash_completion.d/convenor
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// A window of sessions, as `agenda` and `json --view occurrences` take
/// it.
#[derive(Debug, Args)]
pub struct Span {
    /// Start of the window: a date (midnight in --tz) or an RFC 3339
    /// instant. Default: now.
    #[arg(long, value_name = "WHEN")]
    pub from: Option<String>,
    /// End of the window (exclusive), like --from.
    #[arg(long, value_name = "WHEN", conflicts_with = "days")]
    pub to: Option<String>,
    /// Length of the window in days. Default: 7.
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
}

impl Span {
    /// Whether any of the window's flags was given.
    pub fn is_given(&self) -> bool {
        self.from.is_some() || self.to.is_some() || self.days.is_some()
    }
}

/// Calendar reminders (`VALARM`) in exported calendars.
#[derive(Debug, Args)]
pub struct ReminderFlags {
    /// Reminders before each session instead of the schedule's
    /// `reminders`: a list such as 15m,1h, or none.
    #[arg(long, value_name = "LIST")]
    pub remind: Option<String>,
    /// Also put reminders in the whole schedule's feed (a meeting's and a
    /// session's own calendars always have them; many apps ignore or
    /// repeat alarms in subscriptions).
    #[arg(long)]
    pub reminders_in_feed: bool,
}

/// Formats of `announce`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnnounceFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// An HTML fragment.
    Html,
}

/// What `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    /// A Meeting Guide feed (code4recovery's spec).
    MeetingGuide,
    /// An iCalendar file (RFC 5545).
    Ics,
}

/// Schedule file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    /// TOML, for people.
    Toml,
    /// JSON, for programs.
    Json,
}

/// Output formats of listing commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs: one JSON array.
    Json,
    /// For programs: JSON Lines, one object per session.
    Jsonl,
}

/// The JSON views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum JsonView {
    /// The schedule file itself, as JSON.
    Schedule,
    /// The sessions of a window.
    Occurrences,
    /// A Meeting Guide feed (the JSON meeting finders read).
    MeetingGuide,
}

/// Every command's help ends with its exit codes (`crate::exit`): each
/// subcommand, and each of theirs (`edit cancel`), gets its own.
pub fn with_exit_codes(mut command: clap::Command) -> clap::Command {
    let names: Vec<String> =
        command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| {
            let codes = exit_codes(sub.get_name());
            with_exit_codes(sub).after_help(codes)
        });
    }
    command
}

/// The exit codes of the command `name`, as its help says them.
fn exit_codes(name: &str) -> &'static str {
    match name {
        "check" => {
            "Exit status: 0 no errors (warnings allowed), 1 warnings with \
             --deny-warnings, 2 errors in the file or a bad flag, 3 the file \
             cannot be read."
        }
        "publish" => {
            "Exit status: 0 published, or a publish started later was \
             already live (nothing changed; said on standard error), 2 bad \
             input (the schedule file, a flag), 3 anything else: a name in \
             DIR that convenor did not write, a file that cannot be read or \
             written, a summary that cannot be printed (nothing is published \
             then)."
        }
        "edit" | "cancel" | "move" | "extra" | "reschedule" | "end"
        | "add" => {
            "Exit status: 0 done (or with --dry-run, shown), 2 bad input (the \
             change would make the file invalid, a bad flag; nothing is \
             written), 3 anything else (the file cannot be read or written)."
        }
        _ => {
            "Exit status: 0 done, 2 bad input (a schedule file with errors, \
             a bad flag value), 3 anything else (a file that cannot be read \
             or written, output that cannot be written)."
        }
    }
}
