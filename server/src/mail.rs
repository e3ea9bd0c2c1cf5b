//! Outgoing mail over SMTP (lettre), for invitations (with files attached
//! when a message has any, e.g. an interview's `.ics`), and the
//! reference-check settings built from the configuration.

use crate::config::{ReferenceConfig, SmtpSecurity};
use app::mail::{MailError, Mailer, OutgoingMail};
use app::settings::ReferenceSettings;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, Message, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// Sends mail through one SMTP server.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// A mailer for the SMTP settings of `config`, or `None` without a host.
    pub fn from_config(config: &ReferenceConfig) -> anyhow::Result<Option<SmtpMailer>> {
        let Some(host) = config.smtp_host.as_deref() else {
            return Ok(None);
        };
        let from: Mailbox = config
            .smtp_from
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("--smtp-from is required with --smtp-host"))?
            .parse()?;
        let builder = match config.smtp_security {
            SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        };
        let mut builder = builder
            .port(config.smtp_port)
            .timeout(Some(Duration::from_secs(20)));
        if let Some(user) = &config.smtp_user {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                config.smtp_password.clone().unwrap_or_default(),
            ));
        }
        Ok(Some(SmtpMailer {
            transport: builder.build(),
            from,
        }))
    }

    async fn deliver(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let to = Mailbox::new(
            Some(mail.to_name.clone()),
            mail.to.parse().map_err(|_| {
                MailError(format!(
                    "\"{}\" is not an address mail can be sent to.",
                    mail.to
                ))
            })?,
        );
        let mut message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone());
        if let Some(reply_to) = mail.reply_to.as_deref().and_then(|r| r.parse().ok()) {
            message = message.reply_to(Mailbox::new(None, reply_to));
        }
        let built = if mail.attachments.is_empty() {
            message
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body.clone())
        } else {
            // multipart/mixed: the text first, then each file.
            let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(mail.body.clone()));
            for file in &mail.attachments {
                let content_type = ContentType::parse(&file.content_type).map_err(|e| {
                    MailError(format!("The attachment's type could not be read: {e}"))
                })?;
                parts = parts.singlepart(
                    Attachment::new(file.filename.clone()).body(file.content.clone(), content_type),
                );
            }
            message.multipart(parts)
        };
        let message =
            built.map_err(|e| MailError(format!("The message could not be built: {e}")))?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| {
            // The error names the server's reply, never the message body.
            tracing::warn!(error = %e, "SMTP delivery failed");
            MailError(if e.is_permanent() {
                "The mail server refused the message.".to_owned()
            } else {
                "The mail server could not be reached; try again later or send the link yourself."
                    .to_owned()
            })
        })
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(
        &'a self,
        mail: &'a OutgoingMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>> {
        Box::pin(self.deliver(mail))
    }
}

/// Checks an `--smtp-from` value ("Name <address>" or a bare address).
pub fn parse_mailbox(value: &str) -> Result<String, String> {
    value
        .parse::<Mailbox>()
        .map(|_| value.to_owned())
        .map_err(|e| format!("not a sender address: {e}"))
}

/// The settings reference checks run with. A mailer that cannot be built is
/// logged and left out, so recruiters are shown links to send instead.
pub fn reference_settings(config: &ReferenceConfig) -> ReferenceSettings {
    let mailer = match SmtpMailer::from_config(config) {
        Ok(mailer) => mailer.map(|m| Arc::new(m) as Arc<dyn Mailer>),
        Err(err) => {
            tracing::error!(error = %err, "SMTP is misconfigured; referee links will be shown to recruiters instead");
            None
        }
    };
    ReferenceSettings {
        expiry_days: config.reference_expiry_days,
        aggregate_threshold: usize::from(config.reference_threshold),
        referee_rate_per_minute: config.referee_rate_per_minute,
        public_url: config.public_url.clone(),
        mailer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_addresses_are_checked() {
        assert!(parse_mailbox("Hiring at Acme <hiring@acme.example>").is_ok());
        assert!(parse_mailbox("hiring@acme.example").is_ok());
        assert!(parse_mailbox("not an address").is_err());
    }

    #[test]
    fn no_host_means_no_mailer() {
        let settings = reference_settings(&ReferenceConfig::default());
        assert!(settings.mailer.is_none());
        assert_eq!((settings.expiry_days, settings.aggregate_threshold), (7, 2));
    }
}
