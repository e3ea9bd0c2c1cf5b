//! Adding referees field by field, rate limits on referee endpoints, and
//! invitations by mail.

use super::*;

#[tokio::test]
async fn referees_are_checked_field_by_field() {
    let fx = setup(&Backend::Sqlite, roomy()).await;
    let peer = |name: &str, email: &str, phone: &str, months_worked: u32| RefereeInput {
        relationship: Relationship::Peer,
        months_worked,
        ..referee_input(name, email, phone)
    };
    let cases = [
        ("no name", peer(" ", "a@b.example", "", 1), "name"),
        ("bad email", peer("A", "nope", "", 1), "email"),
        ("bad phone", peer("A", "a@b.example", "call me", 1), "phone"),
        (
            "too long",
            peer("A", "a@b.example", "", 601),
            "months_worked",
        ),
    ];
    for (case, input, field) in cases {
        let add = AddReferee {
            candidate_id: fx.candidate_id.clone(),
            input,
        };
        let res = fx.app.attempt(Some(&fx.recruiter), &add).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert_eq!(error_field(&res.text().await.unwrap()), field, "{case}");
    }
    let nobody = AddReferee {
        candidate_id: "nobody".into(),
        input: peer("A", "a@b.example", "", 1),
    };
    let unknown = fx.app.attempt(Some(&fx.recruiter), &nobody).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn referee_endpoints_are_rate_limited_per_address() {
    let fx = setup(
        &Backend::Sqlite,
        ReferenceConfig {
            referee_rate_per_minute: 3,
            ..ReferenceConfig::default()
        },
    )
    .await;
    let (_, token) = fx
        .invited("Rhea Stone", "rhea@acme.example", Relationship::Peer)
        .await;
    for _ in 0..3 {
        assert_eq!(fx.referee(load_form(&token)).await.status(), StatusCode::OK);
    }
    let limited = fx.referee(load_form(&token)).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers()["referrer-policy"], "no-referrer");
    let page = fx.app.get(&format!("/r/{token}"), None).await;
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// Undoes quoted-printable: soft line breaks and `=XX` escapes.
pub(crate) fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A minimal SMTP server that accepts every message and keeps its data.
pub(crate) async fn fake_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split(' ')
                        .next()
                        .unwrap_or_default()
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 fake\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn invitations_are_mailed_and_kept_in_the_outbox_when_smtp_is_set_up() {
    let (port, received) = fake_smtp().await;
    let fx = setup(
        &Backend::Sqlite,
        ReferenceConfig {
            smtp_host: Some("127.0.0.1".into()),
            smtp_port: port,
            smtp_security: SmtpSecurity::None,
            smtp_from: Some("Hiring at Acme <hiring@acme.example>".into()),
            public_url: Some("https://hire.acme.example".into()),
            ..roomy()
        },
    )
    .await;
    let id = fx
        .add_referee("Rhea Stone", "rhea@acme.example", Relationship::Peer)
        .await;
    let invite = fx.invite(&id).await;
    assert!(invite.emailed && invite.link.is_none(), "{invite:?}");
    let mails = received.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    let mail = &decode_quoted_printable(&mails[0]);
    assert!(
        mail.contains("To: \"Rhea Stone\" <rhea@acme.example>")
            || mail.contains("To: Rhea Stone <rhea@acme.example>"),
        "{mail}"
    );
    let at = mail
        .find("https://hire.acme.example/r/")
        .expect("the link in the mail");
    let token: String = mail[at + "https://hire.acme.example/r/".len()..]
        .chars()
        .take(64)
        .collect();
    assert_eq!(fx.form(&token).await.state, RefereeFormState::Open);

    let outbox = app::db::outbox::list_for_subject(&fx.app.db, DEFAULT_ORG, &id)
        .await
        .unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(
        (outbox[0].status.as_str(), outbox[0].recipient.as_str()),
        ("sent", "rhea@acme.example")
    );
    assert!(!outbox[0].body.contains(&token));
    assert!(fx.references(&fx.recruiter).await.mail_configured);
}
