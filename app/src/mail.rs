//! Mail the app sends: the message, the error a recruiter may be shown, and
//! the [`Mailer`] the server provides when SMTP is configured (its SMTP
//! implementation lives in the server binary). What was sent is kept in the
//! outbox ([`crate::db::outbox`]).

use std::future::Future;
use std::pin::Pin;

/// A message to send.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutgoingMail {
    /// Recipient's address.
    pub to: String,
    /// Recipient's name.
    pub to_name: String,
    /// Where replies should go, if not the sender.
    pub reply_to: Option<String>,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Files sent with it (the message becomes `multipart/mixed`).
    pub attachments: Vec<MailAttachment>,
}

/// A file sent with a message, e.g. a calendar invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAttachment {
    /// File name shown to the recipient.
    pub filename: String,
    /// Full content type with parameters, e.g.
    /// `text/calendar; charset=UTF-8; method=REQUEST`.
    pub content_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// Why a message could not be sent, in words safe to show a recruiter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MailError(pub String);

/// Sends mail, e.g. over SMTP. Provided by the server when configured.
pub trait Mailer: Send + Sync + std::fmt::Debug {
    /// Sends `mail`.
    fn send<'a>(
        &'a self,
        mail: &'a OutgoingMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;
}
