//! The five proficiency levels: the one rating scale used everywhere in Panelkit.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A proficiency level, from 1 (Entry) to 5 (Expert).
///
/// Serialized by name (`"Entry"`), the way it is written in bank files; use
/// [`Level::as_u8`] and [`Level::try_from`] for the numeric rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// 1: little experience; does what is asked with guidance.
    Entry = 1,
    /// 2: handles routine work correctly.
    Developing = 2,
    /// 3: handles non-routine work without supervision.
    Independent = 3,
    /// 4: reaches beyond the own role: coaches others, improves processes.
    Advanced = 4,
    /// 5: the organization's reference; sets direction.
    Expert = 5,
}

impl Level {
    /// All levels, lowest first.
    pub const ALL: [Level; 5] = [
        Level::Entry,
        Level::Developing,
        Level::Independent,
        Level::Advanced,
        Level::Expert,
    ];

    /// The numeric rating, 1–5.
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    /// The name as written in bank files and shown to users (`"Entry"`).
    pub fn name(self) -> &'static str {
        match self {
            Level::Entry => "Entry",
            Level::Developing => "Developing",
            Level::Independent => "Independent",
            Level::Advanced => "Advanced",
            Level::Expert => "Expert",
        }
    }

    /// The name of rating `n` (1–5) as shown beside the number, or `""` for a
    /// number that is no level: the one place ratings get their words.
    pub fn label(n: u8) -> &'static str {
        Level::try_from(n).map(Level::name).unwrap_or("")
    }

    /// Rating `n` with its name (`"3 Independent"`), or the bare number for
    /// a number that is no level.
    pub fn numbered(n: u8) -> String {
        match Level::try_from(n) {
            Ok(level) => format!("{n} {}", level.name()),
            Err(_) => n.to_string(),
        }
    }

    /// What a referee would have seen of someone at this level, whatever the
    /// competency (Markdown). Shown to referees for a competency whose bank
    /// has no `Reference levels` section, and for guides published before
    /// banks had one.
    pub fn reference_anchor(self) -> &'static str {
        match self {
            Level::Entry => {
                "You saw this only now and then, on simple tasks, and usually with someone guiding them."
            }
            Level::Developing => {
                "You saw this regularly on routine work, done correctly; they asked for help when something was out of the ordinary."
            }
            Level::Independent => {
                "You saw this consistently, including on difficult or unusual cases, which they handled without supervision."
            }
            Level::Advanced => {
                "You saw this consistently, and saw them help colleagues do it too or change how the team works so that it happens more."
            }
            Level::Expert => {
                "You saw this consistently, well beyond their own work: people across the organization came to them for it, and they set how it is done."
            }
        }
    }

    /// The level with this exact name (case-sensitive, as in bank files).
    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.name() == name)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A number outside 1–5 was given as a level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("proficiency level must be 1 to 5, got {0}")]
pub struct InvalidLevel(pub u8);

impl TryFrom<u8> for Level {
    type Error = InvalidLevel;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        value
            .checked_sub(1)
            .and_then(|index| Level::ALL.get(usize::from(index)))
            .copied()
            .ok_or(InvalidLevel(value))
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.as_u8()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_one_to_five_convert_to_levels_in_order() {
        for (n, level) in (1..=5).zip(Level::ALL) {
            assert_eq!(Level::try_from(n), Ok(level));
            assert_eq!(level.as_u8(), n);
            assert_eq!(u8::from(level), n);
        }
    }

    #[test]
    fn numbers_outside_one_to_five_are_rejected() {
        for n in [0, 6, 255] {
            assert_eq!(Level::try_from(n), Err(InvalidLevel(n)), "{n}");
        }
        assert_eq!(
            InvalidLevel(0).to_string(),
            "proficiency level must be 1 to 5, got 0"
        );
    }

    #[test]
    fn names_match_the_bank_format_and_parse_back() {
        let names: Vec<_> = Level::ALL.iter().map(|level| level.name()).collect();
        assert_eq!(
            names,
            ["Entry", "Developing", "Independent", "Advanced", "Expert"]
        );
        for level in Level::ALL {
            assert_eq!(Level::from_name(level.name()), Some(level));
            assert_eq!(level.to_string(), level.name());
        }
        assert_eq!(Level::from_name("entry"), None);
    }

    #[test]
    fn every_level_has_a_generic_reference_anchor() {
        for level in Level::ALL {
            assert!(
                level.reference_anchor().starts_with("You saw this"),
                "{level}"
            );
        }
    }

    #[test]
    fn levels_order_by_rating() {
        assert!(Level::Entry < Level::Expert);
        assert!(Level::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
