//! The site file (`site.toml`): several schedule files published as one
//! site, with the site's name, url and languages, and the group each
//! schedule is (its folder on the site). Parsed here, with no I/O: the
//! caller lists the folder and reads the files.
//!
//! ```toml
//! [site]
//! name = "LifeRing meetings"
//! url = "https://lifering.org/meetings/"
//! languages = ["en"]
//! folder = "schedules"          # every .toml and .json file in it, by name
//!
//! [[schedules]]                 # and/or files one by one
//! file = "co-occurring.toml"
//! group = "co-occurring"        # default: the file's name, as a slug
//! ```
//!
//! ```
//! use convenor_site::site_file::SiteFile;
//!
//! let text = "[site]\nname = 'LifeRing'\nurl = 'https://lifering.org/'\nfolder = 'groups'\n\
//!             [[schedules]]\nfile = 'co-occurring.toml'\ngroup = 'co-occ'\n";
//! assert!(SiteFile::is_site_file(text));
//! let site = SiteFile::from_toml_str(text)?
//!     .with_folder_files(["groups/evening.toml".to_string(), "groups/notes.txt".to_string()])?;
//! let listed: Vec<(&str, &str)> =
//!     site.schedules().iter().map(|s| (s.file.as_str(), s.group.as_str())).collect();
//! assert_eq!(listed, [("co-occurring.toml", "co-occ"), ("groups/evening.toml", "evening")]);
//! assert_eq!(site.url().map(|u| u.as_str()), Some("https://lifering.org/"));
//! # Ok::<(), convenor_core::Error>(())
//! ```

use convenor_core::{
    Error, FieldPath, Invalid, Lang, MeetingId, Position, Problem, Result,
    WebUrl,
};
use serde::Deserialize;

/// A parsed site file.
#[derive(Clone, Debug)]
pub struct SiteFile {
    name: Option<String>,
    url: Option<WebUrl>,
    languages: Vec<Lang>,
    folder: Option<String>,
    schedules: Vec<SiteSchedule>,
}

/// One schedule of a site: its file (relative to the site file's folder)
/// and its group, a slug that names its folder on the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteSchedule {
    /// The schedule file, as the site file names it.
    pub file: String,
    /// The group: a slug (`co-occurring`).
    pub group: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    site: SiteSpec,
    #[serde(default)]
    schedules: Vec<EntrySpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteSpec {
    name: String,
    url: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    folder: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntrySpec {
    file: String,
    group: Option<String>,
}

/// The group of a schedule file without one named: its file name without
/// the extension, as a slug (`groups/North Side.toml`: `north-side`).
///
/// ```
/// assert_eq!(convenor_site::site_file::group_of_file("groups/North Side.toml"), "north-side");
/// assert_eq!(convenor_site::site_file::group_of_file("lifering.json"), "lifering");
/// ```
pub fn group_of_file(file: &str) -> String {
    convenor_core::group_of_source(file)
}

impl SiteFile {
    /// Whether `text` is a site file rather than a schedule file: it has
    /// a `[site]` table (a schedule file has none; it would be an
    /// unknown field there).
    pub fn is_site_file(text: &str) -> bool {
        text.lines().any(|l| l.trim() == "[site]")
    }

    /// Parses a site file.
    ///
    /// # Errors
    ///
    /// [`Error::Syntax`] with the line and column for text that is not
    /// a site file's shape; [`Error::Invalid`] for a bad url or group.
    pub fn from_toml_str(text: &str) -> Result<SiteFile> {
        let spec: Spec = toml::from_str(text).map_err(|e| Error::Syntax {
            message: e.message().to_string(),
            position: e.span().map(|s| Position::at_offset(text, s.start)),
            suggestion: None,
        })?;
        let mut problems = Vec::new();
        let url = match spec.site.url.as_deref().map(WebUrl::new) {
            Some(Ok(url)) => Some(url),
            Some(Err(p)) => {
                problems.push((p, FieldPath::root().key("site").key("url")));
                None
            }
            None => None,
        };
        let mut languages = Vec::new();
        for (i, tag) in spec.site.languages.iter().enumerate() {
            match Lang::from_tag(tag) {
                Some(lang) => languages.push(lang),
                None => problems.push((
                    Problem::BadLanguage(tag.clone()),
                    FieldPath::root().key("site").key("languages").index(i),
                )),
            }
        }
        let mut schedules = Vec::new();
        for (i, entry) in spec.schedules.into_iter().enumerate() {
            let group =
                entry.group.unwrap_or_else(|| group_of_file(&entry.file));
            if MeetingId::new(&group).is_err() {
                let path =
                    FieldPath::root().key("schedules").index(i).key("group");
                problems.push((Problem::BadId(group.clone()), path));
            }
            schedules.push(SiteSchedule { file: entry.file, group });
        }
        {
            let paths: Vec<&FieldPath> =
                problems.iter().map(|(_, path)| path).collect();
            let positions = convenor_core::toml_positions(text, &paths);
            let mut all = problems.iter().zip(positions).map(
                |((problem, path), position)| Invalid {
                    problem: problem.clone(),
                    meeting: None,
                    path: path.clone(),
                    position,
                    suggestion: None,
                },
            );
            if let Some(first) = all.next() {
                let first = Box::new(first);
                return Err(Error::Invalid { first, others: all.collect() });
            }
        }
        let site = SiteFile {
            name: Some(spec.site.name),
            url,
            languages,
            folder: spec.site.folder,
            schedules,
        };
        site.check_groups()?;
        Ok(site)
    }

    /// Two schedules in one group would write one folder twice.
    fn check_groups(&self) -> Result<()> {
        let mut seen: std::collections::BTreeMap<&str, &str> =
            std::collections::BTreeMap::new();
        for s in &self.schedules {
            if let Some(file) = seen.insert(&s.group, &s.file) {
                return Err(Error::Syntax {
                    message: format!(
                        "group \"{}\" is given to both {file} and {}; each \
                         schedule needs a group of its own (its folder on the \
                         site): add `group = \"...\"` to one of them",
                        s.group, s.file
                    ),
                    position: None,
                    suggestion: None,
                });
            }
        }
        Ok(())
    }

    /// A site of schedule files given one by one (`convenor agenda
    /// a.toml b.toml`), with no name, url or languages of its own: each
    /// file's group is [`group_of_file`], with `-2`, `-3`... after it
    /// for a name an earlier file's group has (`a/x.toml` and
    /// `b/x.toml` are `x` and `x-2`).
    ///
    /// ```
    /// use convenor_site::site_file::SiteFile;
    /// let site = SiteFile::of_files(["a/x.toml".to_string(), "groups/b.json".to_string(), "b/x.toml".to_string()]);
    /// let groups: Vec<&str> = site.schedules().iter().map(|s| s.group.as_str()).collect();
    /// assert_eq!(groups, ["x", "b", "x-2"]);
    /// ```
    pub fn of_files(files: impl IntoIterator<Item = String>) -> SiteFile {
        let files: Vec<String> = files.into_iter().collect();
        let groups = convenor_core::groups_of_sources(&files);
        let schedules = files
            .into_iter()
            .zip(groups)
            .map(|(file, group)| SiteSchedule { file, group })
            .collect();
        SiteFile {
            name: None,
            url: None,
            languages: Vec::new(),
            folder: None,
            schedules,
        }
    }

    /// The schedule files found in the site's `folder` (paths as the
    /// caller listed them), added in name order after those listed one
    /// by one: `.toml` and `.json` files only, none twice.
    ///
    /// # Errors
    ///
    /// When two files would be one group.
    pub fn with_folder_files(
        mut self,
        files: impl IntoIterator<Item = String>,
    ) -> Result<SiteFile> {
        let mut found: Vec<String> = files
            .into_iter()
            .filter(|f| f.ends_with(".toml") || f.ends_with(".json"))
            .collect();
        found.sort();
        for file in found {
            if !self.schedules.iter().any(|s| s.file == file) {
                let group = group_of_file(&file);
                self.schedules.push(SiteSchedule { file, group });
            }
        }
        self.check_groups()?;
        Ok(self)
    }

    /// The same site with each schedule file named from `folder` (the
    /// site file's own folder): `groups/a.toml` in `sites/lifering` is
    /// `sites/lifering/groups/a.toml`. An empty folder, or an absolute
    /// file, changes nothing.
    ///
    /// ```
    /// use convenor_site::site_file::SiteFile;
    /// let site = SiteFile::of_files(["groups/a.toml".to_string(), "/srv/b.toml".to_string()])
    ///     .in_folder("sites/lifering");
    /// let files: Vec<&str> = site.schedules().iter().map(|s| s.file.as_str()).collect();
    /// assert_eq!(files, ["sites/lifering/groups/a.toml", "/srv/b.toml"]);
    /// ```
    #[must_use]
    pub fn in_folder(mut self, folder: &str) -> SiteFile {
        if folder.is_empty() {
            return self;
        }
        let folder = folder.trim_end_matches('/');
        for s in &mut self.schedules {
            if !s.file.starts_with('/') {
                s.file = format!("{folder}/{}", s.file);
            }
        }
        self
    }

    /// The site's name (none for [`SiteFile::of_files`]: the
    /// schedules' names say it).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The site's home page.
    pub fn url(&self) -> Option<&WebUrl> {
        self.url.as_ref()
    }

    /// The languages the site's pages offer, the first shown without
    /// JavaScript (`languages = ["es", "en"]`, as a schedule file's).
    pub fn languages(&self) -> &[Lang] {
        &self.languages
    }

    /// The folder of schedule files, relative to the site file's.
    pub fn folder(&self) -> Option<&str> {
        self.folder.as_deref()
    }

    /// The schedules: those listed one by one, then the folder's.
    pub fn schedules(&self) -> &[SiteSchedule] {
        &self.schedules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_where() {
        let err = SiteFile::from_toml_str("[site]\nname = 'x'\nurll = 'y'\n")
            .unwrap_err();
        assert_eq!(err.position().map(|p| p.line), Some(3), "{err}");
        let err =
            SiteFile::from_toml_str("[site]\nname = 'x'\nurl = 'not a url'\n")
                .unwrap_err();
        assert_eq!(
            err.position().map(|p| (p.line, p.column)),
            Some((3, 7)),
            "{err}"
        );
        let err = SiteFile::from_toml_str(
            "[site]\nname = 'x'\n[[schedules]]\nfile = 'a/x.toml'\n[[schedules]]\nfile = 'b/x.toml'\n",
        )
        .unwrap_err();
        assert!(
            err.to_string().contains(
                "group \"x\" is given to both a/x.toml and b/x.toml"
            ),
            "{err}"
        );
        let err = SiteFile::from_toml_str(
            "[site]\nname = 'x'\nlanguages = ['es', 'klingon']\n",
        )
        .unwrap_err();
        assert_eq!(
            err.position().map(|p| (p.line, p.column)),
            Some((3, 20)),
            "{err}"
        );
        let site = SiteFile::from_toml_str(
            "[site]\nname = 'x'\nlanguages = ['es-MX', 'en']\n",
        )
        .unwrap();
        assert_eq!(site.languages(), [Lang::Es, Lang::En]);
    }
}
