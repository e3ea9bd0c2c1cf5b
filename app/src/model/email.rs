//! A validated email address.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An email address, trimmed and lower-cased, with one `@` and a dotted domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

/// Why a string is not an [`Email`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not an email address (expected name@example.org)")]
pub struct InvalidEmail(pub String);

impl Email {
    /// Checks and normalises `input`.
    pub fn parse(input: &str) -> Result<Email, InvalidEmail> {
        let email = input.trim().to_lowercase();
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.chars().any(char::is_whitespace)
                    && email.len() <= 254
            }
            None => false,
        };
        if valid {
            Ok(Email(email))
        } else {
            Err(InvalidEmail(input.trim().to_owned()))
        }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        let email = Email::parse("  Rita@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "rita@example.org");
        assert_eq!(email.domain(), "example.org");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "rita",
            "rita@",
            "@example.org",
            "ri ta@example.org",
            "a@b@c.org",
            "a@example",
            "a@.org",
        ] {
            assert!(Email::parse(bad).is_err(), "accepted {bad:?}");
        }
    }
}
