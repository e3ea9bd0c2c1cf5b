//! The client's address behind reverse proxies.
//!
//! `X-Forwarded-For` and `Forwarded` are written by whoever sends the
//! request, so they are believed only from a connecting peer listed in
//! `--trusted-proxies`. From such a peer, the forwarding chain is read from
//! the right (the hop nearest to us) and the first address that is not a
//! trusted proxy is the client. Proxies append to `X-Forwarded-For`, so a
//! forged left part is never reached; `Forwarded` is read only when no
//! `X-Forwarded-For` came, because a proxy that writes one header does not
//! clean the other.

use app::state::ClientAddr;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[IpNet]>);

impl TrustedProxies {
    /// Trusts `nets`.
    pub fn new(nets: Vec<IpNet>) -> Self {
        Self(nets.into())
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request from `peer` with `headers`.
    pub fn client_addr(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        for hop in forwarding_chain(headers).into_iter().rev() {
            // An address we cannot read ends the walk at the last proxy.
            let Some(ip) = hop else {
                return client;
            };
            client = canonical(ip);
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// Resolves the request's [`ClientAddr`] once, for every handler after it.
pub async fn resolve_client_addr(
    State(proxies): State<TrustedProxies>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(peer) = peer {
        let client = proxies.client_addr(peer, req.headers());
        req.extensions_mut().insert(ClientAddr(client));
    }
    next.run(req).await
}

/// IPv4 addresses in IPv6 form (`::ffff:10.0.0.1`) as plain IPv4, so one
/// client has one address and IPv4 ranges match.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The forwarded-for hops, leftmost (the original client) first; `None`
/// for a hop that is not an address (`unknown`, an obfuscated name).
fn forwarding_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let xff: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if !xff.is_empty() {
        return xff
            .iter()
            .flat_map(|v| v.split(','))
            .map(|hop| parse_node(hop.trim()))
            .collect();
    }
    headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|element| {
            element
                .split(';')
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("for"))
                .and_then(|(_, v)| parse_node(v.trim().trim_matches('"')))
        })
        .collect()
}

/// `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:5678`.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    node.parse::<SocketAddr>().ok().map(|s| s.ip())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let proxies = TrustedProxies::new(vec![
            "10.0.0.0/8".parse().unwrap(),
            "::1/128".parse().unwrap(),
        ]);
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let cases = [
            (
                "untrusted peer's header is ignored",
                "203.0.113.9",
                vec![("x-forwarded-for", "198.51.100.1")],
                "203.0.113.9",
            ),
            (
                "trusted peer names the client",
                "10.0.0.2",
                vec![("x-forwarded-for", "198.51.100.1")],
                "198.51.100.1",
            ),
            (
                "a forged left part is not reached",
                "10.0.0.2",
                vec![("x-forwarded-for", "1.1.1.1, 198.51.100.1, 10.0.0.3")],
                "198.51.100.1",
            ),
            (
                "several header lines form one chain",
                "10.0.0.2",
                vec![
                    ("x-forwarded-for", "1.1.1.1"),
                    ("x-forwarded-for", "198.51.100.7"),
                ],
                "198.51.100.7",
            ),
            (
                "Forwarded with a port and IPv6",
                "::1",
                vec![(
                    "forwarded",
                    "for=1.1.1.1, for=\"[2001:db8::5]:443\";proto=https",
                )],
                "2001:db8::5",
            ),
            (
                "an unreadable hop stops at the last proxy",
                "10.0.0.2",
                vec![("x-forwarded-for", "198.51.100.1, unknown")],
                "10.0.0.2",
            ),
            (
                "a trusted peer without headers is the client",
                "10.0.0.2",
                vec![],
                "10.0.0.2",
            ),
            (
                "IPv4 in IPv6 form matches IPv4 ranges",
                "::ffff:10.0.0.2",
                vec![("x-forwarded-for", "198.51.100.1")],
                "198.51.100.1",
            ),
        ];
        for (name, peer, pairs, expected) in cases {
            assert_eq!(
                proxies.client_addr(ip(peer), &headers(&pairs)),
                ip(expected),
                "{name}"
            );
        }
    }

    #[test]
    fn nobody_is_trusted_by_default() {
        let h = headers(&[("x-forwarded-for", "198.51.100.1")]);
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(TrustedProxies::default().client_addr(peer, &h), peer);
    }
}
