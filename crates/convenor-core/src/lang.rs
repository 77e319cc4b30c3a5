//! The languages convenor writes for people in (issue 29): English and
//! the eight of TSML UI's interface (Spanish, French, Japanese, Dutch,
//! Portuguese, Slovak, Swedish, Thai) plus German. The core owns the
//! list, so a schedule file's `languages` and the `--lang` of every
//! command accept the same codes; the words in each language (Fluent
//! messages, CLDR dates and names) are `convenor-site`'s.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// A language convenor writes in, named by its ISO 639-1 code.
///
/// ```
/// use convenor_core::Lang;
/// assert_eq!("es-MX".parse::<Lang>()?, Lang::Es);
/// assert_eq!("pt_BR.UTF-8".parse::<Lang>()?, Lang::Pt);
/// assert_eq!(Lang::Ja.to_string(), "ja");
/// assert_eq!(Lang::ALL.len(), 10);
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[non_exhaustive]
pub enum Lang {
    /// English, `en`.
    #[default]
    En,
    /// Spanish, `es`.
    Es,
    /// French, `fr`.
    Fr,
    /// German, `de`.
    De,
    /// Japanese, `ja`.
    Ja,
    /// Portuguese, `pt`.
    Pt,
    /// Dutch, `nl`.
    Nl,
    /// Swedish, `sv`.
    Sv,
    /// Slovak, `sk`.
    Sk,
    /// Thai, `th`.
    Th,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 10] = [
        Lang::En,
        Lang::Es,
        Lang::Fr,
        Lang::De,
        Lang::Ja,
        Lang::Pt,
        Lang::Nl,
        Lang::Sv,
        Lang::Sk,
        Lang::Th,
    ];

    /// The ISO 639-1 code: `en`, `es`, ...
    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Ja => "ja",
            Lang::Pt => "pt",
            Lang::Nl => "nl",
            Lang::Sv => "sv",
            Lang::Sk => "sk",
            Lang::Th => "th",
        }
    }

    /// The language of a tag as people and systems write it: a BCP 47
    /// tag (`es`, `es-MX`, `pt-BR`), or a POSIX locale as `LANG` and
    /// `LC_ALL` hold it (`fr_CA.UTF-8`, `de_DE@euro`); `None` for one
    /// convenor does not write in, or for `C` and `POSIX`.
    ///
    /// ```
    /// use convenor_core::Lang;
    /// assert_eq!(Lang::from_tag("fr_CA.UTF-8"), Some(Lang::Fr));
    /// assert_eq!(Lang::from_tag("SV"), Some(Lang::Sv));
    /// assert_eq!(Lang::from_tag("C.UTF-8"), None);
    /// assert_eq!(Lang::from_tag("ar"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language of a POSIX environment, as a program that reads it
    /// passes the values (the library never reads the environment):
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first one set and
    /// not empty; English when that one names no language convenor
    /// writes in (`C`, `POSIX`, `ar_EG.UTF-8`) or none is set.
    ///
    /// ```
    /// use convenor_core::Lang;
    /// assert_eq!(Lang::from_environment([None, None, Some("es_ES.UTF-8")]), Lang::Es);
    /// assert_eq!(Lang::from_environment([Some("C"), None, Some("es_ES.UTF-8")]), Lang::En);
    /// assert_eq!(Lang::from_environment([Some(""), None, Some("de_AT")]), Lang::De);
    /// ```
    pub fn from_environment<'a>(
        values: impl IntoIterator<Item = Option<&'a str>>,
    ) -> Lang {
        values
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
            .and_then(Lang::from_tag)
            .unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;

    /// [`Lang::from_tag`], or [`Error::UnknownLanguage`] naming the
    /// languages there are.
    ///
    /// ```
    /// let err = "klingon".parse::<convenor_core::Lang>().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "convenor does not write in \"klingon\"; use one of en, es, fr, \
    ///      de, ja, pt, nl, sv, sk, th"
    /// );
    /// ```
    fn from_str(s: &str) -> Result<Lang, Error> {
        Lang::from_tag(s.trim())
            .ok_or_else(|| Error::UnknownLanguage { tag: s.to_string() })
    }
}

/// `en, es, fr, de, ja, pt, nl, sv, sk, th`: the codes for a message.
pub(crate) fn codes() -> String {
    Lang::ALL.map(Lang::code).join(", ")
}
